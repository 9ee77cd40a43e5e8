"""The batched token search makes whisper's choices: checked against whisper's own classes on the
same logits, step by step."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from whisper.decoding import ApplyTimestampRules, BeamSearchDecoder
from whisper.tokenizer import get_tokenizer

from showprep.adapters.engines.window_search import BeamSearch, Sampling, TimestampRules

VOCAB = 40
EOT = VOCAB - 1
PROMPT = [7, 3, 5]


class NoCache:
    """whisper's beam search reorders a key/value cache; these tests have none."""

    def rearrange_kv_cache(self, source_indices: list[int]) -> None:
        pass


def random_logits(generator: torch.Generator, windows: int, beams: int, step: int) -> torch.Tensor:
    """Logits that end the text more often as the text grows. At the first step every beam of a
    window has the same history, so the same logits."""
    logits = torch.randn(windows * beams, VOCAB, generator=generator) * 2
    if step == 0:
        logits = logits[::beams].repeat_interleave(beams, 0)
    logits[:, EOT] += step / 2 - 1
    return logits


def rows_of(windows: list[int], beams: int) -> list[int]:
    return [w * beams + j for w in windows for j in range(beams)]


@pytest.mark.parametrize("seed", range(12))
def test_beam_search_finishes_the_same_candidates_as_whisper(seed: int) -> None:
    windows, beams = 6, 5
    generator = torch.Generator().manual_seed(seed)
    theirs = BeamSearchDecoder(beams, EOT, NoCache())  # type: ignore[arg-type]
    ours = BeamSearch(beams, EOT, [{} for _ in range(windows)])
    their_tokens = torch.tensor([PROMPT] * windows * beams)
    their_sums = torch.zeros(windows * beams)
    our_tokens, our_sums, active = their_tokens.clone(), their_sums.clone(), list(range(windows))

    for step in range(12):
        logits = random_logits(generator, windows, beams, step)
        result = ours.update(our_tokens, logits[rows_of(active, beams)].clone(), our_sums, active)
        their_tokens, completed = theirs.update(their_tokens, logits, their_sums)
        active = [active[p] for p in result.kept]
        assert torch.equal(result.tokens, their_tokens[rows_of(active, beams)])
        assert torch.allclose(result.sum_logprobs, their_sums[rows_of(active, beams)])
        our_tokens, our_sums = result.tokens, result.sum_logprobs
        if completed:
            assert active == []
            break
    ours.finish(our_tokens, our_sums, active)
    their_candidates, their_scores = theirs.finalize(
        their_tokens.reshape(windows, beams, -1), their_sums.reshape(windows, beams)
    )
    for window in range(windows):
        expected = {
            tuple(t.tolist()): s for t, s in zip(their_candidates[window], their_scores[window], strict=True)
        }
        assert ours.finished[window].keys() == expected.keys()
        assert list(ours.finished[window].values()) == pytest.approx(list(expected.values()), abs=1e-5)


def test_sampling_at_zero_is_greedy_and_a_window_stops_when_every_sample_has_ended() -> None:
    sampling = Sampling(2, EOT, 0.0, [{}, {}])
    tokens = torch.tensor([PROMPT] * 4)
    logits = torch.zeros(4, VOCAB)
    logits[:2, EOT] = 5  # the first window's two samples end the text
    logits[2:, 11] = 5  # the second window's go on with token 11
    step = sampling.update(tokens, logits, torch.zeros(4), [0, 1])
    assert step.kept == [1] and step.rows == [2, 3]
    assert step.tokens.tolist() == [[*PROMPT, 11]] * 2
    assert list(sampling.finished[0]) == [(*PROMPT, EOT, EOT)]
    sampling.finish(step.tokens, step.sum_logprobs, [1])
    assert list(sampling.finished[1]) == [(*PROMPT, 11, EOT)]


@pytest.fixture(scope="module")
def tokenizer() -> object:
    return get_tokenizer(multilingual=False)


def histories(tokenizer: object, generator: np.random.Generator, rows: int, length: int) -> torch.Tensor:
    """Token histories as whisper makes them: text, and timestamps that never go back."""
    begin = tokenizer.timestamp_begin  # type: ignore[attr-defined]
    histories = []
    for _ in range(rows):
        tokens, time = list(PROMPT), 0
        for _ in range(length):
            if generator.random() < 0.4:
                time += int(generator.integers(0, 30))
                tokens.append(begin + min(time, 1500))
            else:
                tokens.append(int(generator.integers(0, 50000)))
        histories.append(tokens)
    return torch.tensor(histories)


@pytest.mark.parametrize("length", [0, 1, 2, 5, 20])
def test_timestamp_rules_mask_what_whisper_masks(tokenizer: object, length: int) -> None:
    generator = np.random.default_rng(length)
    theirs = ApplyTimestampRules(tokenizer, len(PROMPT), 50)  # type: ignore[arg-type]
    ours = TimestampRules.like(theirs)
    for _ in range(5):
        tokens = histories(tokenizer, generator, 16, length)
        logits = torch.from_numpy(generator.normal(0, 3, (16, 51864)).astype(np.float32))
        expected, masked = logits.clone(), logits.clone()
        theirs.apply(expected, tokens)
        ours.apply(masked, tokens)
        assert torch.equal(masked, expected)
