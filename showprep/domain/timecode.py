"""Seconds written as the timestamps subtitle files, show notes and video descriptions use.

One splitting function does the arithmetic (in whole milliseconds, so 59.9996 s carries into the
next minute instead of printing "60"), and each format is a thin layer over it:

- WebVTT `HH:MM:SS.mmm` and SRT `HH:MM:SS,mmm`, rounded to the millisecond;
- `H:MM:SS` / `M:SS` as YouTube chapter lists write them, and `HH:MM:SS` as Apple Podcasts does,
  both cut down to the whole second, because a chapter must not start after what it introduces.
"""

from __future__ import annotations

import math
from typing import NamedTuple


class Clock(NamedTuple):
    """A non-negative duration split into its clock parts."""

    hours: int
    minutes: int
    seconds: int
    milliseconds: int


def split_milliseconds(total_ms: int) -> Clock:
    """Split a whole number of milliseconds (negative counts as 0) into hours, minutes, seconds, ms."""
    total_ms = max(0, total_ms)
    hours, rest = divmod(total_ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, milliseconds = divmod(rest, 1000)
    return Clock(hours, minutes, seconds, milliseconds)


def _rounded(seconds: float) -> Clock:
    return split_milliseconds(round(seconds * 1000))


def _floored(seconds: float) -> Clock:
    # The epsilon keeps a float such as 2.9999999999 (3 s after arithmetic) from losing a second.
    return split_milliseconds(math.floor(seconds + 1e-6) * 1000)


def vtt_timestamp(seconds: float) -> str:
    """WebVTT cue time, `HH:MM:SS.mmm` (hours grow past two digits when they must)."""
    c = _rounded(seconds)
    return f"{c.hours:02d}:{c.minutes:02d}:{c.seconds:02d}.{c.milliseconds:03d}"


def srt_timestamp(seconds: float) -> str:
    """SubRip cue time, `HH:MM:SS,mmm`."""
    c = _rounded(seconds)
    return f"{c.hours:02d}:{c.minutes:02d}:{c.seconds:02d},{c.milliseconds:03d}"


def human_timecode(seconds: float, *, with_hours: bool = False) -> str:
    """`M:SS` under an hour and `H:MM:SS` from an hour on, as YouTube writes chapter times.

    `with_hours=True` writes `0:MM:SS` under an hour too, so every line of a chapter list for a long
    episode has the same shape.
    """
    c = _floored(seconds)
    if c.hours or with_hours:
        return f"{c.hours}:{c.minutes:02d}:{c.seconds:02d}"
    return f"{c.minutes}:{c.seconds:02d}"


def clock_timecode(seconds: float) -> str:
    """`HH:MM:SS`, as Apple Podcasts reads chapter times in a description (the first is 00:00:00)."""
    c = _floored(seconds)
    return f"{c.hours:02d}:{c.minutes:02d}:{c.seconds:02d}"
