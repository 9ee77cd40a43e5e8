"""The transcribe use case: what it writes and remembers; bad input leaves the episode as it was."""

from __future__ import annotations

import datetime as dt
import json
import threading
from pathlib import Path

import pytest

from showprep.adapters.audio import AudioError
from showprep.adapters.engines import Engine, EngineError, load_engine
from showprep.adapters.engines.streaming import Cancelled
from showprep.adapters.store import EpisodeStore
from showprep.domain.episode import Episode, EpisodeStatus, Segment
from showprep.domain.source import Cite, Source
from showprep.domain.transcript import Transcript, TranscriptSegment, Word
from showprep.services.transcribe import (
    PUBLISHED_TRANSCRIPTS,
    ChildFailed,
    transcribe_episode,
    transcribe_episode_apart,
    vocabulary_prompt,
    write_transcript_files,
)

SHARED_DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
JFK = SHARED_DATA / "jfk.flac"

PLAN = Episode(
    title="Reel Talk 42",
    date=dt.date(2026, 11, 23),
    segments=(
        Segment("box-office", "The Hollow Orchard tops the box office", sources=("orchard",)),
        Segment("prices", "Lumen Plus raises prices", sources=("lumen",)),
    ),
)
SOURCES = [
    Source(
        "orchard",
        "https://example.com/a",
        title="Ines Okafor's The Hollow Orchard beats Galaxy Rangers Three",
        authors=("Dana Whitfield",),
        publisher="Screen Ledger",
        cites=(Cite("Marquee Analytics", None),),
    ),
    Source(
        "lumen",
        "https://example.com/b",
        title="Lumen Plus: why your bill is going up",
        publisher="Stream Digest",
    ),
]


def test_vocabulary_prompt_holds_the_names_of_the_plan() -> None:
    prompt = vocabulary_prompt(PLAN, SOURCES)
    assert prompt is not None
    terms = prompt.rstrip(".").split(", ")
    assert terms[0] == "Hollow Orchard" and "Reel Talk 42" not in terms
    for name in (
        "Hollow Orchard",
        "Lumen Plus",
        "Ines Okafor's",
        "Galaxy Rangers Three",
        "Dana Whitfield",
        "Screen Ledger",
        "Marquee Analytics",
        "Stream Digest",
    ):
        assert name in terms, name
    assert len(terms) == len({t.casefold() for t in terms})
    assert "The" not in terms and "Why" not in prompt


def test_vocabulary_prompt_is_bounded() -> None:
    many = [Source(f"s{n}", "https://example.com", authors=(f"Author Number{n}",)) for n in range(200)]
    prompt = vocabulary_prompt(PLAN, many, limit=120)
    assert prompt is not None and len(prompt) <= 121
    assert vocabulary_prompt(Episode(title="Reel Talk 43", date=dt.date(2026, 1, 1)), []) is None


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return load_engine("faster-whisper", cache_dir=tmp_path_factory.mktemp("models"))


@pytest.fixture
def store(episodes_dir: Path) -> EpisodeStore:
    return EpisodeStore(episodes_dir)


@pytest.fixture
def folder(store: EpisodeStore) -> Path:
    made, _ = store.create("Reel Talk 42", dt.date(2026, 11, 23))
    return made


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_transcribe_writes_everything_and_remembers_the_audio(
    store: EpisodeStore, folder: Path, engine: Engine
) -> None:
    recording = folder / "audio" / "jfk.flac"
    recording.parent.mkdir()
    recording.write_bytes(JFK.read_bytes())
    progress: list[tuple[float, float]] = []
    transcript = transcribe_episode(
        store, folder, recording, engine=engine, on_progress=lambda d, t: progress.append((d, t))
    )
    assert "ask not what your country can do for you" in transcript.text.lower().replace(",", "")
    assert progress[-1] == (pytest.approx(11.0), pytest.approx(11.0))

    saved = store.load_transcript(folder)
    assert saved.audio == "audio/jfk.flac"
    assert saved.engine == "faster-whisper" and saved.model == "tiny.en" and saved.language == "en"
    assert saved.duration == pytest.approx(11.0)
    assert saved.audio_sha256 is not None and len(saved.audio_sha256) == 64
    assert saved.settings["prompt"] is None  # the plan names nobody yet
    assert [s.text for s in saved.segments] == [s.text for s in transcript.segments]

    publish = store.publish_dir(folder)
    assert sorted(p.name for p in publish.iterdir() if not p.name.startswith(".")) == sorted(
        PUBLISHED_TRANSCRIPTS
    )
    assert (publish / "transcript.vtt").read_text().startswith("WEBVTT\n")
    assert json.loads((publish / "transcript.json").read_text())["version"] == "1.0.0"
    assert "Americans" in (publish / "transcript.txt").read_text()

    store.forget(folder / "episode.md")
    episode = store.load_episode(folder)
    assert episode.audio == "audio/jfk.flac" and episode.status == EpisodeStatus.TRANSCRIBED

    # Again, without naming the audio: `audio:` is used, relative to the episode folder.
    again = transcribe_episode(store, folder, engine=engine, prompt=False)
    assert again.audio == "audio/jfk.flac" and again.settings["prompt"] is None


