"""Words as evidence: tokens, a light stemmer, weighted term profiles and forgiving lookup.

Locating a topic in a recording, grouping articles and spotting a mention all ask the same question:
which distinctive words do two texts share? Speech recognisers mangle exactly the words that matter
(names), so a lookup accepts near misses ("marquis" for "marquee") as well as exact hits, and every
term carries a weight saying how much a hit should count.
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from showprep.domain.episode import Segment
from showprep.domain.source import Source


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOPWORDS = _word_set(
    """
    a about above after again against all almost also although always am among an and another any
    anyone anything are around as at away back be because been before being below between both but
    by can cannot could did do does doing done down during each either else enough even ever every
    few for from further get gets getting go goes going gone got had has have having he her here
    hers herself him himself his how however i if in into is it its itself just least less let like
    made make makes making many may me might mine more most much must my myself never no nor not now
    of off often on once one only or other others our ours ourselves out over own per perhaps quite
    rather really said same say says see seem seems shall she should since so some something still
    such than that the their theirs them themselves then there these they thing things this those
    though through thus to too under until up upon us very was way we well were what whatever when
    where whether which while who whom whose why will with within without would yes yet you your
    yours yourself yourselves oh okay ok yeah yep um uh hmm mm right sure actually basically kind
    sort lot lots gonna wanna know think mean guess want look looks looking thanks thank hello hi
    welcome bye s t d ll m re ve isn aren wasn weren don doesn didn won wouldn couldn shouldn
    """
)
"""Words that say nothing about a topic: function words and the fillers of conversation."""

COMMON_WORDS = _word_set(
    """
    news story stories show shows episode week weeks year years month months day days time times
    today people person new old big small good great best first last next two three four five six
    seven eight nine ten hundred thousand million billion percent dollar dollars part place world
    number report reports reported announced told called including according since early late later
    long
    """
)
"""Content words common in any news talk: a hit on one of them is weak evidence."""

COMMON_WEIGHT = 0.3
"""Factor applied to the weight of a common word."""

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def normalise(text: str) -> str:
    """Lower case, accents removed, curly apostrophes straightened."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return ascii_text.replace("\u2019", "'").lower()


def stem(word: str) -> str:
    """A deliberately light stemmer: plural, -ing, -ed and -er endings.

    Applied alike to article and transcript words, so "streamers", "streaming" and "streamed" meet
    at "stream"; the lookup's tolerance for near misses covers whatever this leaves apart.
    """
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix, shortest in (("ing", 6), ("ed", 5), ("er", 6)):
        if word.endswith(suffix) and len(word) >= shortest:
            return word[: -len(suffix)]
    return word


def tokens(text: str) -> list[str]:
    """The stemmed words of `text` that are not stopwords, in order."""
    found = []
    for raw in _TOKEN.findall(normalise(text)):
        word = raw.split("'", 1)[0]
        if word and word not in STOPWORDS:
            found.append(stem(word))
    return found


_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“(*\n]\s*)$")


def proper_nouns(text: str) -> set[str]:
    """Stems of the capitalised words that do not open a sentence: names of people, films, outlets."""
    names = set()
    for match in re.finditer(r"[A-Z][\w'’-]*", text):
        if _SENTENCE_START.search(text[max(0, match.start() - 3) : match.start()]):
            continue
        names.update(tokens(match.group()))
    return names


@dataclass(frozen=True)
class FieldWeights:
    """How much a word counts depending on where the plan or the article uses it."""

    segment_title: float = 3.0
    points: float = 2.0
    source_title: float = 3.0
    publisher: float = 2.0
    cites: float = 1.5
    authors: float = 1.0
    description: float = 1.5
    text: float = 0.8
    """Per occurrence in the article text, growing with the logarithm of the count."""
    text_cap: float = 2.5
    name_boost: float = 1.5
    """Multiplier for words the article capitalises mid-sentence (names)."""
    cap: float = 6.0
    """No word weighs more than this, however often it appears."""


DEFAULT_WEIGHTS = FieldWeights()


