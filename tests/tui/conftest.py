"""Episodes built in the test's own folder, and helpers to drive the app with Textual's pilot."""

from __future__ import annotations

import datetime as dt
from contextlib import suppress
from dataclasses import replace
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from showprep.adapters.store import EpisodeStore
from showprep.domain.episode import Episode, Segment
from showprep.domain.source import Cite, Source
from showprep.tui.app import ShowprepApp
from showprep.tui.screens.episode import EpisodeScreen

SOURCES = (
    Source(
        id="orchard-box-office",
        url="https://screen.example/orchard",
        title="'The Hollow Orchard' Scares Up $41 Million",
        authors=("Dana Reyes",),
        publisher="Screen Scoop",
        published=dt.date(2026, 11, 22),
        cites=(Cite("Box Office Daily", "https://bod.example/weekend"),),
        word_count=9,
        text="A small horror film beat two franchise sequels.\n\nIt opened on 2,800 screens.\n",
    ),
    Source(
        id="lumen-prices",
        url="https://stream.example/lumen",
        title="Lumen Plus Raises Prices Again",
        publisher="Stream Watch",
        word_count=4,
        text="The ad-free plan rises.\n",
    ),
    Source(id="festival-lineup", url="https://fest.example/lineup", title="Cedar Falls Lineup"),
    Source(id="drive-in", url="https://news.example/drive-in", title="Starlight Drive-In Reopens"),
)

PLAN = Episode(
    title="Reel Talk 7",
    date=dt.date(2026, 11, 23),
    segments=(
        Segment("box-office", "The weekend box office", ("A horror film won",), 6, ("orchard-box-office",)),
        Segment("streaming", "Streamers raise prices", (), 5, ("lumen-prices",)),
        Segment("festivals", "Festival news", (), None, ("festival-lineup",)),
    ),
    notes="Keep the intro short.\n",
)


@pytest.fixture
def store(episodes_dir: Path) -> EpisodeStore:
    return EpisodeStore(episodes_dir)


@pytest.fixture
def planned(store: EpisodeStore) -> Path:
    """An episode with three segments, four sources, one of them in no segment."""
    folder, episode = store.create(PLAN.title, PLAN.date)
    for source in SOURCES:
        store.save_source(folder, source)
    store.save_episode(folder, replace(episode, segments=PLAN.segments, notes=PLAN.notes))
    return folder


async def settle(pilot: Pilot[None]) -> None:
    """Let the running workers finish (or be superseded) and their messages be handled."""
    for _ in range(3):
        with suppress(WorkerCancelled):
            await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def episode_screen(app: ShowprepApp) -> EpisodeScreen:
    screen = app.screen
    assert isinstance(screen, EpisodeScreen)
    return screen


def fresh(folder: Path) -> Episode:
    """The episode as a new store reads it from disk now."""
    return EpisodeStore(folder.parent).load_episode(folder)
