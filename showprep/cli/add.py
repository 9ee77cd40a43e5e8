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
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    metavar="SECONDS",
    help="How long to wait for a site to connect, and then for each part of its page "
    "(default: 10 s to connect, 20 s between parts).",
)
@click.pass_context
@reports_errors
def add_command(
    ctx: click.Context,
    episode: str,
    links: tuple[str, ...],
    segment_title: str | None,
    refresh: bool,
    timeout: float | None,
) -> None:
    """Fetch the articles at URL... and add them to EPISODE.

    The links are fetched concurrently. Each prints one line as it finishes: what it was added as (or
    which source it duplicates) on stdout, or why it failed on stderr. The exit status is 1 if any
    failed; the others are kept. Without --segment the articles are left unassigned.

    With --refresh: `showprep add --refresh EPISODE SOURCE-ID...` fetches those sources again.
    """
    from showprep.adapters.fetch import Fetcher, FetchLimits
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

    limits = FetchLimits()
    if timeout is not None:
        limits = FetchLimits(
            connect_timeout=timeout,
            read_timeout=timeout,
            total_timeout=max(limits.total_timeout, 3 * timeout),
        )

    async def run() -> list[AddResult]:
        async with Fetcher(limits) as fetcher:
            if refresh:
                return await refresh_sources(store, folder, links, fetcher=fetcher, on_result=show)
            return await add_articles(store, folder, links, segment_title, fetcher=fetcher, on_result=show)

    try:
        results = asyncio.run(run())
    except KeyboardInterrupt:
        fail("interrupted; the articles added so far are kept")
        raise SystemExit(130) from None
    if not all(result.ok for result in results):
        raise SystemExit(1)
