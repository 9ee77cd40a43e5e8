"""`showprep demo`: the whole flow on the bundled sample episode, offline, in a scratch copy.

The sample (`episodes/2026-11-23-reel-talk-42`: four articles, a plan of three segments and a short
two-voice recording) is copied to a fresh temporary folder, so the demo never touches the user's
episodes and can run any number of times; it is transcribed with the bundled offline model, and the
show notes are written there.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from showprep.adapters.engines import Engine
from showprep.adapters.errors import StoreError
from showprep.adapters.store import PUBLISH_DIR, TRANSCRIPT_FILE, EpisodeStore
from showprep.domain.transcript import Transcript
from showprep.services.notes import NotesResult, write_notes
from showprep.services.transcribe import transcribe_episode

SAMPLE_NAME = "2026-11-23-reel-talk-42"
DEMO_ENGINE = "faster-whisper"
"""The bundled model is a CTranslate2 checkpoint: faster-whisper runs it as is, several times faster on a
CPU than openai-whisper, which keeps the demo to seconds."""
SAMPLE_EPISODE = Path(__file__).resolve().parents[2] / "episodes" / SAMPLE_NAME
"""The sample episode in the source tree (showprep is installed from it, editable, by `make demo`)."""


@dataclass(frozen=True)
class DemoResult:
    folder: Path
    """The scratch copy of the sample episode."""
    transcript: Transcript
    notes: NotesResult

    @property
    def publish_dir(self) -> Path:
        return self.folder / PUBLISH_DIR


def copy_sample(scratch: Path, sample: Path = SAMPLE_EPISODE) -> Path:
    """Copy the sample episode under `scratch/episodes/`, without any earlier transcript or notes."""
    if not (sample / "episode.md").is_file():
        raise StoreError(
            sample, "the sample episode is missing; run the demo from a showprep source checkout"
        )
    target = scratch / "episodes" / sample.name
    shutil.copytree(sample, target, ignore=shutil.ignore_patterns(PUBLISH_DIR, TRANSCRIPT_FILE, "*.bak"))
    return target


def run_demo(
    scratch: Path | None = None,
    *,
    sample: Path = SAMPLE_EPISODE,
    engine: str | Engine = DEMO_ENGINE,
    on_progress: Callable[[float, float], None] | None = None,
) -> DemoResult:
    """Copy, transcribe with the bundled offline model and write the notes.

    `scratch` defaults to a new temporary folder, kept afterwards so the user can open the files;
    `engine` may be an engine already loaded, to share one model between several runs.
    """
    root = scratch if scratch is not None else Path(tempfile.mkdtemp(prefix="showprep-demo-"))
    folder = copy_sample(root, sample)
    store = EpisodeStore(folder.parent)
    transcript = transcribe_episode(store, folder, engine=engine, on_progress=on_progress)
    return DemoResult(folder, transcript, write_notes(store, folder))
