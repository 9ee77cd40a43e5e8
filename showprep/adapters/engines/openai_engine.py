"""openai-whisper as showprep runs it on a CPU: fast settings and guards for long recordings.

Speed, at the accuracy the benchmark (bench/transcribe.py) checks:
- Silero VAD finds the speech; it is cut into windows of up to 30 seconds at pauses, and the windows
  are decoded about six at a time (see `batches` and `batched_decoding`), with whisper's beam search
  of 5. Twelve at a time was no faster, and each window in a batch holds about 20 MB of audio keys
  and values;
- word timings cost less: each window is encoded once, and whisper's DTW and median filter are
  set up for a CPU (see `word_timing`);
- torch uses every core, with OpenMP threads that sleep rather than spin when idle.
Memory: chunks of a few minutes (see `streaming`), batches of six windows, and freed memory handed
back to the system (see `freed_memory`) keep an hour of audio under 1 GB.
Greedy decoding was measured too: a third faster, at several points more word error rate.

Guards against invented text: only speech goes to the model, and a segment outside the speech found
is dropped; speech the model skipped (it sometimes declares a window finished too early) is decoded
again without the prompt; windows are decoded apart, with no conditioning on earlier text (the usual
cause of repetition loops); whisper's compression-ratio, log-probability and no-speech checks, with
its temperature fallback.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator, Mapping
from concurrent.futures import Future
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from showprep.adapters.audio import SAMPLE_RATE
from showprep.adapters.engines import Decoded, load_in_background, spanning_segment
from showprep.adapters.engines.batched_decoding import WindowDecoder
from showprep.adapters.engines.bfloat16_weights import DecoderWeights
from showprep.adapters.engines.freed_memory import hand_back_free_pages, keep_large_blocks_apart
from showprep.adapters.engines.vad import (
    load_detector,
    overlaps_speech,
    speech_regions,
    speech_windows,
    uncovered_speech,
)
from showprep.adapters.engines.word_timing import prepare_word_timing
from showprep.adapters.models import (
    ModelChoice,
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
    "windows_per_batch": 6,
}
"""How windows are decoded (the names are whisper.transcribe()'s; see the module docstring).
Since windows are decoded apart, conditioning on earlier text is off by construction."""

TIME_PRECISION = 0.02
"""Seconds per Whisper timestamp token."""

Window = tuple[float, float]


@dataclass
class LoadedWhisper:
    """A loaded openai-whisper model, and the same model set up to decode windows in batches."""

    model: Any
    windows: WindowDecoder


@dataclass
class OpenAIWhisperEngine:
    """openai-whisper with showprep's settings.

    The model loads in a background thread from the moment the engine is made: importing torch and
    reading the weights take a few seconds of one core, in which the first audio is decoded and its
    speech found. Whatever needs the model waits for it, and meets the loading's error, if any.
    """

    loading: Future[LoadedWhisper]
    model_name: str
    threads: int
    name: str = "whisper"
    chunk_seconds: float = 240.0
    """Long enough for two full batches of windows; short enough to bound memory, since voice-activity
    detection takes about 40 MB a minute of audio, all at once."""

    def settings(self) -> Mapping[str, Any]:
        return {
            **{k: list(v) if isinstance(v, tuple) else v for k, v in DECODING.items()},
            "threads": self.threads,
            "chunk_seconds": self.chunk_seconds,
        }

    @property
    def model(self) -> Any:
        return self.loading.result().model

    @property
    def windows(self) -> WindowDecoder:
        return self.loading.result().windows

    def decode(self, samples: npt.NDArray[np.float32], language: str | None, prompt: str | None) -> Decoded:
        hand_back_free_pages()
        regions = speech_regions(samples)
        self.loading.result()  # a model that failed to load fails here, even for audio without speech
        windows = on_timestamp_grid(speech_windows(regions))
        if not windows:
            return Decoded(language or "", iter(()))
        language = language or self._detect_language(samples, windows[0])
        return Decoded(language, self._segments(samples, regions, windows, language, prompt))

    def _segments(
        self,
        samples: npt.NDArray[np.float32],
        regions: list[Window],
        windows: list[Window],
        language: str,
        prompt: str | None,
    ) -> Iterator[TranscriptSegment]:
        """Segments in time order, decoded a batch of windows at a time as the caller asks."""
        for batch in batches(windows, int(DECODING["windows_per_batch"])):
            hand_back_free_pages()
            heard = [r for r in regions if batch[0][0] <= r[0] < batch[-1][1]]
            decoded = self._transcribe(samples, batch, language, prompt)
            found = [s for s in decoded if overlaps_speech(s, heard)]
            missed = uncovered_speech(heard, found)
            if missed:
                retry = self._transcribe(samples, missed, language, None)
                found += [s for s in retry if overlaps_speech(s, missed)]
                found.sort(key=lambda s: s.start)
            yield from found

    def _detect_language(self, samples: npt.NDArray[np.float32], window: Window) -> str:
        if not self.model.is_multilingual:
            return "en"
        import torch

        with torch.inference_mode():
            _, probabilities = self.model.detect_language(_spectrogram(samples, window))
        return str(max(probabilities, key=probabilities.get))

    def _transcribe(
        self, samples: npt.NDArray[np.float32], windows: list[Window], language: str, prompt: str | None
    ) -> list[TranscriptSegment]:
        import torch
        from whisper.audio import FRAMES_PER_SECOND, N_FRAMES
        from whisper.timing import add_word_timestamps
        from whisper.tokenizer import get_tokenizer

        tokenizer = get_tokenizer(
            self.model.is_multilingual, num_languages=self.model.num_languages, language=language
        )
        features = self.windows.encode(torch.stack([_spectrogram(samples, w) for w in windows]))
        results = _decode_with_fallback(self.windows, features, language, prompt)
        segments: list[TranscriptSegment] = []
        for (start, end), encoded, result in zip(windows, features, results, strict=True):
            if result is None:
                continue
            raw = _window_segments(result.tokens, tokenizer, end - start)
            # Handed the window's features, the model skips its encoder (see word_timing).
            add_word_timestamps(
                segments=raw,
                model=self.model,
                tokenizer=tokenizer,
                mel=encoded,
                num_frames=min(round((end - start) * FRAMES_PER_SECOND), N_FRAMES),
                last_speech_timestamp=0.0,
            )
            segments += [_segment(r, start) for r in raw if r["text"].strip()]
        return segments


def batches(windows: list[Window], size: int) -> list[list[Window]]:
    """Consecutive windows shared out evenly into about len(windows) / size batches, rounded to the
    nearest count: a batch of one window takes nearly as many decoding steps as a full one, so a
    remainder of a window or two joins the other batches (one more window each) rather than forming
    a batch of its own."""
    if not windows:
        return []
    count = max(1, round(len(windows) / size))
    bounds = [round(n * len(windows) / count) for n in range(count + 1)]
    return [windows[start:end] for start, end in pairwise(bounds)]


def on_timestamp_grid(windows: list[Window]) -> list[Window]:
    """Windows started a little earlier, on the 20 ms grid of Whisper's timestamps and encoder frames.

    whisper's own windows start on that grid of their audio (each where the last one's final
    timestamp fell). On the two-voice test clip this turned one misheard word into the word whisper's
    own windows find.
    """
    step = round(TIME_PRECISION * SAMPLE_RATE)
    return [(round(start * SAMPLE_RATE) // step * step / SAMPLE_RATE, end) for start, end in windows]


def _spectrogram(samples: npt.NDArray[np.float32], window: Window) -> Any:
    """The log-mel spectrogram of one window, padded to Whisper's 30 seconds."""
    import torch
    import whisper

    clip = samples[round(window[0] * SAMPLE_RATE) : round(window[1] * SAMPLE_RATE)]
    return whisper.log_mel_spectrogram(whisper.pad_or_trim(torch.from_numpy(np.ascontiguousarray(clip))))


