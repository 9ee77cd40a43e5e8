"""Adding articles to an episode through the service, against a real server on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import frontmatter
import pytest
from fixtures.server import GOOD_PAGES, LocalSite, html, page_bytes

from showprep.adapters.fetch import Fetcher, FetchLimits
from showprep.adapters.store import EpisodeStore
from showprep.domain.episode import Segment
from showprep.domain.plan_edits import attach_to_segment
from showprep.domain.source import Cite
from showprep.services.gather import AddResult, Outcome, add_articles, refresh_source

SOURCE_KEYS = [
    "url",
    "final_url",
    "canonical",
    "title",
    "authors",
    "publisher",
    "published",
    "description",
    "image",
    "language",
    "cites",
    "fetched_at",
    "word_count",
    "status",
]
QUICK = FetchLimits(connect_timeout=2.0, read_timeout=1.0, total_timeout=30.0)
"""A stalled server times out within a second; good pages keep room for a loaded machine."""


@pytest.fixture
def store(episodes_dir: Path) -> EpisodeStore:
    return EpisodeStore(episodes_dir)


@pytest.fixture
def folder(store: EpisodeStore) -> Path:
    folder, _ = store.create("Reel Talk 43", dt.date(2026, 11, 30))
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


async def test_adds_every_fixture_page_to_a_new_segment_in_the_order_given(
    store: EpisodeStore, folder: Path, local_site: LocalSite
) -> None:
    urls = [local_site.article(name) for name in GOOD_PAGES]
    seen: list[AddResult] = []
    results = await add_articles(store, folder, urls, "Film news", on_result=seen.append)

    assert [r.url for r in results] == urls
    assert all(r.outcome is Outcome.ADDED for r in results), [r.line() for r in results]
    assert sorted(r.url for r in seen) == sorted(urls)
    episode = store.load_episode(folder)
    assert episode.segments == (
        Segment(
            id="film-news", title="Film news", sources=tuple(r.source_id for r in results if r.source_id)
        ),
    )
    assert store.source_ids(folder) == sorted(r.source_id for r in results if r.source_id)

    first = results[0]
    assert first.source_id == "director-walks-away-from-the-lantern-keeper-sequel-weeks"
    assert first.line() == (
        f"{urls[0]}: added as {first.source_id}: "
        "Director Walks Away From 'The Lantern Keeper' Sequel Weeks Before Shooting"
    )
    post = frontmatter.load(store.source_path(folder, first.source_id))
    assert list(post.metadata) == SOURCE_KEYS
    assert post["url"] == post["final_url"] == urls[0]
    assert post["authors"] == ["Theo Brandt"]
    assert post["cites"] == [
        {
            "name": "The Morning Ledger",
            "url": "https://morningledger.example/film/lantern-keeper-director-exit",
        }
    ]
    assert post["status"] == "ok"
    assert post["word_count"] == 165
    fetched = dt.datetime.fromisoformat(post["fetched_at"])
    assert fetched.tzinfo is not None
    assert abs((dt.datetime.now(dt.UTC) - fetched).total_seconds()) < 3600
    assert post.content.startswith("Mara Okonkwo, who directed")

    source = store.load_source(folder, "animated-film-about-a-lost-kite-wins-top-festival-prize")
    assert source.cites == (
        Cite("Frame by Frame", "https://framebyframe.example/news/2026/11/lost-kite-wins-grand-prize"),
    )


async def test_without_a_segment_the_articles_are_unassigned_and_the_plan_untouched(
    store: EpisodeStore, folder: Path, local_site: LocalSite
) -> None:
    plan = (folder / "episode.md").read_bytes()
    results = await add_articles(store, folder, [local_site.article("byline-pipe.html")])
    assert [r.outcome for r in results] == [Outcome.ADDED]
    assert (folder / "episode.md").read_bytes() == plan
    assert store.source_ids(folder) == ["streaming-service-glimmer-raises-prices-for-the-second-time"]


async def test_duplicates_are_reported_not_added_twice(
    store: EpisodeStore, folder: Path, local_site: LocalSite
) -> None:
    pipe = local_site.article("byline-pipe.html")
    syndicated = local_site.article("syndicated.html")
    await add_articles(store, folder, [pipe, syndicated], "Streaming")
    before = snapshot(folder)
    copy = local_site.route("/mirror/kite", html(page_bytes("syndicated.html")))
    requests_before = len(local_site.requests)

    results = await add_articles(
        store,
        folder,
        [
            pipe.upper().replace("/ARTICLES/BYLINE-PIPE.HTML", "/articles/byline-pipe.html")
            + "?utm_source=x#top",
            local_site.url("/redirect/pipe"),
            copy,
            local_site.article("meta-only.html"),
            local_site.article("meta-only.html?fbclid=123"),
        ],
        "Streaming",
    )

    pipe_id = "streaming-service-glimmer-raises-prices-for-the-second-time"
    kite_id = "animated-film-about-a-lost-kite-wins-top-festival-prize"
    assert [(r.outcome, r.source_id) for r in results[:3]] == [
        (Outcome.DUPLICATE, pipe_id),
        (Outcome.DUPLICATE, pipe_id),
        (Outcome.DUPLICATE, kite_id),
    ]
    assert results[0].line().endswith(f": already in the episode as {pipe_id}")
    assert results[3].outcome is Outcome.ADDED
    assert results[4].outcome is Outcome.DUPLICATE
    assert results[4].reason == f"same article as {local_site.article('meta-only.html')}"
    assert all(r.ok for r in results)
    assert "/articles/byline-pipe.html?utm_source=x" not in local_site.requests[requests_before:]
    after = snapshot(folder)
    assert {k: v for k, v in after.items() if k in before and k != "episode.md"} == {
        k: v for k, v in before.items() if k != "episode.md"
    }
    assert store.load_episode(folder).segments[0].sources == (
        pipe_id,
        kite_id,
        "soap-opera-ferry-lane-to-end-after-31-years",
    )


async def test_failures_change_nothing_and_the_good_links_are_kept(
    store: EpisodeStore, folder: Path, local_site: LocalSite
) -> None:
    await add_articles(store, folder, [local_site.article("jsonld-only.html")], "Music")
    before = snapshot(folder)
    bad = [
        "ftp://127.0.0.1/story",
        local_site.url("/status/404"),
        local_site.url("/files/report.pdf"),
        local_site.url("/no-article"),
        local_site.url("/stall/headers"),
    ]
    good = local_site.article("via-credit.html")
    async with Fetcher(QUICK) as fetcher:
        results = await add_articles(store, folder, [*bad, good], "Music", fetcher=fetcher)

    assert [r.outcome for r in results] == [Outcome.FAILED] * 5 + [Outcome.ADDED]
    assert [r.reason for r in results[:4]] == [
        "unsupported link type 'ftp:' (only http and https links can be fetched)",
        "HTTP 404 Not Found",
        "not a web page: the server sent a PDF document (application/pdf)",
        "no article text found on the page",
    ]
    assert results[4].reason.startswith("timed out")
    assert not any(r.ok for r in results[:5])
    after = snapshot(folder)
    assert {k: after[k] for k in before if k != "episode.md"} == {
        k: before[k] for k in before if k != "episode.md"
    }
    music = store.load_episode(folder).segment("music")
    assert music is not None
    assert music.sources == (
        "orchestra-scores-silent-classic-live-for-its-centenary",
        "veteran-actor-joins-the-cast-of-northern-lights-season-two",
    )


async def test_a_batch_that_all_fails_creates_no_segment(
    store: EpisodeStore, folder: Path, local_site: LocalSite
) -> None:
    before = snapshot(folder)
    results = await add_articles(store, folder, [local_site.url("/status/500")], "Never made")
    assert results[0].line() == f"{local_site.url('/status/500')}: HTTP 500 Internal Server Error"
    assert snapshot(folder) == before


async def test_same_title_gets_a_unique_id(store: EpisodeStore, folder: Path, local_site: LocalSite) -> None:
    other = local_site.route("/elsewhere/pipe", html(page_bytes("byline-pipe.html")))
    results = await add_articles(store, folder, [local_site.article("byline-pipe.html")])
    results += await add_articles(store, folder, [other])
    assert [r.source_id for r in results] == [
        "streaming-service-glimmer-raises-prices-for-the-second-time",
        "streaming-service-glimmer-raises-prices-for-the-second-time-2",
    ]


def test_attach_matches_a_segment_by_title_or_id_and_makes_new_ids_unique() -> None:
    from showprep.domain.episode import Episode

    episode = Episode(
        title="E",
        date=dt.date(2026, 11, 30),
        segments=(Segment(id="box-office", title="Box-office", sources=("a",)),),
    )
    same = attach_to_segment(episode, "  BOX-OFFICE ", ["b", "a"])
    assert same.segments == (Segment(id="box-office", title="Box-office", sources=("a", "b")),)
    by_id = attach_to_segment(episode, "box-office", ["c"])
    assert by_id.segments[0].sources == ("a", "c")
    new = attach_to_segment(episode, "Box office", ["d"])
    assert new.segments[1] == Segment(id="box-office-2", title="Box office", sources=("d",))


async def test_refresh_replaces_the_copy_and_keeps_id_segments_and_unknown_keys(
    store: EpisodeStore, folder: Path, local_site: LocalSite
) -> None:
    path = "/live/story"
    local_site.route(path, html(page_bytes("byline-pipe.html")))
    [added] = await add_articles(store, folder, [local_site.url(path)], "Streaming")
    assert added.source_id is not None
    file = store.source_path(folder, added.source_id)
    file.write_text(file.read_text().replace("status: ok", "status: ok\nmood: keep me"))
    updated = page_bytes("byline-pipe.html").replace(b"$15.99", b"$16.99")
    local_site.route(path, html(updated))

    result = await refresh_source(store, folder, added.source_id)

    assert result.outcome is Outcome.REFRESHED
    assert result.line() == (
        f"{local_site.url(path)}: refreshed {added.source_id}: "
        "Streaming Service Glimmer Raises Prices for the Second Time This Year"
    )
    source = store.load_source(folder, added.source_id)
    assert "$16.99 a month" in source.text
    assert source.extra == {"mood": "keep me"}
    assert store.load_episode(folder).segments[0].sources == (added.source_id,)


@pytest.mark.parametrize(
    ("route", "reason"), [("/status/500", "HTTP 500"), ("/no-article", "no article text")]
)
async def test_refresh_that_fails_keeps_the_old_copy_untouched(
    store: EpisodeStore, folder: Path, local_site: LocalSite, route: str, reason: str
) -> None:
    path = "/live/story"
    local_site.route(path, html(page_bytes("meta-only.html")))
    [added] = await add_articles(store, folder, [local_site.url(path)])
    assert added.source_id is not None
    before = snapshot(folder)
    local_site.route(path, local_site.routes[route])

    result = await refresh_source(store, folder, added.source_id)

    assert result.outcome is Outcome.FAILED
    assert result.reason.startswith(reason)
    assert result.reason.endswith(f"(kept the copy fetched {dt.datetime.now(dt.UTC):%Y-%m-%d})")
    assert snapshot(folder) == before
