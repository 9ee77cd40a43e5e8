"""Fetching: limits, redirects, charsets and every kind of failure, each a typed error with one line."""

from __future__ import annotations

import asyncio
import codecs
import zlib
from collections.abc import AsyncIterator

import httpx
import pytest
from fixtures.server import LocalSite, refused_port, unaccepting_port

from showprep.adapters.fetch import (
    BROWSER_USER_AGENT,
    BadLinkError,
    ConnectionFailedError,
    EmptyPageError,
    Fetcher,
    FetchError,
    FetchLimits,
    HttpStatusError,
    NotHtmlError,
    RedirectError,
    TooLargeError,
    decode_html,
)

QUICK = FetchLimits(connect_timeout=0.5, read_timeout=0.5, total_timeout=1.0)
"""Short timeouts, so the timeout tests end quickly; the mechanisms are the real ones."""
ROOMY = FetchLimits(connect_timeout=10.0, read_timeout=10.0, total_timeout=30.0)
"""For answers that are bad for other reasons, so a loaded machine cannot turn them into timeouts."""
TIMEOUT_ROUTES = {"/stall/headers", "/stall/body", "/trickle"}

FRENCH = "Le café « Lumière » – 120 000 € d’un coup, “ciné-goûter”"


# -- decoding --------------------------------------------------------------------------------------


def test_windows_1252_declared_in_the_header() -> None:
    body = f"<html><body><p>{FRENCH}</p></body></html>".encode("cp1252")
    assert decode_html(body, "windows-1252") == (body.decode("cp1252"), "cp1252")


def test_latin1_label_is_read_as_windows_1252_like_browsers_do() -> None:
    body = f"<p>{FRENCH}</p>".encode("cp1252")
    text, codec = decode_html(body, "ISO-8859-1")
    assert codec == "cp1252"
    assert FRENCH in text


@pytest.mark.parametrize(
    "meta",
    [
        b'<meta charset="windows-1252">',
        b"<meta charset=windows-1252>",
        b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">',
    ],
)
def test_charset_from_the_meta_tag(meta: bytes) -> None:
    body = b"<html><head>" + meta + b"</head><body><p>" + FRENCH.encode("cp1252") + b"</p></body></html>"
    text, codec = decode_html(body, None)
    assert codec == "cp1252"
    assert FRENCH in text


def test_bom_wins_over_a_wrong_header() -> None:
    body = codecs.BOM_UTF8 + f"<p>{FRENCH}</p>".encode()
    assert decode_html(body, "windows-1252") == (f"<p>{FRENCH}</p>", "utf-8")
    utf16 = codecs.BOM_UTF16_LE + f"<p>{FRENCH}</p>".encode("utf-16-le")
    assert decode_html(utf16, None) == (f"<p>{FRENCH}</p>", "utf-16-le")


def test_undeclared_bodies_are_utf8_when_valid_else_windows_1252() -> None:
    assert decode_html(f"<p>{FRENCH}</p>".encode(), None) == (f"<p>{FRENCH}</p>", "utf-8")
    assert decode_html(f"<p>{FRENCH}</p>".encode("cp1252"), None) == (f"<p>{FRENCH}</p>", "cp1252")


def test_unknown_labels_are_ignored() -> None:
    assert decode_html("<p>é</p>".encode(), "no-such-charset") == ("<p>é</p>", "utf-8")


# -- the client, with httpx.MockTransport -------------------------------------------------------------


async def _fetch(handler: httpx.MockTransport, url: str, limits: FetchLimits = QUICK) -> str:
    async with Fetcher(limits, transport=handler) as fetcher:
        return (await fetcher.fetch(url)).html


async def test_sends_a_browser_user_agent() -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, html="<html><body><p>Hello</p></body></html>")

    await _fetch(httpx.MockTransport(answer), "https://paper.example/story")
    assert seen[0].headers["user-agent"] == BROWSER_USER_AGENT
    assert "text/html" in seen[0].headers["accept"]


