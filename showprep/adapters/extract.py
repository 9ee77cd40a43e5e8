"""Turning a fetched news page into an Article with trafilatura, then checking it against the page.

trafilatura finds the main text (as markdown) and the metadata (title, authors, site name, date via
htmldate, description, image). Its answers are then checked against what a reader of the page sees:
the visible byline beats an author field holding an account name; JSON-LD fills in what the meta tags
lack; page furniture that sits inside the article as ordinary paragraphs is dropped; and the lines
naming where the story came from, with their links, become `cites`.

`extract_article` is CPU-bound and holds no state, so callers may run it in threads or processes.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

import trafilatura
from lxml.html import HtmlElement

from showprep.domain.article_text import clean_body, count_words
from showprep.domain.bylines import clean_authors, parse_byline
from showprep.domain.provenance import Link, Passage, find_cites
from showprep.domain.source import Cite
from showprep.domain.urls import UrlError, check_url, site_of

MIN_ARTICLE_WORDS = 20
"""Fewer words than this after cleaning is a menu or an app shell, not an article."""

DATE_PARAMS = {"extensive_search": True, "original_date": True}
"""htmldate settings: the first publication date, searched for in the text as well as the markup."""

FURNITURE_MARKER = re.compile(
    r"(?:^|[\s_-])(?:share|sharing|sharedaddy|social|author-?bio|author-?box|about-?(?:the-?)?author|bio|"
    r"related|also-?like|may-?also|recommended|more-?stories|newsletter|subscribe|subscription|signup|"
    r"sign-?up|comments?|respond|disqus|cookies?|consent|gdpr|promo|advert\w*|ads?|ad-?slot|sponsored|"
    r"sidebar|breadcrumbs?|popup|modal|paywall|tags?-?list)(?:$|[\s_-])",
    re.IGNORECASE,
)
"""Class or id words of the boxes around an article: share bars, bios, related posts, comments, banners."""

CONTENT_MARKER = re.compile(r"(?:^|[\s_-])(?:content|article|entry|story|post-?body|main)(?:$|[\s_-])", re.I)
"""Class or id words of the article itself: "entry-content share-enabled" is the story, not a share bar."""

NEVER_ARTICLE = ("script", "style", "noscript", "template", "iframe", "nav", "footer", "aside", "button")
FURNITURE_TAGS = frozenset({"form"})
"""Usually a newsletter or comment box, but some sites wrap the whole page in one <form>."""
NEVER_PRUNED = frozenset({"html", "body", "main", "article"})
MAX_PRUNED_SHARE = 0.5
"""A box holding more than half of the page's text is the article itself, whatever its class says."""

BLOCK_TAGS = frozenset(
    {
        "p",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "figcaption",
        "blockquote",
        "td",
        "th",
        "dd",
        "dt",
        "address",
    }
)
CONTAINER_TAGS = frozenset({"div", "span", "section", "header"})
CELL_BLOCKS = ("p", "div", "h1", "h2", "h3", "ul", "ol", "table", "article")

ARTICLE_TYPES = re.compile(r"(?:Article|BlogPosting|Report)$")


@dataclass(frozen=True)
class Article:
    """What a page says about itself, checked: the makings of a Source."""

    title: str
    authors: tuple[str, ...]
    publisher: str | None
    published: dt.date | None
    description: str | None
    image: str | None
    language: str | None
    canonical: str | None
    cites: tuple[Cite, ...]
    text: str
    """Article body as markdown, furniture removed."""
    word_count: int


class ExtractError(Exception):
    """A page with no article in it; str() is the one-line reason."""


class BrokenHtmlError(ExtractError):
    """The body is not HTML that can be parsed."""


class NoArticleError(ExtractError):
    """The page parsed, but holds no article text (a menu, an app shell, a blank page)."""


def extract_article(html: str, page_url: str) -> Article:
    """The article on a page fetched from `page_url` (its final URL, for resolving relative links).

    Raises ExtractError (BrokenHtmlError, NoArticleError) with a one-line reason.
    """
    try:
        return _extract(html, page_url)
    except ExtractError:
        raise
    except Exception as exc:
        # The page is untrusted input to third-party parsers; whatever they trip over, this one page
        # fails with a reason and the rest of the batch goes on.
        raise BrokenHtmlError(f"the page could not be read ({type(exc).__name__}: {exc})") from exc


