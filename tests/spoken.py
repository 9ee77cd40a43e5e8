"""Transcripts with known truth, built from lines of speech, for the alignment and notes tests.

Each line becomes one transcript segment with word timings at a steady speaking rate, so a test knows
exactly when every line starts.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from showprep.domain.transcript import Transcript, TranscriptSegment, Word

DEMO_TRUTH = Path(__file__).resolve().parent / "demo_recording" / "truth.json"
SECONDS_PER_WORD = 0.36
PAUSE = 0.4


@dataclass(frozen=True)
class Spoken:
    transcript: Transcript
    starts: tuple[float, ...]
    """Start of each line, in the order given."""


def speak(lines: Sequence[str], *, start: float = 0.0, with_words: bool = True) -> Spoken:
    """A transcript of `lines` spoken one after the other, each as one segment."""
    segments = []
    starts = []
    clock = start
    for line in lines:
        words = []
        for n, text in enumerate(line.split()):
            begin = clock + n * SECONDS_PER_WORD
            words.append(
                Word(text=f" {text}", start=round(begin, 3), end=round(begin + SECONDS_PER_WORD * 0.9, 3))
            )
        end = round(clock + len(words) * SECONDS_PER_WORD, 3)
        starts.append(round(clock, 3))
        segments.append(
            TranscriptSegment(
                start=round(clock, 3), end=end, text=line, words=tuple(words) if with_words else ()
            )
        )
        clock = end + PAUSE
    return Spoken(Transcript(tuple(segments), language="en", duration=clock), tuple(starts))


def demo_truth() -> Any:
    """When each line of the sample recording starts and where its chapters really are."""
    return json.loads(DEMO_TRUTH.read_text(encoding="utf-8"))


def script_transcript() -> Transcript:
    """What a perfect recogniser would make of the sample recording: its script, with the true times."""
    truth = demo_truth()
    lines = truth["lines"]
    ends = [line["start"] for line in lines[1:]] + [truth["duration"]]
    segments = tuple(
        TranscriptSegment(start=line["start"], end=end - 0.4, text=line["text"], speaker=line["speaker"])
        for line, end in zip(lines, ends, strict=True)
    )
    return Transcript(segments, language="en", model="script", engine="test", duration=truth["duration"])
