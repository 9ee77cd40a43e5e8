"""Bylines as readers see them, and author fields as sites fill them."""

from __future__ import annotations

import pytest

from showprep.domain.bylines import clean_authors, parse_byline


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("– by Theo Brandt", ("Theo Brandt",)),
        ("- By Theo Brandt", ("Theo Brandt",)),
        ("By Devika Raman | November 16, 2026", ("Devika Raman",)),
        ("BY DEVIKA RAMAN", ("DEVIKA RAMAN",)),
        ("By Gwen Park, November 20, 2026", ("Gwen Park",)),
        ("By Gwen Park on Nov. 20, 2026 at 2:45 pm", ("Gwen Park",)),
        ("By Gwen Park 3 November 2026", ("Gwen Park",)),
        ("By Gwen Park • Updated 2 hours ago", ("Gwen Park",)),
        ("Written by Peter Lund and Sara Ek", ("Peter Lund", "Sara Ek")),
        ("By Ana Lima, Jo Reyes & Kim Tran", ("Ana Lima", "Jo Reyes", "Kim Tran")),
        ("By Jane Doe, Senior Writer", ("Jane Doe",)),
        ("By Ludwig van Beethoven", ("Ludwig van Beethoven",)),
        ("By Mary-Kate O'Neil", ("Mary-Kate O'Neil",)),
        ("Story by: Amélie Durand", ("Amélie Durand",)),
    ],
)
def test_bylines_give_their_names(line: str, names: tuple[str, ...]) -> None:
    assert parse_byline(line) == names


@pytest.mark.parametrize(
    "line",
    [
        "By the end of the year the studio will have released four films.",
        "by and large the reviews were kind",
        "Directed by Mara Okonkwo, the film cost eight million dollars.",
        "Theo Brandt",
        "By admin",
        "By https://social.example/theo",
        "",
        "By " + "Very Long Name " * 20,
    ],
)
def test_prose_and_accounts_are_not_bylines(line: str) -> None:
    assert parse_byline(line) == ()


def test_clean_authors_unwraps_bylines_splits_lists_and_drops_accounts() -> None:
    assert clean_authors(["– By Theo Brandt"]) == ("Theo Brandt",)
    assert clean_authors(["Lucia Fernández; Omar Haddad"]) == ("Lucia Fernández", "Omar Haddad")
    assert clean_authors(["admin", "https://social.example/x", "Harriet Cole", "harriet cole"]) == (
        "Harriet Cole",
    )
