"""`showprep transcribe EPISODE [AUDIO]`: the recording to a timestamped transcript, with a progress bar."""

from __future__ import annotations

import sys
import time

import click

from showprep.cli.common import fail, reports_errors, resolve_episode, store_from

ENGINE_CHOICES = "whisper|faster-whisper"


@click.command("transcribe")
@click.argument("episode", metavar="EPISODE")
@click.argument("audio", metavar="[AUDIO]", required=False)
@click.option(
    "--model",
    metavar="M",
    help="Model name (tiny.en, base.en, large-v3, turbo, ...) or a checkpoint path. "
    "Default: the bundled tiny.en, which works offline.",
)
@click.option(
    "--engine",
    metavar=f"[{ENGINE_CHOICES}]",
    default="whisper",
    show_default=True,
    help="whisper (openai-whisper) or faster-whisper (CTranslate2, int8).",
)
@click.option("--language", metavar="L", help="Language code of the speech, e.g. en (default: detected).")
@click.option("--no-prompt", is_flag=True, help="Do not prime Whisper with names and terms from the plan.")
@click.pass_context
@reports_errors
def transcribe_command(
    ctx: click.Context,
    episode: str,
    audio: str | None,
    model: str | None,
    engine: str,
    language: str | None,
    no_prompt: bool,
) -> None:
    """Transcribe the episode's recording; AUDIO is remembered as `audio:` in episode.md.

    Writes transcript.json and publish/transcript.vtt, .srt, .txt and .json (Podcasting 2.0), and
    sets the episode's status to transcribed. Progress goes to stderr; the files written to stdout.
    """
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    from showprep.services.transcribe import PUBLISHED_TRANSCRIPTS, Cancelled, EngineError, transcribe_episode

    store = store_from(ctx)
    folder = resolve_episode(ctx, episode)
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.fields[audio]}"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    )
    started = time.monotonic()
    try:
        console = Console(stderr=True)
        # The bar is for people watching a terminal; piped stderr gets the summary line only.
        with Progress(*columns, console=console, transient=True, disable=not console.is_terminal) as progress:
            task = progress.add_task("loading model", total=None, audio="")

            def on_progress(done: float, total: float) -> None:
                progress.update(
                    task,
                    description="transcribing",
                    completed=done,
                    total=total,
                    audio=_audio_field(done, total),
                )

            transcript = transcribe_episode(
                store,
                folder,
                audio,
                model=model,
                engine=engine,
                language=language,
                prompt=not no_prompt,
                on_progress=on_progress,
            )
    except (EngineError, Cancelled) as exc:
        fail(str(exc))
        sys.exit(1)
    elapsed = time.monotonic() - started
    words = sum(1 for _ in transcript.words())
    click.echo(
        f"transcribed {_clock(transcript.duration)} of audio in {_clock(elapsed)} with {transcript.engine} "
        f"({transcript.model}): {_count(len(transcript.segments), 'segment')}, {_count(words, 'word')}",
        err=True,
    )
    click.echo(store.transcript_path(folder))
    for name in PUBLISHED_TRANSCRIPTS:
        click.echo(store.publish_dir(folder) / name)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _clock(seconds: float) -> str:
    from showprep.domain.timecode import human_timecode

    return human_timecode(seconds)


def _audio_field(done: float, total: float) -> str:
    return f"{_clock(done)}/{_clock(total)}"
