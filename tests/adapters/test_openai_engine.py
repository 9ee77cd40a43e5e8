"""The whisper engine's pieces: encoded audio passes the encoder, windows are cut from the speech
found, window tokens become segments, and a model that fails to load in the background still fails
the transcription."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest
import torch
from whisper.tokenizer import get_tokenizer

from showprep.adapters.audio import SAMPLE_RATE
from showprep.adapters.engines.openai_engine import (
    _window_segments,
    batches,
    load_openai_whisper,
    on_timestamp_grid,
)
from showprep.adapters.engines.vad import WINDOW_SECONDS, speech_windows
from showprep.adapters.engines.word_timing import accept_encoded_audio
from showprep.adapters.models import ModelError


class CountingEncoder(torch.nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    def forward(self, mel: torch.Tensor) -> torch.Tensor:
        self.calls += 1
        return mel[:, :, :1500].transpose(1, 2)[:, :, :8] * 2


def test_encoded_audio_passes_the_encoder_and_a_spectrogram_is_encoded() -> None:
    counting = CountingEncoder()
    model = accept_encoded_audio(
        SimpleNamespace(encoder=counting, dims=SimpleNamespace(n_audio_ctx=1500, n_audio_state=8))
    )
    window = torch.rand(1, 80, 3000)
    features = model.encoder(window)
    assert features.shape == (1, 1500, 8) and counting.calls == 1
    assert model.encoder(features) is features and counting.calls == 1


def test_speech_regions_are_joined_into_windows_of_at_most_thirty_seconds() -> None:
    regions = [(0.5, 4.0), (6.0, 20.0), (21.0, 29.0), (31.0, 40.0), (41.0, 70.0), (75.0, 76.0)]
    windows = speech_windows(regions)
    assert windows == [(0.5, 29.0), (31.0, 40.0), (41.0, 70.0), (75.0, 76.0)]
    assert all(end - start <= WINDOW_SECONDS for start, end in windows)
    assert speech_windows([]) == []


@pytest.fixture(scope="module")
def tokenizer() -> object:
    return get_tokenizer(multilingual=False)


def test_window_tokens_become_segments_between_their_timestamps(tokenizer: object) -> None:
    begin = tokenizer.timestamp_begin  # type: ignore[attr-defined]
    hello, world = tokenizer.encode(" Hello there."), tokenizer.encode(" Good night")  # type: ignore[attr-defined]
    tokens = [begin, *hello, begin + 120, begin + 125, *world]
    segments = _window_segments(tokens, tokenizer, 9.5)
    assert [(s["start"], s["end"], s["text"]) for s in segments] == [
        (0.0, 2.4, " Hello there."),
        (2.5, 9.5, " Good night"),  # no closing timestamp: it runs to the end of the window
    ]
    assert segments[0]["tokens"] == hello
    late = _window_segments([begin + 10, *hello, begin + 1500], tokenizer, 12.0)
    assert [(s["start"], s["end"]) for s in late] == [(0.2, 12.0)]  # never past the window's end
    assert _window_segments([begin, begin + 50], tokenizer, 3.0) == []


@pytest.mark.parametrize(
    ("count", "sizes"),
    [(0, []), (1, [1]), (4, [4]), (5, [5]), (6, [3, 3]), (8, [4, 4]), (9, [4, 5]), (14, [4, 3, 3, 4])],
)
def test_windows_are_shared_out_evenly_in_batches(count: int, sizes: list[int]) -> None:
    windows = [(float(n), n + 1.0) for n in range(count)]
    shared = batches(windows, 4)
    assert [len(batch) for batch in shared] == sizes
    assert [w for batch in shared for w in batch] == windows


def test_a_model_that_cannot_load_fails_the_decoding_even_of_silence() -> None:
    engine = load_openai_whisper("no-such-model", allow_download=False)
    with pytest.raises(ModelError, match=r"no-such-model.*is not a Whisper model name"):
        engine.decode(np.zeros(16_000 * 3, dtype=np.float32), None, None)


def test_windows_start_on_the_timestamp_grid_no_later_than_their_speech() -> None:
    windows = [(0.312, 28.296), (28.984, 37.096), (40.0, 41.5)]
    moved = on_timestamp_grid(windows)
    assert [end for _, end in moved] == [end for _, end in windows]
    assert [start for start, _ in moved] == pytest.approx([0.3, 28.98, 40.0])
    for (start, _), (was, _) in zip(moved, windows, strict=True):
        assert round(start * SAMPLE_RATE) % 320 == 0
        assert was - 0.02 < start <= was
