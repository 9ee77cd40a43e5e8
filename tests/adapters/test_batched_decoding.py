"""Batched decoding says what whisper.decode() says, window by window, on real speech and weights:
the same tokens with the weights in float32, and the same words in bfloat16."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import torch
import whisper
from whisper.decoding import DecodingOptions

from showprep.adapters.audio import load_samples
from showprep.adapters.engines.batched_decoding import WindowDecoder
from showprep.adapters.engines.bfloat16_weights import DecoderWeights
from showprep.adapters.engines.openai_engine import OpenAIWhisperEngine, _spectrogram, load_openai_whisper
from showprep.adapters.engines.vad import speech_regions, speech_windows

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("whisper-engines")]

SHARED_DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
TWO_VOICES = Path(__file__).resolve().parents[1] / "fixtures" / "audio" / "two_voices.ogg"


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> OpenAIWhisperEngine:
    return load_openai_whisper(cache_dir=tmp_path_factory.mktemp("models"))


@pytest.fixture(scope="module")
def features(engine: OpenAIWhisperEngine) -> torch.Tensor:
    mels = []
    for path in (SHARED_DATA / "jfk.flac", TWO_VOICES):
        samples = load_samples(path)
        mels += [_spectrogram(samples, window) for window in speech_windows(speech_regions(samples))]
    assert len(mels) >= 3
    return engine.windows.encode(torch.stack(mels))


OPTIONS = [
    DecodingOptions(language="en", beam_size=5, fp16=False),
    DecodingOptions(language="en", beam_size=5, fp16=False, prompt="Ana, the news hour, the city library"),
    DecodingOptions(language="en", temperature=0.0, fp16=False),
]
OPTION_NAMES = ["beam search", "beam search with a prompt", "greedy"]


@pytest.mark.parametrize("options", OPTIONS, ids=OPTION_NAMES)
def test_in_float32_a_batch_of_windows_decodes_as_whisper_decodes_each(
    engine: OpenAIWhisperEngine, features: torch.Tensor, options: DecodingOptions
) -> None:
    exact = WindowDecoder(engine.model, DecoderWeights.of(engine.model.decoder, torch.float32))
    batched = exact.decode(features, options)
    for encoded, ours in zip(features, batched, strict=True):
        theirs = whisper.decode(engine.model, encoded, options)
        assert ours.tokens == theirs.tokens
        assert ours.text == theirs.text
        assert ours.avg_logprob == pytest.approx(theirs.avg_logprob, abs=1e-4)
        assert ours.no_speech_prob == pytest.approx(theirs.no_speech_prob, abs=1e-4)


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


@pytest.mark.parametrize("options", OPTIONS, ids=OPTION_NAMES)
def test_in_bfloat16_a_batch_of_windows_decodes_to_whispers_words(
    engine: OpenAIWhisperEngine, features: torch.Tensor, options: DecodingOptions
) -> None:
    batched = engine.windows.decode(features, options)
    for encoded, ours in zip(features, batched, strict=True):
        theirs = whisper.decode(engine.model, encoded, options)
        # Rounding may tip a close choice between beams: punctuation, or a timestamp 20 ms away.
        assert words(ours.text) == words(theirs.text)
        assert ours.avg_logprob == pytest.approx(theirs.avg_logprob, abs=0.05)
        assert ours.no_speech_prob == pytest.approx(theirs.no_speech_prob, abs=0.02)
