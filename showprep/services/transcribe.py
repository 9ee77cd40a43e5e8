"""Transcribing an episode's recording: the use case the command line and the terminal UI share.

Order matters for "nothing the user had is lost": the recording is checked before anything else, the
transcript is made in memory, and only when it is complete are `transcript.json`, the
`publish/transcript.*` files and `episode.md` (`audio:` and `status:`) written. A bad file, an
unknown model or engine, or a cancellation leaves the episode exactly as it was.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path

from showprep.adapters.audio import AudioError, file_sha256, probe, stream_samples
from showprep.adapters.engines import DEFAULT_ENGINE, ENGINE_NAMES, Engine, EngineError, load_engine
from showprep.adapters.engines.child_process import ChildFailed, Send, run_in_child
from showprep.adapters.engines.streaming import Cancelled, Progress, transcribe_stream
from showprep.adapters.errors import StoreError
from showprep.adapters.generated_files import GeneratedFiles, WriteReport
from showprep.adapters.models import ModelError
from showprep.adapters.store import EPISODE_FILE, EpisodeStore
from showprep.domain.episode import Episode, EpisodeStatus
from showprep.domain.source import Source
from showprep.domain.transcript import Transcript
from showprep.domain.transcript_formats import render_podcast_json, render_srt, render_text, render_vtt

__all__ = [
    "DEFAULT_ENGINE",
    "ENGINE_NAMES",
    "PUBLISHED_TRANSCRIPTS",
    "AudioError",
    "Cancelled",
    "ChildFailed",
    "EngineError",
    "ModelError",
    "Progress",
    "save_transcription",
    "transcribe_audio",
    "transcribe_episode",
    "transcribe_episode_apart",
    "transcript_files",
    "vocabulary_prompt",
    "write_transcript_files",
]

PROMPT_LIMIT = 300
"""Most characters of vocabulary given to Whisper: about 70 tokens, well inside the 223 the model
allows for a prompt, and short enough not to tempt it into reciting the list."""

_COMMON_WORDS = (
    "a an and at but by for from how i in is it its new no not of on or so the this to what when where"
    " who why with you your"
)
_NOT_NAMES = frozenset(_COMMON_WORDS.split())


def vocabulary_prompt(episode: Episode, sources: Iterable[Source], limit: int = PROMPT_LIMIT) -> str | None:
    """Names and terms from the plan, as a short prompt that primes Whisper's spelling of them.

    The capitalised phrases of segment titles and headlines (names of people, films, shows), then
    people (bylines) and outlets (publishers and cited sources), without repeats, until `limit`
    characters. None when the plan names nothing: a prompt without names costs tiny models accuracy
    (the benchmark measured it) and buys nothing.
    """
    sources = list(sources)
    terms: list[str] = []
    for segment in episode.segments:
        terms += _capitalised_phrases(segment.title)
    for source in sources:
        terms += _capitalised_phrases(source.title)
    for source in sources:
        terms += source.authors
        terms += [source.publisher] if source.publisher else []
        terms += [cite.name for cite in source.cites]
    chosen: list[str] = []
    seen: set[str] = set()
    length = 0
    for term in (t.strip(" .,:;!?\"'") for t in terms):
        key = term.casefold()
        if not term or key in seen or key in _NOT_NAMES:
            continue
        if length + len(term) + 2 > limit:
            break
        seen.add(key)
        chosen.append(term)
        length += len(term) + 2
    return ", ".join(chosen) + "." if chosen else None


def _capitalised_phrases(text: str) -> list[str]:
    """Runs of capitalised words ("Timothée Chalamet", "Dune Part Two"), the likely names in a title."""
    phrases: list[str] = []
    run: list[str] = []
    for raw in text.split():
        word = raw.strip(" .,:;!?\"'()[]“”‘’")
        if word and (word[0].isupper() or word[0].isdigit()) and word.casefold() not in _NOT_NAMES:
            run.append(word)
        else:
            if run:
                phrases.append(" ".join(run))
            run = []
        if raw.rstrip()[-1:] in ".,:;!?)" and run:
            phrases.append(" ".join(run))
            run = []
    if run:
        phrases.append(" ".join(run))
    return phrases


PUBLISHED_TRANSCRIPTS = ("transcript.vtt", "transcript.srt", "transcript.txt", "transcript.json")
"""The files under `publish/` that hold the transcript."""


def transcript_files(transcript: Transcript) -> dict[str, str]:
    """The `publish/` transcript files by name: WebVTT, SRT, plain text and Podcasting 2.0 JSON."""
    renderers = (render_vtt, render_srt, render_text, render_podcast_json)
    return {name: render(transcript) for name, render in zip(PUBLISHED_TRANSCRIPTS, renderers, strict=True)}


def write_transcript_files(
    store: EpisodeStore,
    folder: Path,
    transcript: Transcript,
    *,
    only_missing: bool = False,
    force: bool = False,
) -> WriteReport:
    """Write `publish/transcript.vtt|srt|txt|json` for `transcript`.

    Hand-edited copies are kept (and reported) unless `force`; `only_missing` writes only the files
    that do not exist yet, as `showprep notes` does.
    """
    return GeneratedFiles(store.publish_dir(folder)).write(
        transcript_files(transcript), force=force, only_missing=only_missing
    )


def _audio_paths(folder: Path, given: str | Path | None, episode: Episode) -> tuple[Path, str]:
    """The recording to open, and how `audio:` should name it: relative to the episode folder when
    inside it, otherwise as given if absolute, otherwise made absolute (a path relative to wherever
    the command ran would mean nothing later)."""
    if given is None:
        if not episode.audio:
            raise AudioError(
                folder / EPISODE_FILE, "has no audio: yet; give the recording's path to transcribe it"
            )
        stored = Path(episode.audio).expanduser()
        path = stored if stored.is_absolute() else folder / stored
        return path, episode.audio
    path = Path(given).expanduser()
    absolute = path.absolute()
    try:
        return path, absolute.relative_to(folder.absolute()).as_posix()
    except ValueError:
        return path, str(given) if path.is_absolute() else os.path.normpath(absolute)


def transcribe_audio(
    store: EpisodeStore,
    folder: Path,
    audio: str | Path | None = None,
    *,
    model: str | None = None,
    engine: str | Engine = DEFAULT_ENGINE,
    language: str | None = None,
    prompt: bool = True,
    on_progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> Transcript:
    """The transcript of the episode's recording (`audio`, or its `audio:` when None), made in memory;
    nothing is written.

    `engine` is an engine name, or an engine already loaded (so a caller transcribing several
    episodes loads the model once). Raises AudioError, ModelError or EngineError (bad input, one line
    each), StoreError (files), or Cancelled once `cancel` is set.
    """
    episode = store.load_episode(folder)
    audio_path, audio_value = _audio_paths(folder, audio, episode)
    info = probe(audio_path)
    if isinstance(engine, str):
        if engine not in ENGINE_NAMES:
            raise EngineError(f"unknown engine {engine!r}; choose one of: {', '.join(ENGINE_NAMES)}")
        loaded = load_engine(engine, model)
    else:
        loaded = engine
    vocabulary = vocabulary_prompt(episode, store.load_sources(folder)[0].values()) if prompt else None
    result = transcribe_stream(
        loaded,
        stream_samples(audio_path),
        total_seconds=info.duration,
        language=language,
        prompt=vocabulary,
        on_progress=on_progress,
        cancel=cancel,
    )
    settings: Mapping[str, object] = {**loaded.settings(), "language": language, "prompt": vocabulary}
    return Transcript(
        segments=result.segments,
        language=result.language,
        model=loaded.model_name,
        engine=loaded.name,
        audio=audio_value,
        audio_sha256=file_sha256(audio_path),
        duration=result.duration,
        settings=settings,
    )


def save_transcription(store: EpisodeStore, folder: Path, transcript: Transcript) -> None:
    """Write `transcript.json` and the `publish/transcript.*` files, and record the recording and the
    new status in `episode.md`."""
    store.save_transcript(folder, transcript)
    # A new transcript replaces the published one; a hand-edited copy is kept as `.bak`.
    write_transcript_files(store, folder, transcript, force=True)
    _mark_transcribed(store, folder, transcript.audio or "")


def transcribe_episode(
    store: EpisodeStore,
    folder: Path,
    audio: str | Path | None = None,
    *,
    model: str | None = None,
    engine: str | Engine = DEFAULT_ENGINE,
    language: str | None = None,
    prompt: bool = True,
    on_progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> Transcript:
    """Transcribe the episode's recording and save the results (see `transcribe_audio` for the
    arguments and errors); on any error or a cancel, nothing is written."""
    transcript = transcribe_audio(
        store,
        folder,
        audio,
        model=model,
        engine=engine,
        language=language,
        prompt=prompt,
        on_progress=on_progress,
        cancel=cancel,
    )
    if cancel is not None and cancel.is_set():
        raise Cancelled
    save_transcription(store, folder, transcript)
    return transcript


def transcribe_episode_apart(
    store: EpisodeStore,
    folder: Path,
    audio: str | Path | None = None,
    *,
    model: str | None = None,
    engine: str = DEFAULT_ENGINE,
    language: str | None = None,
    prompt: bool = True,
    on_progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> Transcript:
    """`transcribe_episode` with the decoding done in a separate, lower-priority process, for a caller
    that must stay responsive meanwhile (the terminal UI). A cancel ends that process at once.

    Raises ChildFailed (one line) for anything that went wrong in the decoding, Cancelled, or
    StoreError while saving; in each case but the last, nothing is written.
    """
    report = on_progress or (lambda done, total: None)
    transcript = run_in_child(
        _transcribe_in_child,
        (store.root, folder, audio, model, engine, language, prompt),
        on_message=lambda figures: report(*figures),
        cancel=cancel,
        expected=(AudioError, ModelError, EngineError, StoreError),
    )
    save_transcription(store, folder, transcript)
    return transcript


def _transcribe_in_child(
    root: Path,
    folder: Path,
    audio: str | Path | None,
    model: str | None,
    engine: str,
    language: str | None,
    prompt: bool,
    send: Send,
) -> Transcript:
    return transcribe_audio(
        EpisodeStore(root),
        folder,
        audio,
        model=model,
        engine=engine,
        language=language,
        prompt=prompt,
        on_progress=lambda done, total: send((done, total)),
    )


def _mark_transcribed(store: EpisodeStore, folder: Path, audio: str) -> None:
    """Record the recording and the new status, on a fresh read of `episode.md` so that edits made
    elsewhere during a long transcription are kept, not refused."""

    def record(episode: Episode) -> Episode:
        published = episode.status == EpisodeStatus.PUBLISHED
        return replace(
            episode, audio=audio, status=episode.status if published else EpisodeStatus.TRANSCRIBED
        )

    store.update_episode(folder, record)
