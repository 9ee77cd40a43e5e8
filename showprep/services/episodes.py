"""Creating and listing episodes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from showprep.adapters.store import EpisodeListing, EpisodeStore


def create_episode(
    store: EpisodeStore, title: str, date: dt.date | None = None, number: int | None = None
) -> Path:
    """Create an episode folder and its `episode.md`; returns the folder.

    The date defaults to today, which is why it is decided here and not in the domain.
    """
    folder, _ = store.create(title, date or dt.date.today(), number)
    return folder


def list_episodes(store: EpisodeStore) -> list[EpisodeListing]:
    """Every episode under the store's root, newest first, unreadable ones with their error."""
    return store.listings()
