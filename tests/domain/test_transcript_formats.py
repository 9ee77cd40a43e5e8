"""WebVTT, SRT, plain text and Podcasting 2.0 JSON from a Transcript: line rules, timings, shapes."""

from __future__ import annotations

import itertools
import json
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from showprep.domain.transcript import Transcript, TranscriptSegment, Word
from showprep.domain.transcript_formats import (
    SRT_LINE,
    SRT_LINES,
    VTT_LINE,
    iter_cues,
    render_podcast_json,
    render_srt,
    render_text,
    render_vtt,
)

LONG = (
    "Timothée Chalamet told the press on Friday that the third film would start shooting in the spring, "
    "and that the studio had already booked the desert locations for the whole summer."
)


def timed_segment(
    text: str, start: float, per_word: float = 0.4, speaker: str | None = None
) -> TranscriptSegment:
    words = tuple(
        Word(f" {token}", start + i * per_word, start + (i + 1) * per_word)
        for i, token in enumerate(text.split())
    )
    return TranscriptSegment(start, words[-1].end, text, words, speaker)


TRANSCRIPT = Transcript(
    segments=(
        timed_segment("Hello and welcome to the show.", 0.0),
        timed_segment(LONG, 3.0),
        timed_segment("Back after the break.", 3700.0),
    ),
    language="en",
)


def cue_blocks(text: str) -> list[list[str]]:
    return [block.splitlines() for block in text.strip().split("\n\n")]


def test_vtt_header_cues_and_line_lengths() -> None:
    vtt = render_vtt(TRANSCRIPT)
    blocks = cue_blocks(vtt)
    assert blocks[0] == ["WEBVTT"]
    assert blocks[1] == ["00:00:00.000 --> 00:00:02.400", "Hello and welcome to the show."]
    for block in blocks[1:]:
        assert re.fullmatch(r"\d\d+:\d\d:\d\d\.\d{3} --> \d\d+:\d\d:\d\d\.\d{3}", block[0])
        assert 1 <= len(block) - 1 <= 2
        assert all(len(line) <= VTT_LINE for line in block[1:])
    assert blocks[-1] == ["01:01:40.000 --> 01:01:41.600", "Back after the break."]


def test_srt_cards_are_numbered_and_at_most_two_lines_of_32() -> None:
    blocks = cue_blocks(render_srt(TRANSCRIPT))
    assert [block[0] for block in blocks] == [str(n) for n in range(1, len(blocks) + 1)]
    assert blocks[0][1] == "00:00:00,000 --> 00:00:02,400"
    for block in blocks:
        assert re.fullmatch(r"\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}", block[1])
        assert 1 <= len(block) - 2 <= SRT_LINES
        assert all(len(line) <= SRT_LINE for line in block[2:])
    assert blocks[-1][1:] == ["01:01:40,000 --> 01:01:41,600", "Back after the break."]


def test_a_long_segment_is_split_at_word_timings() -> None:
    cues = list(iter_cues(Transcript((timed_segment(LONG, 3.0),)), SRT_LINE, SRT_LINES))
    assert len(cues) >= 3
    assert " ".join(cue.text for cue in cues) == LONG
    words = TRANSCRIPT.segments[1].words
    starts = {w.start for w in words}
    ends = {w.end for w in words}
    for before, after in itertools.pairwise(cues):
        assert before.start in starts and before.end in ends
        assert before.end <= after.start
    # "spring," ends one cue well before the long sentence ends: cues follow the speech.
    assert cues[0].start == 3.0 and cues[-1].end == words[-1].end


def test_a_cue_ends_with_its_sentence() -> None:
    segment = timed_segment("It rained all day long in the north on Sunday. Then the sun came out.", 0.0)
    cues = list(iter_cues(Transcript((segment,)), 65, 2))
    assert [cue.text for cue in cues] == [
        "It rained all day long in the north on Sunday.",
        "Then the sun came out.",
    ]
    short = timed_segment("Yes. It rained all day.", 0.0)
    assert [cue.text for cue in iter_cues(Transcript((short,)), 65, 2)] == ["Yes. It rained all day."]


