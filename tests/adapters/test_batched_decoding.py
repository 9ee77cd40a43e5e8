"""Batched decoding says what whisper.decode() says, window by window, on real speech and weights."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch
import whisper
from whisper.decoding import DecodingOptions
from whisper.tokenizer import get_tokenizer

from showprep.adapters.audio import load_samples
from showprep.adapters.engines.openai_engine import OpenAIWhisperEngine, _spectrogram, load_openai_whisper
from showprep.adapters.engines.vad import speech_regions, speech_windows

BEGIN = get_tokenizer(multilingual=False).timestamp_begin

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("whisper-engines")]

SHARED_DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
TWO_VOICES = Path(__file__).resolve().parents[1] / "fixtures" / "audio" / "two_voices.ogg"


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> OpenAIWhisperEngine:
    return load_openai_whisper(cache_dir=tmp_path_factory.mktemp("models"))


@pytest.mark.parametrize(
    "options",
    [
        DecodingOptions(language="en", beam_size=5, fp16=False),
        DecodingOptions(
            language="en", beam_size=5, fp16=False, prompt="Ana, the news hour, the city library"
        ),
        DecodingOptions(language="en", temperature=0.0, fp16=False),
    ],
    ids=["beam search", "beam search with a prompt", "greedy"],
)
def test_a_batch_of_windows_decodes_as_whisper_decodes_each(
    engine: OpenAIWhisperEngine, options: DecodingOptions
) -> None:
    mels = []
    for path in (SHARED_DATA / "jfk.flac", TWO_VOICES):
        samples = load_samples(path)
        mels += [_spectrogram(samples, window) for window in speech_windows(speech_regions(samples))]
    assert len(mels) >= 3
    features = engine.windows.encode(torch.stack(mels))
    batched = engine.windows.decode(features, options)
    for encoded, ours in zip(features, batched, strict=True):
        theirs = whisper.decode(engine.model, encoded, options)
        assert ours.text == theirs.text
        # The output projection runs in bfloat16 here: a timestamp may land one or two steps
        # (of 20 ms) away from float32's choice.
        assert len(ours.tokens) == len(theirs.tokens)
        for a, b in zip(ours.tokens, theirs.tokens, strict=True):
            assert a == b or (min(a, b) >= BEGIN and abs(a - b) <= 5)
        assert ours.avg_logprob == pytest.approx(theirs.avg_logprob, abs=0.02)
        assert ours.no_speech_prob == pytest.approx(theirs.no_speech_prob, abs=0.02)
