"""The real program in a real terminal: tmux runs `showprep`, keys are typed with send-keys and the
screen is read with capture-pane, as a user would see it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "episodes" / "2026-11-23-reel-talk-42"
SHOWPREP = Path(sys.executable).parent / "showprep"

pytestmark = pytest.mark.slow


class Tmux:
    """A detached 120x36 session on a tmux server of its own (no user config, no other sessions)."""

    def __init__(self, command: list[str], cwd: Path) -> None:
        self.server = ["tmux", "-L", f"showprep-test-{uuid.uuid4().hex[:8]}", "-f", os.devnull]
        env = {
            k: v for k, v in os.environ.items() if k not in ("TMUX", "SHOWPREP_EPISODES", "COLUMNS", "LINES")
        }
        shell = " ".join(command) + "; echo exited-$?; sleep 30"
        subprocess.run(
            [*self.server, "new-session", "-d", "-x", "120", "-y", "36", "-c", str(cwd), shell],
            check=True,
            env=env,
        )

    def keys(self, *keys: str) -> None:
        subprocess.run([*self.server, "send-keys", *keys], check=True)

    def screen(self) -> str:
        return subprocess.run(
            [*self.server, "capture-pane", "-p"], check=True, capture_output=True, text=True
        ).stdout

    def wait_for(self, *texts: str, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if all(text in screen for text in texts):
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"never saw {texts!r} on screen:\n{screen}")
            time.sleep(0.2)

    def close(self) -> None:
        subprocess.run([*self.server, "kill-server"], check=False, capture_output=True)


@pytest.fixture
def terminal_in(tmp_path: Path) -> Iterator[list[Tmux]]:
    if shutil.which("tmux") is None:
        pytest.fail("tmux is needed for the real-terminal test")
    sessions: list[Tmux] = []
    yield sessions
    for session in sessions:
        session.close()


def test_open_the_sample_write_notes_and_quit(tmp_path: Path, terminal_in: list[Tmux]) -> None:
    episodes = tmp_path / "episodes"
    shutil.copytree(
        SAMPLE, episodes / SAMPLE.name, ignore=shutil.ignore_patterns("publish", "transcript.json")
    )
    tmux = Tmux([str(SHOWPREP)], cwd=tmp_path)
    terminal_in.append(tmux)

    tmux.wait_for("showprep — episodes", "Reel Talk #42", "n New episode")
    tmux.keys("Enter")
    screen = tmux.wait_for("1. The weekend box office", "Talking points", "a Add links", "q Back")
    assert "Unassigned" in screen

    tmux.keys("n")
    screen = tmux.wait_for("The weekend box office", "Originally reported by", "Published files:")
    assert "show-notes.md" in screen
    notes = episodes / SAMPLE.name / "publish" / "show-notes.md"
    assert notes.is_file()

    tmux.keys("q")
    tmux.wait_for("showprep — episodes")
    tmux.keys("q")
    tmux.wait_for("exited-0")


def test_tui_names_an_episode_that_is_not_there(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "SHOWPREP_EPISODES"}
    done = subprocess.run(
        [str(SHOWPREP), "tui", "nope"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 1
    assert done.stderr == "showprep: nope: no episode here or in episodes\n"
    assert done.stdout == ""
