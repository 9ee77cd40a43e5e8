"""`outline --auto`: unassigned sources grouped into readable topic segments; placed ones never move."""

from __future__ import annotations

import datetime as dt

from showprep.domain.episode import Episode, Segment
from showprep.domain.grouping import auto_group, group_sources, topic_title
from showprep.domain.source import Cite, Source


def article(source_id: str, title: str, text: str, publisher: str = "Screen Scoop", **more: object) -> Source:
    return Source(
        id=source_id,
        url=f"https://x.example/{source_id}",
        title=title,
        publisher=publisher,
        text=text,
        **more,
    )  # type: ignore[arg-type]


LUMEN_PRICES = article(
    "lumen-prices",
    "Lumen Plus Raises Prices Again",
    "Lumen Plus is raising its prices. The ad-free plan on Lumen Plus costs more, and the Cobalt bundle "
    "saves less. Subscribers of Lumen Plus were told by email.",
    publisher="Stream Digest",
)
LUMEN_SPORTS = article(
    "lumen-sports",
    "Why Lumen Plus Wants Live Sports",
    "Lumen Plus signed a deal for live football. The streamer says sports keep subscribers. Analysts at "
    "Harbor Business Journal doubt that Lumen Plus can afford it.",
    publisher="Harbor Business Journal",
)
ORCHARD = article(
    "orchard",
    "'The Hollow Orchard' Scares Up $41 Million",
    "The Hollow Orchard topped the box office. Director Ines Okafor made it for six million dollars. "
    "Marquee Analytics expected less.",
)
OKAFOR = article(
    "okafor",
    "Ines Okafor on Making a Hit for Six Million Dollars",
    "In an interview, Ines Okafor talks about shooting The Hollow Orchard on a farm, and about what "
    "comes next after the box office surprise.",
    publisher="Festival Beat",
    cites=(Cite("The Hollywood Courier"),),
)
DRIVE_IN = article(
    "drive-in",
    "Ohio's Starlight Drive-In Will Reopen After Fans Raise $300,000",
    "The Starlight Drive-In near Zanesville, Ohio, will reopen next spring. Fans raised the money for "
    "a digital projector.",
    publisher="Heartland Screens",
)
ALL = [LUMEN_PRICES, LUMEN_SPORTS, ORCHARD, OKAFOR, DRIVE_IN]


def test_articles_about_the_same_people_and_titles_group_together() -> None:
    topics = group_sources(ALL, ALL)
    groups = sorted(sorted(t.source_ids) for t in topics)
    assert groups == [["drive-in"], ["lumen-prices", "lumen-sports"], ["okafor", "orchard"]]


def test_topics_get_readable_titles_from_shared_names() -> None:
    titles = {frozenset(t.source_ids): t.title for t in group_sources(ALL, ALL)}
    assert titles[frozenset({"lumen-prices", "lumen-sports"})] == "Lumen Plus"
    assert titles[frozenset({"okafor", "orchard"})] in {"Ines Okafor", "Hollow Orchard"}
    assert titles[frozenset({"drive-in"})] == "Ohio's Starlight Drive-In"


def test_a_headline_without_names_gives_its_first_clause() -> None:
    plain = article(
        "plain", "Cinemas are getting quieter: what the numbers say", "ticket sales fell again this autumn."
    )
    assert topic_title([plain]) == "Cinemas are getting quieter"


def test_placed_sources_never_move_and_new_segments_are_appended() -> None:
    sources = {s.id: s for s in ALL}
    placed = Segment("streaming", "Streaming", ("Prices",), 5, ("lumen-prices",))
    plan = Episode(title="t", date=dt.date(2026, 11, 23), segments=(placed,))
    grouped, added = auto_group(plan, sources)
    assert grouped.segments[0] == placed
    assert [s.sources for s in added] == [s.sources for s in grouped.segments[1:]]
    assigned = [sid for s in added for sid in s.sources]
    assert sorted(assigned) == ["drive-in", "lumen-sports", "okafor", "orchard"]
    assert len({s.id for s in grouped.segments}) == len(grouped.segments)


def test_nothing_to_group() -> None:
    sources = {s.id: s for s in ALL}
    everything = Segment("all", "All", sources=tuple(sources))
    plan = Episode(title="t", date=dt.date(2026, 11, 23), segments=(everything,))
    assert auto_group(plan, sources) == (plan, [])


def test_failed_fetches_stay_unassigned() -> None:
    broken = Source(id="broken", url="https://x.example/404", status="HTTP 404 Not Found")
    plan = Episode(title="t", date=dt.date(2026, 11, 23))
    _, added = auto_group(plan, {"broken": broken, "drive-in": DRIVE_IN})
    assert [s.sources for s in added] == [("drive-in",)]
