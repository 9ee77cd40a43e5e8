"""The command line through its real entry points: `showprep` and `python -m showprep`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SHOWPREP = shutil.which("showprep", path=str(Path(sys.executable).parent)) or "showprep"


def run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if k != "SHOWPREP_EPISODES"} | (env or {})
    return subprocess.run(
        [SHOWPREP, *args], cwd=cwd, env=full_env, capture_output=True, text=True, timeout=60
    )


def test_new_then_list(tmp_path: Path) -> None:
    created = run("new", "Reel Talk: Episode 1", "--date", "2026-11-23", "--number", "1", cwd=tmp_path)
    assert created.returncode == 0, created.stderr
    folder = Path(created.stdout.strip().splitlines()[-1])
    assert folder == Path("episodes/2026-11-23-reel-talk-episode-1")
    text = (tmp_path / folder / "episode.md").read_text(encoding="utf-8")
    assert text == (
        "---\ntitle: 'Reel Talk: Episode 1'\nnumber: 1\ndate: 2026-11-23\n"
        "status: planning\nsegments: []\n---\n"
    )
    listed = run("list", cwd=tmp_path)
    assert listed.returncode == 0
    assert listed.stdout == "2026-11-23-reel-talk-episode-1\t2026-11-23\tReel Talk: Episode 1\tplanning\n"


def test_episodes_dir_option_and_environment(tmp_path: Path) -> None:
    assert run("--episodes-dir", "a", "new", "In A", cwd=tmp_path).returncode == 0
    assert run("new", "In B", cwd=tmp_path, env={"SHOWPREP_EPISODES": str(tmp_path / "b")}).returncode == 0
    assert "In A" in run("--episodes-dir", "a", "list", cwd=tmp_path).stdout
    listed_b = run("list", cwd=tmp_path, env={"SHOWPREP_EPISODES": str(tmp_path / "b")}).stdout
    assert "In B" in listed_b
    assert "In A" not in listed_b


def test_python_dash_m_works_like_the_script(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "showprep", "--help"], cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode == 0
    assert "new" in result.stdout
    assert "list" in result.stdout


@pytest.mark.parametrize(
    "args",
    [("new",), ("new", "X", "--date", "23/11/2026"), ("new", "X", "--number", "-3"), ("frobnicate",)],
)
def test_wrong_usage_exits_2(tmp_path: Path, args: tuple[str, ...]) -> None:
    result = run(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert "Usage:" in result.stderr


@pytest.mark.parametrize("command", ["new", "list"])
def test_help_on_every_command(tmp_path: Path, command: str) -> None:
    result = run(command, "--help", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("Usage: showprep")


def test_list_reports_a_broken_episode_in_one_line_and_lists_the_rest(tmp_path: Path) -> None:
    run("new", "Fine", "--date", "2026-01-01", cwd=tmp_path)
    broken = tmp_path / "episodes" / "broken"
    broken.mkdir()
    (broken / "episode.md").write_text("---\ntitle: Broken\ndate: tomorrow\n---\nmy notes\n")
    result = run("list", cwd=tmp_path)
    assert result.returncode == 1
    assert "Fine" in result.stdout
    assert result.stderr.strip().splitlines() == [
        f"showprep: {Path('episodes/broken/episode.md')}:3: "
        "date: must be a date written YYYY-MM-DD, not 'tomorrow'"
    ]
    assert (broken / "episode.md").read_text() == "---\ntitle: Broken\ndate: tomorrow\n---\nmy notes\n"


def test_new_with_an_empty_title_fails_cleanly(tmp_path: Path) -> None:
    result = run("new", "   ", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert "non-empty title" in result.stderr
