"""`showprep new` and `showprep list`."""

from __future__ import annotations

import datetime as dt

import click

from showprep.cli.common import fail, reports_errors, store_from
from showprep.services.episodes import create_episode, list_episodes


@click.command("new")
@click.argument("title")
@click.option(
    "--date",
    "date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Episode date, YYYY-MM-DD (default: today).",
)
@click.option("--number", type=click.IntRange(min=0), help="Episode number.")
@click.pass_context
@reports_errors
def new_command(ctx: click.Context, title: str, date: dt.datetime | None, number: int | None) -> None:
    """Create an episode; prints its folder's path as the last line."""
    folder = create_episode(store_from(ctx), title, date.date() if date else None, number)
    click.echo(folder)


@click.command("list")
@click.pass_context
@reports_errors
def list_command(ctx: click.Context) -> None:
    """One line per episode: folder, date, title, status."""
    rows = list_episodes(store_from(ctx))
    failed = False
    for row in rows:
        if row.episode is None:
            fail(str(row.error))
            failed = True
            continue
        ep = row.episode
        click.echo(f"{row.folder.name}\t{ep.date.isoformat()}\t{ep.title}\t{ep.status.value}")
    if failed:
        raise SystemExit(1)