def _extract(html: str, page_url: str) -> Article:
    tree = trafilatura.load_html(html)
    if tree is None:
        raise BrokenHtmlError("broken HTML: the page could not be parsed as a web page")
    _prune_furniture(tree)
    _unwrap_layout_tables(tree)
    document = trafilatura.bare_extraction(
        tree,
        url=page_url,
        with_metadata=True,
        include_comments=False,
        include_formatting=True,
        include_links=False,
        include_tables=True,
        date_extraction_params=DATE_PARAMS,
    )
    if document is None or isinstance(document, dict) or not document.text:
        raise NoArticleError("no article text found on the page")
    json_ld = _json_ld_article(tree)
    _mark_line_breaks(tree)
    passages = list(_passages(tree, page_url))
    title = _first_text(document.title, json_ld.get("headline"), _first_heading(tree))
    text = clean_body(document.text, title)
    words = count_words(text)
    if words < MIN_ARTICLE_WORDS:
        detail = f" (only {words} words of text)" if words else ""
        raise NoArticleError(f"no article text found on the page{detail}")
    canonical = _canonical(tree, page_url)
    return Article(
        title=title,
        authors=_authors(passages, json_ld, document.author),
        publisher=_publisher(document.sitename, json_ld, page_url),
        published=_date(document.date),
        description=_first_text(document.description, json_ld.get("description")) or None,
        image=_absolute(_first_text(document.image, _json_ld_image(json_ld)), page_url),
        language=_language(tree, json_ld),
        canonical=canonical,
        cites=find_cites(passages, page_url, _canonical(tree, page_url, declared_only=True)),
        text=text,
        word_count=words,
    )


# -- the page's structure ----------------------------------------------------------------------------


def _marker(element: HtmlElement) -> str:
    return f"{element.get('class', '')} {element.get('id', '')}".strip()


def _prune_furniture(tree: HtmlElement) -> None:
    """Drop scripts, menus and the boxes around the article (share bars, bios, comments, banners)."""
    for element in list(tree.iter(*NEVER_ARTICLE)):
        if element.getparent() is not None and element.get("type") != "application/ld+json":
            element.drop_tree()
    total = len(tree.text_content()) or 1
    for element in list(tree.iter()):
        if not isinstance(element.tag, str) or element.tag in NEVER_PRUNED or element.getparent() is None:
            continue
        marker = _marker(element)
        furniture = element.tag in FURNITURE_TAGS or (
            bool(FURNITURE_MARKER.search(marker)) and not CONTENT_MARKER.search(marker)
        )
        if furniture and len(element.text_content()) / total <= MAX_PRUNED_SHARE:
            element.drop_tree()


def _unwrap_layout_tables(tree: HtmlElement) -> None:
    """Turn tables used for page layout into plain blocks, so their text reads as paragraphs.

    A table whose cells hold paragraphs or headings lays out a page; a table of plain cells holds data
    (box-office figures, release dates) and is kept as a table.
    """
    for table in list(tree.iter("table")):
        cells = table.xpath(".//td|.//th")
        if any(cell.find(f".//{tag}") is not None for cell in cells for tag in CELL_BLOCKS):
            for element in [table, *table.iter("thead", "tbody", "tfoot", "tr", "td", "th")]:
                element.tag = "div"


def _text_of(element: HtmlElement) -> str:
    """An element's text, blanks within a line collapsed (lines end where the page had a <br>)."""
    lines = "".join(element.itertext()).split("\n")
    return "\n".join(" ".join(line.split()) for line in lines).strip()


def _mark_line_breaks(tree: HtmlElement) -> None:
    """Newlines where the page has <br>, and only there, so "SOURCE: X<br>" reads as its own line."""
    for element in tree.iter():
        if isinstance(element.tag, str):
            element.text = element.text and " ".join(element.text.split("\n"))
            element.tail = element.tail and " ".join(element.tail.split("\n"))
    for br in tree.iter("br"):
        br.tail = "\n" + (br.tail or "")


def _passages(tree: HtmlElement, page_url: str) -> Iterator[Passage]:
    """Each paragraph-like block of the page, in order, with its links made absolute."""
    body = tree.find("body")
    root = body if body is not None else tree
    for element in root.iter():
        tag = element.tag
        if not isinstance(tag, str):
            continue
        if tag in CONTAINER_TAGS:
            if any(
                isinstance(d.tag, str) and (d.tag in BLOCK_TAGS or d.tag == "div")
                for d in element.iterdescendants()
            ):
                continue
        elif tag not in BLOCK_TAGS:
            continue
        text = _text_of(element)
        if not text:
            continue
        links = tuple(
            Link(text=" ".join(a.text_content().split()), href=urljoin(page_url, a.get("href", "").strip()))
            for a in element.iter("a")
            if a.get("href", "").strip() and not a.get("href", "").strip().startswith(("#", "javascript:"))
        )
        yield Passage(text=text, links=links)