def _decode_with_fallback(
    decoder: WindowDecoder, features: Any, language: str, prompt: str | None
) -> list[Any | None]:
    """Each window's decoding, at the lowest temperature that passes whisper's checks; None for a
    window whisper judges silent. As in whisper.transcribe(), a window that fails at one temperature
    is decoded again at the next, by sampling the best of several."""
    from whisper.decoding import DecodingOptions

    results: list[Any] = [None] * features.shape[0]
    pending = list(range(features.shape[0]))
    for temperature in DECODING["temperature"]:
        if not pending:
            break
        sampling = (
            {"best_of": DECODING["best_of"]} if temperature > 0 else {"beam_size": DECODING["beam_size"]}
        )
        options = DecodingOptions(
            language=language, prompt=prompt, temperature=temperature, fp16=False, **sampling
        )
        decoded = decoder.decode(features[pending], options)
        for index, result in zip(pending, decoded, strict=True):
            results[index] = result
        pending = [i for i, r in zip(pending, decoded, strict=True) if _needs_fallback(r)]
    return [None if _silent(r) else r for r in results]


def _needs_fallback(result: Any) -> bool:
    too_repetitive = result.compression_ratio > DECODING["compression_ratio_threshold"]
    unsure = result.avg_logprob < DECODING["logprob_threshold"]
    return (too_repetitive or unsure) and not _silent(result)


