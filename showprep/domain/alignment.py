"""Where each planned segment was really discussed: chapters from the plan and the transcript.

The plan says what the hosts meant to talk about; the recording says what they did, in whatever order,
with a long intro, a skipped segment or an aside. Each segment becomes a profile of weighted words
(title, points, its articles' titles, names and text, see `terms`), and every sentence of the
transcript is scored against every profile, forgiving misheard names. The scores, smoothed over a
short window, are turned into evidence above a threshold, and a dynamic programme (Viterbi with a
price for every change of topic) cuts the recording into contiguous blocks, each about one segment or
about none of them. A segment may own only one block; a segment whose best block is weak is reported as
not covered. Block boundaries are then moved to the sentence where the new topic's words begin.

The result is chapters in recorded order starting at sentence starts, the first at 0 ("Intro" when
the first segment starts later), and a coverage report for the rundown and the warnings.
"""

from __future__ import annotations

import itertools
import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from showprep.domain.coverage import CoverageReport, SegmentCoverage
from showprep.domain.episode import Episode, Segment
from showprep.domain.sentences import Sentence, split_sentences
from showprep.domain.source import Source
from showprep.domain.terms import FuzzyVocabulary, segment_profile
from showprep.domain.transcript import Chapter, Transcript


@dataclass(frozen=True)
class AlignmentSettings:
    """The knobs of the alignment; the defaults suit conversational podcasts of any length."""

    switch_penalty: float = 4.0
    """Evidence a change of topic must earn; keeps a passing mention from becoming a chapter."""
    min_evidence: float = 8.0
    """Weighted words a segment's block must hold to count as covered (two or three clear mentions)."""
    threshold_share: float = 0.2
    """The per-second evidence threshold, as a share of the typical peak rate of the segments."""
    threshold_floor: float = 0.05
    """Lowest per-second threshold, so that a recording with little evidence does not find topics in noise."""
    distinctive_weight: float = 1.5
    """Words weighing at least this may be matched loosely (misheard names)."""
    min_intro: float = 10.0
    """An opening shorter than this (seconds) joins the first chapter instead of being an intro chapter."""
    intro_title: str = "Intro"


DEFAULT_SETTINGS = AlignmentSettings()


@dataclass(frozen=True)
class Alignment:
    """Chapters for the published episode and the coverage of the plan."""

    chapters: tuple[Chapter, ...]
    coverage: CoverageReport


@dataclass(frozen=True)
class _Block:
    label: int
    """Index of the segment, or -1 for talk about none of them."""
    first: int
    last: int
    """Sentence indices, inclusive."""


NONE = -1


def main_source(segment: Segment, sources: Mapping[str, Source]) -> Source | None:
    """The segment's first source that exists: it gives the chapter its link and image."""
    return next((sources[s] for s in segment.sources if s in sources), None)


def article_link(source: Source) -> str:
    """The address of the article as read: after redirects when known."""
    return source.final_url or source.url


def align(
    episode: Episode,
    sources: Mapping[str, Source],
    transcript: Transcript,
    settings: AlignmentSettings = DEFAULT_SETTINGS,
    *,
    sentences: Sequence[Sentence] | None = None,
) -> Alignment:
    """Locate each planned segment in the transcript; see the module docstring for how.

    `sentences` are the transcript's, when the caller has split it already.
    """
    segments = episode.segments
    if sentences is None:
        sentences = split_sentences(transcript)
    if not sentences or not segments:
        return Alignment((), _report(segments, sentences, [], []))
    raw = _raw_scores(segments, sources, sentences, settings)
    blocks, threshold = _segment_blocks(raw, sentences, settings)
    blocks = _refine_boundaries(blocks, raw, sentences, threshold)
    chapters = _chapters(blocks, segments, sources, sentences, settings)
    return Alignment(chapters, _report(segments, sentences, blocks, raw, chapters))


