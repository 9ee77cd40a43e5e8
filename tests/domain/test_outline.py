"""The rundown: planned and back-timed times, points, credits, key sentences, coverage."""

from __future__ import annotations

import datetime as dt

from showprep.domain.coverage import CoverageReport, SegmentCoverage
from showprep.domain.episode import Episode, Segment
from showprep.domain.outline import article_sentences, build_rundown, key_sentences, render_rundown
from showprep.domain.source import Cite, Source

LEAD = (
    "The Hollow Orchard, a horror film made for six million dollars, took the top spot at the weekend box "
    "office with $41 million."
)
TRACKING = "Tracking firm Marquee Analytics had projected an opening of around $20 million for the film."
SHOOT = "Director Ines Okafor shot The Hollow Orchard in 24 days on a farm in upstate New York."
ORCHARD = Source(
    id="orchard",
    url="https://screenscoop.example/orchard",
    title="'The Hollow Orchard' Scares Up $41 Million",
    authors=("Dana Whitlock",),
    publisher="Screen Scoop",
    published=dt.date(2026, 11, 22),
    cites=(Cite("The Hollywood Courier", "https://hollywoodcourier.example/orchard"),),
    text=(
        "Nobody saw this one coming.\n\n"
        "*The Hollow Orchard*, a horror film made for six million dollars, took the top spot at the weekend "
        "box office with $41 million.\n\n"
        "The weather was mild across most of the country on Saturday and Sunday this time.\n\n"
        f"{TRACKING} "
        "Popcorn sales were also said to be fine, according to people who sell popcorn for a living.\n\n"
        f"{SHOOT}"
    ),
)
PRICES = Source(
    id="prices",
    url="https://streamdigest.example/prices",
    final_url="https://streamdigest.example/news/prices",
    title="Lumen Plus Raises Prices Again",
    publisher="Stream Digest",
    text="Lumen Plus is raising its prices for the second time in twelve months, to $17.99 a month.",
)
EPISODE = Episode(
    title="Reel Talk #42",
    date=dt.date(2026, 11, 23),
    segments=(
        Segment("box-office", "The weekend box office", ("A horror film beat two sequels",), 6, ("orchard",)),
        Segment("streaming", "Streamers raise their prices", (), 4.5, ("prices", "gone")),
        Segment("mail", "Listener mail", ("Priya's letter",), None),
        Segment("close", "Goodbye", (), 1),
    ),
)


def test_article_sentences_drop_markdown() -> None:
    assert article_sentences("# Head\n\n*Big* news. A [link](https://x.example) here!\n\n- item one") == [
        "Head",
        "Big news.",
        "A link here!",
        "item one",
    ]


def test_key_sentences_are_the_ones_naming_the_story_in_article_order() -> None:
    assert key_sentences(ORCHARD) == (LEAD, TRACKING, SHOOT)
    assert key_sentences(ORCHARD, 2)[0].startswith("The Hollow Orchard, a horror film")


def test_running_and_back_times_follow_the_planned_minutes() -> None:
    rundown = build_rundown(EPISODE, {"orchard": ORCHARD, "prices": PRICES})
    assert rundown.planned_seconds == 11.5 * 60
    assert [(r.starts_at, r.time_left) for r in rundown.segments] == [
        (0.0, 690.0),
        (360.0, 330.0),
        (630.0, 60.0),
        (None, None),
    ], "after a segment without a planned length, start times are unknown"


def test_rendered_rundown() -> None:
    coverage = CoverageReport(
        (
            SegmentCoverage("box-office", "The weekend box office", 54.4, 110.0, 40.0),
            SegmentCoverage("streaming", "Streamers raise their prices", 23.0, 54.4, 30.0),
            SegmentCoverage("mail", "Listener mail"),
            SegmentCoverage("close", "Goodbye"),
        )
    )
    spare = Source(
        id="spare", url="https://x.example/spare", title="A spare story", status="HTTP 404 Not Found"
    )
    text = render_rundown(
        build_rundown(EPISODE, {"orchard": ORCHARD, "prices": PRICES, "spare": spare}, coverage)
    )
    assert text == (
        "# Rundown: Reel Talk #42\n"
        "\n"
        "2026-11-23 · 4 segments · 11:30 planned\n"
        "\n"
        "## 1. The weekend box office\n"
        "\n"
        "planned 6 min · starts at 0:00 · back-time 11:30\n"
        "Recorded at 0:54 for 0:55.\n"
        "\n"
        "Talking points:\n"
        "- A horror film beat two sequels\n"
        "\n"
        "Sources:\n"
        "- **'The Hollow Orchard' Scares Up $41 Million** — Screen Scoop — Dana Whitlock — 2026-11-22\n"
        "  - https://screenscoop.example/orchard\n"
        "  - Originally reported by The Hollywood Courier: https://hollywoodcourier.example/orchard\n"
        f"  > {LEAD}\n"
        f"  > {TRACKING}\n"
        f"  > {SHOOT}\n"
        "\n"
        "## 2. Streamers raise their prices\n"
        "\n"
        "planned 4.5 min · starts at 6:00 · back-time 5:30\n"
        "Recorded at 0:23 for 0:31.\n"
        "\n"
        "Sources:\n"
        "- **Lumen Plus Raises Prices Again** — Stream Digest\n"
        "  - https://streamdigest.example/news/prices\n"
        "  > Lumen Plus is raising its prices for the second time in twelve months, to $17.99 a month.\n"
        "- `gone`: missing (no readable file sources/gone.md)\n"
        "\n"
        "## 3. Listener mail\n"
        "\n"
        "no length planned · starts at 10:30 · back-time 1:00\n"
        "**Not covered in the recording.**\n"
        "\n"
        "Talking points:\n"
        "- Priya's letter\n"
        "\n"
        "## 4. Goodbye\n"
        "\n"
        "planned 1 min\n"
        "**Not covered in the recording.**\n"
        "\n"
        "## Not covered in the recording\n"
        "\n"
        "- Listener mail (`mail`)\n"
        "- Goodbye (`close`)\n"
        "\n"
        "## Sources not in any segment\n"
        "\n"
        "- **A spare story**\n"
        "  - last fetch failed: HTTP 404 Not Found\n"
        "  - https://x.example/spare\n"
    )


def test_rundown_without_a_recording_says_nothing_about_coverage() -> None:
    text = render_rundown(build_rundown(EPISODE, {"orchard": ORCHARD, "prices": PRICES}))
    assert "Recorded at" not in text
    assert "Not covered" not in text
