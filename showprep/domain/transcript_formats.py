"""A Transcript rendered as the files podcast apps and video sites read: WebVTT, SRT, plain text and the
Podcasting 2.0 JSON transcript.

As in openai-whisper's writers, SRT and WebVTT share one iterator of cues (start, end, text), and
only the layout differs. Cues are cut from the words' own timings, so a long segment becomes several
cues that each fit the format's line rules and still appear when their words are spoken.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from showprep.domain.timecode import srt_timestamp, vtt_timestamp
from showprep.domain.transcript import Transcript, TranscriptSegment, Word

VTT_LINE = 65
"""Longest WebVTT line, in characters."""
VTT_LINES = 2
"""Most lines in one WebVTT cue."""
SRT_LINE = 32
"""Longest SRT line, in characters."""
SRT_LINES = 2
"""Most lines on one SRT card."""
PARAGRAPH_PAUSE = 2.0
"""Seconds of silence between segments that start a new paragraph in the plain-text transcript."""
SENTENCE_ENDS = (".", "?", "!", "…")
"""A cue holding at least half a line of text ends at the end of a sentence rather than run past it."""
P20_TRANSCRIPT_VERSION = "1.0.0"


@dataclass(frozen=True)
class Cue:
    """One timed caption: its lines already wrapped to the format's width."""

    start: float
    end: float
    lines: tuple[str, ...]
    speaker: str | None = None

    @property
    def text(self) -> str:
        """The cue's words on one line."""
        return " ".join(self.lines)


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False)


def _words_of(segment: TranscriptSegment) -> Sequence[Word]:
    """The segment's words; without engine timings, its text spread over its span by length."""
    if segment.words:
        return segment.words
    tokens = segment.text.split()
    total = sum(len(t) + 1 for t in tokens) or 1
    span = max(0.0, segment.end - segment.start)
    words, at = [], segment.start
    for token in tokens:
        length = span * (len(token) + 1) / total
        words.append(Word(f" {token}", at, at + length))
        at += length
    return words


def _cues_of_segment(segment: TranscriptSegment, width: int, max_lines: int) -> Iterator[Cue]:
    group: list[Word] = []

    def fits(words: list[Word]) -> bool:
        return len(_wrap(_join(words), width)) <= max_lines

    def emit(words: list[Word]) -> Iterator[Cue]:
        lines = _wrap(_join(words), width)
        start, end = words[0].start, max(words[0].start, words[-1].end)
        # A single word too long for one cue is shown in turns over its own span.
        pages = [lines[i : i + max_lines] for i in range(0, len(lines), max_lines)]
        step = (end - start) / len(pages)
        for n, page in enumerate(pages):
            yield Cue(start + n * step, start + (n + 1) * step, tuple(page), segment.speaker)

    for word in _words_of(segment):
        if not word.text.strip():
            continue
        sentence_ended = bool(group) and group[-1].text.rstrip().endswith(SENTENCE_ENDS)
        if group and (not fits([*group, word]) or (sentence_ended and len(_join(group)) >= width // 2)):
            yield from emit(group)
            group = []
        group.append(word)
    if group:
        yield from emit(group)


def _join(words: Sequence[Word]) -> str:
    return " ".join(w.text.strip() for w in words if w.text.strip())


def iter_cues(transcript: Transcript, width: int, max_lines: int) -> Iterator[Cue]:
    """Cues of at most `max_lines` lines of at most `width` characters, in time order, never overlapping.

    A segment always starts a new cue, so a cue never runs across a pause the engine heard.
    """
    previous_end = 0.0
    for segment in transcript.segments:
        for cue in _cues_of_segment(segment, width, max_lines):
            start = max(cue.start, previous_end)
            end = max(cue.end, start)
            previous_end = end
            yield Cue(start, end, cue.lines, cue.speaker)


def render_vtt(transcript: Transcript) -> str:
    """WebVTT with lines of at most 65 characters; speakers, when known, as voice tags."""
    parts = ["WEBVTT\n"]
    for cue in iter_cues(transcript, VTT_LINE, VTT_LINES):
        lines = list(cue.lines)
        if cue.speaker:
            lines[0] = f"<v {cue.speaker}>{lines[0]}"
        parts.append(f"{vtt_timestamp(cue.start)} --> {vtt_timestamp(cue.end)}\n" + "\n".join(lines) + "\n")
    return "\n".join(parts)


def render_srt(transcript: Transcript) -> str:
    """SubRip cards of at most 2 lines of at most 32 characters, numbered from 1."""
    cards = [
        f"{n}\n{srt_timestamp(cue.start)} --> {srt_timestamp(cue.end)}\n" + "\n".join(cue.lines) + "\n"
        for n, cue in enumerate(iter_cues(transcript, SRT_LINE, SRT_LINES), start=1)
    ]
    return "\n".join(cards)


def render_text(transcript: Transcript) -> str:
    """Readable prose: segments run together, a new paragraph after a long pause or a new speaker."""
    paragraphs: list[tuple[str | None, list[str]]] = []
    previous: TranscriptSegment | None = None
    for segment in transcript.segments:
        if not segment.text:
            continue
        if (
            previous is None
            or segment.speaker != previous.speaker
            or segment.start - previous.end >= PARAGRAPH_PAUSE
        ):
            paragraphs.append((segment.speaker, []))
        paragraphs[-1][1].append(segment.text)
        previous = segment
    return "\n".join(
        (f"{speaker}: " if speaker else "") + " ".join(texts) + "\n" for speaker, texts in paragraphs
    )


def render_podcast_json(transcript: Transcript) -> str:
    """Podcasting 2.0 JSON transcript 1.0.0: one entry per WebVTT-sized cue, times in seconds."""
    segments = []
    for cue in iter_cues(transcript, VTT_LINE, VTT_LINES):
        entry: dict[str, object] = {
            "startTime": round(cue.start, 3),
            "endTime": round(cue.end, 3),
            "body": cue.text,
        }
        if cue.speaker:
            entry["speaker"] = cue.speaker
        segments.append(entry)
    document = {"version": P20_TRANSCRIPT_VERSION, "segments": segments}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"
