"""Cleaning an extracted body: the story stays, the furniture around it goes."""

from __future__ import annotations

import pytest

from showprep.domain.article_text import clean_body, count_words, is_furniture

STORY = "Mara Okonkwo has left the sequel less than a month before cameras were due to roll."


@pytest.mark.parametrize(
    "line",
    [
        "Image via Northlight Pictures",
        "Images via Getty",
        "Photo: Kestrel Studios",
        "*Photo by Ana Lima/Northlight*",
        "Image credit: Northlight Pictures",
        "(Photo by Ana Lima)",
        "Share this post",
        "Share on Facebook",
        "Like this story? Share it with your friends!",
        "Click to share on X (Opens in new window)",
        "Sign up for our daily newsletter and get the biggest movie news in your inbox.",
        "We use cookies to improve your experience on our site.",
        "Accept all cookies",
        "Related Posts",
        "You may also like",
        "Read more: The ten best lighthouse films",
        "Leave a Reply",
        "3 Comments",
        "Please enable JavaScript.",
        "Advertisement",
        "About the author",
        "SOURCE: The Morning Ledger",
        "This article originally appeared on Frame by Frame.",
    ],
)
def test_furniture_lines(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        STORY,
        "Photos of the set leaked online last week, showing the cruise ship.",
        "He did not share with reporters what the deal was worth.",
        "More stories are expected when the studio reports its results.",
        "The source of the leak has not been found.",
        "Share prices fell 4% after the announcement, and analysts expect further falls this week "
        "as the studio counts the cost of the delay and the lost weekend at the box office.",
    ],
)
def test_story_lines_stay(line: str) -> None:
    assert not is_furniture(line)


def test_clean_body_drops_repeated_headline_byline_dateline_and_furniture() -> None:
    body = "\n".join(
        [
            "# Director Walks Away From the Sequel",
            "",
            "– by Theo Brandt",
            "November 18, 2026",
            "",
            STORY,
            "",
            "Image via Northlight Pictures",
            "",
            "",
            "The studio said it remains committed to the sequel.",
            "",
            "SOURCE: The Morning Ledger",
            "",
        ]
    )
    assert clean_body(body, "Director Walks Away From the Sequel") == (
        f"{STORY}\n\nThe studio said it remains committed to the sequel.\n"
    )


def test_clean_body_keeps_a_date_or_byline_inside_the_story() -> None:
    body = f"{STORY}\n\nNovember 18, 2026\n\nBy Theo Brandt\n"
    assert clean_body(body, "Title") == body


def test_count_words_ignores_markdown_marks() -> None:
    assert count_words("## A heading\n\n- one *two* three\n\n| --- |\n") == 5
    assert count_words("") == 0
