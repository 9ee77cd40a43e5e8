"""Fetching article pages over HTTP(S) with httpx: one client per batch, polite limits, typed failures.

A batch of links shares one `httpx.AsyncClient` (connection reuse, one cookie jar), at most
`FetchLimits.concurrency` requests at a time and `per_host` to any one site. Redirects are followed here
rather than by httpx so that a loop is named as a loop and every hop is checked to be http(s). Bodies are
streamed and cut off once the decoded size passes `max_bytes`, so a gzip bomb costs one network chunk,
not the machine's memory. Every failure is a FetchError whose str() is one line for the user.
"""

from __future__ import annotations

import asyncio
import codecs
import errno
import re
import socket
import ssl
from collections import defaultdict
from dataclasses import dataclass
from types import TracebackType
from urllib.parse import urlsplit

import httpx

from showprep.domain.urls import UrlError, check_url

BROWSER_USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
)
"""Many news sites turn away clients that do not look like a browser."""

BROWSER_HEADERS = {
    "User-Agent": BROWSER_USER_AGENT,
    "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
    "Accept-Language": "en;q=0.9,*;q=0.5",
}

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})

KIND_OF_TYPE = {
    "application/pdf": "a PDF document",
    "application/json": "JSON data",
    "text/plain": "plain text",
    "application/xml": "XML data",
    "text/xml": "XML data",
    "application/rss+xml": "a news feed",
    "application/atom+xml": "a news feed",
    "application/zip": "a zip archive",
    "application/octet-stream": "a binary file",
}

MAGIC_KINDS = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG", "an image"),
    (b"GIF8", "an image"),
    (b"\xff\xd8\xff", "an image"),
    (b"PK\x03\x04", "a zip archive"),
)
"""Leading bytes of files that servers sometimes label as HTML anyway."""

WHATWG_WINDOWS_1252 = frozenset({"latin-1", "iso8859-1", "ascii"})
"""Browsers read pages labelled latin-1 or ascii as windows-1252; so must we, or curly quotes break."""

META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([a-zA-Z0-9._:-]+)""", re.IGNORECASE)
META_SCAN_BYTES = 4096

BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True)
class FetchLimits:
    """How hard one batch may pull on the network."""

    concurrency: int = 16
    """Requests in flight at once across the batch."""
    per_host: int = 4
    """Requests in flight at once to any one site."""
    connect_timeout: float = 10.0
    """Seconds to wait for a connection to open."""
    read_timeout: float = 20.0
    """Seconds to wait for the next piece of a response."""
    total_timeout: float = 60.0
    """Seconds one page may take in all, redirects included: a server trickling bytes still ends."""
    max_redirects: int = 5
    max_bytes: int = 5_000_000
    """Decoded (decompressed) size at which a response is abandoned."""


@dataclass(frozen=True)
class Page:
    """A fetched HTML page, decoded to text."""

    url: str
    """The link as asked for."""
    final_url: str
    """Where the redirects ended."""
    html: str
    encoding: str
    """The codec the body was decoded with, e.g. "utf-8" or "cp1252"."""


class FetchError(Exception):
    """A page that could not be fetched; str() is the one-line reason (without the link)."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(reason)
        self.url = url
        self.reason = reason

    def __str__(self) -> str:
        return self.reason


class BadLinkError(FetchError):
    """The link is malformed or not http(s)."""


class ConnectionFailedError(FetchError):
    """No answer: unknown host, refused connection, timeouts, a connection cut off."""


class HttpStatusError(FetchError):
    """The server answered with an error status such as 404 or 500."""

    def __init__(self, url: str, reason: str, status: int) -> None:
        super().__init__(url, reason)
        self.status = status


class RedirectError(FetchError):
    """A redirect loop, too many redirects, or a redirect somewhere showprep will not go."""


class NotHtmlError(FetchError):
    """The server sent something other than a web page (a PDF, an image, JSON…)."""


class TooLargeError(FetchError):
    """The page is larger than the limit."""


