"""Whisper's beam search run over many 30-second windows at once, with less arithmetic per step.

openai-whisper decodes one window at a time. For a small model on a CPU, a decoding step costs
mostly fixed overheads (Python, operator dispatch, reading the weights), so a step for eight windows
costs little more than a step for one. `WindowDecoder.decode` decodes a batch of windows together
with whisper's own pieces (tokenizer, logit filters, beam search, ranking), taken from its
`DecodingTask`. Its decoder pass keeps whisper's results while doing less work:

- the audio's keys and values for cross-attention are computed once per window, not once per beam,
  kept in bfloat16, and each window's beams attend to them together (one query block per window);
- the first pass over the prompt runs once per window, since every beam of a window starts from the
  same tokens;
- each step writes its self-attention keys and values into room kept for them, where whisper
  concatenates, copying the whole cache at every step; and reordering them for the beams carried on
  writes into the buffer the previous layer's reordering freed, not into a new one each time;
- logits are computed only where the loop reads them: the start-of-transcript position (for the
  no-speech probability) and the last position;
- the output projection onto the 51,864-token vocabulary, the largest product of each step, runs
  in bfloat16, and so does the encoder (see `WindowDecoder`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from showprep.adapters.engines.bfloat16_weights import DecoderWeights, Linear
from showprep.adapters.engines.window_search import BeamSearch, Candidates, Sampling, TimestampRules

if TYPE_CHECKING:
    import torch


ROOM = 32
"""Positions the self-attention cache grows by when full: few enough to copy little when reordering
beams, enough to make room rarely."""


class _GroupedInference:
    """The decoder's forward pass for `groups` of beams, each group sharing one window's audio."""

    def __init__(
        self,
        decoder: Any,
        weights: DecoderWeights,
        audio_features: torch.Tensor,
        group: int,
        sot_index: int,
    ) -> None:
        self.decoder = decoder
        self.weights = weights
        self.group = group
        self.sot_index = sot_index
        self.cross = [
            _audio_keys_and_values(block.cross_attn.n_head, key, value, audio_features)
            for block, key, value in zip(
                decoder.blocks, weights.audio_keys, weights.audio_values, strict=True
            )
        ]
        """Each layer's keys and values of the audio, [windows, heads, frames, head width]."""
        self.cache: list[tuple[torch.Tensor, torch.Tensor]] = []
        """Each layer's self-attention keys and values, [rows, room, width]: the first `length`
        positions are filled, and the room beyond lets each step write its own in place."""
        self.length = 0
        self.spare: torch.Tensor | None = None
        """A buffer shaped as the cache's tensors, free to take the next reordering."""

    def logits(self, tokens: torch.Tensor) -> torch.Tensor:
        """Logits at (start of transcript, last position) on the first call; at the last one after."""
        if not self.length:
            # Every beam of a window starts from the same tokens: run one of them and copy the result.
            rows = self.decoder_pass(tokens[:: self.group])
            self.cache = [(self.per_beam(k), self.per_beam(v)) for k, v in self.cache]
            picked = rows[:, [self.sot_index, -1]]
            return self.per_beam(self.project(picked))
        return self.project(self.decoder_pass(tokens[:, -1:]))

    def per_beam(self, rows: torch.Tensor) -> torch.Tensor:
        """Rows of one per window repeated for each of the window's beams."""
        return rows.repeat_interleave(self.group, 0)

    def decoder_pass(self, tokens: torch.Tensor) -> torch.Tensor:
        d = self.decoder
        offset, end = self.length, self.length + tokens.shape[-1]
        x: torch.Tensor = d.token_embedding(tokens) + d.positional_embedding[offset:end]
        for n, block in enumerate(d.blocks):
            h = block.attn_ln(x)
            q, k, v = block.attn.query(h), block.attn.key(h), block.attn.value(h)
            if offset:
                k, v = self.remember(n, k, v)
            else:
                self.cache.append((k, v))
            x = x + block.attn.out(_attend(q, k, v, block.attn.n_head, causal=not offset and q.shape[1] > 1))
            h = block.cross_attn_ln(x)
            x = x + block.cross_attn.out(_attend_audio(block.cross_attn.query(h), *self.cross[n]))
            x = x + block.mlp(block.mlp_ln(x))
        self.length = end
        return x

    def remember(self, layer: int, k: torch.Tensor, v: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """The layer's keys and values with this step's added in place, making room when it runs out:
        growing them by concatenation instead would copy them all at every step."""
        keys, values = self.cache[layer]
        start, end = self.length, self.length + k.shape[1]
        if end > keys.shape[1]:
            keys, values = _with_room(keys, end + ROOM), _with_room(values, end + ROOM)
            self.cache[layer] = (keys, values)
        keys[:, start:end], values[:, start:end] = k, v
        return keys[:, :end], values[:, :end]

    def project(self, x: torch.Tensor) -> torch.Tensor:
        return self.weights.output(self.decoder.ln(x))

    def reordered(self, cache: torch.Tensor, order: torch.Tensor) -> torch.Tensor:
        """`cache`'s rows in `order`, written into the spare buffer; `cache` becomes the spare.

        A fresh tensor for each of the eight reorderings of a step would cost more than the copying
        itself: allocating and first touching megabytes of memory. Rows only ever drop out (windows
        that are done), so the spare always has room for them.
        """
        import torch

        spare = self.spare
        if spare is None or spare.shape[1:] != cache.shape[1:]:
            spare = torch.empty_like(cache)
        self.spare = cache
        return torch.index_select(cache, 0, order, out=spare[: order.shape[0]])

    def select(self, rows: list[int], windows: list[int]) -> None:
        """Keep the given rows (beams carried on) and windows (those still being decoded)."""
        if rows != list(range(self.cache[0][0].shape[0])):
            import torch

            order = torch.tensor(rows)
            for layer, (k, v) in enumerate(self.cache):
                self.cache[layer] = (self.reordered(k, order), self.reordered(v, order))
        if windows != list(range(self.cross[0][0].shape[0])):
            for layer, (k, v) in enumerate(self.cross):
                self.cross[layer] = (k[windows], v[windows])


def _with_room(cache: torch.Tensor, room: int) -> torch.Tensor:
    """`cache` ([rows, positions, width]) copied into a tensor with `room` positions."""
    grown = cache.new_empty(cache.shape[0], room, cache.shape[2])
    grown[:, : cache.shape[1]] = cache
    return grown


def _audio_keys_and_values(
    heads: int, key: Linear, value: Linear, audio_features: torch.Tensor
) -> tuple[torch.Tensor, torch.Tensor]:
    """One layer's keys and values of the audio, split into heads, in the type of their weights."""

    def split(projected: torch.Tensor) -> torch.Tensor:
        return (
            projected.view(*projected.shape[:2], heads, -1).transpose(1, 2).to(key.weight.dtype).contiguous()
        )

    return split(key(audio_features)), split(value(audio_features))


def _attend_audio(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor) -> torch.Tensor:
    """Cross-attention: each window's beams (queries [rows, positions, width], one window's beams
    after another) attend to that window's audio together."""
    import torch.nn.functional as F

    windows, heads, _, width = k.shape
    grouped = q.reshape(windows, -1, heads, width).transpose(1, 2).to(k.dtype)
    out = F.scaled_dot_product_attention(grouped, k, v)
    return out.transpose(1, 2).reshape(q.shape).to(q.dtype)


def _attend(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, heads: int, causal: bool) -> torch.Tensor:
    import torch.nn.functional as F

    def split(t: torch.Tensor) -> torch.Tensor:
        return t.view(*t.shape[:2], heads, -1).transpose(1, 2)

    out = F.scaled_dot_product_attention(split(q), split(k), split(v), is_causal=causal)
    return out.transpose(1, 2).flatten(2)


@dataclass
class WindowDecoder:
    """A whisper model made ready to encode and decode windows in batches.

    The encoder, the output projection and the audio's keys and values for cross-attention run in
    bfloat16. On this project's benchmark machine (an AMD EPYC with AVX-512 bfloat16 instructions)
    the first two made transcription about a quarter faster, with the same word error rate; the
    encoder's features stay within about 1% of full precision. The keys and values are half the
    size: six windows' take 55 MB instead of 110 MB, half of what a batch adds to memory.

    The decoder's other linear layers stay in float32. In bfloat16 they made the decoding steps a
    seventh faster, but torch's bfloat16 kernels keep state for each shape of product they meet (the
    rows change with every window that finishes), and an hour of audio then peaked 40 to 60 MB
    higher, at the edge of 1 GiB. Self-attention and beam scores stay in float32 too, and so do the
    attention weights word timing reads (see word_timing).
    """

    model: Any
    weights: DecoderWeights
    """The model's decoder weights, in bfloat16 but for a test."""

    def encode(self, mel: torch.Tensor) -> torch.Tensor:
        """Audio features [n, 1500, width] for log-mel windows [n, 80, 3000]."""
        import torch

        # One window at a time: a batch is no faster, and its attention scores take 100 MB a window.
        with torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16):
            return torch.cat([self.model.encoder(window[None]).float() for window in mel])

    def decode(self, audio_features: torch.Tensor, options: Any) -> list[Any]:
        """whisper.decode() for a batch of encoded windows, with `options.language` set.

        Returns one whisper DecodingResult per window, as whisper.decode() would.
        """
        import torch
        from whisper.decoding import ApplyTimestampRules, DecodingResult, DecodingTask
        from whisper.utils import compression_ratio

        if options.language is None:
            raise ValueError("WindowDecoder.decode needs the language: detect it first")
        task = DecodingTask(self.model, options)
        tokenizer = task.tokenizer
        n_audio = audio_features.shape[0]
        search = _search(task, options, n_audio)
        filters = [
            TimestampRules.like(f) if isinstance(f, ApplyTimestampRules) else f for f in task.logit_filters
        ]
        with torch.inference_mode():
            inference = _GroupedInference(
                self.model.decoder, self.weights, audio_features, task.n_group, task.sot_index
            )
            active = list(range(n_audio))
            tokens = torch.tensor([task.initial_tokens]).repeat(n_audio * task.n_group, 1)
            sum_logprobs = torch.zeros(tokens.shape[0])
            no_speech_probs = [float("nan")] * n_audio
            for i in range(task.sample_len):
                logits = inference.logits(tokens)
                if i == 0 and tokenizer.no_speech is not None:
                    probabilities = logits[:: task.n_group, 0].softmax(dim=-1)
                    no_speech_probs = probabilities[:, tokenizer.no_speech].tolist()
                logits = logits[:, -1]
                for logit_filter in filters:
                    logit_filter.apply(logits, tokens)
                step = search.update(tokens, logits, sum_logprobs, active)
                tokens, sum_logprobs = step.tokens, step.sum_logprobs
                active = [active[p] for p in step.kept]
                if not active or tokens.shape[-1] > task.n_ctx:
                    break
                inference.select(step.rows, step.kept)
            search.finish(tokens, sum_logprobs, active)
        results = []
        for n, candidates in enumerate(search.finished):
            trimmed = [
                list(c[task.sample_begin : c.index(tokenizer.eot, task.sample_begin)]) for c in candidates
            ]
            logprobs = list(candidates.values())
            best = task.sequence_ranker.rank([trimmed], [logprobs])[0]
            chosen = trimmed[best]
            text = tokenizer.decode(chosen).strip()
            results.append(
                DecodingResult(
                    audio_features=audio_features[n],
                    language=options.language,
                    tokens=chosen,
                    text=text,
                    avg_logprob=logprobs[best] / (len(chosen) + 1),
                    no_speech_prob=no_speech_probs[n],
                    temperature=options.temperature,
                    compression_ratio=compression_ratio(text),
                )
            )
        return results


def _search(task: Any, options: Any, windows: int) -> BeamSearch | Sampling:
    """The token search whisper's task would use, in its batched form."""
    finished: list[Candidates] = [{} for _ in range(windows)]
    if options.beam_size is not None:
        return BeamSearch(task.n_group, task.tokenizer.eot, finished)
    return Sampling(task.n_group, task.tokenizer.eot, options.temperature, finished)
