"""Which planned segments the recording covered, where, and which it skipped."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SegmentCoverage:
    """Where one planned segment was found in the recording, if it was."""

    segment_id: str
    title: str
    start: float | None = None
    """Start of the segment's chapter in seconds; None when the segment was not found."""
    end: float | None = None
    """End of the segment's chapter: the next chapter's start, or the end of the speech."""
    evidence: float = 0.0
    """Weighted count of the segment's words heard in its stretch of the recording."""

    @property
    def covered(self) -> bool:
        return self.start is not None

    @property
    def recorded_seconds(self) -> float | None:
        """How long the segment ran in the recording."""
        if self.start is None or self.end is None:
            return None
        return max(0.0, self.end - self.start)


@dataclass(frozen=True)
class CoverageReport:
    """Every planned segment, in planned order, with where it was found."""

    entries: tuple[SegmentCoverage, ...] = ()

    def of(self, segment_id: str) -> SegmentCoverage | None:
        return next((e for e in self.entries if e.segment_id == segment_id), None)

    @property
    def covered(self) -> tuple[SegmentCoverage, ...]:
        """The segments found, in the order they were recorded."""
        found = [e for e in self.entries if e.covered]
        return tuple(sorted(found, key=lambda e: e.start or 0.0))

    @property
    def not_covered(self) -> tuple[SegmentCoverage, ...]:
        """The segments the recording never got to, in planned order."""
        return tuple(e for e in self.entries if not e.covered)

    @property
    def reordered(self) -> bool:
        """True when the covered segments were recorded in another order than planned."""
        planned = [e.segment_id for e in self.entries if e.covered]
        return planned != [e.segment_id for e in self.covered]

    def warnings(self) -> list[str]:
        """One line per segment that was planned but not found in the recording."""
        return [
            f"segment {e.title!r} ({e.segment_id}) was not found in the recording; it gets no chapter"
            for e in self.not_covered
        ]
