"""The whisper engine's encoder memory: the same spectrogram is encoded once, any other is encoded."""

from __future__ import annotations

from types import SimpleNamespace

import torch

from showprep.adapters.engines.openai_engine import remember_last_encoding


class CountingEncoder(torch.nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    def forward(self, mel: torch.Tensor) -> torch.Tensor:
        self.calls += 1
        return mel * 2


def test_the_same_spectrogram_is_encoded_once_and_a_new_one_again() -> None:
    counting = CountingEncoder()
    model = remember_last_encoding(SimpleNamespace(encoder=counting))
    window = torch.rand(1, 80, 3000)
    first = model.encoder(window)
    assert torch.equal(model.encoder(window.clone()), first) and counting.calls == 1
    assert torch.equal(model.encoder(window[0].unsqueeze(0)), first) and counting.calls == 1

    window[0, 0, 0] += 1  # a new window in the same memory
    assert torch.equal(model.encoder(window), window * 2) and counting.calls == 2
    other_shape = torch.rand(1, 80, 1500)
    assert torch.equal(model.encoder(other_shape), other_shape * 2) and counting.calls == 3
