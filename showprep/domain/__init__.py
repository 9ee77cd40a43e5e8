"""The pure core of showprep: dataclasses and functions over them, standard library only.

Nothing in this package performs I/O, reads the clock or imports a third-party library, so it can be
used and tested anywhere; the adapters convert files, HTTP and audio into these types.
"""

from showprep.domain.episode import Episode, EpisodeStatus, Segment
from showprep.domain.source import Cite, Source
from showprep.domain.transcript import Chapter, Transcript, TranscriptSegment, Word

__all__ = [
    "Chapter",
    "Cite",
    "Episode",
    "EpisodeStatus",
    "Segment",
    "Source",
    "Transcript",
    "TranscriptSegment",
    "Word",
]
