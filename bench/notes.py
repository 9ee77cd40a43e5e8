"""Benchmark: `showprep notes` on a synthetic two-hour episode with twelve planned segments.

The episode is written to a temporary folder through the real store: twelve articles (~450 words
each) built from invented names and topic words, a plan of twelve segments, and a transcript of about
two hours (word timings, ~20,000 words) in which the hosts chat for three minutes, then take eleven of
the segments in a shuffled order (one is skipped), mangling some names the way a small speech model
does. Measured in the same process, best of several runs:

- baseline: reading the episode, its articles and its transcript from disk (what any run must do);
- align: locating the segments in the transcript (pure domain code);
- notes: the whole `write_notes` service (read, align, mentions, render, write every file in publish/),
  once in a fresh folder (which also renders the transcript files) and then repeatedly.

Prints the times, the ratio of notes to the baseline, and how far each chapter lands from the truth.
Usage: python bench/notes.py [--runs N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from showprep.adapters.store import EpisodeStore  # noqa: E402
from showprep.domain.alignment import align  # noqa: E402
from showprep.domain.episode import Episode, Segment  # noqa: E402
from showprep.domain.source import Cite, Source  # noqa: E402
from showprep.domain.transcript import Transcript, TranscriptSegment, Word  # noqa: E402
from showprep.services.notes import write_notes  # noqa: E402

SEGMENTS = 12
SECONDS = 2 * 3600
WORD_SECONDS = 0.37
SYLLABLES = "ka ro mi tel var nok ses bri dan lu fen gor pal qui rin sto tam vel wen zor har lin"
FILLER = (
    "you know I think that is the thing about it and we were saying the other day how much people "
    "really care about this kind of story so let me just say it is a big one for sure right"
)


def name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES.split()) for _ in range(rng.randint(2, 3))).capitalize()


def mangle(word: str, rng: random.Random) -> str:
    """A misheard name: one letter changed, as small models do."""
    at = rng.randrange(1, len(word))
    return word[:at] + rng.choice("aeiouy") + word[at + 1 :]


def build(rng: random.Random) -> tuple[Episode, list[Source], Transcript, dict[str, float]]:
    topics = []
    for n in range(SEGMENTS):
        names = [f"{name(rng)} {name(rng)}" for _ in range(4)]
        words = [name(rng).lower() for _ in range(15)]
        topics.append((n, names, words))
    sources = []
    segments = []
    for n, names, words in topics:
        body = []
        for _ in range(30):
            sentence = [
                rng.choice(words) if rng.random() < 0.4 else rng.choice(FILLER.split()) for _ in range(14)
            ]
            sentence.insert(rng.randrange(14), rng.choice(names))
            body.append(" ".join(sentence).capitalize() + ".")
        text = "\n\n".join(" ".join(body[i : i + 5]) for i in range(0, 30, 5))
        source = Source(
            id=f"story-{n}",
            url=f"https://outlet{n}.example/story",
            title=f"{names[0]} and {names[1]} {words[0]} the {words[1]}",
            authors=(name(rng) + " " + name(rng),),
            publisher=f"{name(rng)} News",
            published=dt.date(2026, 11, 20),
            cites=(Cite(f"{name(rng)} Times", f"https://upstream{n}.example/story"),),
            text=text,
            word_count=len(text.split()),
        )
        sources.append(source)
        segments.append(
            Segment(
                f"segment-{n}",
                f"{names[0]} and the {words[1]}",
                (f"Why {words[2]} matters",),
                10,
                (source.id,),
            )
        )
    order = list(range(SEGMENTS))
    rng.shuffle(order)
    skipped = order.pop()
    per_topic = (SECONDS - 180) / len(order)
    clock = 0.0
    truth: dict[str, float] = {}
    parts: list[TranscriptSegment] = []

    def say(words: list[str]) -> None:
        nonlocal clock
        timed = []
        for position, word in enumerate(words):
            text = f" {word}." if position == len(words) - 1 else f" {word}"
            timed.append(Word(text, round(clock, 3), round(clock + WORD_SECONDS * 0.9, 3), 0.9))
            clock += WORD_SECONDS
        parts.append(
            TranscriptSegment(
                timed[0].start, timed[-1].end, "".join(w.text for w in timed).strip(), tuple(timed)
            )
        )
        clock += 0.3

    while clock < 180:
        say([rng.choice(FILLER.split()) for _ in range(12)])
    for n in order:
        _, names, words = topics[n]
        truth[f"segment-{n}"] = clock
        end = clock + per_topic
        while clock < end:
            sentence = [
                rng.choice(words) if rng.random() < 0.15 else rng.choice(FILLER.split()) for _ in range(12)
            ]
            if rng.random() < 0.3:
                spoken = rng.choice(names).split()[0]
                sentence[rng.randrange(12)] = mangle(spoken, rng) if rng.random() < 0.3 else spoken
            say(sentence)
    plan = Episode(title="Synthetic two hours", date=dt.date(2026, 11, 23), segments=tuple(segments))
    transcript = Transcript(tuple(parts), language="en", model="synthetic", engine="bench", duration=clock)
    print(
        f"episode: {len(segments)} segments (skipped: segment-{skipped}), {len(parts)} transcript segments, "
        f"{sum(len(p.words) for p in parts)} words, {clock / 3600:.2f} h"
    )
    return plan, sources, transcript, truth


def best_of(runs: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    plan, sources, transcript, truth = build(random.Random(42))
    with tempfile.TemporaryDirectory() as scratch:
        store = EpisodeStore(Path(scratch))
        folder, _ = store.create(plan.title, plan.date)
        store.save_episode(folder, plan)
        for source in sources:
            store.save_source(folder, source)
        store.save_transcript(folder, transcript)

        def read() -> None:
            fresh = EpisodeStore(Path(scratch))
            fresh.load_episode(folder)
            fresh.load_sources(folder)
            fresh.load_transcript(folder)

        cold = best_of(1, lambda: write_notes(EpisodeStore(Path(scratch)), folder))
        baseline = best_of(runs, read)
        loaded = {s.id: s for s in sources}
        aligning = best_of(runs, lambda: align(plan, loaded, transcript))
        notes = best_of(runs, lambda: write_notes(EpisodeStore(Path(scratch)), folder, force=True))
        result = write_notes(EpisodeStore(Path(scratch)), folder, force=True)
    errors = [abs(c.start - truth[c.segment_id]) for c in result.chapters if c.segment_id in truth]
    found = {c.segment_id for c in result.chapters}
    print(f"baseline (read episode, articles, transcript): {baseline * 1000:8.1f} ms")
    print(f"align (domain):                                {aligning * 1000:8.1f} ms")
    print(f"notes (write_notes, every file in publish/):   {notes * 1000:8.1f} ms   goal < 1000 ms")
    print(f"first notes run (also renders the 4 transcript files): {cold * 1000:8.1f} ms")
    print(f"notes / baseline: {notes / baseline:.2f}x   align share of notes: {aligning / notes:.0%}")
    skipped = [e.segment_id for e in result.alignment.coverage.not_covered] if result.alignment else []
    print(
        f"chapters: {len(result.chapters)} ({len(found & set(truth))}/{len(truth)} segments found, "
        f"not covered: {skipped}); chapter start error max {max(errors):.1f} s, "
        f"mean {sum(errors) / len(errors):.1f} s"
    )


if __name__ == "__main__":
    main()
