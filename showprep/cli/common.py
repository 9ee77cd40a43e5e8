"""What every command shares: the store for `--episodes-dir`, the EPISODE argument, error lines."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar, cast

import click

from showprep.adapters.errors import StoreError
from showprep.adapters.store import EpisodeStore

F = TypeVar("F", bound=Callable[..., Any])


def store_from(ctx: click.Context) -> EpisodeStore:
    """The episode store the top-level `--episodes-dir` option chose."""
    return cast(EpisodeStore, ctx.find_root().obj)


def fail(message: str) -> None:
    """Print one error line on stderr."""
    click.echo(f"showprep: {message}", err=True)


def reports_errors(command: F) -> F:
    """Turn the store's errors into one line on stderr and exit status 1."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except StoreError as exc:
            fail(str(exc))
            sys.exit(1)

    return cast(F, wrapper)


def resolve_episode(ctx: click.Context, episode: str) -> Path:
    """The folder named by the EPISODE argument (a path, or a folder name under the episodes folder)."""
    return store_from(ctx).resolve(episode)


EPISODE_ARGUMENT = click.argument("episode", metavar="EPISODE")
