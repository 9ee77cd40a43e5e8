"""One episode, in three views: Plan, Transcript and Notes, and the jobs that fill them.

The screen owns the episode's snapshot. Reading it, and every slow job (adding links, transcribing,
writing notes, grouping sources), runs in a worker that calls the same service as the command line
and posts a typed message back; plan edits go through the plan service, which saves them at once.
A timer watches the episode's files, and when they change the screen reads them again: nothing is
ever unsaved here, so reloading loses nothing, and an edit aimed at a plan that changed on disk in
the meantime is refused rather than written over it.

The services behind the jobs (article extraction, Whisper, templates) are imported inside their
workers, so that opening an episode does not wait for libraries it may not need.
"""

from __future__ import annotations

import threading
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
from showprep.domain.timecode import human_timecode
from showprep.services.plan import (
    DiskSignature,
    EpisodeSnapshot,
    align_snapshot,
    changed_on_disk,
    disk_signature,
    edit_plan,
    open_episode,
)
from showprep.tui.messages import (
    Aligned,
    JobFailed,
    LinkFetched,
    LinksAdded,
    LoadFailed,
    NotesWritten,
    OutlineMade,
    SnapshotLoaded,
    Transcribed,
    TranscribeProgress,
)
from showprep.tui.screens.dialogs import AddLinksDialog, AudioPicker, Confirm, LinksForm
from showprep.tui.widgets.fetches import FetchPanel
from showprep.tui.widgets.notes import NotesView
from showprep.tui.widgets.plan import PlanEdit, PlanItem, PlanView, RefetchSource
from showprep.tui.widgets.progress import JobPanel
from showprep.tui.widgets.transcript import TranscriptView

DISK_CHECK_SECONDS = 1.0
"""How often the screen looks for changes made to the episode's files by other programs."""

WRITING_JOBS = ("gather", "transcribe", "notes", "outline")
"""Worker groups whose jobs write the episode's files; their changes are not news to the user."""


