"""Choosing the next token for a batch of windows: whisper's rules, applied to every row at once.

whisper's `BeamSearchDecoder`, `GreedyDecoder` and `ApplyTimestampRules` walk the rows of a batch in
Python, one tensor element at a time, and keep decoding a window after it has finished until the
whole batch has. For a batch of windows both costs add up to a third of the decoding time. The
classes here make the same choices, with one pass of tensor operations per step, and report which
windows have finished so the caller can stop computing them.

A search's state is its rows: `group` consecutive rows (beams, or samples) per window still being
decoded, in the order of `active` (indices into the batch).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import torch

Candidates = dict[tuple[int, ...], float]
"""Finished token sequences of one window (prompt included, ending in end-of-text), with their
summed log-probabilities."""


@dataclass
class Step:
    """The rows after one step: which old rows they continue, and which windows are still going."""

    tokens: torch.Tensor
    sum_logprobs: torch.Tensor
    rows: list[int]
    """For each new row, the old row it extends."""
    kept: list[int]
    """Positions (in the old `active`) of the windows still being decoded."""


@dataclass
class BeamSearch:
    """whisper's beam search (`BeamSearchDecoder` with patience 1), vectorised over windows.

    For each window, every beam proposes its `group + 1` likeliest next tokens; of all proposals the
    best `group` that do not end the text carry on, and those that end it, ranked above the last
    one kept, join the window's finished candidates. A window is done once it has `group`
    finished candidates.
    """

    group: int
    eot: int
    finished: list[Candidates]
    first: bool = True
    """All beams of a window start out equal, so the first step draws proposals from one of them."""

    def update(
        self, tokens: torch.Tensor, logits: torch.Tensor, sum_logprobs: torch.Tensor, active: list[int]
    ) -> Step:
        import torch
        import torch.nn.functional as F

        group, width = self.group, self.group + 1
        logprobs = F.log_softmax(logits.float(), dim=-1)
        top_logprobs, top_tokens = logprobs.topk(width, dim=-1)
        scores = (sum_logprobs[:, None] + top_logprobs).view(len(active), group, width)
        proposals = top_tokens.view(len(active), group, width)
        if self.first:
            scores, proposals = scores[:, :1], proposals[:, :1]
            self.first = False
        scores, proposals = scores.flatten(1), proposals.flatten(1)
        order = torch.sort(scores, dim=1, descending=True, stable=True).indices
        score_rows, token_rows, order_rows = scores.tolist(), proposals.tolist(), order.tolist()

        rows: list[int] = []
        next_tokens: list[int] = []
        next_scores: list[float] = []
        kept: list[int] = []
        for position, window in enumerate(active):
            carried: list[tuple[int, int, float]] = []
            ended: list[tuple[int, float]] = []
            for candidate in order_rows[position]:
                row = position * group + candidate // width
                token, score = token_rows[position][candidate], score_rows[position][candidate]
                if token == self.eot:
                    ended.append((row, score))
                    continue
                carried.append((row, token, score))
                if len(carried) == group:
                    break
            finished = self.finished[window]
            for row, score in ended:
                if len(finished) >= group:
                    break
                finished[(*tokens[row].tolist(), self.eot)] = score
            if len(finished) >= group:
                continue
            kept.append(position)
            for row, token, score in carried:
                rows.append(row)
                next_tokens.append(token)
                next_scores.append(score)
        continued = torch.cat([tokens[rows], torch.tensor(next_tokens, dtype=tokens.dtype)[:, None]], dim=-1)
        return Step(continued, torch.tensor(next_scores), rows, kept)

    def finish(self, tokens: torch.Tensor, sum_logprobs: torch.Tensor, active: list[int]) -> None:
        """Windows cut off by the length limit: their best unfinished beams count as finished."""
        group = self.group
        for position, window in enumerate(active):
            finished = self.finished[window]
            beams = range(position * group, (position + 1) * group)
            for row in sorted(beams, key=lambda r: float(sum_logprobs[r]), reverse=True):
                if len(finished) >= group:
                    break
                finished[(*tokens[row].tolist(), self.eot)] = float(sum_logprobs[row])


@dataclass
class Sampling:
    """whisper's `GreedyDecoder`: `group` samples per window at `temperature` (argmax at 0).

    A window is done when all its samples have ended the text.
    """

    group: int
    eot: int
    temperature: float
    finished: list[Candidates]

    def update(
        self, tokens: torch.Tensor, logits: torch.Tensor, sum_logprobs: torch.Tensor, active: list[int]
    ) -> Step:
        import torch
        import torch.nn.functional as F
        from torch.distributions import Categorical

        if self.temperature == 0:
            next_tokens = logits.argmax(dim=-1)
        else:
            next_tokens = Categorical(logits=logits / self.temperature).sample()  # type: ignore[no-untyped-call]
        logprobs = F.log_softmax(logits.float(), dim=-1)
        ended = tokens[:, -1] == self.eot
        sum_logprobs = sum_logprobs + logprobs[torch.arange(len(next_tokens)), next_tokens] * ~ended
        next_tokens[ended] = self.eot
        tokens = torch.cat([tokens, next_tokens[:, None]], dim=-1)
        done = (tokens[:, -1] == self.eot).view(len(active), self.group).all(dim=1).tolist()
        for position, window in enumerate(active):
            if done[position]:
                self._keep(tokens, sum_logprobs, position, window)
        kept = [p for p in range(len(active)) if not done[p]]
        rows = [p * self.group + j for p in kept for j in range(self.group)]
        return Step(tokens[rows], sum_logprobs[rows], rows, kept)

    def finish(self, tokens: torch.Tensor, sum_logprobs: torch.Tensor, active: list[int]) -> None:
        """Windows cut off by the length limit: their samples count as they are."""
        for position, window in enumerate(active):
            self._keep(tokens, sum_logprobs, position, window)

    def _keep(self, tokens: torch.Tensor, sum_logprobs: torch.Tensor, position: int, window: int) -> None:
        for row in range(position * self.group, (position + 1) * self.group):
            self.finished[window][(*tokens[row].tolist(), self.eot)] = float(sum_logprobs[row])


@dataclass
class TimestampRules:
    """whisper's `ApplyTimestampRules`, the same rules on all rows at once.

    Timestamps come in pairs (except right before the end of text), never go backwards, and a
    segment is never empty; the first token is a timestamp no later than `max_initial_timestamp`;
    and where the timestamps together are likelier than any text token, a timestamp comes next.
    """

    tokenizer: Any
    sample_begin: int
    max_initial_timestamp_index: int | None
    _columns: dict[int, torch.Tensor] = field(default_factory=dict)

    @classmethod
    def like(cls, rules: Any) -> TimestampRules:
        """The same rules as a whisper `ApplyTimestampRules`."""
        return cls(rules.tokenizer, rules.sample_begin, rules.max_initial_timestamp_index)

    def apply(self, logits: torch.Tensor, tokens: torch.Tensor) -> None:
        import torch

        begin, eot = self.tokenizer.timestamp_begin, self.tokenizer.eot
        if self.tokenizer.no_timestamps is not None:
            logits[:, self.tokenizer.no_timestamps] = -torch.inf
        sampled = tokens[:, self.sample_begin :]
        if sampled.shape[1]:
            stamps = sampled >= begin
            last = stamps[:, -1]
            penultimate = stamps[:, -2] if sampled.shape[1] >= 2 else torch.ones_like(last)
            _forbid(logits, last & penultimate, begin, None)
            _forbid(logits, last & ~penultimate, None, eot)
            # Timestamps may not go back, and a segment may not be empty.
            where = torch.where(stamps, self._column(sampled.shape[1]), -1).amax(dim=1)
            latest = sampled.gather(1, where.clamp(min=0)[:, None])[:, 0]
            floor = latest + (~(last & ~penultimate)).to(latest.dtype)
            floor[where < 0] = begin
            timestamp_logits = logits[:, begin:]
            below = self._column(timestamp_logits.shape[1]) < (floor - begin)[:, None]
            timestamp_logits.masked_fill_(below, -torch.inf)
        else:
            logits[:, :begin] = -torch.inf
            if self.max_initial_timestamp_index is not None:
                logits[:, begin + self.max_initial_timestamp_index + 1 :] = -torch.inf
        # whisper compares log-probabilities; both sides share the row's normaliser, so logits will do.
        timestamp_likelier = logits[:, begin:].logsumexp(dim=-1) > logits[:, :begin].amax(dim=-1)
        _forbid(logits, timestamp_likelier, None, begin)

    def _column(self, width: int) -> torch.Tensor:
        import torch

        if width not in self._columns:
            self._columns[width] = torch.arange(width)
        return self._columns[width]


def _forbid(logits: torch.Tensor, rows: torch.Tensor, start: int | None, stop: int | None) -> None:
    """Rule out tokens start:stop in the rows marked: row by row, since few rows are marked at a time
    and indexing with a mask of rows costs a pass over the whole batch."""
    for row in rows.nonzero().flatten().tolist():
        logits[row, start:stop] = -float("inf")