def _raw_scores(
    segments: Sequence[Segment],
    sources: Mapping[str, Source],
    sentences: Sequence[Sentence],
    settings: AlignmentSettings,
) -> list[list[float]]:
    """raw[s][i]: how strongly sentence i speaks of segment s."""
    profiles = [segment_profile(segment, sources) for segment in segments]
    count = len(profiles)
    segment_frequency: dict[str, int] = {}
    for profile in profiles:
        for term in profile:
            segment_frequency[term] = segment_frequency.get(term, 0) + 1
    index: dict[str, list[tuple[int, float]]] = {}
    for s, profile in enumerate(profiles):
        for term, weight in profile.items():
            shared_by = segment_frequency[term]
            specificity = 1.0 if count == 1 else math.log1p(count / shared_by) / math.log1p(count)
            index.setdefault(term, []).append((s, weight * specificity))
    distinctive = {t for t, hits in index.items() if max(w for _, w in hits) >= settings.distinctive_weight}
    vocabulary = FuzzyVocabulary(index, distinctive)

    sentence_terms = [set(sentence.terms) for sentence in sentences]
    document_frequency: dict[str, int] = {}
    for terms in sentence_terms:
        for term in terms:
            document_frequency[term] = document_frequency.get(term, 0) + 1
    total = len(sentences)

    raw = [[0.0] * total for _ in segments]
    for i, terms in enumerate(sentence_terms):
        for word in terms:
            matches = vocabulary.lookup(word)
            if not matches:
                continue
            term, similarity = matches[0]
            share = document_frequency[word] / total
            rarity = 1.0 if share <= 0.1 else max(0.25, math.log(1 / share) / math.log(10))
            for s, weight in index[term]:
                raw[s][i] += weight * similarity * rarity
    return raw


def _window_rates(
    raw: list[list[float]], sentences: Sequence[Sentence], half_window: float
) -> list[list[float]]:
    """Per segment and sentence: evidence per second within `half_window` seconds of the sentence."""
    mids = [(s.start + s.end) / 2 for s in sentences]
    durations = [max(s.duration, 0.5) for s in sentences]
    total = len(sentences)
    ranges = []
    lo = hi = 0
    for i in range(total):
        while mids[lo] < mids[i] - half_window:
            lo += 1
        while hi + 1 < total and mids[hi + 1] <= mids[i] + half_window:
            hi += 1
        ranges.append((lo, hi))
    prefix_duration = [0.0]
    for d in durations:
        prefix_duration.append(prefix_duration[-1] + d)
    rates = []
    for scores in raw:
        prefix = [0.0]
        for value in scores:
            prefix.append(prefix[-1] + value)
        rates.append(
            [
                (prefix[hi + 1] - prefix[lo]) / (prefix_duration[hi + 1] - prefix_duration[lo])
                for lo, hi in ranges
            ]
        )
    return rates


def _segment_blocks(
    raw: list[list[float]], sentences: Sequence[Sentence], settings: AlignmentSettings
) -> tuple[list[_Block], float]:
    """Blocks of sentences, each about one segment (at most one block each) or about none."""
    count = len(raw)
    duration = sentences[-1].end - sentences[0].start
    half_window = min(30.0, max(4.0, duration / (count + 1) / 10))
    rates = _window_rates(raw, sentences, half_window)
    peaks = [max(r) for r in rates]
    threshold = max(settings.threshold_floor, settings.threshold_share * statistics.median(peaks))
    durations = [max(s.duration, 0.5) for s in sentences]
    evidence = [[(rate - threshold) * d for rate, d in zip(r, durations, strict=True)] for r in rates]
    allowed = [[True] * len(sentences) for _ in range(count)]
    while True:
        blocks = _viterbi(evidence, allowed, settings.switch_penalty)
        changed = False
        by_label: dict[int, list[_Block]] = {}
        for block in blocks:
            if block.label != NONE:
                by_label.setdefault(block.label, []).append(block)
        for label, own in by_label.items():
            best = max(own, key=lambda b: sum(evidence[label][b.first : b.last + 1]))
            if sum(raw[label][best.first : best.last + 1]) < settings.min_evidence:
                allowed[label] = [False] * len(sentences)
                changed = True
                continue
            for other in own:
                if other is not best:
                    allowed[label][other.first : other.last + 1] = [False] * (other.last - other.first + 1)
                    changed = True
        if not changed:
            return blocks, threshold