class EmptyPageError(FetchError):
    """The server answered with no content."""


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:g} MB"


def _causes(exc: BaseException) -> list[BaseException]:
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


def describe_transport_error(exc: httpx.TransportError, host: str, limits: FetchLimits) -> str:
    """One line for a request that got no usable answer, naming the cause a user can act on."""
    if isinstance(exc, httpx.ConnectTimeout):
        return f"timed out connecting to {host} (no answer in {limits.connect_timeout:g} s)"
    if isinstance(exc, httpx.ReadTimeout):
        return f"timed out: {host} stopped sending for {limits.read_timeout:g} s"
    if isinstance(exc, httpx.TimeoutException):
        return f"timed out talking to {host}"
    if isinstance(exc, httpx.UnsupportedProtocol):
        return f"unsupported link: {exc}"
    if isinstance(exc, httpx.RemoteProtocolError):
        return f"{host} broke off the response ({exc})"
    for cause in _causes(exc):
        if isinstance(cause, socket.gaierror):
            return f"unknown host: {host} (no such name in DNS)"
        if isinstance(cause, ConnectionRefusedError) or getattr(cause, "errno", None) == errno.ECONNREFUSED:
            return f"connection refused by {host}"
        if isinstance(cause, ssl.SSLError):
            return f"secure connection to {host} failed ({cause.reason or cause})"
        if isinstance(cause, ConnectionResetError):
            return f"{host} reset the connection"
    text = str(exc) or type(exc).__name__
    if "name or service not known" in text.lower() or "nodename nor servname" in text.lower():
        return f"unknown host: {host} (no such name in DNS)"
    return f"could not fetch from {host}: {text}"


def _host_label(url: str) -> str:
    """Host (and port, when given) for messages: "connection refused by 127.0.0.1:8080"."""
    netloc = urlsplit(url).netloc
    return netloc.rsplit("@", 1)[-1].lower() or url


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    return "cp1252" if name in WHATWG_WINDOWS_1252 else name


def decode_html(body: bytes, header_charset: str | None) -> tuple[str, str]:
    """The page as text and the codec used: BOM first, then the HTTP header, then the meta tag.

    That is the order browsers follow (WHATWG "encoding sniffing"). Without any declaration the body is
    read as UTF-8 when it is valid UTF-8 and as windows-1252 otherwise, as browsers in the West do.
    """
    for bom, name in BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(name, errors="replace"), name
    meta = META_CHARSET.search(body[:META_SCAN_BYTES])
    declared = _codec(header_charset) or _codec(meta.group(1).decode("ascii") if meta else None)
    if declared and not declared.startswith("utf-16"):
        return body.decode(declared, errors="replace"), declared
    try:
        return body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return body.decode("cp1252", errors="replace"), "cp1252"


def _not_html_reason(media_type: str) -> str:
    kind = KIND_OF_TYPE.get(media_type)
    if kind is None and "/" in media_type:
        major = media_type.split("/")[0]
        kind = {"image": "an image", "audio": "audio", "video": "a video", "font": "a font"}.get(major)
    if kind:
        return f"not a web page: the server sent {kind} ({media_type})"
    return f"not a web page: the server sent {media_type}"


