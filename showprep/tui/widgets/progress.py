"""A job's progress line: what is running, a bar with ETA, and a button to cancel it."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Button, Label, ProgressBar


class JobPanel(Horizontal):
    """Hidden until `start`; `advance` moves the bar; `stop` hides it again."""

    class CancelPressed(Message):
        """The user asked to cancel the running job."""

    def compose(self) -> ComposeResult:
        yield Label("", classes="job-label")
        yield ProgressBar(total=None, show_eta=True, classes="job-bar")
        yield Button("Cancel", variant="error", compact=True, classes="job-cancel")

    def start(self, label: str) -> None:
        self.query_one(".job-label", Label).update(label)
        self.query_one(ProgressBar).update(total=None, progress=0)
        self.add_class("running")

    def advance(self, done: float, total: float | None, label: str | None = None) -> None:
        """Show `done` out of `total` (None: not known yet, the bar pulses)."""
        self.query_one(ProgressBar).update(total=total, progress=done)
        if label is not None:
            self.query_one(".job-label", Label).update(label)

    def stop(self) -> None:
        self.remove_class("running")

    @on(Button.Pressed, ".job-cancel")
    def _cancel(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.CancelPressed())