async def test_gzip_bomb_stops_after_the_first_chunks() -> None:
    """Decoded size is counted while streaming: the rest of the bomb is never even read."""
    compressor = zlib.compressobj(6, zlib.DEFLATED, 31)
    block = bytes(1_000_000)
    chunks = [compressor.compress(block) for _ in range(50)] + [compressor.flush()]
    pulled: list[int] = []

    async def stream() -> AsyncIterator[bytes]:
        for index, chunk in enumerate(chunks):
            pulled.append(index)
            yield chunk

    def answer(request: httpx.Request) -> httpx.Response:
        headers = {"Content-Type": "text/html", "Content-Encoding": "gzip"}
        return httpx.Response(200, headers=headers, content=stream())

    with pytest.raises(TooLargeError, match="larger than the 5 MB limit"):
        await _fetch(httpx.MockTransport(answer), "https://paper.example/bomb")
    assert len(pulled) < 10 < len(chunks)


async def test_relative_redirects_are_resolved_and_followed() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/a/old":
            return httpx.Response(301, headers={"Location": "../new/story?id=1"})
        return httpx.Response(200, html="<html><body><p>Moved</p></body></html>")

    async with Fetcher(QUICK, transport=httpx.MockTransport(answer)) as fetcher:
        page = await fetcher.fetch("https://paper.example/a/old")
    assert page.final_url == "https://paper.example/new/story?id=1"
    assert page.url == "https://paper.example/a/old"


async def test_redirect_without_location_is_an_error() -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(302))
    with pytest.raises(RedirectError, match="redirect without a Location"):
        await _fetch(transport, "https://paper.example/x")


async def test_concurrency_is_bounded_overall_and_per_site() -> None:
    in_flight: dict[str, int] = {}
    peaks: dict[str, int] = {}
    total = {"now": 0, "peak": 0}

    async def answer(request: httpx.Request) -> httpx.Response:
        host = request.url.host
        in_flight[host] = in_flight.get(host, 0) + 1
        total["now"] += 1
        peaks[host] = max(peaks.get(host, 0), in_flight[host])
        total["peak"] = max(total["peak"], total["now"])
        await asyncio.sleep(0.01)
        in_flight[host] -= 1
        total["now"] -= 1
        return httpx.Response(200, html="<html><body><p>Hi</p></body></html>")

    limits = FetchLimits(concurrency=5, per_host=2)
    urls = [f"https://site{n % 4}.example/story/{n}" for n in range(40)]
    async with Fetcher(limits, transport=httpx.MockTransport(answer)) as fetcher:
        await asyncio.gather(*(fetcher.fetch(url) for url in urls))
    assert max(peaks.values()) == 2
    assert total["peak"] == 5


async def test_fetcher_must_be_opened() -> None:
    with pytest.raises(RuntimeError, match="async with"):
        await Fetcher().fetch("https://paper.example/")


# -- against a real server on 127.0.0.1 ---------------------------------------------------------------


async def fetch_from(site: LocalSite, path: str, limits: FetchLimits = QUICK) -> str:
    async with Fetcher(limits) as fetcher:
        return (await fetcher.fetch(site.url(path))).html


async def test_fetches_a_fixture_page(local_site: LocalSite) -> None:
    html = await fetch_from(local_site, "/articles/byline-pipe.html")
    assert "By Devika Raman | November 16, 2026" in html


@pytest.mark.parametrize("path", ["/cp1252/meta", "/cp1252/header"])
async def test_windows_1252_page_comes_out_right(local_site: LocalSite, path: str) -> None:
    html = await fetch_from(local_site, path)
    assert "120 000 €" in html
    assert "« Café Lumière » – une salle" in html
    assert "au fond d’un café" in html
    assert "“ciné-goûter”" in html


async def test_redirect_chain_within_the_limit_is_followed(local_site: LocalSite) -> None:
    async with Fetcher(QUICK) as fetcher:
        page = await fetcher.fetch(local_site.url("/chain/5"))
    assert page.final_url == local_site.url("/chain/0")
    assert local_site.requests.count("/chain/0") == 1


