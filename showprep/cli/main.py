"""The `showprep` command group and its global options."""

from __future__ import annotations

from pathlib import Path

import click

from showprep import __version__
from showprep.adapters.store import EpisodeStore
from showprep.cli.add import add_command
from showprep.cli.demo import demo_command
from showprep.cli.episodes import list_command, new_command
from showprep.cli.notes import notes_command
from showprep.cli.outline import outline_command
from showprep.cli.transcribe import transcribe_command
from showprep.cli.tui import run_tui, tui_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, invoke_without_command=True)
@click.option(
    "--episodes-dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="SHOWPREP_EPISODES",
    default=Path("episodes"),
    show_default=True,
    help="Folder holding the episodes (or set SHOWPREP_EPISODES).",
)
@click.version_option(__version__, prog_name="showprep")
@click.pass_context
def main(ctx: click.Context, episodes_dir: Path) -> None:
    """Plan, transcribe and publish news-podcast episodes. Without a command, opens the terminal UI."""
    ctx.obj = EpisodeStore(episodes_dir)
    if ctx.invoked_subcommand is None:
        run_tui(ctx, None)


main.add_command(new_command)
main.add_command(list_command)
main.add_command(add_command)
main.add_command(tui_command)
main.add_command(transcribe_command)
main.add_command(outline_command)
main.add_command(notes_command)
main.add_command(demo_command)
