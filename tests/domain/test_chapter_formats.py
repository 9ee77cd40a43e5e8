"""Chapter files against the Podcasting 2.0 and YouTube (and Apple Podcasts) rules."""

from __future__ import annotations

import json

from showprep.domain.chapter_formats import (
    apple_lines,
    check_apple,
    check_youtube,
    podcasting_chapters,
    render_chapters_json,
    youtube_lines,
)
from showprep.domain.transcript import Chapter

GOOD = (
    Chapter(0.0, "Intro"),
    Chapter(
        23.02,
        "Streamers raise their prices again",
        url="https://a.example/x",
        image="https://a.example/x.png",
    ),
    Chapter(54.4, "The weekend box office", url="https://b.example/y"),
)


def test_podcasting_json_chapters_1_2_0() -> None:
    document = json.loads(render_chapters_json(GOOD, "Reel Talk #42"))
    assert document == {
        "version": "1.2.0",
        "title": "Reel Talk #42",
        "chapters": [
            {"startTime": 0, "title": "Intro", "toc": True},
            {
                "startTime": 23.02,
                "title": "Streamers raise their prices again",
                "url": "https://a.example/x",
                "img": "https://a.example/x.png",
                "toc": True,
            },
            {"startTime": 54.4, "title": "The weekend box office", "url": "https://b.example/y", "toc": True},
        ],
    }


def test_podcasting_chapters_are_ascending_numbers_starting_at_zero() -> None:
    starts = [c["startTime"] for c in podcasting_chapters(GOOD)["chapters"]]
    assert starts[0] == 0
    assert all(isinstance(s, (int, float)) and not isinstance(s, bool) for s in starts)
    assert starts == sorted(starts)
    assert "title" not in podcasting_chapters(GOOD)


def test_youtube_lines_use_minutes_and_switch_to_hours_for_long_episodes() -> None:
    assert youtube_lines(GOOD) == [
        "0:00 Intro",
        "0:23 Streamers raise their prices again",
        "0:54 The weekend box office",
    ]
    long = (Chapter(0.0, "Intro"), Chapter(65.9, "A"), Chapter(3725.0, "B"))
    assert youtube_lines(long) == ["0:00:00 Intro", "0:01:05 A", "1:02:05 B"]


def test_apple_lines_use_hours_minutes_seconds() -> None:
    assert apple_lines(GOOD) == [
        "00:00:00 Intro",
        "00:00:23 Streamers raise their prices again",
        "00:00:54 The weekend box office",
    ]


def test_good_chapters_pass_every_rule() -> None:
    assert check_youtube(GOOD, duration=110.0) == []
    assert check_apple(GOOD) == []


def test_youtube_first_chapter_must_be_zero() -> None:
    late = (Chapter(5.0, "A"), Chapter(30.0, "B"), Chapter(60.0, "C"))
    assert check_youtube(late, 120.0) == ["YouTube chapters must start at 0:00; the first is at 0:05"]
    assert check_apple(late) == ["Apple Podcasts chapters must start at 00:00:00; the first is at 00:00:05"]


def test_youtube_needs_three_chapters() -> None:
    two = GOOD[:2]
    assert check_youtube(two, 120.0) == ["YouTube chapters need at least 3 timestamps; there are 2"]
    assert check_apple(GOOD[:1]) == ["Apple Podcasts chapters need at least 3 timestamps; there is 1"]


def test_youtube_chapters_last_ten_seconds_including_the_last_one() -> None:
    short = (Chapter(0.0, "Intro"), Chapter(4.0, "Cold open"), Chapter(30.0, "Main"), Chapter(55.0, "Outro"))
    assert check_youtube(short, 60.0) == [
        "YouTube chapters must each last at least 10 seconds: 'Intro' at 0:00 lasts 4 s",
        "YouTube chapters must each last at least 10 seconds: 'Outro' at 0:55 lasts 5 s",
    ]
    assert check_youtube(short) == [
        "YouTube chapters must each last at least 10 seconds: 'Intro' at 0:00 lasts 4 s"
    ], "without the duration the last chapter's length is unknown"


def test_youtube_judges_whole_seconds_as_written() -> None:
    """9.6 s apart, but written 0:00 and 0:10: YouTube sees ten seconds."""
    edge = (Chapter(0.0, "A"), Chapter(10.2, "B"), Chapter(30.0, "C"))
    assert check_youtube(edge, 60.0) == []


def test_youtube_timestamps_must_ascend() -> None:
    shuffled = (
        Chapter(0.0, "A"),
        Chapter(40.0, "B"),
        Chapter(20.0, "C"),
        Chapter(20.4, "D"),
        Chapter(60.0, "E"),
    )
    warnings = check_youtube(shuffled, 90.0)
    assert "YouTube chapter timestamps must ascend: 'C' at 0:20 does not come after 'B' at 0:40" in warnings
    assert "YouTube chapter timestamps must ascend: 'D' at 0:20 does not come after 'C' at 0:20" in warnings
    assert check_apple(shuffled) == [
        "Apple Podcasts chapter timestamps must ascend: 'C' at 00:00:20 does not come after 'B' at 00:00:40",
        "Apple Podcasts chapter timestamps must ascend: 'D' at 00:00:20 does not come after 'C' at 00:00:20",
    ]
