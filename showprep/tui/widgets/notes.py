"""The Notes view: coverage warnings, the rendered show notes, and where the published files are."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Markdown, Static


class NotesView(VerticalScroll):
    """Warnings first (they need acting on), then the notes as a reader sees them, then the file list."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._warnings: dict[str, list[str]] = {}

    def compose(self) -> ComposeResult:
        yield Static("", id="notes-warnings")
        yield Markdown("", id="notes-markdown")
        yield Static("", id="notes-files")

    def show(self, show_notes: str | None, published: Sequence[Path]) -> None:
        """Display the notes text (None: not written yet) and the files in `publish/`."""
        files = self.query_one("#notes-files", Static)
        files.display = bool(published)
        files.update(Text("Published files:\n" + "\n".join(f"  {p}" for p in published), style="dim"))
        self._render_markdown(show_notes or "*No show notes yet. Press `n` to write them.*")

    def show_warnings(self, kind: str, warnings: Sequence[str]) -> None:
        """Replace the warnings of one kind ("coverage", "notes"); each distinct line is shown once."""
        self._warnings[kind] = list(warnings)
        lines = list(dict.fromkeys(w for group in self._warnings.values() for w in group))
        box = self.query_one("#notes-warnings", Static)
        box.display = bool(lines)
        box.update(Text("\n".join(f"⚠ {line}" for line in lines), style="yellow"))

    @work(exclusive=True, group="notes-markdown")
    async def _render_markdown(self, text: str) -> None:
        await self.query_one("#notes-markdown", Markdown).update(text)
