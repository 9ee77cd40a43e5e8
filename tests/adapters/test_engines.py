"""Both engines on real speech with the offline default model: words, word timings, sentence times,
silence, long audio in chunks, progress and cancellation."""

from __future__ import annotations

import itertools
import json
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from showprep.adapters.audio import SAMPLE_RATE, load_samples, stream_samples
from showprep.adapters.engines import ENGINE_NAMES, Engine, EngineError, load_engine
from showprep.adapters.engines.streaming import Cancelled, StreamResult, transcribe_stream
from showprep.domain.transcript import Word

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("whisper-engines")]

SHARED_DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
JFK = SHARED_DATA / "jfk.flac"
TWO_VOICES = Path(__file__).resolve().parents[1] / "fixtures" / "audio" / "two_voices.ogg"
TRUTH = json.loads(TWO_VOICES.with_suffix(".json").read_text(encoding="utf-8"))


def normal(text: str) -> list[str]:
    return re.sub(r"[^\w\s']", " ", text.lower()).split()


@pytest.fixture(scope="module", params=ENGINE_NAMES)
def engine(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return load_engine(request.param, cache_dir=tmp_path_factory.mktemp("models"))


def transcribe(engine: Engine, path: Path, **options: object) -> StreamResult:
    total = load_samples(path).size / SAMPLE_RATE
    return transcribe_stream(engine, stream_samples(path), total_seconds=total, **options)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def jfk_result(engine: Engine) -> StreamResult:
    return transcribe(engine, JFK)


@pytest.fixture(scope="module")
def two_voices(engine: Engine) -> StreamResult:
    return transcribe(engine, TWO_VOICES)


def all_words(result: StreamResult) -> list[Word]:
    return [w for s in result.segments for w in s.words]


def test_jfk_words_are_all_there(jfk_result: StreamResult) -> None:
    reference = normal((SHARED_DATA / "jfk.txt").read_text(encoding="utf-8"))
    assert normal(" ".join(s.text for s in jfk_result.segments)) == reference
    assert normal(" ".join(w.text for w in all_words(jfk_result))) == reference
    assert jfk_result.language == "en"
    assert jfk_result.duration == pytest.approx(11.0)


def test_jfk_word_timings_are_ordered_and_americans_is_where_it_is_said(jfk_result: StreamResult) -> None:
    words = all_words(jfk_result)
    assert all(w.start <= w.end for w in words)
    assert all(a.start <= b.start and a.end <= b.end for a, b in itertools.pairwise(words))
    americans = next(w for w in words if w.text.strip(" ,") == "Americans")
    # openai-whisper's own test for this clip: the word spans 1.8 s.
    assert americans.start <= 1.8 <= americans.end
    assert americans.end == pytest.approx(1.8, abs=0.6)
    for segment in jfk_result.segments:
        assert segment.start <= segment.words[0].start + 1e-6 and segment.words[-1].end <= segment.end + 1e-6


def test_two_voices_sentences_start_where_they_were_said(two_voices: StreamResult) -> None:
    word_starts = [w.start for w in all_words(two_voices)]
    for line in TRUTH["lines"]:
        nearest = min(abs(start - line["start"]) for start in word_starts)
        assert nearest <= 1.0, line
    starts = sentence_starts()
    for segment in two_voices.segments:
        assert min(abs(segment.start - start) for start in starts) <= 2.0, segment
    assert recall(two_voices) >= 0.85


def sentence_starts() -> list[float]:
    """When each sentence of the script begins: a line's own start, and for a later sentence in
    the line, a time estimated from the share of the line's characters spoken before it."""
    starts = []
    for line in TRUTH["lines"]:
        text, rate = line["text"], (line["end"] - line["start"]) / len(line["text"])
        starts += [line["start"] + m.start() * rate for m in re.finditer(r"(?:^|(?<=[.!?] ))\S", text)]
    return starts


def test_nothing_is_invented_in_the_silence(two_voices: StreamResult) -> None:
    quiet_from, quiet_to = TRUTH["silence"]
    inside = [w for w in all_words(two_voices) if quiet_from + 0.5 < (w.start + w.end) / 2 < quiet_to - 0.5]
    assert inside == []


def test_pure_silence_gives_an_empty_transcript(engine: Engine) -> None:
    silence = [np.zeros(30 * SAMPLE_RATE, dtype=np.float32)] * 2
    assert transcribe_stream(engine, silence, total_seconds=60).segments == ()
    noise = np.random.default_rng(1).normal(0, 0.003, 20 * SAMPLE_RATE).astype(np.float32)
    assert transcribe_stream(engine, [noise], total_seconds=20).segments == ()


def recall(result: StreamResult) -> float:
    """Share of the script's words that appear in the transcript."""
    reference = normal(" ".join(line["text"] for line in TRUTH["lines"]))
    heard = set(normal(" ".join(s.text for s in result.segments)))
    return sum(w in heard for w in reference) / len(reference)


def test_chunk_boundaries_lose_and_repeat_nothing(engine: Engine, two_voices: StreamResult) -> None:
    chunked = transcribe(engine, TWO_VOICES, chunk_seconds=15.0)
    # Chunks of under 13 s give the model less context, and it mishears a word or two more than on
    # the whole clip; a sentence lost at a boundary would cost about 0.14 of the recall.
    assert recall(chunked) >= 0.8
    words = normal(" ".join(s.text for s in chunked.segments))
    whole = normal(" ".join(s.text for s in two_voices.segments))
    assert abs(len(words) - len(whole)) <= 0.15 * len(whole)
    runs = [tuple(words[i : i + 4]) for i in range(len(words) - 3)]
    assert len(runs) == len(set(runs)), "a stretch was transcribed twice"
    starts = [s.start for s in chunked.segments]
    assert starts == sorted(starts)
    assert all(a.end <= b.start + 0.5 for a, b in itertools.pairwise(chunked.segments))
    assert chunked.duration == pytest.approx(TRUTH["duration"], abs=0.1)


def test_progress_rises_to_the_total(engine: Engine) -> None:
    reports: list[tuple[float, float]] = []
    transcribe(
        engine, TWO_VOICES, chunk_seconds=15.0, on_progress=lambda done, total: reports.append((done, total))
    )
    done = [d for d, _ in reports]
    assert done == sorted(done) and len(reports) >= 3
    assert reports[-1] == (
        pytest.approx(TRUTH["duration"], abs=0.1),
        pytest.approx(TRUTH["duration"], abs=0.1),
    )


def test_cancel_stops_between_chunks(engine: Engine) -> None:
    cancel = threading.Event()
    seen: list[float] = []

    def blocks() -> Iterator[np.ndarray]:
        yield from stream_samples(TWO_VOICES, block_seconds=5)

    def on_progress(done: float, total: float) -> None:
        seen.append(done)
        cancel.set()

    with pytest.raises(Cancelled):
        transcribe_stream(
            engine, blocks(), total_seconds=38, chunk_seconds=15, on_progress=on_progress, cancel=cancel
        )
    assert seen and max(seen) < 20


def test_settings_are_recordable(engine: Engine) -> None:
    settings = dict(engine.settings())
    assert json.loads(json.dumps(settings)) == settings
    assert settings["word_timestamps"] is True and settings["condition_on_previous_text"] is False
    assert engine.model_name == "tiny.en"


def test_unknown_engine() -> None:
    with pytest.raises(EngineError, match="unknown engine 'vosk'; choose one of: whisper, faster-whisper"):
        load_engine("vosk")


def test_speech_running_to_the_last_sample_finishes(engine: Engine) -> None:
    """Speech cut off mid-word at the end of the file, between two spectrogram frames: the last
    stretch is decoded once, and it ends."""
    samples = load_samples(JFK)[: round(7.777 * SAMPLE_RATE)]
    outcome: list[StreamResult] = []
    worker = threading.Thread(
        target=lambda: outcome.append(transcribe_stream(engine, [samples], total_seconds=7.777)), daemon=True
    )
    worker.start()
    worker.join(timeout=120)
    assert outcome, "transcription of audio ending in speech did not finish"
    assert "country" in outcome[0].segments[-1].text.lower()
