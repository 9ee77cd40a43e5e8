"""How a recording is cut into chunks for an engine, with an engine that only notes what it is given."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest

from showprep.adapters.audio import SAMPLE_RATE
from showprep.adapters.engines import Decoded
from showprep.adapters.engines.streaming import even_chunks, transcribe_stream


@dataclass
class NotingEngine:
    """Hears nothing; remembers the length in seconds of each stretch it was handed."""

    chunk_seconds: float
    name: str = "noting"
    model_name: str = "none"
    heard: list[float] = field(default_factory=list)

    def settings(self) -> Mapping[str, Any]:
        return {}

    def decode(self, samples: npt.NDArray[np.float32], language: str | None, prompt: str | None) -> Decoded:
        self.heard.append(samples.size / SAMPLE_RATE)
        return Decoded("en", iter(()))


@pytest.mark.parametrize(
    ("remaining", "longest", "expected"),
    [(100.0, 240.0, 240.0), (240.0, 240.0, 240.0), (256.0, 240.0, 128.0), (600.0, 240.0, 200.0)],
)
def test_chunks_share_the_rest_out_evenly(remaining: float, longest: float, expected: float) -> None:
    assert even_chunks(remaining, longest) == pytest.approx(expected)


def test_unknown_length_gives_full_chunks() -> None:
    assert even_chunks(0.0, 240.0) == 240.0


def test_a_recording_a_little_longer_than_a_chunk_goes_in_two_halves() -> None:
    engine = NotingEngine(chunk_seconds=240.0)
    samples = np.zeros(256 * SAMPLE_RATE, dtype=np.float32)
    blocks = np.array_split(samples, 64)
    result = transcribe_stream(engine, blocks, total_seconds=256.0)
    assert len(engine.heard) == 2
    first, last = engine.heard
    assert first == pytest.approx(128.0)
    # The first chunk's edge is heard again at the start of the last.
    assert 128.0 <= last <= 160.0
    assert result.duration == pytest.approx(256.0)


def test_no_chunk_is_longer_than_the_engine_asks_for_but_the_last() -> None:
    engine = NotingEngine(chunk_seconds=60.0)
    samples = np.zeros(400 * SAMPLE_RATE, dtype=np.float32)
    transcribe_stream(engine, np.array_split(samples, 100), total_seconds=400.0)
    *full, last = engine.heard
    assert all(chunk <= 60.0 for chunk in full)
    assert last <= 60.0 + 30.0
    assert min(engine.heard) >= 40.0
