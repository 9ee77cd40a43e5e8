"""Links being fetched: one row per link, with its own progress, then its title or why it failed."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Label, ProgressBar


class FetchRow(Horizontal):
    """One link: a pulsing bar while it is fetched, then ✓ and the headline or ✗ and the reason."""

    def __init__(self, url: str) -> None:
        super().__init__(classes="fetch-row pending")
        self.url = url

    def compose(self) -> ComposeResult:
        yield ProgressBar(total=None, show_eta=False, show_percentage=False)
        yield Label(Text(self.url, overflow="ellipsis", no_wrap=True), classes="fetch-text")

    def finish(self, ok: bool, text: str) -> None:
        """Replace the bar with the outcome."""
        self.remove_class("pending")
        self.add_class("ok" if ok else "failed")
        self.query_one(ProgressBar).remove()
        mark = ("✓ ", "green") if ok else ("✗ ", "red")
        detail = Text.assemble(mark, (text, "" if ok else "red"))
        if not ok:
            detail.append(f"  {self.url}", style="dim")
        self.query_one(".fetch-text", Label).update(detail)


class FetchPanel(VerticalScroll):
    """The links being fetched and those of the latest batch; hidden until links are added."""

    def start(self, urls: list[str]) -> None:
        """Show a row for each link; finished rows of earlier batches make way, pending ones stay."""
        for row in self.query(FetchRow):
            if not row.has_class("pending"):
                row.remove()
        self.mount_all([FetchRow(url) for url in urls])
        self.display = True

    def finish(self, url: str, ok: bool, text: str) -> None:
        """Mark the first still-pending row for `url` with its outcome."""
        for row in self.query(FetchRow):
            if row.url == url and row.has_class("pending"):
                row.finish(ok, text)
                return
