"""The Transcript view: every line with its timestamp, chapter starts marked, and a search box."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from showprep.domain.transcript import Chapter, Transcript


def clock(seconds: float) -> str:
    """A timestamp as the transcript shows it: H:MM:SS."""
    whole = int(seconds)
    return f"{whole // 3600}:{whole // 60 % 60:02d}:{whole % 60:02d}"


class TranscriptView(Vertical):
    """Transcript lines in an option list; typing in the search box finds lines, enter jumps to the next."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._texts: list[str] = []
        self._matches: list[int] = []

    def compose(self) -> ComposeResult:
        with Horizontal(id="transcript-bar"):
            yield Input(placeholder="Search the transcript  (enter: next match)", id="transcript-search")
            yield Label("", id="transcript-matches")
        yield OptionList(id="transcript-lines")
        yield Label("", id="transcript-empty", classes="placeholder")

    def show(self, transcript: Transcript | None, chapters: Sequence[Chapter] = ()) -> None:
        """Display this transcript, each chapter's title above the first line it covers."""
        lines = self.query_one("#transcript-lines", OptionList)
        empty = self.query_one("#transcript-empty", Label)
        lines.clear_options()
        self._texts = []
        has_lines = transcript is not None and bool(transcript.segments)
        lines.display = has_lines
        empty.display = not has_lines
        if transcript is None or not transcript.segments:
            empty.update("No transcript yet. Press t to transcribe the recording.")
            return
        pending = sorted(chapters, key=lambda c: c.start)
        options: list[Option] = []
        for index, segment in enumerate(transcript.segments):
            while pending and pending[0].start < segment.end:
                chapter = pending.pop(0)
                heading = Content.from_markup(
                    "[bold $accent]▌ $time  $title[/]", time=clock(chapter.start), title=chapter.title
                )
                options.append(Option(heading, id=f"chapter-{len(options)}", disabled=True))
                self._texts.append("")
            line = Content.assemble((f"{clock(segment.start)}  ", "dim"), segment.text)
            options.append(Option(line, id=f"line-{index}"))
            self._texts.append(segment.text.casefold())
        lines.add_options(options)
        self._search(self.query_one("#transcript-search", Input).value)

    @on(Input.Changed, "#transcript-search")
    def _changed(self, event: Input.Changed) -> None:
        self._search(event.value)

    def _search(self, query: str) -> None:
        needle = query.strip().casefold()
        self._matches = [i for i, text in enumerate(self._texts) if needle and needle in text]
        label = self.query_one("#transcript-matches", Label)
        label.update(f"{len(self._matches)} match{'es' if len(self._matches) != 1 else ''}" if needle else "")
        if self._matches:
            self._go_to(self._matches[0])

    @on(Input.Submitted, "#transcript-search")
    def _next_match(self) -> None:
        if not self._matches:
            return
        current = self.query_one("#transcript-lines", OptionList).highlighted
        later = [i for i in self._matches if current is None or i > current]
        self._go_to(later[0] if later else self._matches[0])

    def _go_to(self, index: int) -> None:
        lines = self.query_one("#transcript-lines", OptionList)
        lines.highlighted = index
        lines.scroll_to_highlight(top=True)
        position = self._matches.index(index) + 1 if index in self._matches else 0
        self.query_one("#transcript-matches", Label).update(f"{position}/{len(self._matches)}")
