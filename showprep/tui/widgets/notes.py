"""The Notes view: the rendered show notes, coverage warnings, and where the published files are."""

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

    def compose(self) -> ComposeResult:
        yield Static("", id="notes-warnings")
        yield Markdown("", id="notes-markdown")
        yield Static("", id="notes-files")

    def show(self, show_notes: str | None, published: Sequence[Path], warnings: Sequence[str] = ()) -> None:
        """Display the notes text (None: not written yet), the published files and the warnings."""
        warning_box = self.query_one("#notes-warnings", Static)
        warning_box.display = bool(warnings)
        warning_box.update(Text("\n".join(f"⚠ {w}" for w in warnings), style="yellow"))
        files = self.query_one("#notes-files", Static)
        files.display = bool(published)
        files.update(Text("Published files:\n" + "\n".join(f"  {p}" for p in published), style="dim"))
        self._render_markdown(show_notes or "*No show notes yet. Press `n` to write them.*")

    @work(exclusive=True, group="notes-markdown")
    async def _render_markdown(self, text: str) -> None:
        await self.query_one("#notes-markdown", Markdown).update(text)
