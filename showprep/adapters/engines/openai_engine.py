"""openai-whisper as showprep runs it on a CPU: fast settings and guards for long recordings.

Speed, at the accuracy the benchmark (bench/transcribe.py) checks:
- the encoder runs once per window, not twice (see `remember_last_encoding`);
- the command line's beam search of 5 is kept: with tiny.en, greedy decoding cost nine points of
  word error rate for a third less time, and int8 dynamic quantisation of the linear layers cost
  three points and saved nothing measurable, so neither is used;
- torch uses every core, with OpenMP threads that sleep rather than spin when idle, and numba's
  word-timing code on a thread pool that does not spin beside torch's (see `_calm_numba_threads`).

Guards against invented text: only the stretches Silero VAD hears speech in are decoded (whisper's
`clip_timestamps`), a segment outside them is dropped, and speech the model skipped (it sometimes
declares a window finished too early) is decoded again without the prompt; no conditioning on the
previous window's text (the usual cause of repetition loops); whisper's silence-hallucination
threshold (which needs word timings, wanted anyway), and its compression-ratio, log-probability and
no-speech checks.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from showprep.adapters.engines import Decoded, spanning_segment
from showprep.adapters.engines.vad import overlaps_speech, speech_regions, uncovered_speech
from showprep.adapters.models import (
    ModelError,
    choose_model,
    download_failed,
    whisper_checkpoint,
    whisper_download_root,
)
from showprep.domain.transcript import TranscriptSegment, Word

DECODING: Mapping[str, Any] = {
    "beam_size": 5,
    "best_of": 5,
    "temperature": (0.0, 0.4, 0.8),
    "compression_ratio_threshold": 2.4,
    "logprob_threshold": -1.0,
    "no_speech_threshold": 0.6,
    "condition_on_previous_text": False,
    "word_timestamps": True,
    "hallucination_silence_threshold": 2.0,
}
"""Keyword arguments to `whisper.transcribe()` (see the module docstring for why)."""


@dataclass
class OpenAIWhisperEngine:
    """A loaded openai-whisper model with showprep's settings."""

    model: Any
    model_name: str
    threads: int
    name: str = "whisper"
    chunk_seconds: float = 120.0
    """whisper.transcribe() returns only when done, so chunks are short enough for steady progress."""

    def settings(self) -> Mapping[str, Any]:
        return {
            **{k: list(v) if isinstance(v, tuple) else v for k, v in DECODING.items()},
            "threads": self.threads,
            "chunk_seconds": self.chunk_seconds,
        }

    def decode(self, samples: npt.NDArray[np.float32], language: str | None, prompt: str | None) -> Decoded:
        regions = speech_regions(samples)
        if not regions:
            return Decoded(language or "", iter(()))
        result = self._transcribe(samples, regions, language, prompt)
        language = str(result["language"])
        segments = [s for s in map(_segment, result["segments"]) if s.text and overlaps_speech(s, regions)]
        missed = uncovered_speech(regions, segments)
        if missed:
            retry = self._transcribe(samples, missed, language, None)
            segments += [s for s in map(_segment, retry["segments"]) if s.text and overlaps_speech(s, missed)]
            segments.sort(key=lambda s: s.start)
        return Decoded(language, iter(segments))

    def _transcribe(
        self,
        samples: npt.NDArray[np.float32],
        clips: list[tuple[float, float]],
        language: str | None,
        prompt: str | None,
    ) -> dict[str, Any]:
        import torch
        import whisper

        # whisper's window loop never advances past its last spectrogram frame: a clip ending after
        # that frame (speech running to the last sample) would be decoded forever.
        last = (samples.size // whisper.audio.HOP_LENGTH) / whisper.audio.FRAMES_PER_SECOND
        kept = [(start, min(end, last)) for start, end in clips if min(end, last) > start]
        if not kept:
            return {"language": language or "", "segments": []}
        with torch.inference_mode():
            result: dict[str, Any] = whisper.transcribe(
                self.model,
                samples,
                clip_timestamps=[t for clip in kept for t in clip],
                language=language,
                initial_prompt=prompt,
                carry_initial_prompt=prompt is not None,
                fp16=False,
                verbose=None,
                **DECODING,
            )
        return result


def _segment(raw: Mapping[str, Any]) -> TranscriptSegment:
    words = tuple(
        Word(str(w["word"]), float(w["start"]), float(w["end"]), float(w["probability"]))
        for w in raw.get("words") or ()
    )
    return spanning_segment(float(raw["start"]), float(raw["end"]), str(raw["text"]), words)


def remember_last_encoding(model: Any) -> Any:
    """The model with an encoder that returns its last result again when given the same spectrogram.

    For word timings whisper runs the whole model once more over each 30-second window it has just
    decoded, encoder included, and with torch's fast attention switched off. The encoder's output
    for that window is the one the decoding computed a moment before: a third of the run's time goes
    into recomputing it. The input is compared by value, so a new window is never served an old
    window's features.
    """
    import torch

    class RememberingEncoder(torch.nn.Module):
        def __init__(self, encoder: Any) -> None:
            super().__init__()
            self.encoder = encoder
            self.last: tuple[torch.Tensor, torch.Tensor] | None = None

        def forward(self, mel: torch.Tensor) -> torch.Tensor:
            if self.last is not None and self.last[0].shape == mel.shape and torch.equal(self.last[0], mel):
                return self.last[1]
            features: torch.Tensor = self.encoder(mel)
            self.last = (mel.clone(), features)
            return features

    model.encoder = RememberingEncoder(model.encoder)
    return model


def _cache_word_timing_code() -> None:
    """Keep the machine code of whisper's word-timing functions on disk between runs.

    whisper's DTW (`dtw_cpu`, `backtrace`) is compiled by numba at the first word timing of every
    process, which costs about 2.7 s of each `showprep transcribe`. With caching on, numba stores
    the compiled code (beside whisper's sources, or in the user's cache where those are read-only)
    and later runs load it.
    """
    import whisper.timing

    for function in (whisper.timing.dtw_cpu, whisper.timing.backtrace):
        function.enable_caching()


def _calm_numba_threads() -> None:
    """Make numba run whisper's word-timing DTW on its own simple thread pool.

    whisper's `dtw_cpu` is a parallel numba function; with numba's default OpenMP layer its idle
    threads keep spinning beside torch's, and every later matrix product runs many times slower.
    The "workqueue" layer's threads sleep when idle. It must be chosen before numba's first parallel
    run, which is why it is set when the model loads.
    """
    import numba

    config: Any = numba.config
    if config.THREADING_LAYER == "default":
        config.THREADING_LAYER = "workqueue"


def load_openai_whisper(
    model: str | None = None,
    *,
    cache_dir: Path | None = None,
    allow_download: bool = True,
    threads: int | None = None,
) -> OpenAIWhisperEngine:
    """Load `model` (None = the offline default) for CPU inference with showprep's settings."""
    if "torch" not in sys.modules:
        # torch's OpenMP threads otherwise spin while idle; on a machine busy with anything else they
        # fight the running threads for the cores and every matrix product waits for a time slice.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    import torch
    import whisper

    choice = choose_model(model)
    checkpoint = whisper_checkpoint(choice, cache_dir, allow_download)
    try:
        loaded = whisper.load_model(checkpoint.target, device="cpu", download_root=whisper_download_root())
    except (OSError, RuntimeError) as exc:
        if choice.path is None:
            raise download_failed(choice, exc) from exc
        raise ModelError(choice.path, f"cannot be loaded as a Whisper model: {exc}") from exc
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelError(Path(checkpoint.target), f"is not a Whisper checkpoint: {exc!r}") from exc
    if checkpoint.alignment_heads is not None:
        loaded.set_alignment_heads(checkpoint.alignment_heads)
    loaded.eval()
    threads = threads or os.cpu_count() or 1
    torch.set_num_threads(threads)
    _calm_numba_threads()
    _cache_word_timing_code()
    return OpenAIWhisperEngine(remember_last_encoding(loaded), choice.name, threads)
