"""`showprep outline` and `showprep notes` through the real entry point: output, exit codes, stderr."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from spoken import script_transcript

from showprep.adapters.store import EpisodeStore

SHOWPREP = shutil.which("showprep", path=str(Path(sys.executable).parent)) or "showprep"
SAMPLE = Path(__file__).resolve().parents[1] / "episodes" / "2026-11-23-reel-talk-42"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "SHOWPREP_EPISODES"} | {"COLUMNS": "200"}
    return subprocess.run([SHOWPREP, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A folder with `episodes/` holding the sample episode and a transcript of its script."""
    folder = tmp_path / "episodes" / SAMPLE.name
    shutil.copytree(SAMPLE, folder, ignore=shutil.ignore_patterns("publish", "transcript.json", "*.ogg"))
    EpisodeStore(tmp_path / "episodes").save_transcript(folder, script_transcript())
    return tmp_path


def test_notes_prints_chapters_and_files_and_reports_the_skipped_segment(project: Path) -> None:
    done = run("notes", SAMPLE.name, cwd=project)
    assert done.returncode == 0, done.stderr
    publish = Path("episodes") / SAMPLE.name / "publish"
    assert done.stdout.splitlines()[:3] == [
        "0:00 Intro",
        "0:23 Streamers raise their prices again",
        "0:54 The weekend box office",
    ]
    assert str(publish / "show-notes.md") in done.stdout.splitlines()
    assert done.stderr == (
        "showprep: segment 'Festival season news' (festival-news) was not found in the recording; "
        "it gets no chapter\n"
    )


def test_notes_spares_a_hand_edit_with_exit_1_and_force_keeps_a_backup(project: Path) -> None:
    assert run("notes", SAMPLE.name, cwd=project).returncode == 0
    notes = project / "episodes" / SAMPLE.name / "publish" / "show-notes.md"
    notes.write_text("my notes\n", encoding="utf-8")
    spared = run("notes", SAMPLE.name, cwd=project)
    assert spared.returncode == 1
    relative = Path("episodes") / SAMPLE.name / "publish" / "show-notes.md"
    assert (
        f"showprep: {relative}: edited by hand since showprep wrote it; not overwriting it "
        "(use --force; a .bak copy is kept)\n"
    ) in spared.stderr
    assert notes.read_text(encoding="utf-8") == "my notes\n"
    forced = run("notes", SAMPLE.name, "--force", cwd=project)
    assert forced.returncode == 0, forced.stderr
    assert f"kept the hand-edited copy as {relative}.bak" in forced.stderr
    assert notes.with_name("show-notes.md.bak").read_text(encoding="utf-8") == "my notes\n"
    assert notes.read_text(encoding="utf-8").startswith("# Reel Talk #42")


def test_notes_on_an_unknown_episode_is_one_line_and_exit_1(project: Path) -> None:
    done = run("notes", "no-such-episode", cwd=project)
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr == "showprep: no-such-episode: no episode here or in episodes\n"


def test_notes_without_options_is_usage_error(project: Path) -> None:
    assert run("notes", cwd=project).returncode == 2


def test_outline_prints_the_rundown_and_auto_groups(project: Path) -> None:
    done = run("outline", SAMPLE.name, cwd=project)
    assert done.returncode == 0, done.stderr
    written = project / "episodes" / SAMPLE.name / "publish" / "rundown.md"
    assert done.stdout == written.read_text(encoding="utf-8")
    assert done.stdout.startswith("# Rundown: Reel Talk #42: Sequels, Streamers and a Box-Office Surprise\n")
    grouped = run("outline", SAMPLE.name, "--auto", cwd=project)
    assert grouped.returncode == 0, grouped.stderr
    assert grouped.stderr == 'added segment "Ohio\'s Starlight Drive-In" with 1 source\n'
    assert "## 4. Ohio's Starlight Drive-In" in grouped.stdout
    again = run("outline", SAMPLE.name, "--auto", cwd=project)
    assert again.stderr == "every source is already in a segment; nothing to group\n"
