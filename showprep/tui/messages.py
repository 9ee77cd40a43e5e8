"""Typed messages that workers post back to the screens, so no worker touches a widget itself."""

from __future__ import annotations

from textual.message import Message

from showprep.services.plan import EpisodeSnapshot


class SnapshotLoaded(Message):
    """A fresh snapshot of the open episode was read from disk."""

    def __init__(self, snapshot: EpisodeSnapshot, reason: str | None = None) -> None:
        super().__init__()
        self.snapshot = snapshot
        self.reason = reason
        """Why it was read again (e.g. an outside edit), to tell the user; None on opening."""


class LoadFailed(Message):
    """The episode could not be read; `error` is the one line for the user."""

    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error