class EpisodeScreen(Screen[None]):
    """The episode's plan, transcript and notes, as tabs."""

    AUTO_FOCUS = "#rundown"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add_links", "Add links"),
        Binding("t", "transcribe", "Transcribe"),
        Binding("n", "write_notes", "Write notes"),
        Binding("q", "back", "Back"),
        Binding("escape", "cancel_transcription", "Cancel transcription"),
        Binding("slash", "search", "Search transcript", show=False),
        Binding("o", "group_sources", "Group unassigned", show=False),
        Binding("N", "write_notes(True)", "Write notes over hand edits", show=False),
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
        self._aligned_for: EpisodeSnapshot | None = None
        self._cancel = threading.Event()
        self._unreadable: DiskSignature | None = None
        """The files as they were when they last failed to load."""

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
            self.post_message(LoadFailed(str(exc), disk_signature(self.store, self.folder)))

    @on(SnapshotLoaded)
    def _loaded(self, message: SnapshotLoaded) -> None:
        known = set(self.snapshot.problems) if self.snapshot else set()
        self._unreadable = None
        self._show(message.snapshot)
        if message.reason:
            self.notify(message.reason, title="Reloaded")
        for problem in message.snapshot.problems:
            if problem not in known:
                self.notify(problem, severity="warning", timeout=10)

    @on(LoadFailed)
    def _load_failed(self, message: LoadFailed) -> None:
        self._unreadable = message.signature
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
        self._align_if_shown()

    def _check_disk(self) -> None:
        if self.snapshot is None or self._job_running("load"):
            return
        if not changed_on_disk(self.store, self.snapshot):
            return
        if self._unreadable is not None and disk_signature(self.store, self.folder) == self._unreadable:
            return
        own = any(self._job_running(group) for group in WRITING_JOBS)
        self._load(None if own else "The episode's files changed on disk.")

    def _job_running(self, group: str) -> bool:
        return any(w.group == group and not w.is_finished for w in self.workers)

    def action_reload(self) -> None:
        self._load("Read again from disk.")

    # -- chapters and coverage, found once the transcript or notes are looked at ----------------

    @on(TabbedContent.TabActivated)
    def _tab_shown(self) -> None:
        self._align_if_shown()

    def _align_if_shown(self) -> None:
        snapshot = self.snapshot
        shown = self.query_one(TabbedContent).active in ("transcript", "notes")
        if snapshot is None or snapshot.transcript is None or not shown or snapshot is self._aligned_for:
            return
        self._aligned_for = snapshot
        self._align(snapshot)

    @work(thread=True, exclusive=True, group="align")
    def _align(self, snapshot: EpisodeSnapshot) -> None:
        self.post_message(Aligned(snapshot, align_snapshot(snapshot)))

    @on(Aligned)
    def _aligned(self, message: Aligned) -> None:
        if message.snapshot is not self.snapshot or message.alignment is None:
            return
        self.query_one(TranscriptView).show(message.snapshot.transcript, message.alignment.chapters)
        self.query_one(NotesView).show_warnings("coverage", message.alignment.coverage.warnings())

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

    # -- adding links --------------------------------------------------------------------------

    def action_add_links(self) -> None:
        self.action_show_tab("plan")
        segment = self.query_one(PlanView).selected_segment()
        self.app.push_screen(AddLinksDialog(segment.title if segment else ""), self._add_links)

    def _add_links(self, form: LinksForm | None) -> None:
        links = form.links.split() if form else []
        if form is None or not links:
            return
        self.query_one(FetchPanel).start(links)
        self._gather(links, form.segment_title.strip() or None)

    @work(group="gather")
    async def _gather(self, links: list[str], segment_title: str | None) -> None:
        """Runs on the app's event loop: the service awaits the network and extracts in threads."""
        from showprep.services.gather import add_articles

        try:
            results = await add_articles(
                self.store,
                self.folder,
                links,
                segment_title,
                on_result=lambda result: self.post_message(LinkFetched(result)),
            )
        except StoreError as exc:
            self.post_message(JobFailed("Adding links", str(exc)))
            return
        self.post_message(LinksAdded(results))

    @on(RefetchSource)
    def _refetch(self, message: RefetchSource) -> None:
        self.query_one(FetchPanel).start([message.url])
        self._refresh_source(message.source_id)

    @work(group="gather")
    async def _refresh_source(self, source_id: str) -> None:
        from showprep.services.gather import refresh_sources

        results = await refresh_sources(
            self.store,
            self.folder,
            [source_id],
            on_result=lambda result: self.post_message(LinkFetched(result)),
        )
        self.post_message(LinksAdded(results))

    @on(LinkFetched)
    def _link_fetched(self, message: LinkFetched) -> None:
        result = message.result
        self.query_one(FetchPanel).finish(result.url, result.ok, result.reason)

    @on(LinksAdded)
    def _links_added(self, message: LinksAdded) -> None:
        outcomes = [r.outcome.value for r in message.results]
        counts = [
            f"{outcomes.count(value)} {label}"
            for value, label in (
                ("ok", "added"),
                ("refreshed", "fetched again"),
                ("duplicate", "already in the episode"),
                ("failed", "failed (see the list)"),
            )
            if value in outcomes
        ]
        failed = "failed" in outcomes
        self.notify(", ".join(counts), severity="warning" if failed else "information")
        self._load(None)

    # -- transcribing --------------------------------------------------------------------------

    def action_transcribe(self) -> None:
        if self._job_running("transcribe"):
            self.notify("A transcription is already running; escape cancels it.", severity="warning")
            return
        self.action_show_tab("transcript")
        audio = self.snapshot.episode.audio if self.snapshot else None
        if audio and not Path(audio).expanduser().is_absolute():
            audio = str(self.folder / audio)
        self.app.push_screen(AudioPicker(self.folder, audio or ""), self._transcribe)

    def _transcribe(self, audio: Path | None) -> None:
        if audio is None:
            return
        self._cancel = threading.Event()
        self.query_one(JobPanel).start(
            f"Transcribing {audio.name}: loading the model, decoding the first part…"
        )
        self._run_transcription(audio, self._cancel)
        self.refresh_bindings()

    @work(thread=True, group="transcribe")
    def _run_transcription(self, audio: Path, cancel: threading.Event) -> None:
        from showprep.services.transcribe import Cancelled, ChildFailed, transcribe_episode_apart

        try:
            transcript = transcribe_episode_apart(
                self.store,
                self.folder,
                audio,
                on_progress=self._report_progress,
                cancel=cancel,
            )
        except Cancelled as exc:
            self.post_message(JobFailed("Transcription", str(exc), cancelled=True))
        except (ChildFailed, StoreError) as exc:
            self.post_message(JobFailed("Transcription", str(exc)))
        else:
            words = sum(len(s.words) for s in transcript.segments)
            self.post_message(Transcribed(len(transcript.segments), words))

    def _report_progress(self, done: float, total: float) -> None:
        """Called in the transcription's thread."""
        self.post_message(TranscribeProgress(done, total))

    @on(TranscribeProgress)
    def _transcribe_progress(self, message: TranscribeProgress) -> None:
        done = f"{human_timecode(message.done)} of {human_timecode(message.total)}"
        self.query_one(JobPanel).advance(message.done, message.total, f"Transcribing: {done}")

    @on(Transcribed)
    def _transcribed(self, message: Transcribed) -> None:
        self.query_one(JobPanel).stop()
        self.refresh_bindings()
        self.notify(f"Transcribed: {message.segments} segments, {message.words} words.")
        self._load(None)

    @on(JobPanel.CancelPressed)
    def action_cancel_transcription(self) -> None:
        self._cancel.set()
        self.query_one(JobPanel).advance(0, None, "Cancelling…")

    # -- notes and outline ---------------------------------------------------------------------

    def action_write_notes(self, force: bool = False) -> None:
        self.action_show_tab("notes")
        if not force:
            self._write_notes(False)
            return
        question = "Write every file in publish/, replacing hand edits? (A .bak copy of each is kept.)"

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._write_notes(True)

        self.app.push_screen(Confirm(question), confirmed)

    @work(thread=True, exclusive=True, group="notes")
    def _write_notes(self, force: bool) -> None:
        from showprep.services.notes import write_notes

        try:
            self.post_message(NotesWritten(write_notes(self.store, self.folder, force=force)))
        except StoreError as exc:
            self.post_message(JobFailed("Writing notes", str(exc)))

    @on(NotesWritten)
    def _notes_written(self, message: NotesWritten) -> None:
        result = message.result
        self.query_one(NotesView).show(result.show_notes, result.files.paths)
        self.query_one(NotesView).show_warnings("notes", result.warnings())
        self.notify(f"Wrote {len(result.files.written)} files in {self.store.publish_dir(self.folder)}")
        self._load(None)

    def action_group_sources(self) -> None:
        self.action_show_tab("plan")
        self._outline()

    @work(thread=True, exclusive=True, group="outline")
    def _outline(self) -> None:
        from showprep.services.outline import make_outline

        try:
            self.post_message(OutlineMade(make_outline(self.store, self.folder, auto=True)))
        except StoreError as exc:
            self.post_message(JobFailed("Grouping sources", str(exc)))

    @on(OutlineMade)
    def _outline_made(self, message: OutlineMade) -> None:
        added = message.result.added
        if added:
            grouped = sum(len(s.sources) for s in added)
            self.notify(f"Grouped {grouped} sources into {len(added)} new segments; wrote the rundown.")
        else:
            self.notify("No unassigned sources to group; wrote the rundown.")
        for warning in message.result.warnings():
            self.notify(warning, severity="warning", timeout=10)
        self._load(None)

    # -- shared --------------------------------------------------------------------------------

    @on(JobFailed)
    def _job_failed(self, message: JobFailed) -> None:
        if message.job == "Transcription":
            self.query_one(JobPanel).stop()
            self.refresh_bindings()
        self.notify(
            message.error,
            title=f"{message.job} stopped",
            severity="information" if message.cancelled else "error",
            timeout=15,
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer "cancel" only while a transcription runs."""
        if action == "cancel_transcription":
            return self._job_running("transcribe")
        return True

    def action_back(self) -> None:
        """Back to the episodes list; a running transcription is stopped first, if the user agrees."""
        if not self._job_running("transcribe"):
            self.app.pop_screen()
            return

        def stop(yes: bool | None) -> None:
            if yes:
                self._cancel.set()
                self.app.pop_screen()

        self.app.push_screen(Confirm("A transcription is running. Cancel it and go back?"), stop)

    def on_unmount(self) -> None:
        """A transcription must not run on, unseen, after its screen has gone."""
        self._cancel.set()

    def action_show_tab(self, tab: str) -> None:
        """Show the view and put the keyboard in it."""
        self.query_one(TabbedContent).active = tab
        focus = {"plan": "#rundown", "transcript": "#transcript-lines", "notes": "#notes-view"}[tab]
        self.query_one(focus).focus()

    def action_search(self) -> None:
        self.action_show_tab("transcript")
        self.query_one("#transcript-search").focus()
