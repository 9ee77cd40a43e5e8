"""`showprep add`: fetch news articles into an episode, one line per link; `--refresh` fetches again."""

from __future__ import annotations

import asyncio

import click

from showprep.cli.common import EPISODE_ARGUMENT, fail, reports_errors, resolve_episode, store_from


@click.command("add")
@EPISODE_ARGUMENT
@click.argument("links", nargs=-1, required=True, metavar="URL...")
@click.option(
    "--segment", "segment_title", metavar="TITLE", help="Attach the articles to this segment (made if new)."
)
@click.option(
    "--refresh",
    is_flag=True,
    help="Fetch the sources named by SOURCE-ID arguments again; a failed fetch keeps the old copy.",
)
@click.pass_context
@reports_errors
def add_command(
    ctx: click.Context, episode: str, links: tuple[str, ...], segment_title: str | None, refresh: bool
) -> None:
    """Fetch the articles at URL... and add them to EPISODE.

    The links are fetched concurrently. Each prints one line as it finishes: what it was added as (or
    which source it duplicates) on stdout, or why it failed on stderr. The exit status is 1 if any
    failed; the others are kept. Without --segment the articles are left unassigned.

    With --refresh: `showprep add --refresh EPISODE SOURCE-ID...` fetches those sources again.
    """
    from showprep.services.gather import AddResult, add_articles, refresh_sources

    if segment_title is not None and not segment_title.strip():
        raise click.BadParameter("the segment title is empty", param_hint="--segment")
    if refresh and segment_title is not None:
        raise click.UsageError("--segment cannot be used with --refresh")
    store = store_from(ctx)
    folder = resolve_episode(ctx, episode)

    def show(result: AddResult) -> None:
        if result.ok:
            click.echo(result.line())
        else:
            fail(result.line())

    if refresh:
        results = asyncio.run(refresh_sources(store, folder, links, on_result=show))
    else:
        results = asyncio.run(add_articles(store, folder, links, segment_title, on_result=show))
    if not all(result.ok for result in results):
        raise SystemExit(1)
