"""`showprep demo`: the sample episode transcribed offline and turned into show notes, in a scratch copy."""

from __future__ import annotations

import sys

import click

from showprep.cli.common import fail, reports_errors


@click.command("demo", short_help="The whole flow on the sample episode, offline.")
@reports_errors
def demo_command() -> None:
    """Run the whole flow on the bundled sample episode, offline, in a scratch copy, and print the
    show notes, then where the files are. Your own episodes are not touched."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from showprep.services.demo import run_demo
    from showprep.services.transcribe import EngineError

    columns = (TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("transcribing the sample recording", total=None)

        def on_progress(done: float, total: float) -> None:
            progress.update(task, completed=done, total=total)

        try:
            result = run_demo(on_progress=on_progress)
        except EngineError as exc:
            fail(str(exc))
            sys.exit(1)
    click.echo(result.notes.show_notes)
    for warning in result.notes.warnings():
        fail(warning)
    click.echo(
        f"The files are in {result.publish_dir} "
        "(show-notes.md, chapters.json, youtube.txt, rundown.md and the transcripts)."
    )
