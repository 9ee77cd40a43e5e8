"""The Transcript view: every line with its timestamp, chapter starts marked, and a search box."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label

from showprep.domain.timecode import human_timecode
from showprep.domain.transcript import Chapter, Transcript
from showprep.tui.widgets.progress import JobPanel
from showprep.tui.widgets.transcript_lines import TranscriptLine, TranscriptLines


class TranscriptView(Vertical):
    """The transcript's lines; typing in the search box finds lines, enter jumps to the next match."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._texts: list[str] = []
        self._matches: list[int] = []

    def compose(self) -> ComposeResult:
        yield JobPanel(id="transcribe-panel")
        with Horizontal(id="transcript-bar"):
            yield Input(placeholder="Search the transcript  (enter: next match)", id="transcript-search")
            yield Label("", id="transcript-matches")
        yield TranscriptLines(id="transcript-lines")
        yield Label("", id="transcript-empty", classes="placeholder")

    def show(self, transcript: Transcript | None, chapters: Sequence[Chapter] = ()) -> None:
        """Display this transcript, each chapter's title above the first line it covers."""
        lines = self.query_one(TranscriptLines)
        empty = self.query_one("#transcript-empty", Label)
        has_lines = transcript is not None and bool(transcript.segments)
        lines.display = has_lines
        empty.display = not has_lines
        empty.update("No transcript yet. Press t to transcribe the recording.")
        entries: list[TranscriptLine] = []
        pending = sorted(chapters, key=lambda c: c.start)
        for segment in transcript.segments if transcript is not None else ():
            while pending and pending[0].start < segment.end:
                chapter = pending.pop(0)
                entries.append(
                    TranscriptLine(
                        human_timecode(chapter.start, with_hours=True), chapter.title, chapter=True
                    )
                )
            entries.append(TranscriptLine(human_timecode(segment.start, with_hours=True), segment.text))
        self._texts = ["" if e.chapter else e.text.casefold() for e in entries]
        lines.set_lines(entries)
        self._search(self.query_one("#transcript-search", Input).value)

    @on(Input.Changed, "#transcript-search")
    def _changed(self, event: Input.Changed) -> None:
        self._search(event.value)

    def _search(self, query: str) -> None:
        needle = query.strip().casefold()
        self._matches = [i for i, text in enumerate(self._texts) if needle and needle in text]
        self.query_one(TranscriptLines).highlight = needle
        count = len(self._matches)
        label = self.query_one("#transcript-matches", Label)
        label.update(f"{count} match{'es' if count != 1 else ''}" if needle else "")
        if self._matches:
            self._go_to(self._matches[0])

    @on(Input.Submitted, "#transcript-search")
    def _next_match(self) -> None:
        if not self._matches:
            return
        current = self.query_one(TranscriptLines).cursor
        later = [i for i in self._matches if i > current]
        self._go_to(later[0] if later else self._matches[0])

    def _go_to(self, index: int) -> None:
        self.query_one(TranscriptLines).cursor = index
        position = self._matches.index(index) + 1
        self.query_one("#transcript-matches", Label).update(f"{position}/{len(self._matches)}")
