"""Transcribing from the UI with the real offline model: progress shown, the transcript appears, and
cancelling leaves the episode untouched."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from conftest import episode_screen, fresh, settle
from textual.message import Message
from textual.widgets import Input

from showprep.adapters.store import EpisodeStore
from showprep.domain.episode import EpisodeStatus
from showprep.tui.app import ShowprepApp
from showprep.tui.messages import JobFailed, TranscribeProgress
from showprep.tui.screens.dialogs import Confirm
from showprep.tui.screens.episodes import EpisodesScreen
from showprep.tui.widgets.progress import JobPanel
from showprep.tui.widgets.transcript_lines import TranscriptLines

JFK = Path(__file__).resolve().parents[3] / "shared" / "data" / "jfk.flac"
"""11 seconds of real speech: "And so my fellow Americans, ask not what your country can do for you…"."""
RECORDING = Path(__file__).resolve().parents[2] / "episodes" / "2026-11-23-reel-talk-42" / "recording.ogg"
"""The sample episode's 110-second recording: long enough that a transcription is still running when
a test cancels it, however fast the machine."""

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("whisper-engines")]


async def test_transcribe_shows_progress_then_the_transcript(store: EpisodeStore, planned: Path) -> None:
    seen: list[Message] = []
    app = ShowprepApp(store, planned)
    async with app.run_test(size=(120, 36), message_hook=seen.append) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await pilot.pause()
        app.screen.query_one("#audio-path", Input).value = str(JFK)
        await pilot.press("enter")
        await pilot.pause()
        screen = episode_screen(app)
        assert screen.query_one(JobPanel).has_class("running")
        await settle(pilot)
        assert not screen.query_one(JobPanel).has_class("running")
        progress = [m for m in seen if isinstance(m, TranscribeProgress)]
        assert progress and 10 < progress[-1].total < 12
        assert progress[-1].done == pytest.approx(progress[-1].total, abs=1)
        lines = screen.query_one(TranscriptLines).entries
        spoken = " ".join(line.text for line in lines).lower()
        assert "ask not what your country can do for you" in spoken
        assert lines[0].stamp == "0:00:00"
        episode = fresh(planned)
        assert episode.status == EpisodeStatus.TRANSCRIBED and episode.audio == str(JFK)
        assert (planned / "transcript.json").is_file()
        assert (planned / "publish" / "transcript.vtt").is_file()

        await pilot.press("slash", *"country")
        assert str(screen.query_one("#transcript-matches").render()) == "1/1"


async def test_cancel_leaves_the_episode_as_it_was(store: EpisodeStore, planned: Path) -> None:
    seen: list[Message] = []
    before = (planned / "episode.md").read_bytes()
    app = ShowprepApp(store, planned)
    async with app.run_test(size=(120, 36), message_hook=seen.append) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await pilot.pause()
        app.screen.query_one("#audio-path", Input).value = str(RECORDING)
        await pilot.press("enter")
        await pilot.pause()
        commands = {c.title for c in app.get_system_commands(app.screen)}
        assert "Cancel transcription" in commands, [n.message for n in app._notifications]
        await pilot.press("escape")
        await settle(pilot)
        failures = list({id(m): m for m in seen if isinstance(m, JobFailed)}.values())
        assert [(f.job, f.error, f.cancelled) for f in failures] == [
            ("Transcription", "transcription cancelled", True)
        ]
        assert [n.message for n in app._notifications] == ["transcription cancelled"]
        screen = episode_screen(app)
        assert not screen.query_one(JobPanel).has_class("running")
        assert "Cancel transcription" not in {c.title for c in app.get_system_commands(app.screen)}
    assert not (planned / "transcript.json").exists()
    assert not (planned / "publish").exists()
    assert (planned / "episode.md").read_bytes() == before


async def test_going_back_asks_then_stops_the_transcription(store: EpisodeStore, planned: Path) -> None:
    before = (planned / "episode.md").read_bytes()
    app = ShowprepApp(store, planned)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await pilot.pause()
        app.screen.query_one("#audio-path", Input).value = str(RECORDING)
        await pilot.press("enter", "q")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, EpisodesScreen)
    # Thread workers run in the loop's default executor: wait for the transcription's thread to end.
    await asyncio.get_running_loop().shutdown_default_executor()
    assert not (planned / "transcript.json").exists()
    assert (planned / "episode.md").read_bytes() == before
