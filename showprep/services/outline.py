"""`showprep outline`: the rundown printed and written to `publish/rundown.md`, optionally after
grouping the unassigned articles into new segments (`--auto`).

When the episode has a transcript, the rundown also says where each segment ran and which were never
covered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from showprep.adapters.errors import StoreError
from showprep.adapters.generated_files import GeneratedFiles, WriteReport
from showprep.adapters.store import EpisodeStore
from showprep.domain.alignment import align
from showprep.domain.coverage import CoverageReport
from showprep.domain.episode import Segment
from showprep.domain.grouping import auto_group
from showprep.domain.outline import build_rundown, render_rundown

RUNDOWN = "rundown.md"


@dataclass(frozen=True)
class OutlineResult:
    text: str
    """The rundown as markdown."""
    files: WriteReport
    added: list[Segment] = field(default_factory=list)
    """Segments `--auto` created, each with the sources it grouped."""
    problems: list[str] = field(default_factory=list)
    coverage: CoverageReport | None = None

    def warnings(self) -> list[str]:
        return [*self.problems, *self.files.warnings()]


def make_outline(
    store: EpisodeStore, folder: Path, *, auto: bool = False, force: bool = False
) -> OutlineResult:
    """Build, save and return the rundown; with `auto`, group unassigned sources into segments first."""
    episode = store.load_episode(folder)
    sources, errors = store.load_sources(folder)
    problems = [str(e) for e in errors]
    added: list[Segment] = []
    if auto:
        grouped, added = auto_group(episode, sources)
        if added:
            store.save_episode(folder, grouped)
            episode = grouped
    coverage = None
    if store.has_transcript(folder):
        try:
            coverage = align(episode, sources, store.load_transcript(folder)).coverage
        except StoreError as exc:
            problems.append(str(exc))
    text = render_rundown(build_rundown(episode, sources, coverage))
    report = GeneratedFiles(store.publish_dir(folder)).write({RUNDOWN: text}, force=force)
    return OutlineResult(text, report, added, problems, coverage)
