"""A Whisper decoder's largest products in bfloat16, for their time on a CPU.

With AVX-512 bfloat16 instructions a product in bfloat16 reads half the bytes of weights and does
twice the arithmetic per instruction of one in float32. The layers here take and give float32, so
what lies between them (residual sums, layer norms, softmax) keeps full precision. Made in float32
instead, they compute exactly what the model's own layers do, which lets a test tell the decoding's
logic apart from its precision.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import torch


@dataclass(frozen=True)
class Linear:
    """A linear layer's weights in a given type, applied to float32 activations with a float32 result."""

    weight: torch.Tensor
    bias: torch.Tensor | None

    @classmethod
    def of(cls, weight: torch.Tensor, bias: torch.Tensor | None, dtype: torch.dtype) -> Linear:
        return cls(weight.detach().to(dtype), None if bias is None else bias.detach().to(dtype))

    def __call__(self, x: torch.Tensor) -> torch.Tensor:
        import torch.nn.functional as F

        return F.linear(x.to(self.weight.dtype), self.weight, self.bias).float()


@dataclass(frozen=True)
class DecoderWeights:
    """The weights of the decoder's largest products: each block's projections of the audio into keys
    and values for its attention to the audio (1500 frames a window), and the token embedding, which
    Whisper reuses as its output projection onto the vocabulary (51,864 tokens)."""

    audio_keys: tuple[Linear, ...]
    audio_values: tuple[Linear, ...]
    output: Linear

    @classmethod
    def of(cls, decoder: Any, dtype: torch.dtype | None = None) -> DecoderWeights:
        """`decoder`'s weights in `dtype` (None: bfloat16)."""
        import torch

        dtype = dtype or torch.bfloat16
        attentions = [block.cross_attn for block in decoder.blocks]
        return cls(
            tuple(Linear.of(a.key.weight, a.key.bias, dtype) for a in attentions),
            tuple(Linear.of(a.value.weight, a.value.bias, dtype) for a in attentions),
            Linear.of(decoder.token_embedding.weight, None, dtype),
        )
