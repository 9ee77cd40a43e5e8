"""Timestamps in every format, with the boundaries where carries happen."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from showprep.domain.timecode import (
    clock_timecode,
    human_timecode,
    split_milliseconds,
    srt_timestamp,
    vtt_timestamp,
)


@pytest.mark.parametrize(
    ("seconds", "vtt", "srt"),
    [
        (0, "00:00:00.000", "00:00:00,000"),
        (1.5, "00:00:01.500", "00:00:01,500"),
        (59.9994, "00:00:59.999", "00:00:59,999"),
        (59.9996, "00:01:00.000", "00:01:00,000"),
        (3599.999, "00:59:59.999", "00:59:59,999"),
        (3599.9996, "01:00:00.000", "01:00:00,000"),
        (3600, "01:00:00.000", "01:00:00,000"),
        (3661.042, "01:01:01.042", "01:01:01,042"),
        (36000, "10:00:00.000", "10:00:00,000"),
        (360000.5, "100:00:00.500", "100:00:00,500"),
        (-0.2, "00:00:00.000", "00:00:00,000"),
    ],
)
def test_subtitle_timestamps(seconds: float, vtt: str, srt: str) -> None:
    assert vtt_timestamp(seconds) == vtt
    assert srt_timestamp(seconds) == srt


@pytest.mark.parametrize(
    ("seconds", "human", "with_hours", "clock"),
    [
        (0, "0:00", "0:00:00", "00:00:00"),
        (9.99, "0:09", "0:00:09", "00:00:09"),
        (59.9996, "0:59", "0:00:59", "00:00:59"),
        (60, "1:00", "0:01:00", "00:01:00"),
        (0.1 * 30, "0:03", "0:00:03", "00:00:03"),
        (754.5, "12:34", "0:12:34", "00:12:34"),
        (3599.999, "59:59", "0:59:59", "00:59:59"),
        (3600, "1:00:00", "1:00:00", "01:00:00"),
        (3600.4, "1:00:00", "1:00:00", "01:00:00"),
        (7325, "2:02:05", "2:02:05", "02:02:05"),
        (-3, "0:00", "0:00:00", "00:00:00"),
    ],
)
def test_chapter_timecodes_floor_to_the_second(
    seconds: float, human: str, with_hours: str, clock: str
) -> None:
    assert human_timecode(seconds) == human
    assert human_timecode(seconds, with_hours=True) == with_hours
    assert clock_timecode(seconds) == clock


@given(st.integers(min_value=0, max_value=10**10))
def test_split_milliseconds_round_trips(total_ms: int) -> None:
    c = split_milliseconds(total_ms)
    assert 0 <= c.minutes < 60 and 0 <= c.seconds < 60 and 0 <= c.milliseconds < 1000
    assert ((c.hours * 60 + c.minutes) * 60 + c.seconds) * 1000 + c.milliseconds == total_ms


@given(st.floats(min_value=0, max_value=10**6, allow_nan=False))
def test_vtt_and_srt_differ_only_in_the_decimal_mark(seconds: float) -> None:
    assert srt_timestamp(seconds) == vtt_timestamp(seconds).replace(".", ",")
