"""`showprep demo` end to end: the real offline model on the sample recording, chapters against the truth.

The recording (tests/demo_recording/make_recording.py) has a short intro, then the streaming segment,
then the box office with an unplanned aside about the drive-in; the festival segment is never
discussed. A chapter may start at most a few seconds from where its topic really starts: chapters
begin at recognised sentence starts, whose timings the small model gets only roughly right.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from spoken import demo_truth

pytestmark = pytest.mark.slow

SHOWPREP = shutil.which("showprep", path=str(Path(sys.executable).parent)) or "showprep"
TOLERANCE = 3.0
TITLES = {
    "streaming-prices": "Streamers raise their prices again",
    "box-office": "The weekend box office",
}


def test_demo_prints_notes_whose_chapters_match_the_recording(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "SHOWPREP_EPISODES"} | {"TMPDIR": str(tmp_path)}
    done = subprocess.run(
        [SHOWPREP, "demo"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=900
    )
    assert done.returncode == 0, done.stderr
    truth = demo_truth()

    where = re.search(r"^The files are in (.+) \(show-notes\.md, ", done.stdout, re.MULTILINE)
    assert where is not None, done.stdout
    publish = Path(where.group(1))
    assert publish.is_relative_to(tmp_path), "the demo works in a scratch copy"
    notes = (publish / "show-notes.md").read_text(encoding="utf-8")
    assert done.stdout.startswith(notes)

    chapters = json.loads((publish / "chapters.json").read_text(encoding="utf-8"))["chapters"]
    expected = truth["chapters"]
    assert [c["title"] for c in chapters] == ["Intro", *(TITLES[c["segment"]] for c in expected[1:])]
    for found, true in zip(chapters, expected, strict=True):
        assert abs(found["startTime"] - true["start"]) <= TOLERANCE, (found, true)

    assert "festival" not in notes.lower()
    assert (
        "showprep: segment 'Festival season news' (festival-news) was not found in the recording"
        in done.stderr
    )
    for link in (
        "https://streamdigest.example/news/lumen-plus-raises-prices-again",
        "https://harborbusiness.example/media/lumen-plus-price-increase",
        "https://screenscoop.example/2026/11/22/hollow-orchard-tops-weekend-box-office/",
        "https://hollywoodcourier.example/box-office/hollow-orchard-opening-weekend",
    ):
        assert f"({link})" in notes
    assert "## Also mentioned\n\n- [Ohio's Starlight Drive-In" in notes
    for name in (
        "transcript.vtt",
        "transcript.srt",
        "transcript.txt",
        "transcript.json",
        "youtube.txt",
        "rundown.md",
    ):
        assert (publish / name).is_file()
