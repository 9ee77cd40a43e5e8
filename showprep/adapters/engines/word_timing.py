"""whisper's word timings (`whisper.timing`), made cheaper on a CPU without changing their results.

Word timings align each word with the audio: whisper runs the model once more over a window's text,
smooths the attention of its alignment heads with a median filter and finds the best path through it
by dynamic time warping (DTW, compiled by numba). `prepare_word_timing` removes what that costs a CPU
for nothing: encoding the audio a second time, recompiling the DTW in every process, numba threads
that spin beside torch's, and a median filter that sorts where seven values need only be compared;
and it runs the pass's two largest products in bfloat16.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import torch

    from showprep.adapters.engines.bfloat16_weights import DecoderWeights

MEDIAN_NETWORK = (
    (0, 6), (2, 3), (4, 5), (0, 2), (1, 4), (3, 6), (0, 1), (2, 5),
    (3, 4), (1, 2), (4, 6), (2, 3), (4, 5), (1, 2), (3, 4), (5, 6),
)  # fmt: skip
"""A sorting network for seven values (Knuth, TAOCP 5.3.4): compare-and-swap in this order sorts
them, so the fourth is their median."""
MEDIAN_NETWORK_INPUTS = range(7)
ROWS_STEP = 64
"""The text pass projects onto the vocabulary a multiple of this many rows (see text_pass_in_bfloat16)."""


def prepare_word_timing(model: Any, weights: DecoderWeights) -> Any:
    """Set up whisper's word timing for `model` (whose decoder's weights in bfloat16 are `weights`),
    and return the model to use (see the module)."""
    import whisper.timing

    _calm_numba_threads()
    for function in (whisper.timing.dtw_cpu, whisper.timing.backtrace):
        # Compiling these costs about 2.7 s per process; cached, numba stores the machine code
        # (beside whisper's sources, or in the user's cache where those are read-only) and reuses it.
        function.enable_caching()
    whisper.timing.median_filter = median_filter
    return text_pass_in_bfloat16(accept_encoded_audio(model), weights)


def median_filter(x: torch.Tensor, filter_width: int) -> torch.Tensor:
    """whisper's `median_filter` on a CPU: the same values, edges reflected the same way. whisper
    sorts every run of `filter_width` values, which took a third of word timing; for word timing's
    width of seven, a sorting network's comparisons do the same at a fraction of the cost."""
    import torch
    import torch.nn.functional as F

    pad, width = filter_width // 2, x.shape[-1]
    if width <= pad:
        return x
    flat = x.ndim <= 2
    # Reflection padding wants a 3- or 4-dimensional tensor.
    padded = F.pad(x[None, None] if flat else x, (pad, pad, 0, 0), mode="reflect")
    if filter_width == len(MEDIAN_NETWORK_INPUTS):
        values = [padded[..., i : i + width] for i in MEDIAN_NETWORK_INPUTS]
        for a, b in MEDIAN_NETWORK:
            values[a], values[b] = torch.minimum(values[a], values[b]), torch.maximum(values[a], values[b])
        result = values[pad]
    else:
        result = padded.unfold(-1, filter_width, 1).sort()[0][..., pad]
    return result[0, 0] if flat else result


def accept_encoded_audio(model: Any) -> Any:
    """The model with an encoder that lets audio already encoded pass through unchanged.

    For word timings whisper runs the whole model once more over each window, encoder included (and
    with torch's fast attention switched off): a third of the run's time would go into recomputing
    features the decoding computed a moment before. Handed those features instead of the
    spectrogram, the encoder returns them as they are; whisper's own decoding recognises encoded
    audio the same way, by its shape.
    """
    import torch

    encoded_shape = (model.dims.n_audio_ctx, model.dims.n_audio_state)

    class PassingEncoder(torch.nn.Module):
        def __init__(self, encoder: Any) -> None:
            super().__init__()
            self.encoder = encoder

        def forward(self, audio: torch.Tensor) -> torch.Tensor:
            if tuple(audio.shape[-2:]) == encoded_shape:
                return audio
            features: torch.Tensor = self.encoder(audio)
            return features

    model.encoder = PassingEncoder(model.encoder)
    return model


def text_pass_in_bfloat16(model: Any, weights: DecoderWeights) -> Any:
    """The model with a forward pass whose two largest products run in bfloat16 (see
    bfloat16_weights): the keys and values of the audio in each block's attention to it, and the
    projection onto the 51,864-token vocabulary, which gives the words' probabilities.

    Word timing runs the model once over each window's text; these products took two thirds of it.
    The rest is whisper's own blocks, so the attention weights the timing reads are still computed
    in float32, by the modules its hooks are on. On the benchmark's speech, 655 of 666 words' times
    come out the same as in float32, ten differ by 20 ms and one by 80 ms.

    The projection's rows, one per token, are padded to a multiple of ROWS_STEP: torch prepares its
    bfloat16 kernels anew for each shape of product it has not met yet, which with a new token count
    for nearly every window cost more than the product itself.
    """
    import torch.nn.functional as F

    decoder = model.decoder

    def forward(mel: torch.Tensor, tokens: torch.Tensor) -> torch.Tensor:
        audio = model.encoder(mel)
        # Keys and values found in the cache are used as they are (whisper's MultiHeadAttention).
        cache: dict[Any, torch.Tensor] = {}
        for block, key, value in zip(decoder.blocks, weights.audio_keys, weights.audio_values, strict=True):
            cache[block.cross_attn.key] = key(audio)
            cache[block.cross_attn.value] = value(audio)
        x = decoder.token_embedding(tokens) + decoder.positional_embedding[: tokens.shape[-1]]
        for block in decoder.blocks:
            x = block(x, audio, mask=decoder.mask, kv_cache=cache)
        rows = x.shape[-2]
        padded = F.pad(decoder.ln(x), (0, 0, 0, -rows % ROWS_STEP))
        logits: torch.Tensor = weights.output(padded)[..., :rows, :]
        return logits

    model.forward = forward
    return model


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
