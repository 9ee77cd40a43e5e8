"""`showprep tui [EPISODE]`, and what bare `showprep` runs: the terminal UI.

Textual is imported only here, inside the command, so every other command starts without it.
"""

from __future__ import annotations

import click

from showprep.cli.common import reports_errors, resolve_episode, store_from


def run_tui(ctx: click.Context, episode: str | None) -> None:
    """Open the terminal UI on the episodes folder, with `episode` open on top when named."""
    from showprep.tui.app import ShowprepApp

    folder = resolve_episode(ctx, episode) if episode else None
    ShowprepApp(store_from(ctx), folder).run()


@click.command("tui")
@click.argument("episode", metavar="[EPISODE]", required=False)
@click.pass_context
@reports_errors
def tui_command(ctx: click.Context, episode: str | None) -> None:
    """Open the terminal UI, on one episode if named."""
    run_tui(ctx, episode)
