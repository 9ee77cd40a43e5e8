"""The episodes folder on disk: episode folders, `episode.md`, `sources/<id>.md`, in SPEC.md's layout.

The store remembers what it read, so that saving an unchanged object writes nothing and saving over a
file that someone edited in another program is refused (OutsideEditError) instead of clobbering it.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from showprep.adapters.codec import (
    FieldError,
    episode_from_metadata,
    episode_to_metadata,
    source_from_metadata,
    source_to_metadata,
)
from showprep.adapters.documents import Document, looks_changed, read_document, save_document
from showprep.adapters.errors import EpisodeNotFoundError, MalformedFileError, StoreError
from showprep.adapters.transcript_json import read_transcript, write_transcript
from showprep.domain.episode import Episode
from showprep.domain.slug import slugify, unique_name
from showprep.domain.source import Source
from showprep.domain.transcript import Transcript

EPISODE_FILE = "episode.md"
SOURCES_DIR = "sources"
TRANSCRIPT_FILE = "transcript.json"
PUBLISH_DIR = "publish"


@dataclass(frozen=True)
class EpisodeListing:
    """One row of `showprep list`: an episode folder and what could be read of it."""

    folder: Path
    episode: Episode | None
    error: StoreError | None = None
    source_count: int = 0


class EpisodeStore:
    """Reads and writes the episodes under one root folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._read: dict[Path, tuple[Document, object]] = {}
        self._lock = threading.RLock()

    # -- locating episodes ---------------------------------------------------------------------

    def folders(self) -> list[Path]:
        """Every episode folder under the root, oldest name first."""
        if not self.root.is_dir():
            return []
        return sorted(p for p in self.root.iterdir() if (p / EPISODE_FILE).is_file())

    def resolve(self, name: str | Path) -> Path:
        """The episode folder meant by `name`: a path to the folder (or its episode.md), or a folder name
        under the root."""
        candidates = [Path(name), self.root / str(name)]
        for candidate in candidates:
            if candidate.name == EPISODE_FILE and candidate.is_file():
                return candidate.parent
            if (candidate / EPISODE_FILE).is_file():
                return candidate
        raise EpisodeNotFoundError(Path(name), f"no episode here or in {self.root}")

    def create(self, title: str, date: dt.date, number: int | None = None) -> tuple[Path, Episode]:
        """Make a new episode folder named `<date>-<slug of title>`, with a suffix if that is taken."""
        if not title.strip():
            raise StoreError(self.root, "an episode needs a non-empty title")
        self.root.mkdir(parents=True, exist_ok=True)
        base = f"{date.isoformat()}-{slugify(title, fallback='episode')}"
        taken = {p.name for p in self.root.iterdir()}
        folder = self.root / unique_name(base, taken)
        folder.mkdir()
        episode = Episode(title=title.strip(), date=date, number=number)
        self.save_episode(folder, episode)
        return folder, episode

    def listings(self) -> list[EpisodeListing]:
        """Every episode, newest date first; an unreadable one is listed with its error."""
        rows = []
        for folder in self.folders():
            try:
                rows.append(
                    EpisodeListing(folder, self.load_episode(folder), None, self._count_sources(folder))
                )
            except StoreError as exc:
                rows.append(EpisodeListing(folder, None, exc))
        return sorted(
            rows, key=lambda r: (r.episode.date if r.episode else dt.date.min, r.folder.name), reverse=True
        )

    @staticmethod
    def _count_sources(folder: Path) -> int:
        sources = folder / SOURCES_DIR
        return sum(1 for _ in sources.glob("*.md")) if sources.is_dir() else 0

    # -- episodes ------------------------------------------------------------------------------

    def load_episode(self, folder: Path) -> Episode:
        path = folder / EPISODE_FILE
        document = self._read_document(path)
        try:
            episode = episode_from_metadata(document.metadata, document.body)
        except FieldError as exc:
            raise MalformedFileError(path, str(exc), document.line_of(exc.key)) from exc
        self._remember(document, episode)
        return episode

    def save_episode(self, folder: Path, episode: Episode) -> bool:
        """Write `episode.md`; False when nothing changed since it was read (the file is not touched)."""
        return self._save(folder / EPISODE_FILE, episode, episode_to_metadata(episode), episode.notes)

    def update_episode(self, folder: Path, change: Callable[[Episode], Episode]) -> Episode:
        """Read `episode.md` afresh, apply `change` and save, as one step that no other save through
        this store can interleave with; for a long job that records its result in a plan the user may
        have edited meanwhile, in this program or another."""
        path = folder / EPISODE_FILE
        with self._lock:
            self.forget(path)
            updated = change(self.load_episode(folder))
            self.save_episode(folder, updated)
        return updated

    # -- sources -------------------------------------------------------------------------------

    def source_path(self, folder: Path, source_id: str) -> Path:
        return folder / SOURCES_DIR / f"{source_id}.md"

    def source_ids(self, folder: Path) -> list[str]:
        sources = folder / SOURCES_DIR
        return sorted(p.stem for p in sources.glob("*.md")) if sources.is_dir() else []

    def load_source(self, folder: Path, source_id: str) -> Source:
        path = self.source_path(folder, source_id)
        document = self._read_document(path)
        try:
            source = source_from_metadata(source_id, document.metadata, document.body)
        except FieldError as exc:
            raise MalformedFileError(path, str(exc), document.line_of(exc.key)) from exc
        self._remember(document, source)
        return source

    def load_sources(self, folder: Path) -> tuple[dict[str, Source], list[StoreError]]:
        """Every readable source by id, and the errors of those that could not be read."""
        sources: dict[str, Source] = {}
        errors: list[StoreError] = []
        for source_id in self.source_ids(folder):
            try:
                sources[source_id] = self.load_source(folder, source_id)
            except StoreError as exc:
                errors.append(exc)
        return sources, errors

    def save_source(self, folder: Path, source: Source) -> bool:
        """Write `sources/<id>.md`; False when nothing changed since it was read."""
        path = self.source_path(folder, source.id)
        return self._save(path, source, source_to_metadata(source), source.text)

    # -- transcript ----------------------------------------------------------------------------

    def transcript_path(self, folder: Path) -> Path:
        return folder / TRANSCRIPT_FILE

    def has_transcript(self, folder: Path) -> bool:
        return self.transcript_path(folder).is_file()

    def load_transcript(self, folder: Path) -> Transcript:
        """The episode's transcript; StoreError if there is none or it cannot be read."""
        return read_transcript(self.transcript_path(folder))

    def save_transcript(self, folder: Path, transcript: Transcript) -> None:
        write_transcript(self.transcript_path(folder), transcript)

    def publish_dir(self, folder: Path) -> Path:
        return folder / PUBLISH_DIR

    # -- shared machinery ----------------------------------------------------------------------

    def _read_document(self, path: Path) -> Document:
        try:
            return read_document(path)
        except FileNotFoundError:
            raise StoreError(path, "does not exist") from None
        except OSError as exc:
            raise StoreError(path, f"cannot be read: {exc.strerror or exc}") from exc

    def _remember(self, document: Document, value: object) -> None:
        with self._lock:
            self._read[document.path.resolve()] = (document, value)

    def _save(self, path: Path, value: object, metadata: dict[str, object], body: str) -> bool:
        key = path.resolve()
        with self._lock:
            known = self._read.get(key)
            if known is not None and known[1] == value:
                return False
            previous = known[0] if known else Document(path, {}, "", None)
            try:
                document = save_document(previous, dict(metadata), body)
            except OSError as exc:
                raise StoreError(path, f"cannot be written: {exc.strerror or exc}") from exc
            self._read[key] = (document, value)
        return True

    def changed_on_disk(self, path: Path) -> bool:
        """Whether a file this store read has since been changed by another program (cheap enough to poll)."""
        with self._lock:
            known = self._read.get(path.resolve())
        return known is not None and looks_changed(known[0])

    def forget(self, path: Path) -> None:
        """Drop what the store remembers of `path`, e.g. after the user chose to reload it."""
        with self._lock:
            self._read.pop(path.resolve(), None)