@pytest.mark.slow
def test_audio_outside_the_folder_is_stored_absolute(
    store: EpisodeStore, folder: Path, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(SHARED_DATA)
    transcribe_episode(store, folder, "jfk.flac", engine=engine)
    store.forget(folder / "episode.md")
    assert store.load_episode(folder).audio == str(JFK.resolve())


@pytest.mark.slow
def test_edits_made_during_transcription_are_kept(store: EpisodeStore, folder: Path, engine: Engine) -> None:
    episode_md = folder / "episode.md"

    def edit_elsewhere(done: float, total: float) -> None:
        if "Edited while transcribing" not in episode_md.read_text():
            episode_md.write_text(episode_md.read_text() + "\nEdited while transcribing.\n")

    transcribe_episode(store, folder, JFK, engine=engine, on_progress=edit_elsewhere)
    text = episode_md.read_text()
    assert "Edited while transcribing." in text and "status: transcribed" in text


@pytest.mark.slow
def test_a_published_episode_stays_published(store: EpisodeStore, folder: Path, engine: Engine) -> None:
    from dataclasses import replace

    store.save_episode(folder, replace(store.load_episode(folder), status=EpisodeStatus.PUBLISHED))
    transcribe_episode(store, folder, JFK, engine=engine)
    store.forget(folder / "episode.md")
    assert store.load_episode(folder).status == EpisodeStatus.PUBLISHED


def test_bad_audio_leaves_the_episode_untouched(store: EpisodeStore, folder: Path, tmp_path: Path) -> None:
    before = snapshot(folder)
    not_audio = tmp_path / "notes.mp3"
    not_audio.write_text("not a recording\n" * 50)
    empty = tmp_path / "empty.wav"
    empty.touch()
    for bad, reason in (
        (tmp_path / "missing.mp3", "does not exist"),
        (not_audio, "not an audio"),
        (empty, "empty"),
    ):
        with pytest.raises(AudioError, match=reason):
            transcribe_episode(store, folder, bad)
        assert snapshot(folder) == before


def test_no_audio_given_or_remembered(store: EpisodeStore, folder: Path) -> None:
    with pytest.raises(AudioError, match="has no audio: yet"):
        transcribe_episode(store, folder)


def test_unknown_engine_leaves_the_episode_untouched(store: EpisodeStore, folder: Path) -> None:
    before = snapshot(folder)
    with pytest.raises(EngineError, match="unknown engine 'whisperx'"):
        transcribe_episode(store, folder, JFK, engine="whisperx")
    assert snapshot(folder) == before


@pytest.mark.slow
def test_cancel_leaves_the_episode_untouched(store: EpisodeStore, folder: Path, engine: Engine) -> None:
    before = snapshot(folder)
    cancel = threading.Event()
    with pytest.raises(Cancelled):
        transcribe_episode(
            store, folder, JFK, engine=engine, cancel=cancel, on_progress=lambda d, t: cancel.set()
        )
    assert snapshot(folder) == before


def test_publish_files_only_where_missing(store: EpisodeStore, folder: Path) -> None:
    transcript = Transcript(
        (TranscriptSegment(0.0, 1.0, "Hello there.", (Word(" Hello", 0.0, 0.5), Word(" there.", 0.5, 1.0))),)
    )
    publish = store.publish_dir(folder)
    publish.mkdir()
    (publish / "transcript.srt").write_text("my own captions\n")
    report = write_transcript_files(store, folder, transcript, only_missing=True)
    assert (publish / "transcript.srt").read_text() == "my own captions\n"
    assert sorted(p.name for p in report.written) == ["transcript.json", "transcript.txt", "transcript.vtt"]
    assert (publish / "transcript.txt").read_text() == "Hello there.\n"


def test_apart_bad_input_is_the_same_line(store: EpisodeStore, folder: Path, tmp_path: Path) -> None:
    """In a separate process the errors are the same one line, and nothing is written."""
    before = snapshot(folder)
    not_audio = tmp_path / "notes.mp3"
    not_audio.write_text("not a recording\n" * 50)
    with pytest.raises(AudioError) as in_process:
        transcribe_episode(store, folder, not_audio)
    with pytest.raises(ChildFailed) as apart:
        transcribe_episode_apart(store, folder, not_audio)
    assert str(apart.value) == str(in_process.value)
    with pytest.raises(ChildFailed, match="unknown engine 'whisperx'"):
        transcribe_episode_apart(store, folder, JFK, engine="whisperx")
    assert snapshot(folder) == before


@pytest.mark.slow
@pytest.mark.xdist_group("whisper-engines")
def test_apart_transcribes_reports_progress_and_saves(store: EpisodeStore, folder: Path) -> None:
    reports: list[tuple[float, float]] = []
    transcript = transcribe_episode_apart(
        store, folder, JFK, engine="faster-whisper", on_progress=lambda d, t: reports.append((d, t))
    )
    assert "ask not what your country can do for you" in " ".join(s.text for s in transcript.segments).lower()
    assert reports[0][0] == 0 and reports[-1][0] == pytest.approx(11.0, abs=0.1)
    saved = store.load_transcript(folder)
    assert saved is not None and [s.text for s in saved.segments] == [s.text for s in transcript.segments]
    assert store.load_episode(folder).status == EpisodeStatus.TRANSCRIBED
