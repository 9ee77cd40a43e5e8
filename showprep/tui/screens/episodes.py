"""The first screen: every episode in the episodes folder, a new one, and opening one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from showprep.adapters.errors import StoreError
from showprep.adapters.store import EpisodeListing, EpisodeStore
from showprep.domain.plan_edits import PlanEditError
from showprep.services.episodes import list_episodes
from showprep.services.plan import create_from_form
from showprep.tui.screens.dialogs import NewEpisodeDialog, NewEpisodeForm
from showprep.tui.screens.episode import EpisodeScreen


class ListingsLoaded(Message):
    """The episodes folder was read."""

    def __init__(self, listings: list[EpisodeListing]) -> None:
        super().__init__()
        self.listings = listings


class EpisodesScreen(Screen[None]):
    """The list of episodes: date, title, status and number of sources."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "open", "Open"),
        Binding("n", "new_episode", "New episode"),
        Binding("r", "refresh", "Refresh"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, store: EpisodeStore) -> None:
        super().__init__()
        self.store = store
        self._folders: dict[str, Path] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="episodes", cursor_type="row", zebra_stripes=True)
        yield Static(id="episodes-empty", classes="placeholder")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "showprep"
        self.sub_title = str(self.store.root)
        table = self.query_one(DataTable)
        table.add_column("Date", key="date")
        table.add_column("Title", key="title")
        table.add_column("Status", key="status")
        table.add_column("Sources", key="sources")
        table.add_column("Folder", key="folder")

    def on_screen_resume(self) -> None:
        if self.is_current:  # not when an episode's screen was opened on top straight away
            self.action_refresh()

    def action_refresh(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="listings")
    def _load(self) -> None:
        self.post_message(ListingsLoaded(list_episodes(self.store)))

    @on(ListingsLoaded)
    def _show(self, message: ListingsLoaded) -> None:
        table = self.query_one(DataTable)
        current = (
            table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value if table.row_count else None
        )
        table.clear()
        self._folders = {}
        for row in message.listings:
            key = row.folder.name
            self._folders[key] = row.folder
            if row.episode is None:
                table.add_row("", Text(str(row.error), style="red"), "unreadable", "", key, key=key)
                continue
            episode = row.episode
            table.add_row(
                episode.date.isoformat(),
                episode.title,
                episode.status.value,
                Text(str(row.source_count), justify="right"),
                key,
                key=key,
            )
        if current in self._folders:
            table.move_cursor(row=table.get_row_index(current))
        empty = self.query_one("#episodes-empty", Static)
        empty.display = not message.listings
        empty.update(f"No episodes in {self.store.root} yet. Press n to start one.")

    def _highlighted_folder(self) -> Path | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self._folders.get(key) if key is not None else None

    def action_open(self) -> None:
        folder = self._highlighted_folder()
        if folder is not None:
            self.open_episode(folder)

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        folder = self._folders.get(event.row_key.value) if event.row_key.value else None
        if folder is not None:
            self.open_episode(folder)

    def open_episode(self, folder: Path) -> None:
        self.app.push_screen(EpisodeScreen(self.store, folder))

    def action_new_episode(self) -> None:
        self.app.push_screen(NewEpisodeDialog(dt.date.today().isoformat()), self._create)

    def _create(self, form: NewEpisodeForm | None) -> None:
        if form is None:
            return
        try:
            folder = create_from_form(self.store, form.title, form.date, form.number)
        except (PlanEditError, StoreError) as exc:
            self.notify(str(exc), title="Episode not created", severity="error")
            return
        self.notify(f"Created {folder.name}")
        self.open_episode(folder)
