"""Markdown for the Plan view's preview pane: a source with its credits, a segment with its points."""

from __future__ import annotations

from collections.abc import Mapping

from showprep.domain.episode import Segment
from showprep.domain.source import Source


def _escape(text: str) -> str:
    return text.replace("[", "\\[").replace("]", "\\]").replace("*", "\\*").replace("_", "\\_")


def source_markdown(source: Source) -> str:
    """Title, byline, publisher and date, the link, where the story came from, then the text."""
    lines = [f"# {_escape(source.title or source.url)}", ""]
    facts = []
    if source.authors:
        facts.append("by " + ", ".join(_escape(a) for a in source.authors))
    if source.publisher:
        facts.append(f"**{_escape(source.publisher)}**")
    if source.published:
        facts.append(source.published.isoformat())
    if source.word_count:
        facts.append(f"{source.word_count} words")
    if facts:
        lines += [" · ".join(facts), ""]
    lines += [f"<{source.final_url or source.url}>", ""]
    if not source.ok:
        lines += [f"> **Could not fetch:** {_escape(source.status)}", ""]
    if source.cites:
        credits = ", ".join(
            f"[{_escape(c.name)}]({c.url})" if c.url else _escape(c.name) for c in source.cites
        )
        lines += [f"> **Source:** {credits}", ""]
    if source.text:
        lines += ["---", "", source.text]
    return "\n".join(lines)


def segment_markdown(segment: Segment, sources: Mapping[str, Source]) -> str:
    """The segment's title, planned minutes, talking points and sources (main source first)."""
    lines = [f"# {_escape(segment.title)}", ""]
    planned = f"{segment.minutes:g} minutes planned" if segment.minutes is not None else "No length planned"
    lines += [f"{planned} · id `{segment.id}`", "", "## Talking points", ""]
    lines += [f"- {_escape(p)}" for p in segment.points] or ["*None yet. Press `e` to add some.*"]
    lines += ["", "## Sources", ""]
    for number, source_id in enumerate(segment.sources, 1):
        lines.append(f"{number}. {_source_line(source_id, sources.get(source_id))}")
    if not segment.sources:
        lines.append("*None yet. Press `a` to add article links, or `m` on a source to move it here.*")
    return "\n".join(lines)


def unassigned_markdown(source_ids: list[str]) -> str:
    """What the group of sources no segment uses is for."""
    count = len(source_ids)
    return (
        f"# Unassigned\n\n{count} source{'s' if count != 1 else ''} not in any segment yet. "
        "Select one and press `m` to move it to a segment."
    )


def _source_line(source_id: str, source: Source | None) -> str:
    if source is None:
        return f"`{source_id}` (cannot be read)"
    title = _escape(source.title or source.url)
    publisher = f" — {_escape(source.publisher)}" if source.publisher else ""
    return f"{title}{publisher}" if source.ok else f"{title} (could not fetch: {_escape(source.status)})"
