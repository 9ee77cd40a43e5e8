"""Credits for where a story came from: SOURCE lines, via, originally appeared on, canonical elsewhere."""

from __future__ import annotations

import pytest

from showprep.domain.provenance import Link, Passage, cites_in_passage, find_cites, is_provenance_line
from showprep.domain.source import Cite

PAGE = "https://reelbuzz.example/2026/11/story"


def test_source_line_with_its_link() -> None:
    passage = Passage(
        "SOURCE: The Morning Ledger", (Link("The Morning Ledger", "https://ledger.example/film/x"),)
    )
    assert cites_in_passage(passage) == [Cite("The Morning Ledger", "https://ledger.example/film/x")]


@pytest.mark.parametrize(
    ("text", "cites"),
    [
        ("Source: Daily Courier", [Cite("Daily Courier")]),
        ("Sources: Daily Courier, The Box Report", [Cite("Daily Courier"), Cite("The Box Report")]),
        ("Via: Screen Ledger", [Cite("Screen Ledger")]),
        ("via The Hollywood Courier", [Cite("The Hollywood Courier")]),
        ("H/T Film Wire", [Cite("Film Wire")]),
        (
            "She will play a sea captain in the new season (via The Screen Ledger).",
            [Cite("The Screen Ledger")],
        ),
        (
            "This article originally appeared on Frame by Frame and is republished with permission.",
            [Cite("Frame by Frame")],
        ),
        ("This story was first published by Vulture Weekly, a sister site.", [Cite("Vulture Weekly")]),
        ("Reprinted with permission from The Ledger Review.", [Cite("The Ledger Review")]),
        ("Line one of a caption\nSOURCE: Daily Courier", [Cite("Daily Courier")]),
    ],
)
def test_provenance_lines(text: str, cites: list[Cite]) -> None:
    assert cites_in_passage(Passage(text)) == cites


@pytest.mark.parametrize(
    "text",
    [
        "The studio sent the news via email on Tuesday.",
        "Image via Northlight Pictures",
        "The source of the leak has not been found.",
        "She said the film first appeared in her dreams.",
        "(via email)",
    ],
)
def test_ordinary_prose_credits_nobody(text: str) -> None:
    assert cites_in_passage(Passage(text)) == []


def test_aside_prefers_the_linked_name() -> None:
    passage = Passage(
        "Rupert Ashdown joins the cast (via The Screen Ledger).",
        (
            Link("Rupert Ashdown", "https://popcorn.example/people/ra"),
            Link("The Screen Ledger", "https://sl.example/x"),
        ),
    )
    assert cites_in_passage(passage) == [Cite("The Screen Ledger", "https://sl.example/x")]


def test_canonical_elsewhere_is_credited_once_by_the_name_a_line_gives() -> None:
    canonical = "https://framebyframe.example/news/lost-kite"
    named = [Passage("This article originally appeared on Frame by Frame.")]
    assert find_cites(named, PAGE, canonical) == (Cite("Frame by Frame", canonical),)
    linked = [Passage("Originally appeared on Frame by Frame", (Link("Frame by Frame", canonical),))]
    assert find_cites(linked, PAGE, canonical) == (Cite("Frame by Frame", canonical),)
    assert find_cites([], PAGE, canonical) == (Cite("framebyframe.example", canonical),)


def test_canonical_on_the_same_site_is_no_credit_and_repeats_are_dropped() -> None:
    assert find_cites([], PAGE, "https://www.reelbuzz.example/canonical") == ()
    twice = [Passage("SOURCE: Daily Courier"), Passage("Source: daily courier")]
    assert find_cites(twice, PAGE) == (Cite("Daily Courier"),)


def test_provenance_lines_are_recognised_for_removal_from_the_body() -> None:
    assert is_provenance_line("SOURCE: Daily Courier")
    assert is_provenance_line("This article originally appeared on Frame by Frame.")
    assert not is_provenance_line("The source of the leak has not been found.")
