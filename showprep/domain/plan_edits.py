"""Edits to an episode's rundown: add, rename, delete and reorder segments, move sources, set points.

Each edit is a pure function from one Episode to the next, so the terminal UI holds no logic of its
own and every edit can be tested without a file or a screen. An edit that makes no sense (an empty
title, an unknown segment) raises PlanEditError with a sentence fit to show the user.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from showprep.domain.episode import Episode, Segment
from showprep.domain.slug import slugify, unique_name


class PlanEditError(ValueError):
    """An edit that cannot be applied to this plan; str() is one line for the user."""


def _segment_index(episode: Episode, segment_id: str) -> int:
    for index, segment in enumerate(episode.segments):
        if segment.id == segment_id:
            return index
    raise PlanEditError(f"there is no segment {segment_id!r}")


def _clean_title(title: str) -> str:
    cleaned = " ".join(title.split())
    if not cleaned:
        raise PlanEditError("a segment needs a non-empty title")
    return cleaned


def _with_segment(episode: Episode, index: int, segment: Segment) -> Episode:
    segments = list(episode.segments)
    segments[index] = segment
    return replace(episode, segments=tuple(segments))


def new_segment_id(episode: Episode, title: str) -> str:
    """The id a segment with this title would get: the slug of the title, made unique.

    A segment's id never changes afterwards: sources and chapters refer to it, so renaming a segment
    keeps its id.
    """
    return unique_name(slugify(title, fallback="segment"), {s.id for s in episode.segments})


def attach_to_segment(episode: Episode, segment_title: str, source_ids: Iterable[str]) -> Episode:
    """The episode with these sources added to the segment titled so (made, at the end, if new).

    An existing segment matches by title regardless of case and spacing, or by its id; a new one gets
    the slug of its title as id, made unique.
    """
    title = " ".join(segment_title.split())
    wanted = title.casefold()
    segments = list(episode.segments)
    index = next(
        (
            i
            for i, s in enumerate(segments)
            if " ".join(s.title.split()).casefold() == wanted or s.id == title
        ),
        None,
    )
    if index is None:
        segments.append(Segment(id=new_segment_id(episode, title), title=title))
        index = len(segments) - 1
    segment = segments[index]
    new_ids = [sid for sid in dict.fromkeys(source_ids) if sid not in segment.sources]
    segments[index] = replace(segment, sources=segment.sources + tuple(new_ids))
    return replace(episode, segments=tuple(segments))


def add_segment(episode: Episode, title: str, after: str | None = None) -> Episode:
    """A new empty segment after segment `after` (at the end when None), with id new_segment_id()."""
    clean = _clean_title(title)
    position = len(episode.segments) if after is None else _segment_index(episode, after) + 1
    segments = list(episode.segments)
    segments.insert(position, Segment(id=new_segment_id(episode, clean), title=clean))
    return replace(episode, segments=tuple(segments))


def rename_segment(episode: Episode, segment_id: str, title: str) -> Episode:
    """The segment's title changed; its id stays."""
    index = _segment_index(episode, segment_id)
    return _with_segment(episode, index, replace(episode.segments[index], title=_clean_title(title)))


def delete_segment(episode: Episode, segment_id: str) -> Episode:
    """The plan without this segment; its sources stay in the episode, unassigned."""
    index = _segment_index(episode, segment_id)
    return replace(episode, segments=episode.segments[:index] + episode.segments[index + 1 :])


def move_segment(episode: Episode, segment_id: str, offset: int) -> Episode:
    """The segment moved `offset` places later (negative: earlier), stopping at either end."""
    index = _segment_index(episode, segment_id)
    target = max(0, min(len(episode.segments) - 1, index + offset))
    segments = list(episode.segments)
    segments.insert(target, segments.pop(index))
    return replace(episode, segments=tuple(segments))


def segment_of(episode: Episode, source_id: str) -> str | None:
    """Id of the first segment using this source, or None when it is unassigned."""
    return next((s.id for s in episode.segments if source_id in s.sources), None)


def move_source(episode: Episode, source_id: str, segment_id: str | None) -> Episode:
    """The source taken out of every segment and appended to `segment_id` (None: left unassigned)."""
    if segment_id is not None:
        _segment_index(episode, segment_id)
    segments = []
    for segment in episode.segments:
        sources = tuple(s for s in segment.sources if s != source_id)
        if segment.id == segment_id:
            sources += (source_id,)
        segments.append(segment if sources == segment.sources else replace(segment, sources=sources))
    return replace(episode, segments=tuple(segments))


def reorder_source(episode: Episode, source_id: str, offset: int) -> Episode:
    """The source moved `offset` places within its segment; the first source is the main one."""
    segment_id = segment_of(episode, source_id)
    if segment_id is None:
        raise PlanEditError("only sources in a segment have an order; move it to a segment first")
    index = _segment_index(episode, segment_id)
    segment = episode.segments[index]
    sources = list(segment.sources)
    position = sources.index(source_id)
    target = max(0, min(len(sources) - 1, position + offset))
    sources.insert(target, sources.pop(position))
    return _with_segment(episode, index, replace(segment, sources=tuple(sources)))


def set_points(episode: Episode, segment_id: str, points: Iterable[str]) -> Episode:
    """The segment's talking points replaced; blank lines are dropped, the rest kept in order."""
    index = _segment_index(episode, segment_id)
    cleaned = tuple(p.strip() for p in points if p.strip())
    return _with_segment(episode, index, replace(episode.segments[index], points=cleaned))


def set_minutes(episode: Episode, segment_id: str, minutes: float | None) -> Episode:
    """The segment's planned length in minutes; None clears it."""
    if minutes is not None and not minutes >= 0:
        raise PlanEditError(f"planned minutes must be zero or more, not {minutes}")
    index = _segment_index(episode, segment_id)
    return _with_segment(episode, index, replace(episode.segments[index], minutes=minutes))


def parse_minutes(text: str) -> float | None:
    """What the user typed as planned minutes: blank for none, else a number such as 5 or 2.5."""
    stripped = text.strip()
    if not stripped:
        return None
    try:
        value = float(stripped)
    except ValueError:
        raise PlanEditError(f"planned minutes must be a number, not {stripped!r}") from None
    if not value >= 0 or value == float("inf"):
        raise PlanEditError(f"planned minutes must be zero or more, not {stripped}")
    return int(value) if value.is_integer() else value


def unassigned_sources(episode: Episode, source_ids: Iterable[str]) -> list[str]:
    """The ids among `source_ids` that no segment uses, in the given order."""
    assigned = episode.assigned_source_ids()
    return [sid for sid in source_ids if sid not in assigned]