BAD_ROUTES = [
    ("/status/404", HttpStatusError, "HTTP 404 Not Found"),
    ("/status/500", HttpStatusError, "HTTP 500 Internal Server Error"),
    ("/loop/a", RedirectError, "redirect loop: .*/loop/a redirects back to an earlier address"),
    ("/chain/6", RedirectError, r"too many redirects \(more than 5\)"),
    ("/redirect/ftp", RedirectError, "redirected to ftp://127.0.0.1/article.html, which cannot be followed"),
    (
        "/files/report.pdf",
        NotHtmlError,
        r"not a web page: the server sent a PDF document \(application/pdf\)",
    ),
    ("/files/poster.png", NotHtmlError, r"not a web page: the server sent an image \(image/png\)"),
    ("/api/story.json", NotHtmlError, r"not a web page: the server sent JSON data \(application/json\)"),
    ("/lying/pdf", NotHtmlError, "not a web page: the server sent a PDF document"),
    ("/empty", EmptyPageError, r"the page is empty \(HTTP 200 with no content\)"),
    ("/huge/declared", TooLargeError, "the page is larger than the 5 MB limit"),
    ("/huge/streamed", TooLargeError, "the page is larger than the 5 MB limit"),
    ("/gzip-bomb", TooLargeError, "the page is larger than the 5 MB limit"),
    ("/corrupt-gzip", ConnectionFailedError, "sent a corrupt compressed response"),
    ("/stall/headers", ConnectionFailedError, r"timed out: 127.0.0.1:\d+ stopped sending for 0.5 s"),
    ("/stall/body", ConnectionFailedError, r"timed out: 127.0.0.1:\d+ stopped sending for 0.5 s"),
    ("/trickle", ConnectionFailedError, "timed out: the page took longer than 1 s"),
]


@pytest.mark.parametrize(("path", "error", "reason"), BAD_ROUTES, ids=[r[0] for r in BAD_ROUTES])
async def test_bad_answers_are_typed_errors_with_one_line(
    local_site: LocalSite, path: str, error: type[FetchError], reason: str
) -> None:
    limits = QUICK if path in TIMEOUT_ROUTES else ROOMY
    with pytest.raises(error, match=reason) as caught:
        await fetch_from(local_site, path, limits)
    assert "\n" not in str(caught.value)
    assert caught.value.url == local_site.url(path)


async def test_http_status_is_kept_on_the_error(local_site: LocalSite) -> None:
    with pytest.raises(HttpStatusError) as caught:
        await fetch_from(local_site, "/status/404")
    assert caught.value.status == 404


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("file:///etc/passwd", "unsupported link type 'file:'"),
        ("ftp://127.0.0.1/story.html", "unsupported link type 'ftp:'"),
        ("javascript:alert(1)", "unsupported link type 'javascript:'"),
        ("http//127.0.0.1/story", "malformed link"),
        ("http://[::1/story", "malformed link"),
    ],
)
async def test_bad_links_fail_before_any_request(url: str, reason: str) -> None:
    async with Fetcher(QUICK) as fetcher:
        with pytest.raises(BadLinkError, match=reason):
            await fetcher.fetch(url)


async def test_unknown_host() -> None:
    async with Fetcher(QUICK) as fetcher:
        with pytest.raises(ConnectionFailedError, match=r"unknown host: no-such-outlet.invalid"):
            await fetcher.fetch("http://no-such-outlet.invalid/story")


async def test_refused_connection() -> None:
    port = refused_port()
    async with Fetcher(QUICK) as fetcher:
        with pytest.raises(ConnectionFailedError, match=f"connection refused by 127.0.0.1:{port}"):
            await fetcher.fetch(f"http://127.0.0.1:{port}/story")


async def test_connect_timeout() -> None:
    with unaccepting_port() as port:
        async with Fetcher(QUICK) as fetcher:
            with pytest.raises(
                ConnectionFailedError, match=r"timed out connecting to 127.0.0.1:\d+ \(no answer"
            ):
                await fetcher.fetch(f"http://127.0.0.1:{port}/story")