class Fetcher:
    """Fetches pages for one batch of links. Use as `async with Fetcher() as fetcher:`.

    `transport` replaces the network (httpx.MockTransport in unit tests).
    """

    def __init__(
        self, limits: FetchLimits | None = None, *, transport: httpx.AsyncBaseTransport | None = None
    ) -> None:
        self.limits = limits or FetchLimits()
        self._transport = transport
        self._client: httpx.AsyncClient | None = None
        self._slots = asyncio.Semaphore(self.limits.concurrency)
        self._host_slots: defaultdict[str, asyncio.Semaphore] = defaultdict(
            lambda: asyncio.Semaphore(self.limits.per_host)
        )

    async def __aenter__(self) -> Fetcher:
        limits = self.limits
        self._client = httpx.AsyncClient(
            headers=BROWSER_HEADERS,
            timeout=httpx.Timeout(
                connect=limits.connect_timeout, read=limits.read_timeout, write=limits.read_timeout, pool=None
            ),
            limits=httpx.Limits(
                max_connections=limits.concurrency, max_keepalive_connections=limits.concurrency
            ),
            follow_redirects=False,
            transport=self._transport,
        )
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def fetch(self, url: str) -> Page:
        """The page at `url`, or a FetchError saying why not."""
        try:
            link = check_url(url)
        except UrlError as exc:
            raise BadLinkError(url, str(exc)) from None
        async with self._host_slots[_host_label(link)], self._slots:
            try:
                async with asyncio.timeout(self.limits.total_timeout):
                    return await self._follow(url, link)
            except TimeoutError:
                seconds = f"{self.limits.total_timeout:g}"
                raise ConnectionFailedError(
                    url, f"timed out: the page took longer than {seconds} s"
                ) from None

    async def _follow(self, url: str, link: str) -> Page:
        if self._client is None:
            raise RuntimeError("use Fetcher in an `async with` block")
        seen = [link]
        current = link
        for _ in range(self.limits.max_redirects + 1):
            host = _host_label(current)
            try:
                request = self._client.build_request("GET", current)
                response = await self._client.send(request, stream=True)
            except httpx.InvalidURL as exc:
                raise BadLinkError(url, f"malformed link: {exc}") from None
            except httpx.TransportError as exc:
                raise ConnectionFailedError(url, describe_transport_error(exc, host, self.limits)) from None
            try:
                if not response.is_redirect:
                    return await self._page(url, response, host)
                current = self._redirect_target(url, response, seen)
                seen.append(current)
            finally:
                await response.aclose()
        raise RedirectError(url, f"too many redirects (more than {self.limits.max_redirects})")

    @staticmethod
    def _redirect_target(url: str, response: httpx.Response, seen: list[str]) -> str:
        location = response.headers.get("location", "").strip()
        if not location:
            status = response.status_code
            raise RedirectError(url, f"HTTP {status} redirect without a Location to go to")
        try:
            target = str(response.url.join(location))
            check_url(target)
        except (httpx.InvalidURL, UrlError) as exc:
            raise RedirectError(url, f"redirected to {location}, which cannot be followed: {exc}") from None
        if target in seen:
            raise RedirectError(url, f"redirect loop: {target} redirects back to an earlier address")
        return target

    async def _page(self, url: str, response: httpx.Response, host: str) -> Page:
        status = response.status_code
        if status >= 400 or status < 200:
            phrase = f" {response.reason_phrase}" if response.reason_phrase else ""
            raise HttpStatusError(url, f"HTTP {status}{phrase}", status)
        media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if media_type and media_type not in HTML_TYPES:
            raise NotHtmlError(url, _not_html_reason(media_type))
        body = await self._read_body(url, response, host)
        if not body.strip():
            raise EmptyPageError(url, f"the page is empty (HTTP {status} with no content)")
        for magic, kind in MAGIC_KINDS:
            if body.startswith(magic):
                raise NotHtmlError(url, f"not a web page: the server sent {kind}")
        html, encoding = decode_html(body, response.charset_encoding)
        return Page(url=url, final_url=str(response.url), html=html, encoding=encoding)

    async def _read_body(self, url: str, response: httpx.Response, host: str) -> bytes:
        limit = self.limits.max_bytes
        too_large = f"the page is larger than the {_megabytes(limit)} limit"
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit and "content-encoding" not in response.headers:
            raise TooLargeError(url, too_large)
        chunks: list[bytes] = []
        size = 0
        try:
            async for chunk in response.aiter_bytes():
                size += len(chunk)
                if size > limit:
                    raise TooLargeError(url, too_large)
                chunks.append(chunk)
        except httpx.DecodingError:
            raise ConnectionFailedError(url, f"{host} sent a corrupt compressed response") from None
        except httpx.TransportError as exc:
            raise ConnectionFailedError(url, describe_transport_error(exc, host, self.limits)) from None
        return b"".join(chunks)
