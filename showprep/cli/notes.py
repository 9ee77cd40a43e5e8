"""`showprep notes EPISODE [--force]`: chapters, show notes and the other files in `publish/`."""

from __future__ import annotations

import sys

import click

from showprep.cli.common import fail, reports_errors, resolve_episode, store_from


@click.command("notes", short_help="Chapters, show notes and the rest of publish/.")
@click.argument("episode", metavar="EPISODE")
@click.option(
    "--force", is_flag=True, help="Overwrite files in publish/ edited by hand (a .bak copy is kept)."
)
@click.pass_context
@reports_errors
def notes_command(ctx: click.Context, episode: str, force: bool) -> None:
    """Align the plan with the transcript and write everything in publish/.

    Prints the chapters and the files written; segments the recording never covered, chapter-rule
    warnings and files spared because they were edited by hand go to stderr. Exit status 1 when an
    input could not be used or a file was spared.
    """
    from showprep.domain.chapter_formats import youtube_lines
    from showprep.services.notes import write_notes

    result = write_notes(store_from(ctx), resolve_episode(ctx, episode), force=force)
    for line in youtube_lines(result.chapters):
        click.echo(line)
    for path in result.files.paths:
        click.echo(path)
    for backup in result.files.backups:
        click.echo(f"kept the hand-edited copy as {backup}", err=True)
    for warning in result.warnings():
        fail(warning)
    if not result.complete:
        sys.exit(1)
