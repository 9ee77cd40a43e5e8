"""Long recordings fed to an engine a few minutes at a time, in bounded memory, with progress and
cancellation.

Whisper engines compute the spectrogram of everything they are given at once, which for a 90-minute
file is over a gigabyte. So the audio goes in chunks of a few minutes (each engine says how long at
most; see `even_chunks`). A
chunk's last segment may be cut off at the chunk's end in mid-word, so segments that end near the edge
are dropped and their audio carried into the next chunk, which starts in the pause before them. Times
are shifted by each chunk's offset, so the caller sees one recording.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from showprep.adapters.audio import SAMPLE_RATE
from showprep.adapters.engines import Engine
from showprep.domain.transcript import TranscriptSegment, Word

EDGE_GUARD = 2.0
"""A segment ending closer than this to the end of a chunk may be cut short; it is decoded again."""
MAX_CARRY = 30.0
"""Most audio carried into the next chunk (and never more than half a chunk), so every chunk moves
well forward."""

Progress = Callable[[float, float], None]
"""Called with (seconds of audio done, seconds in total)."""


class Cancelled(Exception):
    """The caller asked to stop; nothing was written."""

    def __str__(self) -> str:
        return "transcription cancelled"


@dataclass(frozen=True)
class StreamResult:
    """The whole recording's segments, the language used, and how much audio there was."""

    segments: tuple[TranscriptSegment, ...]
    language: str | None
    duration: float


def _shift(segment: TranscriptSegment, offset: float) -> TranscriptSegment:
    return replace(
        segment,
        start=segment.start + offset,
        end=segment.end + offset,
        words=tuple(Word(w.text, w.start + offset, w.end + offset, w.probability) for w in segment.words),
    )


class _Chunker:
    def __init__(
        self,
        engine: Engine,
        language: str | None,
        prompt: str | None,
        total: float,
        on_progress: Progress | None,
        cancel: threading.Event | None,
    ) -> None:
        self.engine = engine
        self.language = language
        self.prompt = prompt
        self.total = total
        self.on_progress = on_progress
        self.cancel = cancel
        self.segments: list[TranscriptSegment] = []
        self.offset = 0
        """Samples before the current buffer."""

    def check_cancel(self) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise Cancelled

    def report(self, done_samples: int) -> None:
        if self.on_progress is not None:
            done = done_samples / SAMPLE_RATE
            self.total = max(self.total, done)
            self.on_progress(done, self.total)

    def process(self, samples: npt.NDArray[np.float32], final: bool) -> int:
        """Decode `samples` (starting at `self.offset`); returns how many samples are done with."""
        seconds = samples.size / SAMPLE_RATE
        offset = self.offset / SAMPLE_RATE
        decoded = self.engine.decode(samples, self.language, self.prompt)
        self.language = self.language or decoded.language or None
        limit = seconds - EDGE_GUARD
        kept: list[TranscriptSegment] = []
        dropped: TranscriptSegment | None = None
        for segment in decoded.segments:
            self.check_cancel()
            if not final and segment.end > limit:
                dropped = segment
                break
            kept.append(segment)
            self.segments.append(_shift(segment, offset))
            self.report(self.offset + round(segment.end * SAMPLE_RATE))
        if final:
            return samples.size
        if kept:
            cut = kept[-1].end
            if dropped is not None and dropped.start > cut:
                cut = (cut + dropped.start) / 2
        else:
            cut = dropped.start if dropped is not None else limit
        # However the segments fell, the next chunk starts well past this one's start.
        cut = min(max(cut, seconds - min(MAX_CARRY, seconds / 2)), seconds)
        return round(cut * SAMPLE_RATE)


def even_chunks(remaining: float, longest: float) -> float:
    """The length of the next chunk: the `remaining` seconds shared out evenly in chunks of at most
    `longest`, or the whole of them if they fit in one.

    A recording a little longer than one chunk then goes in two halves rather than a full chunk and
    a short remainder: engines decode a chunk's speech in batches, and a remainder's small batch
    takes nearly as long as a full one. Since audio at a chunk's edge is carried into the next,
    the share is worked out afresh for each chunk.
    """
    if remaining <= longest:
        return longest
    return remaining / math.ceil(remaining / longest)


def transcribe_stream(
    engine: Engine,
    blocks: Iterable[npt.NDArray[np.float32]],
    *,
    total_seconds: float,
    language: str | None = None,
    prompt: str | None = None,
    on_progress: Progress | None = None,
    cancel: threading.Event | None = None,
    chunk_seconds: float | None = None,
) -> StreamResult:
    """Transcribe a recording given as consecutive blocks of 16 kHz mono samples.

    The language found in the first chunk is kept for the rest, so a multilingual model does not
    switch languages mid-episode. Raises Cancelled as soon as `cancel` is set (checked between
    blocks and between segments).
    """
    chunker = _Chunker(engine, language, prompt, total_seconds, on_progress, cancel)
    chunker.report(0)
    longest = chunk_seconds or engine.chunk_seconds

    def chunk_size() -> int:
        return round(even_chunks(total_seconds - chunker.offset / SAMPLE_RATE, longest) * SAMPLE_RATE)

    buffer = np.zeros(0, dtype=np.float32)
    for block in blocks:
        chunker.check_cancel()
        buffer = np.concatenate([buffer, block])
        while buffer.size >= (size := chunk_size()):
            used = chunker.process(buffer[:size], final=False)
            buffer = buffer[used:]
            chunker.offset += used
            chunker.report(chunker.offset)
    chunker.check_cancel()
    if buffer.size:
        chunker.process(buffer, final=True)
    duration = (chunker.offset + buffer.size) / SAMPLE_RATE
    chunker.report(chunker.offset + buffer.size)
    return StreamResult(tuple(chunker.segments), chunker.language, duration)
