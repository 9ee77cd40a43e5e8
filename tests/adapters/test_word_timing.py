"""showprep's median filter for word timing gives whisper's values (checked against a plain median
over reflected edges, computed by numpy), and the text pass in bfloat16 gives whisper's word times."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest
import torch

from showprep.adapters.audio import load_samples
from showprep.adapters.engines.openai_engine import load_openai_whisper
from showprep.adapters.engines.word_timing import MEDIAN_NETWORK, median_filter
from showprep.domain.transcript import Word

JFK = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "jfk.flac"


def numpy_median(x: np.ndarray, width: int) -> np.ndarray:
    """The median of each run of `width` values along the last axis, edges reflected (as whisper's
    filter, and torch's "reflect" padding, do: the edge value itself is not repeated)."""
    pad = width // 2
    padded = np.pad(x, [(0, 0)] * (x.ndim - 1) + [(pad, pad)], mode="reflect")
    return np.median(np.lib.stride_tricks.sliding_window_view(padded, width, axis=-1), axis=-1)


def test_the_network_sorts_any_seven_values() -> None:
    # A comparator network sorts every input if it sorts every input of zeros and ones.
    for bits in itertools.product((0, 1), repeat=7):
        values = list(bits)
        for a, b in MEDIAN_NETWORK:
            values[a], values[b] = min(values[a], values[b]), max(values[a], values[b])
        assert values == sorted(bits)


@pytest.mark.parametrize("shape", [(6, 40, 750), (2, 3, 4), (1, 1, 9), (50,), (4, 12)])
@pytest.mark.parametrize("width", [7, 5, 3])
def test_median_filter_matches_a_plain_median(shape: tuple[int, ...], width: int) -> None:
    x = torch.from_numpy(np.random.default_rng(width).normal(size=shape).astype(np.float32))
    filtered = median_filter(x, width)
    assert filtered.shape == x.shape
    assert np.array_equal(filtered.numpy(), numpy_median(x.numpy(), width))


def test_a_row_shorter_than_half_the_filter_is_left_as_it_is() -> None:
    x = torch.tensor([[[1.0, 5.0, 2.0]]])
    assert torch.equal(median_filter(x, 7), x)


@pytest.mark.slow
@pytest.mark.xdist_group("whisper-engines")
def test_the_bfloat16_text_pass_times_words_as_whisper_does(tmp_path: Path) -> None:
    engine = load_openai_whisper(cache_dir=tmp_path)
    samples = load_samples(JFK)

    def words() -> list[Word]:
        return [w for s in engine.decode(samples, "en", None).segments for w in s.words]

    ours = words()
    del engine.model.forward  # whisper's own pass, in float32
    theirs = words()
    assert [w.text for w in ours] == [w.text for w in theirs] and len(ours) >= 20
    for a, b in zip(ours, theirs, strict=True):
        assert abs(a.start - b.start) <= 0.1 and abs(a.end - b.end) <= 0.1
        assert a.probability == pytest.approx(b.probability, abs=0.05)
    same = sum(a.start == b.start and a.end == b.end for a, b in zip(ours, theirs, strict=True))
    assert same >= 0.8 * len(ours)
