"""Chapters in the shapes players and platforms read, checked against their rules.

- Podcasting 2.0 JSON chapters, version 1.2.0 (`chapters.json`);
- YouTube description lines (`M:SS Title`): YouTube only shows chapters when the first timestamp is
  0:00, there are at least three, each lasts at least ten seconds and they ascend;
- Apple Podcasts description lines (`HH:MM:SS Title`): the first at 00:00:00, at least three.

The checks judge the timestamps as written (whole seconds), since that is what the platforms parse.
Each broken rule gives one warning that names it.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from typing import Any

from showprep.domain.timecode import clock_timecode, human_timecode
from showprep.domain.transcript import Chapter

PODCASTING_CHAPTERS_VERSION = "1.2.0"
MIN_CHAPTERS = 3
YOUTUBE_MIN_SECONDS = 10


def _start_time(seconds: float) -> int | float:
    value = round(max(0.0, seconds), 3)
    return int(value) if value.is_integer() else value


def podcasting_chapters(chapters: Sequence[Chapter], title: str | None = None) -> dict[str, Any]:
    """The Podcasting 2.0 JSON chapters document as a dict (keys without a value are left out)."""
    document: dict[str, Any] = {"version": PODCASTING_CHAPTERS_VERSION}
    if title:
        document["title"] = title
    entries = []
    for chapter in chapters:
        entry: dict[str, Any] = {"startTime": _start_time(chapter.start), "title": chapter.title}
        if chapter.url:
            entry["url"] = chapter.url
        if chapter.image:
            entry["img"] = chapter.image
        entry["toc"] = chapter.toc
        entries.append(entry)
    document["chapters"] = entries
    return document


def render_chapters_json(chapters: Sequence[Chapter], title: str | None = None) -> str:
    """`chapters.json` text: indented, UTF-8 friendly, ending with a newline."""
    return json.dumps(podcasting_chapters(chapters, title), ensure_ascii=False, indent=2) + "\n"


def _whole_seconds(chapters: Sequence[Chapter]) -> list[int]:
    return [math.floor(max(0.0, c.start) + 1e-6) for c in chapters]


def youtube_lines(chapters: Sequence[Chapter]) -> list[str]:
    """`0:00 Intro` lines; all with hours once the last chapter starts after an hour."""
    with_hours = bool(chapters) and max(c.start for c in chapters) >= 3600
    return [f"{human_timecode(c.start, with_hours=with_hours)} {c.title}" for c in chapters]


def apple_lines(chapters: Sequence[Chapter]) -> list[str]:
    """`00:00:00 Intro` lines, as Apple Podcasts reads chapters from a description."""
    return [f"{clock_timecode(c.start)} {c.title}" for c in chapters]


def _count_rule(chapters: Sequence[Chapter], platform: str) -> list[str]:
    if len(chapters) >= MIN_CHAPTERS:
        return []
    return [
        f"{platform} chapters need at least {MIN_CHAPTERS} timestamps; there "
        f"{'is' if len(chapters) == 1 else 'are'} {len(chapters)}"
    ]


def _first_rule(chapters: Sequence[Chapter], platform: str, zero: str, format_time: Any) -> list[str]:
    if not chapters or _whole_seconds(chapters)[0] == 0:
        return []
    return [f"{platform} chapters must start at {zero}; the first is at {format_time(chapters[0].start)}"]


def _ascending_rule(chapters: Sequence[Chapter], platform: str, format_time: Any) -> list[str]:
    seconds = _whole_seconds(chapters)
    return [
        f"{platform} chapter timestamps must ascend: {chapters[n].title!r} at "
        f"{format_time(chapters[n].start)} does not come after {chapters[n - 1].title!r} at "
        f"{format_time(chapters[n - 1].start)}"
        for n in range(1, len(chapters))
        if seconds[n] <= seconds[n - 1]
    ]


def check_youtube(chapters: Sequence[Chapter], duration: float | None = None) -> list[str]:
    """Warnings for every YouTube chapter rule the list breaks; empty when YouTube will show them.

    The last chapter's length is known only with the recording's `duration`.
    """
    warnings = _count_rule(chapters, "YouTube")
    warnings += _first_rule(chapters, "YouTube", "0:00", human_timecode)
    warnings += _ascending_rule(chapters, "YouTube", human_timecode)
    seconds = _whole_seconds(chapters)
    ends = seconds[1:] + ([math.floor(duration + 1e-6)] if duration else [])
    for chapter, start, end in zip(chapters, seconds, ends, strict=False):
        if start < end < start + YOUTUBE_MIN_SECONDS:
            warnings.append(
                f"YouTube chapters must each last at least {YOUTUBE_MIN_SECONDS} seconds: "
                f"{chapter.title!r} at {human_timecode(chapter.start)} lasts {end - start} s"
            )
    return warnings


def check_apple(chapters: Sequence[Chapter]) -> list[str]:
    """Warnings for the Apple Podcasts description rules: first at 00:00:00, at least three."""
    warnings = _count_rule(chapters, "Apple Podcasts")
    warnings += _first_rule(chapters, "Apple Podcasts", "00:00:00", clock_timecode)
    warnings += _ascending_rule(chapters, "Apple Podcasts", clock_timecode)
    return warnings
