"""Fixtures shared by every layer's tests."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture(autouse=True)
def _no_user_episodes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the developer's own SHOWPREP_EPISODES setting out of every test."""
    monkeypatch.delenv("SHOWPREP_EPISODES", raising=False)


@pytest.fixture
def episodes_dir(tmp_path: Path) -> Path:
    """An empty episodes folder of the test's own."""
    folder = tmp_path / "episodes"
    folder.mkdir()
    return folder
