"""Alignment of a plan with transcripts whose truth is known: reordered, skipped, long intro, noisy."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from spoken import speak

from showprep.domain.alignment import align
from showprep.domain.episode import Episode, Segment
from showprep.domain.source import Cite, Source
from showprep.domain.transcript import Transcript, TranscriptSegment

SOURCES = {
    "lumen": Source(
        id="lumen",
        url="https://streamdigest.example/lumen-plus-prices",
        title="Lumen Plus Raises Prices Again; Ad-Free Plan Now $17.99 a Month",
        publisher="Stream Digest",
        authors=("Marcus Bell",),
        image="https://streamdigest.example/lumen.png",
        cites=(Cite("Harbor Business Journal", "https://harborbusiness.example/lumen"),),
        text=(
            "Lumen Plus is raising its prices for the second time in twelve months. The ad-free plan "
            "will cost $17.99 a month. The Cobalt bundle, which combines Lumen Plus with Cobalt TV, "
            "goes up too, so the bundle saves less. Subscribers can switch to an annual plan."
        ),
    ),
    "orchard": Source(
        id="orchard",
        url="https://screenscoop.example/hollow-orchard",
        final_url="https://screenscoop.example/2026/hollow-orchard",
        title="'The Hollow Orchard' Scares Up $41 Million, Beating Two Franchise Sequels",
        publisher="Screen Scoop",
        image="https://screenscoop.example/orchard.jpg",
        text=(
            "The Hollow Orchard, a horror film, topped the weekend box office. Galaxy Rangers 3 fell to "
            "second place and Turbo Heist 2 opened in third. Tracking firm Marquee Analytics had "
            "projected twenty million. Director Ines Okafor shot it on a farm. Lantern Pictures "
            "promised 45 days in cinemas, a long theatrical window."
        ),
    ),
    "cedar": Source(
        id="cedar",
        url="https://festivalbeat.example/cedar-falls",
        title="Cedar Falls Film Festival Surprises With an All-Debut Lineup",
        publisher="Festival Beat",
        text=(
            "The Cedar Falls Film Festival announced its competition lineup, and every film is a debut. "
            "Festival director Harriet Lindqvist called it a bet. It opens with The Keeper of Gull Rock, "
            "a documentary about a lighthouse keeper."
        ),
    ),
    "starlight": Source(
        id="starlight",
        url="https://heartlandscreens.example/starlight",
        title="Ohio's Starlight Drive-In Will Reopen After Fans Raise $300,000",
        publisher="Heartland Screens",
        text=(
            "The Starlight Drive-In near Zanesville, Ohio, will reopen next spring after fans raised "
            "money for a digital projector. A cooperative of local families will show double features."
        ),
    ),
}

SEGMENTS = {
    "prices": Segment(
        "prices", "Streamers raise their prices again", ("Which plans went up",), 5, ("lumen",)
    ),
    "box-office": Segment(
        "box-office", "The weekend box office", ("A horror film beat two sequels",), 6, ("orchard",)
    ),
    "festival": Segment("festival", "Festival season news", ("The surprise lineup",), 4, ("cedar",)),
    "drive-in": Segment("drive-in", "The drive-in comeback", (), 3, ("starlight",)),
}

TALK = {
    "prices": [
        "Let's talk about streaming, because my bill went up again.",
        "Lumen Plus is raising its prices, the second time this year.",
        "The ad free plan is now seventeen ninety nine a month.",
        "And the Cobalt bundle barely saves you anything any more.",
        "I might switch to the annual plan before the price goes up.",
        "Honestly I keep paying for things I never watch.",
    ],
    "box-office": [
        "Now, the weekend box office, which was a real surprise.",
        "A small horror film called The Hollow Orchard made forty one million dollars.",
        "It beat Galaxy Rangers Three and Turbo Heist Two.",
        "Marquee Analytics had it tracking at about twenty million.",
        "The director Ines Okafor shot it on a farm in twenty four days.",
        "And it stays in cinemas for forty five days, which is a proper theatrical window.",
    ],
    "festival": [
        "Festival news now, and Cedar Falls announced its lineup.",
        "Every film in competition is a debut feature.",
        "The festival director Harriet Lindqvist called it a bet on new people.",
        "It opens with a documentary about a lighthouse keeper, The Keeper of Gull Rock.",
        "I would love to go to Cedar Falls one year.",
    ],
    "drive-in": [
        "One more thing, the drive-in story.",
        "The Starlight drive-in in Ohio is going to reopen next spring.",
        "Fans raised the money for a digital projector.",
        "Local families will run it and show double features on weekends.",
    ],
}

CHAT = [
    "Hello and welcome back to the show, I'm Jo.",
    "And I'm Sam, and it has been a very busy week for us.",
    "Before anything else, thank you to everyone who wrote in last week.",
    "We read every message, even the grumpy ones.",
    "My neighbour's dog kept me up all night, so forgive me if I ramble.",
    "Let's get going.",
]


def episode(*segment_ids: str) -> Episode:
    return Episode(
        title="Test show", date=dt.date(2026, 11, 23), segments=tuple(SEGMENTS[s] for s in segment_ids)
    )


def recording(*parts: str | list[str]) -> tuple[list[str], dict[str, int]]:
    """Lines of a recording made of topics (by id) and literal line lists, and where each topic starts."""
    lines: list[str] = []
    first: dict[str, int] = {}
    for part in parts:
        if isinstance(part, str):
            first[part] = len(lines)
            lines.extend(TALK[part])
        else:
            lines.extend(part)
    return lines, first


def chapter_map(chapters: tuple) -> list[tuple[str | None, float]]:
    return [(c.segment_id, c.start) for c in chapters]


def test_segments_recorded_in_another_order_get_chapters_in_recorded_order() -> None:
    lines, first = recording(CHAT[:4], "festival", "prices", "box-office")
    spoken = speak(lines)
    result = align(episode("prices", "box-office", "festival"), SOURCES, spoken.transcript)
    assert chapter_map(result.chapters) == [
        (None, 0.0),
        ("festival", spoken.starts[first["festival"]]),
        ("prices", spoken.starts[first["prices"]]),
        ("box-office", spoken.starts[first["box-office"]]),
    ]
    assert result.chapters[0].title == "Intro"
    assert result.coverage.reordered


def test_a_skipped_segment_gets_no_chapter_and_is_reported() -> None:
    lines, _first = recording(CHAT[:3], "box-office", "drive-in")
    spoken = speak(lines)
    result = align(episode("prices", "box-office", "festival", "drive-in"), SOURCES, spoken.transcript)
    assert [c.segment_id for c in result.chapters] == [None, "box-office", "drive-in"]
    assert [e.segment_id for e in result.coverage.not_covered] == ["prices", "festival"]
    assert result.coverage.warnings() == [
        "segment 'Streamers raise their prices again' (prices) was not found in the recording; "
        "it gets no chapter",
        "segment 'Festival season news' (festival) was not found in the recording; it gets no chapter",
    ]


def test_a_long_intro_becomes_an_intro_chapter() -> None:
    lines, first = recording(CHAT * 3, "prices", "box-office")
    spoken = speak(lines)
    result = align(episode("prices", "box-office"), SOURCES, spoken.transcript)
    assert chapter_map(result.chapters) == [
        (None, 0.0),
        ("prices", spoken.starts[first["prices"]]),
        ("box-office", spoken.starts[first["box-office"]]),
    ]
    assert spoken.starts[first["prices"]] > 60


def test_a_short_opening_joins_the_first_chapter_at_zero() -> None:
    lines, first = recording(CHAT[5:], "box-office", "prices")
    spoken = speak(lines)
    result = align(episode("prices", "box-office"), SOURCES, spoken.transcript)
    assert chapter_map(result.chapters) == [("box-office", 0.0), ("prices", spoken.starts[first["prices"]])]
    assert result.chapters[0].title == "The weekend box office"


def test_an_intro_that_previews_every_topic_does_not_start_them() -> None:
    preview = [
        "Today, streaming prices, a surprise at the box office and a drive-in in Ohio.",
        "But first, some listener mail.",
        *CHAT[2:5],
    ]
    lines, first = recording(preview, "prices", "box-office", "drive-in")
    spoken = speak(lines)
    result = align(episode("prices", "box-office", "drive-in"), SOURCES, spoken.transcript)
    assert chapter_map(result.chapters) == [
        (None, 0.0),
        ("prices", spoken.starts[first["prices"]]),
        ("box-office", spoken.starts[first["box-office"]]),
        ("drive-in", spoken.starts[first["drive-in"]]),
    ]


def test_a_passing_mention_of_a_skipped_segment_is_not_coverage() -> None:
    outro = ["That's all for this week.", "The festival news will have to wait until next time.", "Bye now."]
    lines, _first = recording(CHAT[:3], "prices", "box-office", outro)
    result = align(episode("prices", "box-office", "festival"), SOURCES, speak(lines).transcript)
    assert [e.segment_id for e in result.coverage.not_covered] == ["festival"]


NOISY = {
    "Lumen Plus": "Lumin Plus",
    "Marquee Analytics": "Marquis Analytic",
    "Hollow Orchard": "Hollow Orchid",
    "Ines Okafor": "Denise O'Caffer",
    "Galaxy Rangers": "Galaxie Rangers",
    "Cedar Falls": "Cedar Fall's",
    "Lindqvist": "Lindquist",
    "Starlight": "Star light",
}


def mangle(lines: list[str]) -> list[str]:
    noisy = []
    for line in lines:
        for right, wrong in NOISY.items():
            line = line.replace(right, wrong)
        noisy.append(line.lower().replace(",", ""))
    return noisy


def test_misheard_names_and_lost_punctuation_are_forgiven() -> None:
    lines, _first = recording(CHAT[:4], "box-office", "festival", "prices")
    spoken = speak(mangle(lines))
    result = align(episode("prices", "box-office", "festival"), SOURCES, spoken.transcript)
    assert [c.segment_id for c in result.chapters] == [None, "box-office", "festival", "prices"]
    for chapter in result.chapters[1:]:
        assert chapter.start in spoken.starts


def test_misheard_name_alone_still_points_to_its_segment() -> None:
    """ "Marquis Analytics" for "Marquee Analytics": the fuzzy match carries the evidence."""
    talk = [
        "Marquis Analytics says the horror hit was tracking at twenty million.",
        "Marquis Analytics now says word of mouth did it.",
        "The Hollow Orchid made forty one million dollars.",
    ]
    lines, first = recording(CHAT[:4], "prices", talk)
    spoken = speak(lines)
    result = align(episode("prices", "box-office"), SOURCES, spoken.transcript)
    assert chapter_map(result.chapters)[-1] == (
        "box-office",
        spoken.starts[first["prices"] + len(TALK["prices"])],
    )


def test_one_segment_episode() -> None:
    lines, first = recording(CHAT[:4], "box-office")
    spoken = speak(lines)
    result = align(episode("box-office"), SOURCES, spoken.transcript)
    assert chapter_map(result.chapters) == [(None, 0.0), ("box-office", spoken.starts[first["box-office"]])]
    entry = result.coverage.of("box-office")
    assert entry is not None and entry.end == pytest.approx(spoken.transcript.segments[-1].words[-1].end)


def test_segments_without_sources_are_found_by_title_and_points() -> None:
    mail = Segment("mail", "Listener mail", ("Priya's letter about subtitles", "Subtitles on every trailer"))
    talk = [
        "Time for listener mail.",
        "Priya wrote a long letter about subtitles.",
        "She wants subtitles on every trailer, and I agree.",
        "Great letter, Priya, thank you.",
    ]
    lines, first = recording(CHAT[:4], "prices", talk, "box-office")
    spoken = speak(lines)
    plan = Episode(
        title="t", date=dt.date(2026, 1, 1), segments=(SEGMENTS["prices"], mail, SEGMENTS["box-office"])
    )
    result = align(plan, SOURCES, spoken.transcript)
    mail_start = spoken.starts[first["prices"] + len(TALK["prices"])]
    assert chapter_map(result.chapters) == [
        (None, 0.0),
        ("prices", spoken.starts[first["prices"]]),
        ("mail", mail_start),
        ("box-office", spoken.starts[first["box-office"]]),
    ]
    assert result.chapters[2].url is None and result.chapters[2].image is None


def test_chapters_carry_the_main_source_link_and_image() -> None:
    lines, _ = recording(CHAT[:4], "box-office", "prices")
    result = align(episode("prices", "box-office"), SOURCES, speak(lines).transcript)
    by_segment = {c.segment_id: c for c in result.chapters}
    assert by_segment["box-office"].url == "https://screenscoop.example/2026/hollow-orchard"
    assert by_segment["box-office"].image == "https://screenscoop.example/orchard.jpg"
    assert by_segment["prices"].title == "Streamers raise their prices again"
    assert by_segment["prices"].url == "https://streamdigest.example/lumen-plus-prices"


def test_chapters_start_where_a_sentence_starts_even_inside_a_segment() -> None:
    """Engines cut speech mid-sentence; a chapter may only begin after a full stop."""
    lines, _first = recording(CHAT[:4], "prices", "box-office")
    joined = " ".join(lines)
    spoken = speak([joined[i : i + 50] for i in range(0, len(joined), 50)])
    words = [w for s in spoken.transcript.segments for w in s.words]
    sentence_starts = {words[0].start} | {
        b.start for a, b in itertools.pairwise(words) if a.text.rstrip().endswith((".", "?", "!"))
    }
    result = align(episode("prices", "box-office"), SOURCES, spoken.transcript)
    assert [c.segment_id for c in result.chapters] == [None, "prices", "box-office"]
    assert {c.start for c in result.chapters} <= sentence_starts


def test_transcripts_without_word_timings_use_segment_starts() -> None:
    lines, first = recording(CHAT[:4], "festival", "prices")
    spoken = speak(lines, with_words=False)
    result = align(episode("prices", "festival"), SOURCES, spoken.transcript)
    assert chapter_map(result.chapters) == [
        (None, 0.0),
        ("festival", spoken.starts[first["festival"]]),
        ("prices", spoken.starts[first["prices"]]),
    ]


def test_nothing_to_align() -> None:
    empty = Transcript(segments=())
    result = align(episode("prices"), SOURCES, empty)
    assert result.chapters == ()
    assert [e.segment_id for e in result.coverage.not_covered] == ["prices"]
    silent = Transcript(segments=(TranscriptSegment(0.0, 5.0, ""),))
    assert align(Episode(title="t", date=dt.date(2026, 1, 1)), SOURCES, silent).chapters == ()


def test_a_recording_about_none_of_the_plan_covers_nothing() -> None:
    spoken = speak(CHAT * 4)
    result = align(episode("prices", "box-office", "festival"), SOURCES, spoken.transcript)
    assert result.chapters == ()
    assert len(result.coverage.not_covered) == 3


def test_a_segment_discussed_twice_keeps_one_chapter() -> None:
    back_to_prices = ["Oh, and back to Lumen Plus for a second: the Cobalt bundle price is silly."]
    lines, first = recording(CHAT[:3], "prices", "box-office", back_to_prices, "festival")
    spoken = speak(lines)
    result = align(episode("prices", "box-office", "festival"), SOURCES, spoken.transcript)
    ids = [c.segment_id for c in result.chapters]
    assert ids == [None, "prices", "box-office", "festival"]
    assert result.chapters[1].start == spoken.starts[first["prices"]]
