"""Articles the hosts talked about without planning to: mentions of an unplanned source in the transcript.

A source counts as mentioned when the hosts name its outlet (the publisher, or an outlet it credits),
or when one or two neighbouring sentences use several of its key words: the words of its headline and
the names its text uses, leaving out those the plan and the other articles use too (a word the planned
segments share says nothing about this article). Misheard words are forgiven as in the alignment.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass

from showprep.domain.episode import Episode
from showprep.domain.sentences import Sentence
from showprep.domain.source import Source
from showprep.domain.terms import COMMON_WORDS, FuzzyVocabulary, proper_nouns, tokens

MIN_KEY_WORDS = 2
"""Distinct key words that must meet within two neighbouring sentences."""


@dataclass(frozen=True)
class Mention:
    """Where the hosts first spoke of an unplanned source, and what gave it away."""

    source_id: str
    start: float
    """Start of the sentence holding the (first) mention, in seconds."""
    heard: tuple[str, ...]
    """The key words or outlet name recognised, as stems."""


def _outlet_phrases(source: Source) -> list[tuple[str, ...]]:
    names = [source.publisher or "", *(c.name for c in source.cites)]
    phrases = []
    for name in names:
        words = tuple(tokens(name))
        if len(words) >= 2 or (len(words) == 1 and len(words[0]) >= 6):
            phrases.append(words)
    return phrases


def key_words(source: Source) -> set[str]:
    """The words of the headline and the names in the text, less numbers and common words."""
    candidates = set(tokens(source.title)) | proper_nouns(source.text)
    return {w for w in candidates if not w.isdigit() and w not in COMMON_WORDS and len(w) >= 3}


def plan_words(episode: Episode, sources: Iterable[Source]) -> set[str]:
    """Words that point elsewhere: the segments' titles and points, and other articles' key words."""
    words = {w for s in episode.segments for w in tokens(" ".join((s.title, *s.points)))}
    for source in sources:
        words |= key_words(source)
    return words


def _contains(words: Sequence[str], phrase: tuple[str, ...]) -> bool:
    size = len(phrase)
    return any(tuple(words[i : i + size]) == phrase for i in range(len(words) - size + 1))


def find_mentions(
    candidates: Iterable[Source], sentences: Sequence[Sentence], elsewhere: Set[str] = frozenset()
) -> list[Mention]:
    """The candidates mentioned in the transcript, in order of first mention.

    Key words in `elsewhere` (see `plan_words`) do not count towards a mention.
    """
    found = []
    for source in candidates:
        keys = key_words(source) - elsewhere
        phrases = _outlet_phrases(source)
        known = keys | {w for p in phrases for w in p}
        vocabulary = FuzzyVocabulary(known, known)
        heard_before: set[str] = set()
        previous_start = 0.0
        for sentence in sentences:
            words = [m[0][0] if (m := vocabulary.lookup(w)) else w for w in sentence.terms]
            outlet = next((p for p in phrases if _contains(words, p)), None)
            heard = {w for w in words if w in keys}
            if outlet is not None:
                found.append(Mention(source.id, sentence.start, outlet))
                break
            if len(heard | heard_before) >= MIN_KEY_WORDS and heard:
                start = previous_start if heard_before and len(heard) < MIN_KEY_WORDS else sentence.start
                found.append(Mention(source.id, start, tuple(sorted(heard | heard_before))))
                break
            heard_before, previous_start = heard, sentence.start
    return sorted(found, key=lambda m: m.start)