def test_segments_without_word_timings_are_spread_over_their_span() -> None:
    segment = TranscriptSegment(10.0, 30.0, LONG)
    cues = list(iter_cues(Transcript((segment,)), SRT_LINE, SRT_LINES))
    assert cues[0].start == 10.0 and abs(cues[-1].end - 30.0) < 1e-9
    assert all(a.end <= b.start for a, b in itertools.pairwise(cues))
    assert " ".join(c.text for c in cues) == LONG


def test_a_word_longer_than_a_line_is_broken_not_overflowed() -> None:
    url = "https://example.com/" + "a" * 80
    cues = list(iter_cues(Transcript((timed_segment(f"See {url} now", 0.0),)), SRT_LINE, SRT_LINES))
    assert all(len(line) <= SRT_LINE for cue in cues for line in cue.lines)
    assert all(len(cue.lines) <= SRT_LINES for cue in cues)
    assert "".join(cue.text.replace(" ", "") for cue in cues) == f"See{url}now"


def test_overlapping_engine_timings_never_give_overlapping_cues() -> None:
    first = TranscriptSegment(0.0, 5.0, "one two", (Word(" one", 0.0, 2.0), Word(" two", 2.0, 5.0)))
    second = TranscriptSegment(4.0, 6.0, "three", (Word(" three", 4.0, 6.0),))
    cues = list(iter_cues(Transcript((first, second)), 65, 2))
    assert [(c.start, c.end) for c in cues] == [(0.0, 5.0), (5.0, 6.0)]


def test_podcasting_json_transcript_shape() -> None:
    speakers = Transcript(
        (timed_segment("Hi, I am Ana.", 0.0, speaker="Ana"), timed_segment("And I am Ben.", 2.0))
    )
    document = json.loads(render_podcast_json(speakers))
    assert document == {
        "version": "1.0.0",
        "segments": [
            {"startTime": 0.0, "endTime": 1.6, "body": "Hi, I am Ana.", "speaker": "Ana"},
            {"startTime": 2.0, "endTime": 3.6, "body": "And I am Ben."},
        ],
    }
    long_doc = json.loads(render_podcast_json(TRANSCRIPT))
    times = [(s["startTime"], s["endTime"]) for s in long_doc["segments"]]
    assert times == sorted(times) and all(a <= b for a, b in times)
    assert " ".join(s["body"] for s in long_doc["segments"]) == TRANSCRIPT.text


def test_vtt_voice_tags_for_known_speakers() -> None:
    vtt = render_vtt(Transcript((timed_segment("Hi, I am Ana.", 0.0, speaker="Ana"),)))
    assert "<v Ana>Hi, I am Ana." in vtt


def test_plain_text_paragraphs_break_on_pauses_and_speakers() -> None:
    transcript = Transcript(
        (
            timed_segment("First thought.", 0.0),
            timed_segment("Same breath.", 1.0),
            timed_segment("After a pause.", 10.0),
            timed_segment("Someone else.", 12.0, speaker="Ben"),
        )
    )
    assert render_text(transcript) == "First thought. Same breath.\n\nAfter a pause.\n\nBen: Someone else.\n"


def test_empty_transcript_renders_empty_files() -> None:
    empty = Transcript(())
    assert render_vtt(empty) == "WEBVTT\n"
    assert render_srt(empty) == ""
    assert render_text(empty) == ""
    assert json.loads(render_podcast_json(empty)) == {"version": "1.0.0", "segments": []}


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.text(alphabet=st.characters(categories=("L", "N", "P")), min_size=1, max_size=40),
            st.floats(min_value=0, max_value=3, allow_nan=False),
        ),
        min_size=1,
        max_size=40,
    )
)
def test_any_words_fit_the_srt_rules_and_stay_in_order(tokens: list[tuple[str, float]]) -> None:
    at, words = 0.0, []
    for text, length in tokens:
        words.append(Word(f" {text}", at, at + length))
        at += length
    segment = TranscriptSegment(0.0, at, " ".join(t for t, _ in tokens), tuple(words))
    cues = list(iter_cues(Transcript((segment,)), SRT_LINE, SRT_LINES))
    assert all(
        1 <= len(c.lines) <= SRT_LINES and all(len(line) <= SRT_LINE for line in c.lines) for c in cues
    )
    assert all(c.start <= c.end for c in cues)
    assert all(a.end <= b.start + 1e-9 for a, b in itertools.pairwise(cues))
    assert "".join(c.text.replace(" ", "") for c in cues) == "".join(t for t, _ in tokens)
