"""The episodes screen, the command palette and the keys of the contract, through the pilot."""

from __future__ import annotations

from pathlib import Path

from conftest import episode_screen, fresh, settle
from textual.command import CommandPalette
from textual.widgets import DataTable, Input

from showprep.adapters.store import EpisodeStore
from showprep.tui.app import ShowprepApp
from showprep.tui.screens.episodes import EpisodesScreen


def row_texts(app: ShowprepApp) -> list[list[str]]:
    table = app.screen.query_one(DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_list_shows_date_title_status_and_source_count(store: EpisodeStore, planned: Path) -> None:
    store.create("An older one", fresh(planned).date.replace(year=2025))
    app = ShowprepApp(store)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert row_texts(app) == [
            ["2026-11-23", "Reel Talk 7", "planning", "4", "2026-11-23-reel-talk-7"],
            ["2025-11-23", "An older one", "planning", "0", "2025-11-23-an-older-one"],
        ]
        await pilot.press("enter")
        await settle(pilot)
        assert episode_screen(app).folder == planned
        await pilot.press("q")
        await settle(pilot)
        assert isinstance(app.screen, EpisodesScreen)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_create_an_episode(store: EpisodeStore) -> None:
    app = ShowprepApp(store)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Reel Talk 8")
        app.screen.query_one("#date", Input).value = "2026-11-30"
        app.screen.query_one("#number", Input).value = "8"
        await pilot.press("enter")
        await settle(pilot)
        folder = store.root / "2026-11-30-reel-talk-8"
        episode = fresh(folder)
        assert (episode.title, episode.number, episode.date.isoformat()) == ("Reel Talk 8", 8, "2026-11-30")
        screen = episode_screen(app)
        assert screen.folder == folder and screen.title == "Reel Talk 8"
        await pilot.press("q")
        await settle(pilot)
        assert row_texts(app)[0][1] == "Reel Talk 8"


async def test_a_bad_date_creates_nothing_and_says_why(store: EpisodeStore) -> None:
    app = ShowprepApp(store)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#title", Input).value = "Reel Talk 9"
        app.screen.query_one("#date", Input).value = "30/11/2026"
        await pilot.press("enter")
        await settle(pilot)
        assert list(store.root.iterdir()) == []
        assert [n.message for n in app._notifications] == [
            "date must be written YYYY-MM-DD, not '30/11/2026'"
        ]
        assert isinstance(app.screen, EpisodesScreen)


async def test_an_unreadable_episode_is_listed_with_its_error(store: EpisodeStore, planned: Path) -> None:
    broken = store.root / "2026-01-01-broken"
    broken.mkdir()
    (broken / "episode.md").write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    app = ShowprepApp(store)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        rows = row_texts(app)
        assert rows[0][1] == "Reel Talk 7"
        assert rows[1][1].startswith(f"{broken / 'episode.md'}:")
        assert rows[1][2] == "unreadable"


async def test_palette_lists_every_action_of_the_screen(store: EpisodeStore, planned: Path) -> None:
    app = ShowprepApp(store, planned)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {
            "New segment",
            "Rename",
            "Points",
            "Move up",
            "Move down",
            "Delete",
            "Add links",
            "Transcribe",
            "Write notes",
            "Write notes over hand edits",
            "Group unassigned",
            "Search transcript",
            "Back",
            "Plan",
            "Transcript",
            "Notes",
            "Reload from disk",
            "Theme",
            "Quit",
        } <= titles
        assert "Move source" not in titles  # a segment is selected
        await pilot.press("down")
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Move source", "Move up", "New segment"} <= titles
        assert not {"Rename", "Delete"} & titles
        await pilot.press("up")
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"new segment")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        app.screen.query_one(Input).value = "Listener mail"
        await pilot.press("enter")
        await settle(pilot)
        assert [s.title for s in fresh(planned).segments][:2] == ["The weekend box office", "Listener mail"]


async def test_opened_on_an_episode_q_goes_to_the_list_then_quits(store: EpisodeStore, planned: Path) -> None:
    app = ShowprepApp(store, planned)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert episode_screen(app).title == "Reel Talk 7"
        await pilot.press("q")
        await settle(pilot)
        assert isinstance(app.screen, EpisodesScreen)
        assert row_texts(app)[0][1] == "Reel Talk 7"
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
