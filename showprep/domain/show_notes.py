"""What the published show notes say, before any template turns it into text.

The notes follow the recording, not the plan: one chapter per segment found, in recorded order, each
with the articles it drew on and the outlets those articles credit; segments never discussed are left
out; articles that were not planned but came up anyway are listed as "also mentioned". Without a
transcript the notes follow the plan, without timestamps.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from showprep.domain.alignment import Alignment, article_link
from showprep.domain.chapter_formats import youtube_lines
from showprep.domain.episode import Episode, Segment
from showprep.domain.mentions import Mention
from showprep.domain.source import Cite, Source
from showprep.domain.timecode import clock_timecode
from showprep.domain.transcript import Chapter


@dataclass(frozen=True)
class Credit:
    """An article as the notes cite it."""

    title: str
    link: str
    publisher: str | None = None
    authors: tuple[str, ...] = ()
    published: dt.date | None = None
    cites: tuple[Cite, ...] = ()
    """Where the story came from: "originally reported by …"."""

    @property
    def byline(self) -> str:
        """ "Publisher, Author and Author, 2026-11-22": the parts that are known, in that order."""
        date = self.published.isoformat() if self.published else ""
        return ", ".join(p for p in (self.publisher or "", _and(self.authors), date) if p)

    @property
    def credited(self) -> str:
        """The upstream outlets as one phrase, e.g. "The Hollywood Courier and Mountain Sun Times"."""
        return _and(tuple(c.name for c in self.cites))


def _and(names: Sequence[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def credit(source: Source) -> Credit:
    return Credit(
        title=source.title or article_link(source),
        link=article_link(source),
        publisher=source.publisher,
        authors=source.authors,
        published=source.published,
        cites=source.cites,
    )


@dataclass(frozen=True)
class NotesChapter:
    """One chapter of the notes: where it starts, what it is called, the articles behind it."""

    title: str
    start: float | None
    """Seconds from the start; None in notes made from the plan alone."""
    segment_id: str | None = None
    points: tuple[str, ...] = ()
    credits: tuple[Credit, ...] = ()

    @property
    def timestamp(self) -> str:
        """`HH:MM:SS`, the form Apple Podcasts and most players read in a description; "" without a time."""
        return "" if self.start is None else clock_timecode(self.start)


@dataclass(frozen=True)
class ShowNotes:
    """Everything the show-notes template may use."""

    title: str
    date: dt.date
    number: int | None
    summary: str
    chapters: tuple[NotesChapter, ...]
    also_mentioned: tuple[Credit, ...] = ()
    timed: bool = True
    """False when there was no transcript: the chapters are the plan's segments, without times."""
    notes: str = ""
    """The hosts' free notes from `episode.md`, for templates that want them (the default does not)."""


def summary(segments: Sequence[Segment]) -> str:
    """A few words per segment from the plan: its title and first talking point ("Title: point.")."""
    parts = []
    for segment in segments:
        text = f"{segment.title}: {segment.points[0]}" if segment.points else segment.title
        parts.append(text if text.endswith((".", "?", "!")) else f"{text}.")
    return " ".join(parts)


def _credits(segment: Segment, sources: Mapping[str, Source]) -> tuple[Credit, ...]:
    return tuple(credit(sources[s]) for s in segment.sources if s in sources)


def build_show_notes(
    episode: Episode,
    sources: Mapping[str, Source],
    alignment: Alignment | None,
    mentions: Sequence[Mention] = (),
) -> ShowNotes:
    """The notes for this plan and, when there is one, its alignment with the recording."""
    by_id = {s.id: s for s in episode.segments}
    if alignment is None:
        segments = list(episode.segments)
        chapters = tuple(NotesChapter(s.title, None, s.id, s.points, _credits(s, sources)) for s in segments)
    else:
        segments = [by_id[c.segment_id] for c in alignment.chapters if c.segment_id in by_id]
        chapters = tuple(_notes_chapter(c, by_id, sources) for c in alignment.chapters)
    return ShowNotes(
        title=episode.title,
        date=episode.date,
        number=episode.number,
        summary=summary(segments),
        chapters=chapters,
        also_mentioned=tuple(credit(sources[m.source_id]) for m in mentions if m.source_id in sources),
        timed=alignment is not None,
        notes=episode.notes,
    )


def _notes_chapter(
    chapter: Chapter, by_id: Mapping[str, Segment], sources: Mapping[str, Source]
) -> NotesChapter:
    segment = by_id.get(chapter.segment_id or "")
    if segment is None:
        return NotesChapter(chapter.title, chapter.start)
    return NotesChapter(chapter.title, chapter.start, segment.id, segment.points, _credits(segment, sources))


def _credit_lines(item: Credit) -> list[str]:
    about = f" ({item.byline})" if item.byline else ""
    lines = [f"- {item.title}{about}: {item.link}"]
    lines += [f"  Originally reported by {c.name}" + (f": {c.url}" if c.url else "") for c in item.cites]
    return lines


def render_youtube_description(notes: ShowNotes, chapters: Sequence[Chapter]) -> str:
    """`youtube.txt`: title, summary, chapter timestamps, then every article and its original source."""
    lines = [notes.title, "", notes.summary] if notes.summary else [notes.title]
    if chapters:
        lines += ["", *youtube_lines(chapters)]
    credits = [c for chapter in notes.chapters for c in chapter.credits]
    if credits:
        lines += ["", "Sources:"]
        for item in credits:
            lines += _credit_lines(item)
    if notes.also_mentioned:
        lines += ["", "Also mentioned:"]
        for item in notes.also_mentioned:
            lines += _credit_lines(item)
    return "\n".join(lines) + "\n"
