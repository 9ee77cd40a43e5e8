"""Unplanned articles the hosts brought up anyway: by outlet name, or by several of their key words."""

from __future__ import annotations

import datetime as dt

from spoken import speak

from showprep.domain.episode import Episode, Segment
from showprep.domain.mentions import find_mentions, plan_words
from showprep.domain.sentences import split_sentences
from showprep.domain.source import Cite, Source

DRIVE_IN = Source(
    id="drive-in",
    url="https://heartlandscreens.example/starlight",
    title="Ohio's Starlight Drive-In Will Reopen After Fans Raise $300,000",
    publisher="Heartland Screens",
    cites=(Cite("Columbus Evening Post", "https://columbuseveningpost.example/x"),),
    text="The Starlight Drive-In near Zanesville, Ohio, will reopen next spring.",
)
PRICES = Source(
    id="prices",
    url="https://streamdigest.example/prices",
    title="Lumen Plus Raises Prices Again",
    publisher="Stream Digest",
    text="Lumen Plus is raising its prices. The Cobalt bundle saves less.",
)
PLAN = Episode(
    title="t",
    date=dt.date(2026, 11, 23),
    segments=(Segment("prices", "Streaming prices", (), 5, ("prices",)),),
)


def mentions(*lines: str, candidates: tuple[Source, ...] = (DRIVE_IN,)) -> list[tuple[str, float]]:
    spoken = speak(["Hello and welcome.", *lines])
    found = find_mentions(candidates, split_sentences(spoken.transcript), plan_words(PLAN, [PRICES]))
    return [(m.source_id, m.start) for m in found]


def test_key_words_within_two_sentences_make_a_mention() -> None:
    spoken = speak(["Hello and welcome.", "Sam, the drive-in story?", "Yes, it will reopen in the spring."])
    found = find_mentions([DRIVE_IN], split_sentences(spoken.transcript), plan_words(PLAN, [PRICES]))
    assert [(m.source_id, m.start, m.heard) for m in found] == [
        ("drive-in", spoken.starts[1], ("drive", "reopen"))
    ]


def test_naming_the_outlet_is_a_mention_even_misheard() -> None:
    assert mentions("I read it in the Columbus Evening Post.")[0][0] == "drive-in"
    assert mentions("Hartland Screens had the story.")[0][0] == "drive-in"


def test_one_key_word_is_not_a_mention() -> None:
    assert mentions("I love a drive-in.", "Anyway, moving on.", "Next week more films.") == []


def test_words_the_plan_uses_do_not_count() -> None:
    """Talking about the planned prices segment does not make another prices article "mentioned"."""
    other = Source(
        id="other", url="https://x.example/o", title="Lumen Plus Prices Explained", text="Lumen Plus prices."
    )
    assert mentions("Lumen Plus raised its prices.", "Lumen Plus again.", candidates=(other,)) == []
