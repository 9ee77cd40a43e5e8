"""Benchmark: `showprep add` of 100 article pages against fetching and extracting them one at a time.

Ten local sites (127.0.0.1 … 127.0.0.10, one server each, so the per-site limit applies as it would to
ten outlets) serve 100 article pages built from the test fixtures, each answer delayed 100–300 ms as a
real site's would be. Both runs fetch the same pages in the same process:

- baseline: one page at a time, fetch then extract, with the same Fetcher and extractor;
- add: the real `add_articles` service (concurrent fetching, extraction in worker threads, saving).

Prints pages per second for each and their ratio. Usage: python bench/gather.py [--pages N]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import re
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from showprep.adapters.extract import extract_article  # noqa: E402
from showprep.adapters.fetch import Fetcher  # noqa: E402
from showprep.adapters.store import EpisodeStore  # noqa: E402
from showprep.services.gather import Outcome, add_articles  # noqa: E402
from tests.fixtures.server import GOOD_PAGES, LocalSite, html, page_bytes  # noqa: E402

SITES = 10
DELAY = (0.1, 0.3)
DECLARED_ADDRESS = re.compile(rb"""<link rel="canonical"[^>]*>|<meta property="og:url"[^>]*>""")


def story_page(number: int) -> bytes:
    """Fixture page number % 9, with a canonical of its own so that no two stories are duplicates."""
    page = DECLARED_ADDRESS.sub(b"", page_bytes(GOOD_PAGES[number % len(GOOD_PAGES)]))
    own = f'<link rel="canonical" href="/story/{number}">'.encode()
    head = re.search(rb"<head[^>]*>|<html[^>]*>", page)
    at = head.end() if head else 0
    return page[:at] + own + page[at:]


def start_sites(pages: int) -> tuple[list[LocalSite], list[str]]:
    sites = [LocalSite(host=f"127.0.0.{n + 1}", delay=DELAY, seed=n).start() for n in range(SITES)]
    urls = []
    for number in range(pages):
        site = sites[number % SITES]
        charset = None if GOOD_PAGES[number % len(GOOD_PAGES)] == "windows-1252.html" else "utf-8"
        urls.append(site.route(f"/story/{number}", html(story_page(number), charset=charset)))
    return sites, urls


async def baseline(urls: list[str]) -> float:
    """Seconds to fetch and extract every page one after the other."""
    started = time.perf_counter()
    async with Fetcher() as fetcher:
        for url in urls:
            page = await fetcher.fetch(url)
            extract_article(page.html, page.final_url)
    return time.perf_counter() - started


async def add(urls: list[str], root: Path) -> tuple[float, int]:
    """Seconds for `add_articles` to add every page to a new episode, and how many it added."""
    store = EpisodeStore(root)
    folder, _ = store.create("Benchmark", dt.date(2026, 11, 24))
    started = time.perf_counter()
    results = await add_articles(store, folder, urls, "Everything")
    elapsed = time.perf_counter() - started
    return elapsed, sum(1 for r in results if r.outcome is Outcome.ADDED)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    args = parser.parse_args()
    sites, urls = start_sites(args.pages)
    try:
        extract_article(story_page(0).decode(), "http://127.0.0.1/warm-up")
        with tempfile.TemporaryDirectory() as scratch:
            add_seconds, added = asyncio.run(add(urls, Path(scratch)))
        base_seconds = asyncio.run(baseline(urls))
    finally:
        for site in sites:
            site.stop()
    if added != len(urls):
        raise SystemExit(f"add saved {added} of {len(urls)} pages; the comparison would be unfair")
    base_rate, add_rate = len(urls) / base_seconds, len(urls) / add_seconds
    low, high = (round(d * 1000) for d in DELAY)
    print(f"pages: {len(urls)} on {SITES} local sites, {low}-{high} ms per request")
    print(f"baseline (one at a time, fetch then extract): {base_rate:6.2f} pages/s  ({base_seconds:.2f} s)")
    print(f"showprep add (add_articles):                  {add_rate:6.2f} pages/s  ({add_seconds:.2f} s)")
    print(f"speed-up: {add_rate / base_rate:.1f}x")


if __name__ == "__main__":
    main()
