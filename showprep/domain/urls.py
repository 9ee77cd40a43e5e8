"""Article links: which ones showprep can fetch, and one spelling per page so duplicates are caught.

Two links that differ only by tracking parameters, a fragment, the case of the host or a default port
lead to the same article; `normalize_url` maps them to one string, which is how an episode notices that
an article is already in it.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

WEB_SCHEMES = ("http", "https")
DEFAULT_PORTS = {"http": 80, "https": 443}

TRACKING_PREFIXES = ("utm_", "mc_", "pk_", "hsa_", "oly_", "vero_", "__hs", "_hs")
"""Query parameters starting with these only say how the reader arrived (campaign trackers)."""

TRACKING_PARAMETERS = frozenset(
    {
        "fbclid",
        "gclid",
        "gclsrc",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "ttclid",
        "li_fat_id",
        "igshid",
        "igsh",
        "mkt_tok",
        "_ga",
        "_gl",
        "ocid",
        "cmpid",
        "ncid",
        "sr_share",
        "ref_src",
        "ref_url",
        "spm",
        "smid",
    }
)
"""Query parameters that identify a click or a share, never the article itself."""


class UrlError(ValueError):
    """A link showprep will not fetch; str() is the reason, fit for one line after the link."""


def check_url(url: str) -> str:
    """The link without surrounding blanks, if it is an absolute http(s) address with a host.

    Raises UrlError saying what is wrong: `file:`, `ftp:` and `javascript:` links would read local files
    or run code rather than fetch an article, so only the web schemes are accepted.
    """
    text = url.strip()
    if not text:
        raise UrlError("empty link")
    if any(ch.isspace() for ch in text):
        raise UrlError("malformed link: it contains spaces")
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as exc:
        raise UrlError(f"malformed link: {exc}") from None
    scheme = parts.scheme.lower()
    if not scheme:
        raise UrlError("malformed link: it needs to start with http:// or https://")
    if scheme not in WEB_SCHEMES:
        raise UrlError(f"unsupported link type '{scheme}:' (only http and https links can be fetched)")
    if not parts.hostname:
        raise UrlError("malformed link: there is no host name after //")
    if port == 0:
        raise UrlError("malformed link: port 0")
    return text


def is_tracking_parameter(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMETERS or lowered.startswith(TRACKING_PREFIXES)


def normalize_url(url: str) -> str:
    """One spelling per page: lower-case scheme and host, no default port, no fragment, no trackers.

    The path and the remaining query parameters are kept as given (in their order), because sites use
    them to name the article and some are case-sensitive. An empty path becomes "/".
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    if ":" in host:
        host = f"[{host}]"
    port = parts.port
    netloc = host if port is None or port == DEFAULT_PORTS.get(scheme) else f"{host}:{port}"
    if parts.username or parts.password:
        credentials = parts.username or ""
        if parts.password:
            credentials += f":{parts.password}"
        netloc = f"{credentials}@{netloc}"
    query = [
        (name, value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if not is_tracking_parameter(name)
    ]
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(query), ""))


def site_of(url: str) -> str:
    """The host a link points at, lower-case and without "www.", e.g. "variety.com"."""
    try:
        host = (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""
    return host.removeprefix("www.")


def same_site(first: str, second: str) -> bool:
    """Whether two links are on the same site ("www." or not)."""
    return site_of(first) == site_of(second)