def _viterbi(evidence: list[list[float]], allowed: list[list[bool]], penalty: float) -> list[_Block]:
    """The labelling of sentences that maximises evidence minus `penalty` per change of label.

    State `count` is "none" (evidence 0). Switching costs the same from any state, so the best
    predecessor of a switch is the best state overall (or the second best when that is the same
    state): O(sentences x segments).
    """
    count = len(evidence)
    total = len(evidence[0])
    states = count + 1
    forbidden = -math.inf
    score = [evidence[s][0] if allowed[s][0] else forbidden for s in range(count)] + [0.0]
    back: list[list[int]] = []
    for i in range(1, total):
        order = sorted(range(states), key=score.__getitem__, reverse=True)
        first, second = order[0], order[1]
        new = [0.0] * states
        pointers = [0] * states
        for s in range(states):
            gain = 0.0 if s == count else (evidence[s][i] if allowed[s][i] else forbidden)
            source = second if first == s else first
            switch = score[source] - penalty
            if score[s] >= switch:
                new[s], pointers[s] = score[s] + gain, s
            else:
                new[s], pointers[s] = switch + gain, source
        back.append(pointers)
        score = new
    state = max(range(states), key=score.__getitem__)
    labels = [state]
    for pointers in reversed(back):
        state = pointers[state]
        labels.append(state)
    labels.reverse()
    blocks: list[_Block] = []
    start = 0
    for i in range(1, total + 1):
        if i == total or labels[i] != labels[start]:
            label = NONE if labels[start] == count else labels[start]
            blocks.append(_Block(label, start, i - 1))
            start = i
    return _merge_neighbours(blocks)


def _merge_neighbours(blocks: list[_Block]) -> list[_Block]:
    merged: list[_Block] = []
    for block in blocks:
        if merged and merged[-1].label == block.label:
            merged[-1] = _Block(block.label, merged[-1].first, block.last)
        else:
            merged.append(block)
    return merged


def _refine_boundaries(
    blocks: list[_Block], raw: list[list[float]], sentences: Sequence[Sentence], threshold: float
) -> list[_Block]:
    """Move each segment's start to the sentence where its own words take over from the previous block's.

    Smoothing blurs a change of topic over the window; the raw scores are sharp. Among equally good
    cuts the latest wins: a chapter starts where the new topic is named.
    """
    refined = list(blocks)
    for n in range(1, len(refined)):
        previous, current = refined[n - 1], refined[n]
        if current.label == NONE:
            continue

        def weight(label: int, i: int) -> float:
            return threshold * max(sentences[i].duration, 0.5) if label == NONE else raw[label][i]

        best_cut, best_gain, gain = current.first, -math.inf, 0.0
        for cut in range(current.last, previous.first, -1):
            gain += weight(current.label, cut) - weight(previous.label, cut)
            if gain > best_gain + 1e-9:
                best_cut, best_gain = cut, gain
        refined[n - 1] = _Block(previous.label, previous.first, best_cut - 1)
        refined[n] = _Block(current.label, best_cut, current.last)
    return refined


def _chapters(
    blocks: list[_Block],
    segments: Sequence[Segment],
    sources: Mapping[str, Source],
    sentences: Sequence[Sentence],
    settings: AlignmentSettings,
) -> tuple[Chapter, ...]:
    chapters: list[Chapter] = []
    for block in blocks:
        if block.label == NONE:
            continue
        segment = segments[block.label]
        source = main_source(segment, sources)
        chapters.append(
            Chapter(
                start=sentences[block.first].start,
                title=segment.title,
                url=article_link(source) if source else None,
                image=source.image if source else None,
                segment_id=segment.id,
            )
        )
    if not chapters:
        return ()
    if chapters[0].start < settings.min_intro:
        chapters[0] = _at_zero(chapters[0])
    else:
        chapters.insert(0, Chapter(start=0.0, title=settings.intro_title))
    return tuple(chapters)


def _at_zero(chapter: Chapter) -> Chapter:
    return Chapter(0.0, chapter.title, chapter.url, chapter.image, chapter.segment_id, chapter.toc)


def _report(
    segments: Sequence[Segment],
    sentences: Sequence[Sentence],
    blocks: list[_Block],
    raw: list[list[float]],
    chapters: Sequence[Chapter] = (),
) -> CoverageReport:
    starts = {c.segment_id: c.start for c in chapters if c.segment_id is not None}
    ends = {c.segment_id: n.start for c, n in itertools.pairwise(chapters) if c.segment_id}
    placed = {b.label: b for b in blocks if b.label != NONE}
    entries = []
    for s, segment in enumerate(segments):
        block = placed.get(s)
        if block is None:
            entries.append(SegmentCoverage(segment.id, segment.title))
            continue
        entries.append(
            SegmentCoverage(
                segment.id,
                segment.title,
                start=starts.get(segment.id, sentences[block.first].start),
                end=ends.get(segment.id, sentences[-1].end),
                evidence=round(sum(raw[s][block.first : block.last + 1]), 2),
            )
        )
    return CoverageReport(tuple(entries))
