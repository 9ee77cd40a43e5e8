"""A transcript cut into sentences: the places where a chapter may begin.

A chapter that starts mid-sentence sounds wrong when a listener jumps to it, so the alignment only ever
starts chapters where a sentence starts. Engines differ in how they cut speech into segments; with
word timings a sentence can end inside a segment, without them only at a segment's end. A transcript
without punctuation still gets units: a run of speech is closed at a segment end once it is long.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from showprep.domain.terms import tokens
from showprep.domain.transcript import Transcript

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")

LONGEST_UNPUNCTUATED = 20.0
"""Seconds after which a sentence is closed at the next segment end even without a full stop."""


@dataclass(frozen=True)
class Sentence:
    """One sentence of the transcript with its timing and the words that can carry meaning."""

    start: float
    end: float
    text: str
    terms: tuple[str, ...]
    """Stemmed non-stopwords, in order (see `terms.tokens`)."""

    @property
    def duration(self) -> float:
        return max(0.0, self.end - self.start)


def _pieces(transcript: Transcript) -> list[tuple[float, float, str, bool]]:
    """(start, end, text, closes_segment) for every word, or every segment that has no words."""
    pieces: list[tuple[float, float, str, bool]] = []
    for segment in transcript.segments:
        if segment.words:
            last = len(segment.words) - 1
            pieces.extend((w.start, w.end, w.text, i == last) for i, w in enumerate(segment.words))
        elif segment.text.strip():
            pieces.append((segment.start, segment.end, segment.text, True))
    return pieces


def split_sentences(transcript: Transcript) -> list[Sentence]:
    """The transcript's sentences in time order."""
    sentences: list[Sentence] = []
    parts: list[str] = []
    start = end = 0.0
    for piece_start, piece_end, text, closes_segment in _pieces(transcript):
        if not parts:
            start = piece_start
        parts.append(text)
        end = max(end, piece_end)
        stripped = text.strip()
        if _SENTENCE_END.search(stripped) or (closes_segment and end - start >= LONGEST_UNPUNCTUATED):
            sentences.append(_sentence(start, end, parts))
            parts = []
    if parts:
        sentences.append(_sentence(start, end, parts))
    return sentences


def _sentence(start: float, end: float, parts: list[str]) -> Sentence:
    text = " ".join("".join(p if p[:1].isspace() else f" {p}" for p in parts).split())
    return Sentence(start=start, end=end, text=text, terms=tuple(tokens(text)))
