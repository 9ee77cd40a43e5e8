"""What was said and when: the transcript of a recording, and the chapters found in it."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Word:
    """One recognised word with its timing."""

    text: str
    """The word as the engine wrote it, including its leading space and punctuation."""
    start: float
    """Start time in seconds from the beginning of the recording."""
    end: float
    """End time in seconds."""
    probability: float | None = None
    """The engine's confidence in the word, 0..1, when it reports one."""


@dataclass(frozen=True)
class TranscriptSegment:
    """A stretch of speech the engine decoded as one unit (roughly a sentence or phrase)."""

    start: float
    """Start time in seconds."""
    end: float
    """End time in seconds."""
    text: str
    """The segment's text, stripped."""
    words: tuple[Word, ...] = ()
    """Word-level timings, when the engine produced them."""
    speaker: str | None = None
    """Speaker label, when known."""


@dataclass(frozen=True)
class Transcript:
    """The full transcript of one recording, with what produced it."""

    segments: tuple[TranscriptSegment, ...]
    """Speech segments in time order."""
    language: str | None = None
    """Language the engine used or detected."""
    model: str = ""
    """Model name or path."""
    engine: str = ""
    """"whisper" or "faster-whisper"."""
    audio: str | None = None
    """Path of the transcribed audio, as stored in the episode."""
    audio_sha256: str | None = None
    """Hash of the audio file, to tell whether the transcript is still current."""
    duration: float = 0.0
    """Length of the audio in seconds."""
    settings: Mapping[str, Any] = field(default_factory=dict)
    """Decoding settings used, for reproducibility."""

    def words(self) -> Iterator[Word]:
        """Every word in order."""
        for segment in self.segments:
            yield from segment.words

    @property
    def text(self) -> str:
        """The whole transcript as one string."""
        return " ".join(s.text for s in self.segments if s.text)


@dataclass(frozen=True)
class Chapter:
    """A navigable point in the published episode."""

    start: float
    """Start time in seconds; the first chapter starts at 0."""
    title: str
    """Chapter title (the segment's title, or "Intro")."""
    url: str | None = None
    """Link for the chapter: the segment's main source."""
    image: str | None = None
    """Image for the chapter: the main source's lead image."""
    segment_id: str | None = None
    """The planned segment this chapter covers; None for an intro."""
    toc: bool = True
    """Whether players list the chapter in their table of contents."""
