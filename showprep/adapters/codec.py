"""Front matter <-> domain objects, with the type checks that turn a hand-mangled file into a clear error.

Every known key is validated; unknown keys travel in the objects' `extra` mapping so a save writes
them back unchanged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from showprep.domain.episode import Episode, EpisodeStatus, Segment
from showprep.domain.source import STATUS_OK, Cite, Source

T = TypeVar("T")

EPISODE_KEYS = ("title", "number", "date", "status", "audio", "segments")
SEGMENT_KEYS = ("id", "title", "points", "minutes", "sources")
SOURCE_KEYS = (
    "url", "final_url", "canonical", "title", "authors", "publisher", "published", "description",
    "image", "language", "cites", "fetched_at", "word_count", "status",
)  # fmt: skip


class FieldError(ValueError):
    """A front-matter key holds a value of the wrong shape; `key` is the top-level key concerned."""

    def __init__(self, key: str, reason: str) -> None:
        super().__init__(f"{key}: {reason}")
        self.key = key


def _get(meta: Mapping[str, Any], key: str, kind: type[T] | tuple[type, ...], what: str) -> Any:
    value = meta.get(key)
    if value is not None and (isinstance(value, bool) or not isinstance(value, kind)):
        if not (kind is str and isinstance(value, (int, float)) and not isinstance(value, bool)):
            raise FieldError(key, f"must be {what}, not {type(value).__name__} {value!r}")
        value = str(value)
    return value


def _text(meta: Mapping[str, Any], key: str) -> str | None:
    value = _get(meta, key, str, "text")
    return None if value is None else str(value)


def _date(meta: Mapping[str, Any], key: str) -> dt.date | None:
    value = meta.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
    raise FieldError(key, f"must be a date written YYYY-MM-DD, not {value!r}")


def _datetime(meta: Mapping[str, Any], key: str) -> dt.datetime | None:
    value = meta.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    if isinstance(value, str):
        try:
            return _datetime({key: dt.datetime.fromisoformat(value.strip())}, key)
        except ValueError:
            pass
    raise FieldError(key, f"must be an ISO 8601 date and time, not {value!r}")


def _list(meta: Mapping[str, Any], key: str, item: Callable[[Any], T], what: str) -> tuple[T, ...]:
    value = meta.get(key)
    if value is None:
        return ()
    if not isinstance(value, list):
        raise FieldError(key, f"must be a list of {what}, not {type(value).__name__} {value!r}")
    try:
        return tuple(item(v) for v in value)
    except (TypeError, ValueError) as exc:
        raise FieldError(key, f"must be a list of {what}: {exc}") from exc


def _plain_text(value: Any) -> str:
    if isinstance(value, (dict, list)) or value is None:
        raise TypeError(f"{value!r} is not text")
    return str(value)


def _extra(meta: Mapping[str, Any], known: tuple[str, ...]) -> dict[str, Any]:
    return {k: v for k, v in meta.items() if k not in known}


def _without_none(pairs: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in pairs.items() if v is not None}


def segment_from_dict(raw: Any) -> Segment:
    if not isinstance(raw, dict):
        raise TypeError(f"each segment must be a mapping with id and title, not {raw!r}")
    seg_id = raw.get("id")
    title = raw.get("title")
    if seg_id is None or title is None:
        raise TypeError(f"each segment needs an id and a title: {raw!r}")
    minutes = raw.get("minutes")
    if minutes is not None and (isinstance(minutes, bool) or not isinstance(minutes, (int, float))):
        raise TypeError(f"segment {seg_id!r}: minutes must be a number, not {minutes!r}")
    points = raw.get("points") or []
    sources = raw.get("sources") or []
    if not isinstance(points, list) or not isinstance(sources, list):
        raise TypeError(f"segment {seg_id!r}: points and sources must be lists")
    return Segment(
        id=str(seg_id),
        title=str(title),
        points=tuple(_plain_text(p) for p in points),
        minutes=minutes,
        sources=tuple(_plain_text(s) for s in sources),
        extra=_extra(raw, SEGMENT_KEYS),
    )


def segment_to_dict(segment: Segment) -> dict[str, Any]:
    known = {
        "id": segment.id,
        "title": segment.title,
        "points": list(segment.points),
        "minutes": segment.minutes,
        "sources": list(segment.sources),
    }
    return {**_without_none(known), **segment.extra}


def episode_from_metadata(meta: Mapping[str, Any], body: str) -> Episode:
    """Build an Episode; raises FieldError naming the first key that is wrong."""
    title = _text(meta, "title")
    if not title:
        raise FieldError("title", "is missing; every episode needs a title")
    date = _date(meta, "date")
    if date is None:
        raise FieldError("date", "is missing; write the episode date as YYYY-MM-DD")
    status_text = _text(meta, "status") or EpisodeStatus.PLANNING.value
    try:
        status = EpisodeStatus(status_text)
    except ValueError:
        allowed = ", ".join(s.value for s in EpisodeStatus)
        raise FieldError("status", f"must be one of {allowed}, not {status_text!r}") from None
    number = _get(meta, "number", int, "a whole number")
    return Episode(
        title=title,
        date=date,
        status=status,
        number=number,
        audio=_text(meta, "audio"),
        segments=_list(meta, "segments", segment_from_dict, "segments"),
        notes=body,
        extra=_extra(meta, EPISODE_KEYS),
    )


def episode_to_metadata(episode: Episode) -> dict[str, Any]:
    known = {
        "title": episode.title,
        "number": episode.number,
        "date": episode.date,
        "status": episode.status.value,
        "audio": episode.audio,
        "segments": [segment_to_dict(s) for s in episode.segments],
    }
    return {**_without_none(known), **episode.extra}


def _cite_from_raw(raw: Any) -> Cite:
    if isinstance(raw, str):
        return Cite(name=raw)
    if not isinstance(raw, dict) or "name" not in raw:
        raise TypeError(f"each cite must have a name (and a url), not {raw!r}")
    url = raw.get("url")
    return Cite(name=str(raw["name"]), url=None if url is None else str(url))


def source_from_metadata(source_id: str, meta: Mapping[str, Any], body: str) -> Source:
    """Build a Source; raises FieldError naming the first key that is wrong."""
    url = _text(meta, "url")
    if not url:
        raise FieldError("url", "is missing; every source records the link it came from")
    word_count = _get(meta, "word_count", int, "a whole number")
    return Source(
        id=source_id,
        url=url,
        final_url=_text(meta, "final_url"),
        canonical=_text(meta, "canonical"),
        title=_text(meta, "title") or "",
        authors=_list(meta, "authors", _plain_text, "names"),
        publisher=_text(meta, "publisher"),
        published=_date(meta, "published"),
        description=_text(meta, "description"),
        image=_text(meta, "image"),
        language=_text(meta, "language"),
        cites=_list(meta, "cites", _cite_from_raw, "{name, url} entries"),
        fetched_at=_datetime(meta, "fetched_at"),
        word_count=word_count or 0,
        status=_text(meta, "status") or STATUS_OK,
        text=body,
        extra=_extra(meta, SOURCE_KEYS),
    )


def source_to_metadata(source: Source) -> dict[str, Any]:
    known = {
        "url": source.url,
        "final_url": source.final_url,
        "canonical": source.canonical,
        "title": source.title,
        "authors": list(source.authors),
        "publisher": source.publisher,
        "published": source.published,
        "description": source.description,
        "image": source.image,
        "language": source.language,
        "cites": [_without_none({"name": c.name, "url": c.url}) for c in source.cites],
        "fetched_at": source.fetched_at.isoformat() if source.fetched_at else None,
        "word_count": source.word_count,
        "status": source.status,
    }
    return {**_without_none(known), **source.extra}
