"""Atomic saves: a process killed at any moment leaves the old file or the new one, never a mix."""

from __future__ import annotations

import datetime as dt
import random
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from showprep.adapters.store import EpisodeStore
from showprep.domain.episode import Episode

OLD_NOTES = "old version\n" + "o" * 200_000 + "\n"
NEW_NOTES = "new version\n" + "n" * 300_000 + "\n"

CHILD = textwrap.dedent(
    """
    import sys
    from dataclasses import replace
    from pathlib import Path
    from showprep.adapters.store import EpisodeStore

    root, folder = Path(sys.argv[1]), Path(sys.argv[2])
    old, new = sys.argv[3], sys.argv[4]
    notes = {"old": open(old).read(), "new": open(new).read()}
    store = EpisodeStore(root)
    print("ready", flush=True)
    while True:
        episode = store.load_episode(folder)
        other = notes["new"] if episode.notes == notes["old"] else notes["old"]
        store.save_episode(folder, replace(episode, notes=other))
    """
)


@pytest.mark.slow
def test_killed_writer_never_leaves_a_torn_file(episodes_dir: Path, tmp_path: Path) -> None:
    store = EpisodeStore(episodes_dir)
    folder, _ = store.create("Crash test", dt.date(2026, 11, 23))
    store.save_episode(folder, Episode("Crash test", dt.date(2026, 11, 23), notes=OLD_NOTES))
    (tmp_path / "old").write_text(OLD_NOTES)
    (tmp_path / "new").write_text(NEW_NOTES)
    rng = random.Random(20261123)
    seen = set()
    for _ in range(100):
        child = subprocess.Popen(
            [
                sys.executable,
                "-c",
                CHILD,
                str(episodes_dir),
                str(folder),
                str(tmp_path / "old"),
                str(tmp_path / "new"),
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        try:
            child.wait(timeout=rng.uniform(0.0, 0.05))
        except subprocess.TimeoutExpired:
            child.send_signal(signal.SIGKILL)
            child.wait()
        assert child.returncode == -signal.SIGKILL
        episode = EpisodeStore(episodes_dir).load_episode(folder)
        assert episode.title == "Crash test"
        assert episode.notes in (OLD_NOTES, NEW_NOTES)
        seen.add(episode.notes[:3])
    assert seen == {"old", "new"}
