"""A news article kept as a source of the episode, with the provenance it cites."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

STATUS_OK = "ok"


@dataclass(frozen=True)
class Cite:
    """An outlet the article names as where its story came from ("SOURCE: Daily Mail")."""

    name: str
    """The outlet's name as the article gives it."""
    url: str | None = None
    """Link to the upstream story or outlet, when the article gives one."""


@dataclass(frozen=True)
class Source:
    """One article: metadata in the front matter of `sources/<id>.md`, its text as the body."""

    id: str
    """File stem under `sources/`; unique within the episode."""
    url: str
    """The link as the user gave it."""
    final_url: str | None = None
    """Where the link led after redirects."""
    canonical: str | None = None
    """The page's declared canonical URL, which may point at another site for syndicated copies."""
    title: str = ""
    """Headline."""
    authors: tuple[str, ...] = ()
    """Bylines, one name each."""
    publisher: str | None = None
    """The outlet that published this copy."""
    published: dt.date | None = None
    """Publication date."""
    description: str | None = None
    """The page's summary (meta description or og:description)."""
    image: str | None = None
    """Lead image URL."""
    language: str | None = None
    """BCP 47 language tag, e.g. "en"."""
    cites: tuple[Cite, ...] = ()
    """Where the story came from, for credit in the show notes."""
    fetched_at: dt.datetime | None = None
    """When this copy was fetched (timezone-aware)."""
    word_count: int = 0
    """Words in `text`."""
    status: str = STATUS_OK
    """"ok", or the reason the last fetch failed."""
    text: str = ""
    """Article text as markdown (the file's body)."""
    extra: Mapping[str, Any] = field(default_factory=dict)
    """Front-matter keys this version of showprep does not know; written back unchanged."""

    @property
    def ok(self) -> bool:
        """True when the stored copy came from a successful fetch."""
        return self.status == STATUS_OK
