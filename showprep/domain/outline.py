"""The rundown: the host-facing run sheet of an episode, and its markdown text.

Segments in planned order with their planned length, when each should start (running time) and how much
of the show is left at that point (back-time, the count-down a host watches), the talking points, and
for every article its credits, link and the two or three sentences worth having in front of you. Once
the episode has been recorded and aligned, the rundown also says where each segment really ran and
which ones were never covered.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from showprep.domain.alignment import article_link
from showprep.domain.coverage import CoverageReport, SegmentCoverage
from showprep.domain.episode import Episode, Segment
from showprep.domain.source import Source
from showprep.domain.terms import proper_nouns, source_profile, tokens
from showprep.domain.timecode import human_timecode

KEY_SENTENCES = 3
_SENTENCE = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'”’)]))\s+(?=[\"'“‘(*]?[A-Z0-9])")


@dataclass(frozen=True)
class RundownSource:
    """An article under its segment, with what the host needs from it at a glance."""

    id: str
    source: Source | None
    """None when the plan names a source file that does not exist (or could not be read)."""
    key_sentences: tuple[str, ...] = ()


@dataclass(frozen=True)
class RundownSegment:
    segment: Segment
    starts_at: float | None
    """Planned start in seconds from the top of the show; None when an earlier segment has no length."""
    time_left: float | None
    """Back-time: planned seconds of show left when the segment starts."""
    sources: tuple[RundownSource, ...]
    coverage: SegmentCoverage | None = None


@dataclass(frozen=True)
class Rundown:
    episode: Episode
    segments: tuple[RundownSegment, ...]
    planned_seconds: float
    unassigned: tuple[Source, ...] = ()
    coverage: CoverageReport | None = None


def _plain(text: str) -> str:
    """Markdown emphasis and links reduced to their words."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"[*_`]+", "", text).strip()


def article_sentences(text: str) -> list[str]:
    """The article's sentences in order, from its markdown body (headings and list markers dropped)."""
    sentences: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text):
        flat = _plain(" ".join(line.lstrip("#>-+ ").strip() for line in paragraph.splitlines()))
        sentences.extend(s.strip() for s in _SENTENCE.split(flat) if s.strip())
    return sentences


def key_sentences(source: Source, count: int = KEY_SENTENCES) -> tuple[str, ...]:
    """The sentences that say most about the story, in article order.

    A sentence scores by the weight of the article's distinctive words it holds (headline words and
    names weigh most, see `terms.source_profile`), per word so long sentences do not win by length,
    with a bonus for the lead (the first full sentence), which in news writing carries the story.
    """
    profile = source_profile(source)
    headline = set(tokens(source.title)) | proper_nouns(source.text)
    scored: list[tuple[float, int, str]] = []
    for position, sentence in enumerate(article_sentences(source.text)):
        words = tokens(sentence)
        if not 6 <= len(sentence.split()) <= 60:
            continue
        weight = sum(profile.get(w, 0.0) for w in set(words) if w in headline)
        lead = 1.5 if not scored else 1.0
        scored.append((weight * lead / (len(words) ** 0.5), position, sentence))
    best = sorted(scored, key=lambda item: (-item[0], item[1]))[:count]
    return tuple(sentence for _, _, sentence in sorted(best, key=lambda item: item[1]))


def build_rundown(
    episode: Episode, sources: Mapping[str, Source], coverage: CoverageReport | None = None
) -> Rundown:
    """The run sheet of this plan; with `coverage`, also where each segment ran in the recording."""
    rows = []
    planned = sum(s.minutes or 0 for s in episode.segments) * 60.0
    clock: float | None = 0.0
    for segment in episode.segments:
        rows.append(
            RundownSegment(
                segment=segment,
                starts_at=clock,
                time_left=None if clock is None else planned - clock,
                sources=tuple(_rundown_source(sid, sources.get(sid)) for sid in segment.sources),
                coverage=coverage.of(segment.id) if coverage else None,
            )
        )
        clock = None if clock is None or segment.minutes is None else clock + segment.minutes * 60
    assigned = episode.assigned_source_ids()
    unassigned = tuple(s for sid, s in sorted(sources.items()) if sid not in assigned)
    return Rundown(episode, tuple(rows), planned, unassigned, coverage)


def _rundown_source(source_id: str, source: Source | None) -> RundownSource:
    return RundownSource(source_id, source, key_sentences(source) if source else ())


def _timing(row: RundownSegment) -> str:
    minutes = row.segment.minutes
    parts = ["no length planned" if minutes is None else f"planned {minutes:g} min"]
    if row.starts_at is not None:
        parts.append(f"starts at {human_timecode(row.starts_at)}")
        parts.append(f"back-time {human_timecode(row.time_left or 0.0)}")
    return " · ".join(parts)


def _recorded(entry: SegmentCoverage) -> str:
    if not entry.covered or entry.start is None:
        return "**Not covered in the recording.**"
    length = entry.recorded_seconds
    ran = f" for {human_timecode(length)}" if length is not None else ""
    return f"Recorded at {human_timecode(entry.start)}{ran}."


def _source_lines(item: RundownSource) -> list[str]:
    source = item.source
    if source is None:
        return [f"- `{item.id}`: missing (no readable file sources/{item.id}.md)"]
    date = source.published.isoformat() if source.published else ""
    byline = " — ".join(p for p in (source.publisher or "", ", ".join(source.authors), date) if p)
    lines = [f"- **{source.title or item.id}**" + (f" — {byline}" if byline else "")]
    if not source.ok:
        lines.append(f"  - last fetch failed: {source.status}")
    lines.append(f"  - {article_link(source)}")
    lines += [f"  - Originally reported by {c.name}" + (f": {c.url}" if c.url else "") for c in source.cites]
    lines += [f"  > {sentence}" for sentence in item.key_sentences]
    return lines


def render_rundown(rundown: Rundown) -> str:
    """`rundown.md`: the run sheet as markdown, readable as printed text too."""
    episode = rundown.episode
    count = len(rundown.segments)
    lines = [
        f"# Rundown: {episode.title}",
        "",
        f"{episode.date.isoformat()} · {count} segment{'s' if count != 1 else ''} · "
        f"{human_timecode(rundown.planned_seconds)} planned",
    ]
    for number, row in enumerate(rundown.segments, start=1):
        lines += ["", f"## {number}. {row.segment.title}", "", _timing(row)]
        if row.coverage is not None:
            lines.append(_recorded(row.coverage))
        if row.segment.points:
            lines += ["", "Talking points:", *(f"- {p}" for p in row.segment.points)]
        if row.sources:
            lines += ["", "Sources:"]
            for item in row.sources:
                lines += _source_lines(item)
    if rundown.coverage is not None and rundown.coverage.not_covered:
        lines += ["", "## Not covered in the recording", ""]
        lines += [f"- {e.title} (`{e.segment_id}`)" for e in rundown.coverage.not_covered]
    if rundown.unassigned:
        lines += ["", "## Sources not in any segment", ""]
        for source in rundown.unassigned:
            lines += _source_lines(_rundown_source(source.id, source))
    return "\n".join(lines) + "\n"
