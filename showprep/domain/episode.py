"""An episode's plan: its identity, status and the segments of its rundown."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class EpisodeStatus(StrEnum):
    """Where an episode stands in its life; stored as the plain string value."""

    PLANNING = "planning"
    RECORDED = "recorded"
    TRANSCRIBED = "transcribed"
    PUBLISHED = "published"


@dataclass(frozen=True)
class Segment:
    """One block of the rundown: a topic the hosts plan to discuss."""

    id: str
    """Stable identifier, unique within the episode; sources and chapters refer to it."""
    title: str
    """Heading shown in the rundown and used as the chapter title."""
    points: tuple[str, ...] = ()
    """Talking points, in the order the hosts want to make them."""
    minutes: float | None = None
    """Planned length in minutes; None when not planned yet."""
    sources: tuple[str, ...] = ()
    """Ids of the articles (files under `sources/`) this segment draws on, main source first."""
    extra: Mapping[str, Any] = field(default_factory=dict)
    """Keys this version of showprep does not know; written back unchanged."""


@dataclass(frozen=True)
class Episode:
    """The plan of one episode, as held in the front matter of `episode.md`."""

    title: str
    """Human title; the folder name is derived from it once, at creation."""
    date: dt.date
    """Planned (or actual) release date."""
    status: EpisodeStatus = EpisodeStatus.PLANNING
    """Lifecycle stage; moves forward as the episode is recorded, transcribed and published."""
    number: int | None = None
    """Episode number in the show's sequence, when the show numbers its episodes."""
    audio: str | None = None
    """Recording path, relative to the episode folder or absolute, as the user gave it."""
    segments: tuple[Segment, ...] = ()
    """The rundown, in planned order."""
    notes: str = ""
    """The markdown body of `episode.md`: the hosts' free notes, kept exactly as written."""
    extra: Mapping[str, Any] = field(default_factory=dict)
    """Front-matter keys this version of showprep does not know; written back unchanged."""

    def segment(self, segment_id: str) -> Segment | None:
        """The segment with this id, or None."""
        return next((s for s in self.segments if s.id == segment_id), None)

    def assigned_source_ids(self) -> set[str]:
        """Ids of every source some segment uses."""
        return {sid for seg in self.segments for sid in seg.sources}
