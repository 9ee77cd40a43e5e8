"""Reading who wrote an article from the byline a reader sees ("– by Name", "By Name | November 16, 2026").

Metadata often names the wrong people (a site account, a profile URL, "Staff"); the visible byline is
what the show notes should credit. These functions accept a line only when it reads like a byline and
every name in it looks like a person's or a desk's name, so ordinary prose that happens to start with
"By" is not mistaken for one.
"""

from __future__ import annotations

import re

MAX_BYLINE_CHARS = 160
MAX_NAME_WORDS = 5

BYLINE = re.compile(
    r"^[\s\-–—•|:]*(?:(?:written|words|story|reporting|posted|article)\s+)?by\s*:?\s+(?P<names>.+)$",
    re.IGNORECASE,
)

_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
BYLINE_TAIL = re.compile(
    r"\s*(?:[|•·/]|\s[-–—]\s|,?\s+(?:on|at|published|updated|posted)\b"
    rf"|,?\s+(?:{_MONTHS})\.?\s+\d|,\s*\d|\s+\d{{1,2}}\s+(?:{_MONTHS})\b|\s+\d).*$",
    re.IGNORECASE,
)
"""Where the names end: a separator, or the date or time that follows them."""

NAME_SEPARATORS = re.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b)\s*", re.IGNORECASE)

NAME_PARTICLES = frozenset(
    {"de", "da", "del", "della", "der", "den", "di", "do", "dos", "du", "la", "le", "van", "von", "bin", "al"}
)
"""Lower-case words that belong inside names ("Ludwig van Beethoven")."""

ROLE_WORDS = frozenset(
    {"writer", "editor", "reporter", "correspondent", "contributor", "critic", "columnist", "staff", "desk"}
)
"""Last words of a job title that follows a name in a byline ("Jane Doe, Senior Writer")."""

NOT_NAMES = frozenset({"admin", "administrator", "editor", "user", "guest", "unknown", "null", "none"})
"""Account names sites put in author fields that credit nobody."""


def _looks_like_name(name: str) -> bool:
    words = name.split()
    if not 1 <= len(words) <= MAX_NAME_WORDS or len(name) > 60:
        return False
    if name.casefold() in NOT_NAMES or "@" in name or "://" in name or any(ch.isdigit() for ch in name):
        return False
    capitalised = [w for w in words if w.lower() not in NAME_PARTICLES]
    return bool(capitalised) and all(w[0].isupper() or not w[0].isalpha() for w in capitalised)


def split_names(text: str) -> tuple[str, ...]:
    """The names in "Jane Doe and John Roe" / "A, B & C", or () when any part is not a name."""
    parts = [p.strip(" .\t\u00a0") for p in NAME_SEPARATORS.split(text)]
    names = tuple(p for p in parts if p)
    if not names or not all(_looks_like_name(n) for n in names):
        return ()
    people = tuple(n for n in names if n.split()[-1].lower() not in ROLE_WORDS)
    return people or names


def parse_byline(line: str) -> tuple[str, ...]:
    """The names a byline line credits, or () when the line is not a byline.

    "– by Theo Brandt" -> ("Theo Brandt",); "By Devika Raman | November 16, 2026" -> ("Devika Raman",);
    "Written by Peter Lund and Sara Ek" -> ("Peter Lund", "Sara Ek"); "By the end of the year" -> ().
    """
    text = " ".join(line.split())
    if len(text) > MAX_BYLINE_CHARS:
        return ()
    match = BYLINE.match(text)
    if match is None:
        return ()
    names = BYLINE_TAIL.sub("", match.group("names")).strip()
    return split_names(names)


def clean_authors(values: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Author names from page metadata, each checked: bylines unwrapped, accounts and links dropped.

    A value may hold several names ("Jane Doe; John Roe") or a whole byline ("– By Jane Doe").
    Duplicates are dropped, first spelling kept.
    """
    found: list[str] = []
    for value in values:
        for part in re.split(r"\s*;\s*", value):
            names = parse_byline(part) or split_names(part.strip())
            for name in names:
                if name.casefold() not in {n.casefold() for n in found}:
                    found.append(name)
    return tuple(found)
