"""Errors the store raises: each names the file (and line, when known) and says what is wrong."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """A file showprep cannot read or write as asked; `str()` is one line for the user."""

    def __init__(self, path: Path, reason: str, line: int | None = None) -> None:
        super().__init__(reason)
        self.path = path
        self.reason = reason
        self.line = line

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.reason}"


class MalformedFileError(StoreError):
    """The file's front matter is not valid YAML, or a key holds the wrong type of value."""


class OutsideEditError(StoreError):
    """The file changed on disk after showprep read it; saving would destroy that edit."""


class EpisodeNotFoundError(StoreError):
    """No episode folder matches what the user named."""
