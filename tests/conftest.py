"""Fixtures shared by every layer's tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.server import LocalSite

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


@pytest.fixture
def local_site() -> Iterator[LocalSite]:
    """A real web server on 127.0.0.1 serving tests/fixtures/pages and misbehaving routes."""
    with LocalSite() as site:
        yield site
