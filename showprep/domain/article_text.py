"""Cleaning an extracted article body, so only the story reaches `sources/<id>.md`.

The extractor removes most page furniture by structure; what survives is the furniture that sits inside
the article as ordinary paragraphs: image credit lines ("Image via Studio"), share prompts, newsletter
and cookie notices, and the headline, byline and date repeated above the text (they are kept in the
front matter instead), and the line naming the story's source (kept in `cites`).
"""

from __future__ import annotations

import re

from showprep.domain.bylines import parse_byline
from showprep.domain.provenance import is_provenance_line

MAX_FURNITURE_WORDS = 25
"""Longer lines are article text even when they mention sharing or cookies."""

FURNITURE = re.compile(
    r"^(?:"
    r"(?:image|photo|picture|pic|video|header image|featured image|photograph|illustration|artwork|poster|"
    r"still|gif)s?\s*(?:(?:via|credit|courtesy(?:\s+of)?|by|source)\s*:?|:|\|)\s*\S.*"
    r"|(?:credit|photo credit|image credit|image source|courtesy of)\s*:\s*\S.*"
    r"|\((?:photo|image|picture)\s+(?:by|via|courtesy of)\s+.*\)"
    r"|(?:.*[.!?]\s+)?(?:share|click to share|tap to share)\s+(?:this|it|on|via)\b.*"
    r"|(?:like|liked|love|loved|enjoy|enjoyed)\s+(?:this|the)\s+(?:story|post|article)\?.*"
    r"|(?:sign up|subscribe|join)\b.*\b(?:newsletter|inbox|email|updates|mailing list)\b.*"
    r"|(?:never miss a|don't miss a|get the latest)\b.*"
    r"|.*\b(?:we|this site|this website)\s+uses?\s+cookies\b.*"
    r"|(?:accept|reject|manage)\s+(?:all\s+)?cookies.*"
    r"|(?:related|recommended|more|popular|trending)\s+(?:posts?|articles?|stories|reads?|news)\s*(?::.*)?"
    r"|you\s+(?:may|might)\s+also\s+(?:like|enjoy)\b.*"
    r"|(?:read|see|watch)\s+(?:more|also|next)\s*:.*"
    r"|(?:leave|post|add)\s+a\s+(?:reply|comment)\b.*"
    r"|\d+\s+comments?"
    r"|follow\s+us\s+on\b.*"
    r"|please\s+enable\s+javascript\b.*"
    r"|advertisement|sponsored\s+content|skip\s+to\s+(?:main\s+)?content"
    r"|about\s+the\s+author"
    r")$",
    re.IGNORECASE,
)

DATE_LINE = re.compile(
    r"^(?:(?:published|updated|posted|last updated)\s*:?\s*)?(?:on\s+)?"
    r"(?:\w+day,?\s+)?(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?\s+\d{4}|"
    r"\d{4}-\d{2}-\d{2})"
    r"(?:\s*(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*\w*)?$",
    re.IGNORECASE,
)
"""A line holding nothing but a date (and time): the dateline shown above the text."""

MARKDOWN_MARKS = re.compile(r"^\s*(?:#{1,6}\s+|[-*+]\s+|>\s*|\d+[.)]\s+)?|[*_`]+", re.MULTILINE)


def plain(line: str) -> str:
    """A markdown line without its heading, list, quote and emphasis marks, blanks collapsed."""
    return " ".join(MARKDOWN_MARKS.sub("", line).split())


def _squash(text: str) -> str:
    return re.sub(r"[^\w]", "", text.casefold())


def is_furniture(line: str) -> bool:
    """Whether a line of text is page furniture rather than part of the story."""
    text = plain(line)
    if not text:
        return False
    if len(text.split()) > MAX_FURNITURE_WORDS:
        return False
    return bool(FURNITURE.match(text) or is_provenance_line(text))


def clean_body(markdown: str, title: str = "") -> str:
    """The article text without furniture lines, and without the headline, byline and dateline above it.

    Blank-line paragraph breaks are kept; runs of blank lines shrink to one.
    """
    kept: list[str] = []
    in_header = True
    for line in markdown.splitlines():
        if is_furniture(line):
            continue
        text = plain(line)
        if in_header and text:
            if (title and _squash(text) == _squash(title)) or parse_byline(text) or DATE_LINE.match(text):
                continue
            in_header = False
        if not line.strip() and (not kept or not kept[-1].strip()):
            continue
        kept.append(line.rstrip())
    while kept and not kept[-1].strip():
        kept.pop()
    return "\n".join(kept) + "\n" if kept else ""


def count_words(markdown: str) -> int:
    """Words of text in a markdown body (marks and table rules are not words)."""
    return sum(1 for token in plain(markdown).split() if any(ch.isalnum() for ch in token))
