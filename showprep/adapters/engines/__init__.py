"""Speech-to-text engines behind one interface, each returning the domain's TranscriptSegments.

- `whisper` (the default): openai-whisper on torch, tuned for CPU speed (see `openai_engine`).
- `faster-whisper`: the same weights on CTranslate2, int8 on CPU (see `faster_engine`).

Each engine module imports its heavy libraries inside functions, so importing this package (as the
command line does for `--help`) loads neither torch nor CTranslate2.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar

import numpy as np
import numpy.typing as npt

from showprep.domain.transcript import TranscriptSegment, Word

ENGINE_NAMES = ("whisper", "faster-whisper")
DEFAULT_ENGINE = "whisper"

Loaded = TypeVar("Loaded")


class EngineError(Exception):
    """An engine cannot be chosen or run as asked; str() is one line for the user."""


@dataclass
class Decoded:
    """What an engine made of one stretch of audio: the language, and segments as they come."""

    language: str
    segments: Iterator[TranscriptSegment]
    """Segments in time order, times in seconds from the start of the stretch; produced lazily
    where the engine can, so callers can report progress and stop between segments."""


def spanning_segment(start: float, end: float, text: str, words: tuple[Word, ...]) -> TranscriptSegment:
    """A segment whose span covers its words: engines sometimes end a segment before its last word's
    aligned end, and the cue writers rely on words lying inside their segment."""
    if words:
        start, end = min(start, words[0].start), max(end, words[-1].end)
    return TranscriptSegment(start, end, text.strip(), words)


def load_in_background(name: str, load: Callable[..., Loaded], *args: Any) -> Future[Loaded]:
    """`load(*args)` run on a thread of its own, named `name`, which ends once it returns: engines
    load their models this way while the caller reads the audio."""
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
    loading = pool.submit(load, *args)
    pool.shutdown(wait=False)
    return loading


class Engine(Protocol):
    """A loaded model that turns 16 kHz mono float32 samples into segments."""

    name: str
    """"whisper" or "faster-whisper"."""
    model_name: str
    """The model as the user named it (or the default's name)."""
    chunk_seconds: float
    """Audio handed to `decode` at once. It bounds memory; and for an engine that hands over its
    segments only when a call ends, it is also how often progress can be reported."""

    def settings(self) -> Mapping[str, Any]:
        """The decoding settings, recorded in transcript.json for reproducibility."""
        ...

    def decode(self, samples: npt.NDArray[np.float32], language: str | None, prompt: str | None) -> Decoded:
        """Transcribe one stretch of audio; `language` None lets the engine detect it."""
        ...


def load_engine(
    name: str, model: str | None = None, *, cache_dir: Path | None = None, allow_download: bool = True
) -> Engine:
    """Load `model` (None = the offline default) into the engine called `name`."""
    if name == "whisper":
        from showprep.adapters.engines.openai_engine import load_openai_whisper

        return load_openai_whisper(model, cache_dir=cache_dir, allow_download=allow_download)
    if name == "faster-whisper":
        from showprep.adapters.engines.faster_engine import load_faster_whisper

        return load_faster_whisper(model, allow_download=allow_download)
    raise EngineError(f"unknown engine {name!r}; choose one of: {', '.join(ENGINE_NAMES)}")
