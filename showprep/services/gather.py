"""Adding news articles to an episode: the use case behind `showprep add` and the UI's `a` key.

Each link is fetched, its article extracted and saved as `sources/<id>.md`, and the new ids are attached
to the chosen segment. Links are handled concurrently: fetching waits on the network, while extraction
and saving (CPU and disk) run in worker threads, so one slow site does not hold up the rest. Every link
ends in one AddResult (added, duplicate or failed, with a one-line reason), reported through `on_result`
as soon as it is known. A failure never touches what the episode already holds.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
from collections.abc import Callable, Iterable
from concurrent.futures import Executor
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

from showprep.adapters.errors import StoreError
from showprep.adapters.extract import Article, ExtractError, extract_article
from showprep.adapters.fetch import Fetcher, FetchError, Page
from showprep.adapters.store import EpisodeStore
from showprep.domain.plan_edits import attach_to_segment
from showprep.domain.slug import slugify, unique_name
from showprep.domain.source import Source
from showprep.domain.urls import UrlError, check_url, normalize_url, site_of


class Outcome(StrEnum):
    """How one link ended."""

    ADDED = "ok"
    REFRESHED = "refreshed"
    DUPLICATE = "duplicate"
    FAILED = "failed"


@dataclass(frozen=True)
class AddResult:
    """What became of one link."""

    url: str
    """The link as given."""
    outcome: Outcome
    source_id: str | None = None
    """The source it was saved as (added), or the one it duplicates (duplicate); None when it failed."""
    reason: str = ""
    """One line: the headline when added or refreshed, what it duplicates, or why it failed."""

    @property
    def ok(self) -> bool:
        """False only for a failure: a duplicate is not an error."""
        return self.outcome is not Outcome.FAILED

    def line(self) -> str:
        """The line a user reads: "<url>: <what happened>"."""
        if self.outcome is Outcome.ADDED:
            return f"{self.url}: added as {self.source_id}: {self.reason}"
        if self.outcome is Outcome.REFRESHED:
            return f"{self.url}: refreshed {self.source_id}: {self.reason}"
        return f"{self.url}: {self.reason}"


ResultCallback = Callable[[AddResult], object]


class PageFetcher(Protocol):
    """Anything that fetches pages as `adapters.fetch.Fetcher` does (an open one)."""

    async def fetch(self, url: str) -> Page: ...


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def _source(source_id: str, url: str, page: Page, article: Article) -> Source:
    return Source(
        id=source_id,
        url=url,
        final_url=page.final_url,
        canonical=article.canonical or page.final_url,
        title=article.title,
        authors=article.authors,
        publisher=article.publisher,
        published=article.published,
        description=article.description,
        image=article.image,
        language=article.language,
        cites=article.cites,
        fetched_at=_now(),
        word_count=article.word_count,
        text=article.text,
    )


def _addresses(source: Source) -> set[str]:
    """Every normalised address an article is known by: as given, after redirects, and canonical.

    A canonical pointing at a site's home page is a misconfigured site, not the article's address.
    """
    found = set()
    for address in (source.url, source.final_url, source.canonical):
        if not address:
            continue
        with contextlib.suppress(ValueError):
            normal = normalize_url(address)
            if address != source.canonical or urlsplit(normal).path not in ("", "/"):
                found.add(normal)
    return found


class _Batch:
    """One call of add_articles: what the episode already holds and what this batch has added."""

    def __init__(self, store: EpisodeStore, folder: Path, extraction: Executor | None) -> None:
        self.store = store
        self.folder = folder
        self.extraction = extraction
        sources, _unreadable = store.load_sources(folder)
        self.known: dict[str, str] = {}
        """Normalised address -> id of the source already holding that article."""
        for source in sources.values():
            for address in _addresses(source):
                self.known.setdefault(address, source.id)
        self.taken = set(store.source_ids(folder))
        self.added: dict[int, str] = {}
        """Ids saved by this batch, by the position of their link in the batch."""

    def duplicate_of(self, addresses: Iterable[str]) -> str | None:
        return next((self.known[a] for a in addresses if a in self.known), None)

    async def add(self, fetcher: PageFetcher, index: int, url: str) -> AddResult:
        try:
            page = await fetcher.fetch(url)
            loop = asyncio.get_running_loop()
            article = await loop.run_in_executor(self.extraction, extract_article, page.html, page.final_url)
        except (FetchError, ExtractError) as exc:
            return AddResult(url, Outcome.FAILED, reason=str(exc))
        base = slugify(article.title, fallback="") or slugify(site_of(page.final_url), fallback="article")
        source_id = unique_name(base, self.taken)
        source = _source(source_id, url, page, article)
        addresses = _addresses(source)
        existing = self.duplicate_of(addresses)
        if existing is not None:
            return AddResult(url, Outcome.DUPLICATE, existing, f"already in the episode as {existing}")
        self.taken.add(source_id)
        for address in addresses:
            self.known.setdefault(address, source_id)
        try:
            await asyncio.to_thread(self.store.save_source, self.folder, source)
        except StoreError as exc:
            return AddResult(url, Outcome.FAILED, reason=f"could not save: {exc}")
        self.added[index] = source_id
        return AddResult(url, Outcome.ADDED, source_id, article.title or source_id)


async def add_articles(
    store: EpisodeStore,
    folder: Path,
    urls: Iterable[str],
    segment_title: str | None = None,
    *,
    fetcher: PageFetcher | None = None,
    on_result: ResultCallback | None = None,
    extraction: Executor | None = None,
) -> list[AddResult]:
    """Fetch each link and add its article to the episode in `folder`; one AddResult per link, in order.

    `fetcher` is an open Fetcher (or a stand-in); without one, a Fetcher with default limits serves this
    batch. `on_result` is called with each result as it is known. `extraction` is where the CPU-bound
    extraction runs (the event loop's default thread pool when None). The added sources are attached to
    the segment titled `segment_title` (created if new) or, without one, left unassigned. Raises
    StoreError only when the episode cannot be read, or its plan cannot be saved at the end.
    """
    store.load_episode(folder)
    batch = _Batch(store, folder, extraction)
    links = list(urls)
    results: list[AddResult | None] = [None] * len(links)

    def report(index: int, result: AddResult) -> None:
        results[index] = result
        if on_result is not None:
            on_result(result)

    async def run(index: int, url: str, pages: PageFetcher) -> None:
        report(index, await batch.add(pages, index, url))

    async with contextlib.AsyncExitStack() as stack:
        pages = fetcher if fetcher is not None else await stack.enter_async_context(Fetcher())
        first_of: dict[str, str] = {}
        tasks = []
        for index, url in enumerate(links):
            try:
                address = normalize_url(check_url(url))
            except UrlError as exc:
                report(index, AddResult(url, Outcome.FAILED, reason=str(exc)))
                continue
            existing = batch.duplicate_of([address])
            if existing is not None:
                report(
                    index,
                    AddResult(url, Outcome.DUPLICATE, existing, f"already in the episode as {existing}"),
                )
            elif address in first_of:
                report(
                    index, AddResult(url, Outcome.DUPLICATE, reason=f"same article as {first_of[address]}")
                )
            else:
                first_of[address] = url
                tasks.append(run(index, url, pages))
        try:
            await asyncio.gather(*tasks)
        finally:
            if segment_title and segment_title.strip() and batch.added:
                episode = store.load_episode(folder)
                in_given_order = [batch.added[i] for i in sorted(batch.added)]
                store.save_episode(folder, attach_to_segment(episode, segment_title, in_given_order))
    return [result for result in results if result is not None]


async def refresh_source(
    store: EpisodeStore,
    folder: Path,
    source_id: str,
    *,
    fetcher: PageFetcher | None = None,
    extraction: Executor | None = None,
) -> AddResult:
    """Fetch a source's link again and replace its copy; when that fails the old copy stays as it was.

    The id, the segments using it and any keys showprep does not know are kept. A source that cannot
    be read raises StoreError.
    """
    old = store.load_source(folder, source_id)
    async with contextlib.AsyncExitStack() as stack:
        pages = fetcher if fetcher is not None else await stack.enter_async_context(Fetcher())
        try:
            page = await pages.fetch(old.url)
            loop = asyncio.get_running_loop()
            article = await loop.run_in_executor(extraction, extract_article, page.html, page.final_url)
        except (FetchError, ExtractError) as exc:
            when = f" fetched {old.fetched_at:%Y-%m-%d}" if old.fetched_at else ""
            return AddResult(old.url, Outcome.FAILED, source_id, f"{exc} (kept the copy{when})")
    fresh = replace(_source(source_id, old.url, page, article), extra=old.extra)
    store.save_source(folder, fresh)
    return AddResult(old.url, Outcome.REFRESHED, source_id, fresh.title or source_id)


async def refresh_sources(
    store: EpisodeStore,
    folder: Path,
    source_ids: Iterable[str],
    *,
    fetcher: PageFetcher | None = None,
    on_result: ResultCallback | None = None,
    extraction: Executor | None = None,
) -> list[AddResult]:
    """refresh_source for several sources at once, sharing one Fetcher; results in the order given.

    A source that cannot be read is a failed result naming the file, and the others still go ahead.
    """

    async def one(source_id: str, pages: PageFetcher) -> AddResult:
        try:
            result = await refresh_source(store, folder, source_id, fetcher=pages, extraction=extraction)
        except StoreError as exc:
            result = AddResult(source_id, Outcome.FAILED, source_id, str(exc))
        if on_result is not None:
            on_result(result)
        return result

    async with contextlib.AsyncExitStack() as stack:
        pages = fetcher if fetcher is not None else await stack.enter_async_context(Fetcher())
        return list(await asyncio.gather(*(one(source_id, pages) for source_id in dict.fromkeys(source_ids))))
