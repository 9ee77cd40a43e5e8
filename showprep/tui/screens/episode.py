"""One episode, in three views: Plan, Transcript and Notes.

The screen owns the episode's snapshot. Reading it, and every slow job, runs in a worker that posts a
typed message back; plan edits go through the plan service, which saves them at once. A timer
watches the episode's files, and when another program changes them the screen reads them again:
nothing is ever unsaved here, so reloading loses nothing, and the store refuses to overwrite an
outside edit that lands between two looks.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Header, TabbedContent, TabPane

from showprep.adapters.errors import OutsideEditError, StoreError
from showprep.adapters.store import EpisodeStore
from showprep.domain.plan_edits import PlanEditError
from showprep.services.plan import EpisodeSnapshot, changed_on_disk, edit_plan, open_episode
from showprep.tui.messages import LoadFailed, SnapshotLoaded
from showprep.tui.widgets.notes import NotesView
from showprep.tui.widgets.plan import PlanEdit, PlanItem, PlanView
from showprep.tui.widgets.transcript import TranscriptView

DISK_CHECK_SECONDS = 1.0
"""How often the screen looks for changes made to the episode's files by other programs."""


class EpisodeScreen(Screen[None]):
    """The episode's plan, transcript and notes, as tabs."""

    AUTO_FOCUS = "#rundown"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "app.pop_screen", "Back"),
        Binding("1", "show_tab('plan')", "Plan", show=False),
        Binding("2", "show_tab('transcript')", "Transcript", show=False),
        Binding("3", "show_tab('notes')", "Notes", show=False),
        Binding("ctrl+r", "reload", "Reload from disk", show=False),
    ]

    def __init__(self, store: EpisodeStore, folder: Path) -> None:
        super().__init__()
        self.store = store
        self.folder = folder
        self.snapshot: EpisodeSnapshot | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(initial="plan"):
            with TabPane("Plan", id="plan"):
                yield PlanView(id="plan-view")
            with TabPane("Transcript", id="transcript"):
                yield TranscriptView(id="transcript-view")
            with TabPane("Notes", id="notes"):
                yield NotesView(id="notes-view")
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.folder.name
        self.sub_title = "loading…"
        self._load(None)
        self.set_interval(DISK_CHECK_SECONDS, self._check_disk)

    # -- loading -------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="load")
    def _load(self, reason: str | None) -> None:
        try:
            self.post_message(SnapshotLoaded(open_episode(self.store, self.folder), reason))
        except StoreError as exc:
            self.post_message(LoadFailed(str(exc)))

    @on(SnapshotLoaded)
    def _loaded(self, message: SnapshotLoaded) -> None:
        self._show(message.snapshot)
        if message.reason:
            self.notify(message.reason, title="Reloaded")
        for problem in message.snapshot.problems:
            self.notify(problem, severity="warning", timeout=10)

    @on(LoadFailed)
    def _load_failed(self, message: LoadFailed) -> None:
        self.sub_title = "cannot be read"
        self.notify(message.error, title="Episode not loaded", severity="error", timeout=15)

    def _show(self, snapshot: EpisodeSnapshot, select: PlanItem | None = None) -> None:
        """Show the snapshot; views whose part of it is unchanged are left as they are."""
        previous, self.snapshot = self.snapshot, snapshot
        episode = snapshot.episode
        self.title = episode.title
        self.sub_title = f"{episode.date.isoformat()} · {episode.status.value} · {snapshot.folder.name}"
        self.query_one(PlanView).show(snapshot, select)
        if previous is None or previous.transcript != snapshot.transcript:
            self.query_one(TranscriptView).show(snapshot.transcript)
        if previous is None or (previous.show_notes, previous.published) != (
            snapshot.show_notes,
            snapshot.published,
        ):
            self.query_one(NotesView).show(snapshot.show_notes, snapshot.published)

    def _check_disk(self) -> None:
        if self.snapshot is None or self._loading:
            return
        if changed_on_disk(self.store, self.snapshot):
            self._load("The episode's files changed on disk.")

    @property
    def _loading(self) -> bool:
        return any(w.group == "load" and w.is_running for w in self.workers)

    def action_reload(self) -> None:
        self._load("Read again from disk.")

    # -- editing the plan ----------------------------------------------------------------------

    @on(PlanEdit)
    def _edit(self, message: PlanEdit) -> None:
        if self.snapshot is None:
            return
        try:
            snapshot = edit_plan(self.store, self.snapshot, message.edit)
        except PlanEditError as exc:
            self.notify(str(exc), title="Not changed", severity="error")
            return
        except OutsideEditError as exc:
            self.notify(f"{exc}. Your change was not applied.", title="Edited elsewhere", severity="warning")
            self._load("Showing the version on disk.")
            return
        except StoreError as exc:
            self.notify(str(exc), title="Not saved", severity="error")
            return
        self._show(snapshot, message.select)

    # -- navigation ----------------------------------------------------------------------------

    def action_show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
