"""Snapshots of the main screens (pytest-textual-snapshot). Accept changes only after looking at the
report: `pytest tests/tui/test_tui_snapshots.py --snapshot-update`, then view the SVGs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import settle
from textual.pilot import Pilot

from showprep.adapters.store import EpisodeStore
from showprep.domain.transcript import Transcript, TranscriptSegment
from showprep.tui.app import ShowprepApp

SIZE = (120, 36)
SPOKEN = (
    (0.0, 6.0, "Hello and welcome to Reel Talk, episode seven."),
    (6.0, 14.0, "A small horror film beat two franchise sequels at the weekend box office."),
    (14.0, 22.0, "The horror film opened on 2,800 screens and made 41 million at the box office."),
    (22.0, 30.0, "Streamers raise prices again: the Lumen Plus ad-free plan costs more."),
    (30.0, 38.0, "Lumen Plus prices go up in January for every plan."),
    (38.0, 44.0, "That is all for this week. Thanks for listening."),
)

Compare = Callable[..., bool]


@pytest.fixture
def relative_store(planned: Path, monkeypatch: pytest.MonkeyPatch) -> EpisodeStore:
    """The planned episode through a store rooted at the relative path `episodes`, so that the paths
    on screen are the same on every machine."""
    monkeypatch.chdir(planned.parent.parent)
    return EpisodeStore(Path("episodes"))


async def _settled(pilot: Pilot[None]) -> None:
    await settle(pilot)


def test_episodes_list(snap_compare: Compare, relative_store: EpisodeStore) -> None:
    assert snap_compare(ShowprepApp(relative_store), terminal_size=SIZE, run_before=_settled)


def test_plan_view_with_a_source_selected(snap_compare: Compare, relative_store: EpisodeStore) -> None:
    folder = relative_store.folders()[0]

    async def select_source(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("down")
        await settle(pilot)

    app = ShowprepApp(relative_store, folder)
    assert snap_compare(app, terminal_size=SIZE, run_before=select_source)


def test_transcript_view_with_chapters_and_a_search(
    snap_compare: Compare, relative_store: EpisodeStore
) -> None:
    folder = relative_store.folders()[0]
    segments = tuple(TranscriptSegment(start, end, text) for start, end, text in SPOKEN)
    relative_store.save_transcript(folder, Transcript(segments, "en", "tiny.en", "whisper", duration=44.0))

    async def search(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("slash", *"lumen")
        await settle(pilot)

    app = ShowprepApp(relative_store, folder)
    assert snap_compare(app, terminal_size=SIZE, run_before=search)


def test_notes_view_after_writing_notes(snap_compare: Compare, relative_store: EpisodeStore) -> None:
    folder = relative_store.folders()[0]

    async def write_notes(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)

    app = ShowprepApp(relative_store, folder)
    assert snap_compare(app, terminal_size=SIZE, run_before=write_notes)
