"""Typed messages that workers post back to the screens, so no worker touches a widget itself."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from showprep.domain.alignment import Alignment
    from showprep.services.gather import AddResult
    from showprep.services.notes import NotesResult
    from showprep.services.outline import OutlineResult
    from showprep.services.plan import DiskSignature, EpisodeSnapshot


class WorkerReport(Message, bubble=False):
    """A message from a screen's worker to that screen; it goes no further."""


class SnapshotLoaded(WorkerReport):
    """A fresh snapshot of the open episode was read from disk."""

    def __init__(self, snapshot: EpisodeSnapshot, reason: str | None = None) -> None:
        super().__init__()
        self.snapshot = snapshot
        self.reason = reason
        """Why it was read again (e.g. an outside edit), to tell the user; None when there is no news."""


class LoadFailed(WorkerReport):
    """The episode could not be read; `error` is the one line for the user."""

    def __init__(self, error: str, signature: DiskSignature) -> None:
        super().__init__()
        self.error = error
        self.signature = signature
        """The files as they were when reading failed: not worth reading again until they change."""


class LinkFetched(WorkerReport):
    """One link of a batch has been dealt with: added, a duplicate, or failed."""

    def __init__(self, result: AddResult) -> None:
        super().__init__()
        self.result = result


class LinksAdded(WorkerReport):
    """Every link of a batch has been dealt with."""

    def __init__(self, results: list[AddResult]) -> None:
        super().__init__()
        self.results = results


class TranscribeProgress(WorkerReport):
    """Seconds of the recording transcribed so far, of the total."""

    def __init__(self, done: float, total: float) -> None:
        super().__init__()
        self.done = done
        self.total = total


class Transcribed(WorkerReport):
    """The transcription finished and its files are written."""

    def __init__(self, segments: int, words: int) -> None:
        super().__init__()
        self.segments = segments
        self.words = words


class NotesWritten(WorkerReport):
    """`publish/` was written."""

    def __init__(self, result: NotesResult) -> None:
        super().__init__()
        self.result = result


class OutlineMade(WorkerReport):
    """The rundown was written, after grouping unassigned sources into new segments."""

    def __init__(self, result: OutlineResult) -> None:
        super().__init__()
        self.result = result


class Aligned(WorkerReport):
    """Where each planned segment was found in the transcript (None: no transcript)."""

    def __init__(self, snapshot: EpisodeSnapshot, alignment: Alignment | None) -> None:
        super().__init__()
        self.snapshot = snapshot
        self.alignment = alignment


class JobFailed(WorkerReport):
    """A background job stopped; `error` is the one line for the user."""

    def __init__(self, job: str, error: str, cancelled: bool = False) -> None:
        super().__init__()
        self.job = job
        self.error = error
        self.cancelled = cancelled
