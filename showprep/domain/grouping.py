"""`outline --auto`: the articles no segment uses, grouped into new segments by topic.

Two articles belong together when their texts share distinctive words: the same people, titles and
outlets above all, then the same uncommon words. Words that every article of the episode uses say
nothing about which belong together, so each word is weighted by how few of the episode's articles
use it. Groups form by average-link clustering above a similarity threshold; a lone article makes a
segment of its own. Each new segment is titled with the names its articles share ("Lumen Plus"), or
its main article's headline cut to its first clause.

Only unassigned sources move: a source the user placed in a segment stays where it is.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from showprep.domain.episode import Episode, Segment
from showprep.domain.slug import slugify, unique_name
from showprep.domain.source import Source
from showprep.domain.terms import proper_nouns, source_profile, tokens

SIMILARITY_THRESHOLD = 0.12
"""Average similarity two groups need to merge; cosine of rarity-weighted profiles plus shared names."""
NAME_BONUS = 0.15
"""Added to the similarity per shared name (person, title, outlet), up to three."""
MAX_TITLE_LENGTH = 60


@dataclass(frozen=True)
class Topic:
    """A proposed segment: a readable title and its sources, main (most central) source first."""

    title: str
    source_ids: tuple[str, ...]


def _vectors(sources: Sequence[Source], all_sources: Sequence[Source]) -> list[dict[str, float]]:
    profiles = {s.id: source_profile(s) for s in all_sources}
    count = len(all_sources)
    frequency: dict[str, int] = {}
    for profile in profiles.values():
        for term in profile:
            frequency[term] = frequency.get(term, 0) + 1
    vectors = []
    for source in sources:
        weighted = {t: w * math.log((1 + count) / frequency[t]) for t, w in profiles[source.id].items()}
        norm = math.sqrt(sum(v * v for v in weighted.values())) or 1.0
        vectors.append({t: v / norm for t, v in weighted.items() if v > 0})
    return vectors


def _names(source: Source) -> set[str]:
    """People, titles and outlets the article names."""
    outlets = {w for name in [source.publisher or "", *(c.name for c in source.cites)] for w in tokens(name)}
    return (proper_nouns(source.text) & set(tokens(source.title + " " + source.text))) | outlets


def _similarity(a: dict[str, float], b: dict[str, float], names_a: set[str], names_b: set[str]) -> float:
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    cosine = sum(v * large.get(t, 0.0) for t, v in small.items())
    return cosine + NAME_BONUS * min(3, len(names_a & names_b))


def group_sources(unassigned: Sequence[Source], all_sources: Sequence[Source]) -> list[Topic]:
    """Topics for `unassigned`, judged against every source of the episode (`all_sources`)."""
    if not unassigned:
        return []
    vectors = _vectors(unassigned, list({s.id: s for s in [*all_sources, *unassigned]}.values()))
    names = [_names(s) for s in unassigned]
    count = len(unassigned)
    pair = [
        [_similarity(vectors[i], vectors[j], names[i], names[j]) for j in range(count)] for i in range(count)
    ]
    clusters: list[list[int]] = [[i] for i in range(count)]
    while len(clusters) > 1:
        best, best_pair = SIMILARITY_THRESHOLD, None
        for x in range(len(clusters)):
            for y in range(x + 1, len(clusters)):
                average = sum(pair[i][j] for i in clusters[x] for j in clusters[y]) / (
                    len(clusters[x]) * len(clusters[y])
                )
                if average > best:
                    best, best_pair = average, (x, y)
        if best_pair is None:
            break
        x, y = best_pair
        clusters[x] = clusters[x] + clusters[y]
        del clusters[y]
    topics = []
    for members in sorted(clusters, key=min):
        central = sorted(members, key=lambda i: (-sum(pair[i][j] for j in members if j != i), i))
        group = [unassigned[i] for i in central]
        topics.append(Topic(topic_title(group), tuple(s.id for s in group)))
    return topics


def _name_runs(source: Source) -> list[str]:
    """Runs of consecutive headline words that the article's text uses as names ("Lumen Plus")."""
    names = proper_nouns(source.text)
    runs: list[str] = []
    current: list[str] = []
    for word in re.findall(r"[\w$'’.,-]+", source.title):
        stems = tokens(word)
        is_name = bool(stems) and all(s in names for s in stems)
        if is_name:
            current.append(word.strip("'’\"“”‘,."))
        if (not is_name or word.endswith((",", "."))) and current:
            runs.append(" ".join(current))
            current = []
    if current:
        runs.append(" ".join(current))
    return runs


def _key(run: str) -> tuple[str, ...]:
    return tuple(tokens(re.sub(r"['’]s\b", "", run)))


def _contains(words: Sequence[str], key: tuple[str, ...]) -> bool:
    size = len(key)
    return any(tuple(words[i : i + size]) == key for i in range(len(words) - size + 1))


def topic_title(group: Sequence[Source]) -> str:
    """A readable title: the name most of the group's headlines share, else the main headline's first
    clause."""
    shown: dict[tuple[str, ...], str] = {}
    for source in group:
        for run in _name_runs(source):
            shown.setdefault(_key(run), run)
    texts = [tokens(f"{s.title}\n{s.text}") for s in group]
    counts = {key: sum(_contains(words, key) for words in texts) for key in shown if key}
    shared = [key for key, n in counts.items() if n >= 2 or len(group) == 1]
    if shared:
        best = max(shared, key=lambda key: (counts[key], len(key)))
        return _shorten(re.sub(r"['’]s$", "", shown[best]))
    return _shorten(re.split(r"\s*[;:|]\s+|\s+[-–—]\s+", group[0].title)[0] or group[0].id)


def _shorten(title: str) -> str:
    title = title.strip(" '\"‘’“”")
    if len(title) <= MAX_TITLE_LENGTH:
        return title
    return title[:MAX_TITLE_LENGTH].rsplit(" ", 1)[0] + "…"


def apply_topics(episode: Episode, topics: Sequence[Topic]) -> tuple[Episode, list[Segment]]:
    """The plan with one new segment per topic appended (ids from the titles); the new segments too.

    Topics only hold unassigned sources, so no segment the user made is touched.
    """
    taken = {s.id for s in episode.segments}
    added = []
    for topic in topics:
        segment_id = unique_name(slugify(re.sub(r"['’]s\b", "s", topic.title), fallback="topic"), taken)
        taken.add(segment_id)
        added.append(Segment(id=segment_id, title=topic.title, sources=topic.source_ids))
    return replace(episode, segments=episode.segments + tuple(added)), added


def auto_group(episode: Episode, sources: Mapping[str, Source]) -> tuple[Episode, list[Segment]]:
    """Group the sources no segment uses into new segments; placed sources are never moved.

    Sources whose fetch failed have no text to judge by and stay unassigned.
    """
    assigned = episode.assigned_source_ids()
    unassigned = [s for sid, s in sorted(sources.items()) if sid not in assigned and s.ok]
    return apply_topics(episode, group_sources(unassigned, list(sources.values())))
