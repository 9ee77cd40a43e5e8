"""Opening an episode to work on it, saving plan edits at once, and noticing edits made elsewhere.

The terminal UI keeps an EpisodeSnapshot of everything it shows. Every edit is saved the moment it is
made, so the snapshot never holds unsaved work; when the files change on disk (another editor, a
`showprep` command in another terminal) the UI can therefore simply load a fresh snapshot. A save
that would overwrite such a change is refused by the store with OutsideEditError.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from showprep.adapters.errors import OutsideEditError, StoreError
from showprep.adapters.store import EPISODE_FILE, SOURCES_DIR, EpisodeStore
from showprep.domain.alignment import Alignment, align
from showprep.domain.episode import Episode
from showprep.domain.plan_edits import PlanEditError
from showprep.domain.source import Source
from showprep.domain.transcript import Transcript
from showprep.services.episodes import create_episode

SHOW_NOTES_FILE = "show-notes.md"

DiskSignature = Mapping[str, tuple[int, int]]
"""Each file of an episode (path relative to its folder) with its modification time and size."""


@dataclass(frozen=True)
class EpisodeSnapshot:
    """Everything about one episode that the UI shows, as read at one moment."""

    folder: Path
    """The episode folder."""
    episode: Episode
    """The plan from `episode.md`."""
    sources: Mapping[str, Source]
    """Every readable source, by id, in id order."""
    transcript: Transcript | None
    """The transcript, when `transcript.json` exists and is readable."""
    show_notes: str | None
    """The text of `publish/show-notes.md`, when it has been written."""
    published: tuple[Path, ...]
    """The files in `publish/`, sorted."""
    problems: tuple[str, ...] = ()
    """One line per file that could not be read; the rest of the snapshot is still usable."""
    signature: DiskSignature = field(default_factory=dict)
    """What the files looked like just before they were read."""


def disk_signature(store: EpisodeStore, folder: Path) -> DiskSignature:
    """Modification time and size of every file the snapshot is made of; cheap enough to poll."""
    candidates = [folder / EPISODE_FILE, store.transcript_path(folder)]
    for directory in (folder / SOURCES_DIR, store.publish_dir(folder)):
        if directory.is_dir():
            candidates.extend(p for p in directory.iterdir() if not p.name.startswith("."))
    signature = {}
    for path in candidates:
        try:
            stat = path.stat()
        except FileNotFoundError:
            continue
        signature[str(path.relative_to(folder))] = (stat.st_mtime_ns, stat.st_size)
    return signature


def open_episode(store: EpisodeStore, folder: Path) -> EpisodeSnapshot:
    """Read the episode and everything around it; only an unreadable `episode.md` raises StoreError."""
    signature = disk_signature(store, folder)
    episode = store.load_episode(folder)
    sources, source_errors = store.load_sources(folder)
    problems = [str(error) for error in source_errors]
    transcript = None
    if store.has_transcript(folder):
        try:
            transcript = store.load_transcript(folder)
        except StoreError as exc:
            problems.append(str(exc))
    publish = store.publish_dir(folder)
    published = (
        tuple(sorted(p for p in publish.iterdir() if p.is_file() and not p.name.startswith(".")))
        if publish.is_dir()
        else ()
    )
    show_notes = None
    notes_path = publish / SHOW_NOTES_FILE
    if notes_path in published:
        try:
            show_notes = notes_path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(f"{notes_path}: cannot be read: {exc}")
    return EpisodeSnapshot(
        folder=folder,
        episode=episode,
        sources=sources,
        transcript=transcript,
        show_notes=show_notes,
        published=published,
        problems=tuple(problems),
        signature=signature,
    )


def changed_on_disk(store: EpisodeStore, snapshot: EpisodeSnapshot) -> bool:
    """True when some file of the episode changed since the snapshot was read or last saved."""
    return disk_signature(store, snapshot.folder) != snapshot.signature


def edit_plan(
    store: EpisodeStore, snapshot: EpisodeSnapshot, edit: Callable[[Episode], Episode]
) -> EpisodeSnapshot:
    """Apply a plan edit and save `episode.md` at once; the snapshot that results.

    Raises PlanEditError when the edit makes no sense, and OutsideEditError (leaving the file alone)
    when `episode.md` was changed by another program since it was read.
    """
    path = snapshot.folder / EPISODE_FILE
    if _stat(path) != snapshot.signature.get(EPISODE_FILE):
        # Written since the snapshot was read, by another program or by one of showprep's own jobs
        # (adding links, transcribing): the edit was meant for a plan that is no longer the one on disk.
        raise OutsideEditError(path, "changed on disk since it was shown; not overwriting it")
    episode = edit(snapshot.episode)
    if not store.save_episode(snapshot.folder, episode):
        return snapshot
    signature = dict(snapshot.signature)
    stat = path.stat()
    signature[EPISODE_FILE] = (stat.st_mtime_ns, stat.st_size)
    return replace(snapshot, episode=episode, signature=signature)


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return (stat.st_mtime_ns, stat.st_size)


def align_snapshot(snapshot: EpisodeSnapshot) -> Alignment | None:
    """Where each planned segment was found in the transcript, and the chapters; None without one.

    Takes a noticeable moment on a long recording, which is why the UI calls it from a worker after
    the episode is on screen rather than while opening it.
    """
    if snapshot.transcript is None:
        return None
    return align(snapshot.episode, dict(snapshot.sources), snapshot.transcript)


def create_from_form(store: EpisodeStore, title: str, date: str, number: str) -> Path:
    """Create an episode from what was typed into a form; the folder.

    Blank date means today and blank number means none; anything unreadable raises PlanEditError
    naming the field.
    """
    try:
        when = dt.date.fromisoformat(date.strip()) if date.strip() else None
    except ValueError:
        raise PlanEditError(f"date must be written YYYY-MM-DD, not {date.strip()!r}") from None
    try:
        episode_number = int(number) if number.strip() else None
    except ValueError:
        raise PlanEditError(f"number must be a whole number, not {number.strip()!r}") from None
    if episode_number is not None and episode_number < 0:
        raise PlanEditError(f"number must be zero or more, not {episode_number}")
    return create_episode(store, title, when, episode_number)
