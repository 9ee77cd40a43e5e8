"""`showprep notes`: align the plan with the transcript and write everything in `publish/`.

One call does the whole publishing step for the CLI and the terminal UI alike and returns what they
show: the files, the segments the recording never covered, and the platform rule warnings. Problems
with one input (an unreadable article, a missing transcript) are reported and the rest is still
written; hand-edited files in `publish/` are spared unless forced.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from showprep.adapters.errors import StoreError
from showprep.adapters.generated_files import GeneratedFiles, WriteReport
from showprep.adapters.store import EpisodeStore
from showprep.adapters.templates import render_show_notes
from showprep.domain.alignment import Alignment, align
from showprep.domain.chapter_formats import check_apple, check_youtube, render_chapters_json
from showprep.domain.episode import Episode
from showprep.domain.mentions import find_mentions, plan_words
from showprep.domain.outline import build_rundown, render_rundown
from showprep.domain.sentences import split_sentences
from showprep.domain.show_notes import build_show_notes, render_youtube_description
from showprep.domain.source import Source
from showprep.domain.transcript import Chapter, Transcript
from showprep.services.transcribe import PUBLISHED_TRANSCRIPTS, write_transcript_files

SHOW_NOTES = "show-notes.md"
CHAPTERS = "chapters.json"
YOUTUBE = "youtube.txt"
RUNDOWN = "rundown.md"


@dataclass(frozen=True)
class NotesResult:
    """What `write_notes` did and what the user should hear about."""

    folder: Path
    show_notes: str
    """The show notes text, as written (or as it would have been, if the file was spared)."""
    files: WriteReport
    template: Path
    alignment: Alignment | None = None
    problems: list[str] = field(default_factory=list)
    """Inputs that could not be used; each one line naming the file and the reason."""
    coverage_warnings: list[str] = field(default_factory=list)
    chapter_warnings: list[str] = field(default_factory=list)
    """YouTube and Apple Podcasts chapter rules the chapters break."""

    @property
    def chapters(self) -> tuple[Chapter, ...]:
        return self.alignment.chapters if self.alignment else ()

    @property
    def complete(self) -> bool:
        """True when every input was usable and every file now holds what was generated."""
        return not self.problems and not self.files.kept

    def warnings(self) -> list[str]:
        """Every line for stderr or a notification, most serious first."""
        return [*self.problems, *self.files.warnings(), *self.coverage_warnings, *self.chapter_warnings]


def _missing_sources(episode: Episode, sources: dict[str, Source], folder: Path) -> list[str]:
    return [
        f"{folder / 'episode.md'}: segment {segment.id!r} names source {source_id!r}, "
        f"but sources/{source_id}.md is missing or unreadable"
        for segment in episode.segments
        for source_id in segment.sources
        if source_id not in sources
    ]


def _transcript(store: EpisodeStore, folder: Path, problems: list[str]) -> Transcript | None:
    if not store.has_transcript(folder):
        problems.append(
            f"{store.transcript_path(folder)}: no transcript yet, so no chapters; "
            "run `showprep transcribe` first (notes follow the plan meanwhile)"
        )
        return None
    try:
        return store.load_transcript(folder)
    except StoreError as exc:
        problems.append(str(exc))
        return None


def write_notes(store: EpisodeStore, folder: Path, *, force: bool = False) -> NotesResult:
    """Write show-notes.md, chapters.json, youtube.txt, rundown.md and missing transcript files."""
    episode = store.load_episode(folder)
    sources, errors = store.load_sources(folder)
    problems = [str(e) for e in errors] + _missing_sources(episode, sources, folder)
    transcript = _transcript(store, folder, problems)

    sentences = split_sentences(transcript) if transcript else []
    alignment = align(episode, sources, transcript, sentences=sentences) if transcript else None
    assigned = episode.assigned_source_ids()
    unplanned = [s for sid, s in sorted(sources.items()) if sid not in assigned]
    elsewhere = plan_words(episode, (s for sid, s in sources.items() if sid in assigned))
    mentions = find_mentions(unplanned, sentences, elsewhere)
    notes = build_show_notes(episode, sources, alignment, mentions)
    text, template = render_show_notes(notes, folder, store.root)

    chapters = alignment.chapters if alignment else ()
    files = {
        SHOW_NOTES: text,
        YOUTUBE: render_youtube_description(notes, chapters),
        RUNDOWN: render_rundown(build_rundown(episode, sources, alignment.coverage if alignment else None)),
    }
    if alignment:
        files[CHAPTERS] = render_chapters_json(chapters, episode.title)
    publish = GeneratedFiles(store.publish_dir(folder))
    report = publish.write(files, force=force)
    chapter_warnings: list[str] = []
    if transcript is not None:
        if any(not (publish.folder / name).is_file() for name in PUBLISHED_TRANSCRIPTS):
            extra = write_transcript_files(store, folder, transcript, only_missing=True)
            report.written += extra.written
        duration = transcript.duration or (transcript.segments[-1].end if transcript.segments else None)
        chapter_warnings = check_youtube(chapters, duration) + check_apple(chapters)
    return NotesResult(
        folder=folder,
        show_notes=text,
        files=report,
        template=template,
        alignment=alignment,
        problems=problems,
        coverage_warnings=alignment.coverage.warnings() if alignment else [],
        chapter_warnings=chapter_warnings,
    )
