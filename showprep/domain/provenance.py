"""Where a story came from: the outlets an article credits, so the show notes can credit them too.

Entertainment-news posts often rewrite another outlet's scoop and say so in one line: "SOURCE: Daily
Mail", "(via The Hollywood Reporter)", "This article originally appeared on Vulture". Syndicated copies
also declare the original with rel=canonical. These pure functions turn such lines (with the links
found in them) into Cites.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from showprep.domain.source import Cite
from showprep.domain.urls import same_site, site_of

MAX_NAME_WORDS = 8
MAX_NAME_CHARS = 80
MAX_STATEMENT_WORDS = 30
"""A line longer than this is prose that mentions a source, not a line stating one."""


@dataclass(frozen=True)
class Link:
    """An `<a>` inside a passage: its visible text and where it points (absolute)."""

    text: str
    href: str


@dataclass(frozen=True)
class Passage:
    """One block of a page's text (a paragraph, a caption, a list item) with the links inside it."""

    text: str
    links: tuple[Link, ...] = ()


SOURCE_LINE = re.compile(
    r"^\s*(?:story\s+|original\s+)?(?:sources?|via|h/t|hat\s+tip)\s*[:：]\s*(?P<name>.+?)\s*$", re.IGNORECASE
)
VIA_LINE = re.compile(r"^\s*(?:via|h/t|hat\s+tip(?:\s+to)?)\s+(?P<name>.+?)\s*$", re.IGNORECASE)
VIA_ASIDE = re.compile(r"\(\s*(?:via|h/t|source:?)\s+(?P<name>[^()]+?)\s*\)", re.IGNORECASE)
ORIGINALLY = re.compile(
    r"\b(?:originally|first)\s+(?:appeared|published|ran|posted|reported)\s+(?:on|in|at|by)\s+(?P<name>.+)$"
    r"|\b(?:republished|reprinted|adapted)\s+(?:with\s+permission\s+)?from\s+(?P<name2>.+)$",
    re.IGNORECASE,
)
NAME_END = re.compile(
    r"(?:[.;!?](?:\s|$)|[(,]|\s[-–—]\s|\s+(?:and|which|where|with|under|as|on|in)\s+[a-z]).*$", re.DOTALL
)
"""Where an outlet's name stops in "originally appeared on Vulture, a New York site" and the like."""


def _trimmed(name: str) -> str:
    return NAME_END.sub("", name).strip(" \"'“”‘’*_:")


def _looks_like_outlet(name: str) -> bool:
    words = name.split()
    if not words or len(words) > MAX_NAME_WORDS or len(name) > MAX_NAME_CHARS:
        return False
    first = name[0]
    return first.isupper() or first.isdigit() or ("." in name and " " not in name)


def _cites_in(region: str, links: tuple[Link, ...], several: bool) -> list[Cite]:
    """Cites for the text `region` naming one outlet (or, after "Sources:", several)."""
    linked = [
        link for link in links if link.text.strip() and link.text.strip().casefold() in region.casefold()
    ]
    if linked:
        return [Cite(name=_trimmed(link.text) or link.text.strip(), url=link.href) for link in linked]
    parts = re.split(r"\s*[,;]\s*", region) if several else [region]
    names = [_trimmed(part) for part in parts]
    return [Cite(name=name) for name in names if _looks_like_outlet(name)]


def cites_in_passage(passage: Passage) -> list[Cite]:
    """The outlets one passage credits as the story's origin, in the order it names them."""
    found: list[Cite] = []
    for line in passage.text.splitlines():
        words = len(line.split())
        if not words:
            continue
        statement = SOURCE_LINE.match(line)
        if statement:
            found += _cites_in(statement.group("name"), passage.links, several=True)
            continue
        if words <= MAX_STATEMENT_WORDS:
            whole = VIA_LINE.match(line)
            if whole:
                found += _cites_in(whole.group("name"), passage.links, several=False)
                continue
            origin = ORIGINALLY.search(line)
            if origin:
                found += _cites_in(origin.group("name") or origin.group("name2"), passage.links, False)
                continue
        for aside in VIA_ASIDE.finditer(line):
            found += _cites_in(aside.group("name"), passage.links, several=False)
    return found


def is_provenance_line(line: str) -> bool:
    """Whether a line of article text only states where the story came from (kept in `cites` instead)."""
    words = len(line.split())
    if not words or words > MAX_STATEMENT_WORDS:
        return False
    return bool(SOURCE_LINE.match(line) or VIA_LINE.match(line) or ORIGINALLY.search(line))


def find_cites(passages: Iterable[Passage], page_url: str, canonical: str | None = None) -> tuple[Cite, ...]:
    """Every outlet the page credits, once each; a canonical link to another site counts as one.

    A canonical on another site marks this page as a syndicated copy. When a line already credits
    that site, its name is kept; otherwise the site is credited by its host name.
    """
    cites: list[Cite] = []
    for passage in passages:
        for cite in cites_in_passage(passage):
            if not any(_same_cite(cite, known) for known in cites):
                cites.append(cite)
    elsewhere = (
        bool(canonical) and bool(site_of(canonical or "")) and not same_site(page_url, canonical or "")
    )
    if canonical and elsewhere and not any(c.url and same_site(c.url, canonical) for c in cites):
        named = next((c for c in cites if c.url is None and _names_site(c.name, canonical)), None)
        if named is not None:
            cites[cites.index(named)] = Cite(name=named.name, url=canonical)
        else:
            cites.append(Cite(name=site_of(canonical), url=canonical))
    return tuple(cites)


def _same_cite(first: Cite, second: Cite) -> bool:
    if first.url and second.url:
        return first.url == second.url
    return first.name.casefold() == second.name.casefold()


def _names_site(name: str, url: str) -> bool:
    """Whether an outlet's name matches a site's host ("Frame by Frame" ~ framebyframe.example)."""
    squashed = re.sub(r"[^a-z0-9]", "", name.casefold().removeprefix("the "))
    host = re.sub(r"[^a-z0-9]", "", site_of(url).split(".")[0])
    return bool(squashed) and (squashed == host or squashed.removeprefix("the") == host)