def _silent(result: Any) -> bool:
    return bool(
        result.no_speech_prob > DECODING["no_speech_threshold"]
        and result.avg_logprob < DECODING["logprob_threshold"]
    )


def _window_segments(tokens: list[int], tokenizer: Any, duration: float) -> list[dict[str, Any]]:
    """A window's tokens split into whisper's segment dicts, times in seconds from the window's start.

    Whisper brackets each stretch of text with timestamp tokens (<|0.00|> text <|2.40|><|2.40|> ...);
    text left without a closing timestamp runs to the end of the window.
    """
    segments: list[dict[str, Any]] = []
    start, text_tokens = 0.0, []
    for token in tokens:
        if token < tokenizer.timestamp_begin:
            text_tokens.append(token)
            continue
        time = min((token - tokenizer.timestamp_begin) * TIME_PRECISION, duration)
        if text_tokens:
            segments.append(_raw_segment(start, time, text_tokens, tokenizer))
            text_tokens = []
        start = time
    if text_tokens:
        segments.append(_raw_segment(start, duration, text_tokens, tokenizer))
    return segments


def _raw_segment(start: float, end: float, tokens: list[int], tokenizer: Any) -> dict[str, Any]:
    return {"seek": 0, "start": start, "end": end, "tokens": tokens, "text": tokenizer.decode(tokens)}


def _segment(raw: Mapping[str, Any], offset: float) -> TranscriptSegment:
    words = tuple(
        Word(str(w["word"]), offset + float(w["start"]), offset + float(w["end"]), float(w["probability"]))
        for w in raw.get("words") or ()
    )
    return spanning_segment(offset + float(raw["start"]), offset + float(raw["end"]), str(raw["text"]), words)


def load_openai_whisper(
    model: str | None = None,
    *,
    cache_dir: Path | None = None,
    allow_download: bool = True,
    threads: int | None = None,
) -> OpenAIWhisperEngine:
    """`model` (None = the offline default) for CPU inference with showprep's settings, loading in
    the background (see OpenAIWhisperEngine); a path that does not exist is an error at once."""
    if "torch" not in sys.modules:
        # torch's OpenMP threads otherwise spin while idle; on a machine busy with anything else they
        # fight the running threads for the cores and every matrix product waits for a time slice.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    choice = choose_model(model)
    threads = threads or os.cpu_count() or 1
    keep_large_blocks_apart()
    detector_loaded = threading.Event()
    loading = load_in_background(
        "showprep-load-whisper", _load, choice, cache_dir, allow_download, threads, detector_loaded
    )
    try:
        load_detector()
    finally:
        detector_loaded.set()
    return OpenAIWhisperEngine(loading, choice.name, threads)


def _load(
    choice: ModelChoice,
    cache_dir: Path | None,
    allow_download: bool,
    threads: int,
    detector_loaded: threading.Event,
) -> LoadedWhisper:
    import torch

    # numba, which whisper imports, walks the interpreter's builtins as it starts up, and importing
    # the detector (with CTranslate2, a pybind11 module) adds one: the two must not overlap.
    detector_loaded.wait()
    import whisper

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
    torch.set_num_threads(threads)
    weights = DecoderWeights.of(loaded.decoder)
    model = prepare_word_timing(loaded, weights)
    return LoadedWhisper(model, WindowDecoder(model, weights))
