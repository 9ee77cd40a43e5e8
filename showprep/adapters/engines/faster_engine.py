"""faster-whisper: the same Whisper weights on CTranslate2, int8 on the CPU.

It is the speed engine, so it decodes greedily (the whisper engine keeps beam search for accuracy);
its guards are the whisper engine's (a short temperature fallback, no conditioning on previous text,
word timings with the silence-hallucination threshold), plus faster-whisper's Silero VAD filter,
which skips silence and music before the model sees them.
The vocabulary prompt is passed as hotwords, which faster-whisper puts in every window's prompt.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from showprep.adapters.engines import Decoded, load_in_background, spanning_segment
from showprep.adapters.models import ModelChoice, ModelError, choose_model, faster_whisper_model_dir
from showprep.domain.transcript import TranscriptSegment, Word

COMPUTE_TYPE = "int8"

DECODING: Mapping[str, Any] = {
    "beam_size": 1,
    "temperature": (0.0, 0.4, 0.8),
    "compression_ratio_threshold": 2.4,
    "log_prob_threshold": -1.0,
    "no_speech_threshold": 0.6,
    "condition_on_previous_text": False,
    "word_timestamps": True,
    "hallucination_silence_threshold": 2.0,
    "vad_filter": True,
}
"""Keyword arguments to `WhisperModel.transcribe()`."""


@dataclass
class FasterWhisperEngine:
    """A CTranslate2 Whisper model with showprep's settings.

    The model loads in a background thread from the moment the engine is made (half a second, part
    of it in C++ without Python's lock), while the caller reads the audio; decoding waits for it,
    and meets the loading's error, if any. A model made on a worker thread also decodes faster than
    one made on the main thread: on the benchmark's 4.3 minutes of speech, 7 s against 10 s, for the
    same text.
    """

    loading: Future[Any]
    model_name: str
    threads: int
    name: str = "faster-whisper"
    chunk_seconds: float = 600.0
    """Segments arrive one by one, so progress needs no short chunks; long ones re-decode less audio
    at chunk edges (ten minutes of samples and features take about 60 MB)."""

    def settings(self) -> Mapping[str, Any]:
        return {
            **{k: list(v) if isinstance(v, tuple) else v for k, v in DECODING.items()},
            "compute_type": COMPUTE_TYPE,
            "threads": self.threads,
            "chunk_seconds": self.chunk_seconds,
        }

    @property
    def model(self) -> Any:
        return self.loading.result()

    def decode(self, samples: npt.NDArray[np.float32], language: str | None, prompt: str | None) -> Decoded:
        segments, info = self.model.transcribe(samples, language=language, hotwords=prompt, **DECODING)
        return Decoded(str(info.language), _segments(segments))


def _segments(raw: Any) -> Iterator[TranscriptSegment]:
    for segment in raw:
        text = str(segment.text).strip()
        if not text:
            continue
        words = tuple(
            Word(str(w.word), float(w.start), float(w.end), float(w.probability)) for w in segment.words or ()
        )
        yield spanning_segment(float(segment.start), float(segment.end), text, words)


def load_faster_whisper(
    model: str | None = None, *, allow_download: bool = True, threads: int | None = None
) -> FasterWhisperEngine:
    """`model` (None = the offline default) on the CPU in int8, loading in the background (see
    FasterWhisperEngine); a model that is not on disk and cannot be fetched is an error at once."""
    choice = choose_model(model)
    folder = faster_whisper_model_dir(choice, allow_download)
    threads = threads or os.cpu_count() or 1
    loading = load_in_background("showprep-load-faster-whisper", _load, choice, folder, threads)
    return FasterWhisperEngine(loading, choice.name, threads)


def _load(choice: ModelChoice, folder: str, threads: int) -> Any:
    from faster_whisper import WhisperModel

    try:
        return WhisperModel(folder, device="cpu", compute_type=COMPUTE_TYPE, cpu_threads=threads)
    except (RuntimeError, OSError, ValueError) as exc:
        raise ModelError(
            choice.path or Path(choice.name), f"cannot be loaded by faster-whisper: {exc}"
        ) from exc