def _add(profile: dict[str, float], text: str, weight: float) -> None:
    for term in set(tokens(text)):
        profile[term] = profile.get(term, 0.0) + weight


def source_profile(source: Source, weights: FieldWeights = DEFAULT_WEIGHTS) -> dict[str, float]:
    """The article's words weighted by where they appear: title and names count most."""
    profile: dict[str, float] = {}
    _add(profile, source.title, weights.source_title)
    _add(profile, source.publisher or "", weights.publisher)
    _add(profile, " ".join(c.name for c in source.cites), weights.cites)
    _add(profile, " ".join(source.authors), weights.authors)
    _add(profile, source.description or "", weights.description)
    for term, count in Counter(tokens(source.text)).items():
        bonus = min(weights.text_cap, weights.text * (1 + math.log(count)))
        profile[term] = profile.get(term, 0.0) + bonus
    names = proper_nouns(f"{source.title}\n{source.description or ''}\n{source.text}")
    return {
        term: min(weights.cap, value * (weights.name_boost if term in names else 1.0))
        * (COMMON_WEIGHT if term in COMMON_WORDS else 1.0)
        for term, value in profile.items()
    }


def segment_profile(
    segment: Segment, sources: Mapping[str, Source], weights: FieldWeights = DEFAULT_WEIGHTS
) -> dict[str, float]:
    """What a segment is about: its title and points, and its articles' profiles."""
    profile: dict[str, float] = {}
    _add(profile, segment.title, weights.segment_title)
    _add(profile, " ".join(segment.points), weights.points)
    for source_id in segment.sources:
        source = sources.get(source_id)
        if source is None:
            continue
        for term, value in source_profile(source, weights).items():
            profile[term] = profile.get(term, 0.0) + value
    return {
        term: min(weights.cap, value) * (COMMON_WEIGHT if term in COMMON_WORDS else 1.0)
        for term, value in profile.items()
    }


def _trigrams(word: str) -> set[str]:
    padded = f"^{word}$"
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


@dataclass
class FuzzyVocabulary:
    """Looks words up in a vocabulary, accepting close misspellings of its longer words.

    Only words of `min_fuzzy_length` letters or more are matched loosely: short words are too easily
    confused. Candidates come from shared letter trigrams, and difflib's ratio decides; answers are
    cached because a transcript repeats its words.
    """

    terms: Iterable[str]
    fuzzy_terms: Iterable[str] = ()
    """The subset of `terms` that may be matched loosely (the distinctive ones)."""
    min_ratio: float = 0.75
    min_fuzzy_length: int = 5
    _exact: set[str] = field(init=False, repr=False)
    _index: dict[str, list[str]] = field(init=False, repr=False)
    _cache: dict[str, tuple[tuple[str, float], ...]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._exact = set(self.terms)
        self._index = defaultdict(list)
        for term in set(self.fuzzy_terms):
            if len(term) >= self.min_fuzzy_length - 1 and not term.isdigit():
                for gram in _trigrams(term):
                    self._index[gram].append(term)
        self._cache = {}

    def lookup(self, word: str) -> tuple[tuple[str, float], ...]:
        """The vocabulary terms `word` stands for, each with a similarity in (0, 1]."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        found: tuple[tuple[str, float], ...]
        if word in self._exact:
            found = ((word, 1.0),)
        elif len(word) < self.min_fuzzy_length or word.isdigit():
            found = ()
        else:
            found = self._near(word)
        self._cache[word] = found
        return found

    def _near(self, word: str) -> tuple[tuple[str, float], ...]:
        grams = _trigrams(word)
        shared: Counter[str] = Counter()
        for gram in grams:
            shared.update(self._index.get(gram, ()))
        matcher = difflib.SequenceMatcher(a=word, autojunk=False)
        best: list[tuple[str, float]] = []
        for term, count in shared.items():
            if 2 * count < 0.4 * (len(grams) + len(term)) or abs(len(term) - len(word)) > 3:
                continue
            matcher.set_seq2(term)
            ratio = matcher.ratio()
            if ratio >= self.min_ratio:
                best.append((term, ratio))
        best.sort(key=lambda pair: -pair[1])
        return tuple(best[:2])
