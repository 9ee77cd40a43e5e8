"""`showprep outline EPISODE [--auto]`: print the rundown and write `publish/rundown.md`."""

from __future__ import annotations

import sys

import click

from showprep.cli.common import fail, reports_errors, resolve_episode, store_from


@click.command("outline", short_help="Print the rundown; write publish/rundown.md.")
@click.argument("episode", metavar="EPISODE")
@click.option(
    "--auto", is_flag=True, help="First group the sources no segment uses into new segments by topic."
)
@click.option(
    "--force", is_flag=True, help="Overwrite a hand-edited publish/rundown.md (a .bak copy is kept)."
)
@click.pass_context
@reports_errors
def outline_command(ctx: click.Context, episode: str, auto: bool, force: bool) -> None:
    """Print the rundown: segments with planned and back-timed times, points, and for each article its
    credits, link and key sentences. Also writes publish/rundown.md.

    --auto never moves a source already placed in a segment; the new segments are saved in episode.md.
    """
    from showprep.services.outline import make_outline

    result = make_outline(store_from(ctx), resolve_episode(ctx, episode), auto=auto, force=force)
    for segment in result.added:
        count = len(segment.sources)
        click.echo(
            f"added segment {segment.title!r} with {count} source{'s' if count != 1 else ''}", err=True
        )
    if auto and not result.added:
        click.echo("every source is already in a segment; nothing to group", err=True)
    click.echo(result.text, nl=False)
    for backup in result.files.backups:
        click.echo(f"kept the hand-edited copy as {backup}", err=True)
    for warning in result.warnings():
        fail(warning)
    if result.warnings():
        sys.exit(1)