def _first_heading(tree: HtmlElement) -> str:
    for tag in ("h1", "h2"):
        heading = tree.find(f".//{tag}")
        if heading is not None and heading.text_content().strip():
            return " ".join(heading.text_content().split())
    return ""


def _canonical(tree: HtmlElement, page_url: str, declared_only: bool = False) -> str | None:
    """The page's rel=canonical link (or else og:url), absolute; None when it declares none or a bad one.

    Only rel=canonical marks a syndicated copy (`declared_only`): og:url is for sharing and often
    carelessly set.
    """
    candidates = tree.xpath("//link[@rel and @href]")
    if not declared_only:
        candidates += tree.xpath("//meta[@property='og:url'][@content]")
    for element in candidates:
        if element.tag == "link" and "canonical" not in element.get("rel", "").lower().split():
            continue
        href = (element.get("href") or element.get("content") or "").strip()
        try:
            return check_url(urljoin(page_url, href))
        except UrlError:
            continue
    return None


def _language(tree: HtmlElement, json_ld: dict[str, Any]) -> str | None:
    """The page's declared language as a BCP 47 tag ("en", "en-GB"): <html lang>, meta tags, JSON-LD."""
    declared = [tree.get("lang"), tree.get("xml:lang")]
    declared += tree.xpath("//meta[@http-equiv and @content]/@content[../@http-equiv='content-language']")
    declared += tree.xpath("//meta[@property='og:locale']/@content")
    declared.append(json_ld.get("inLanguage"))
    for value in declared:
        tag = str(value or "").strip().replace("_", "-").split(",")[0]
        if re.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*", tag):
            primary, *rest = tag.split("-")
            return "-".join([primary.lower(), *(r.upper() if len(r) == 2 else r for r in rest)])
    return None


# -- metadata ------------------------------------------------------------------------------------------


def _json_ld_objects(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, list):
        for item in value:
            yield from _json_ld_objects(item)
    elif isinstance(value, dict):
        yield value
        yield from _json_ld_objects(value.get("@graph"))


def _json_ld_article(tree: HtmlElement) -> dict[str, Any]:
    """The first schema.org Article (NewsArticle, BlogPosting…) in the page's JSON-LD, or {}."""
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        for item in _json_ld_objects(data):
            types = item.get("@type")
            types = types if isinstance(types, list) else [types]
            if any(isinstance(t, str) and ARTICLE_TYPES.search(t) for t in types):
                return item
    return {}


def _names(value: Any) -> list[str]:
    """Names in a JSON-LD author value: a string, a Person, or a list of either."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        name = value.get("name")
        return [name] if isinstance(name, str) else []
    if isinstance(value, list):
        return [name for item in value for name in _names(item)]
    return []


def _json_ld_image(json_ld: dict[str, Any]) -> str | None:
    image = json_ld.get("image")
    if isinstance(image, list):
        image = image[0] if image else None
    if isinstance(image, dict):
        image = image.get("url")
    return image if isinstance(image, str) else None


def _authors(passages: list[Passage], json_ld: dict[str, Any], extracted: str | None) -> tuple[str, ...]:
    """The visible byline when there is one; else JSON-LD's authors; else what trafilatura read."""
    for passage in passages:
        for line in passage.text.splitlines():
            names = parse_byline(line)
            if names:
                return names
    structured = clean_authors(_names(json_ld.get("author")))
    if structured:
        return structured
    return clean_authors([extracted]) if extracted else ()


def _publisher(sitename: str | None, json_ld: dict[str, Any], page_url: str) -> str | None:
    """The outlet's name; trafilatura falls back to the host (with port) when a page names none."""
    host = site_of(page_url)
    for name in (sitename, *_names(json_ld.get("publisher"))):
        if name and name.strip() and host not in name.lower() and ":" not in name:
            return name.strip()
    return host or None


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _first_text(*values: Any) -> str:
    for value in values:
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())
    return ""


def _absolute(link: str, page_url: str) -> str | None:
    if not link:
        return None
    try:
        return check_url(urljoin(page_url, link))
    except UrlError:
        return None
