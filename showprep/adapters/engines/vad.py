"""Where in a stretch of audio someone is speaking, by the Silero voice-activity model.

faster-whisper ships Silero VAD (an ONNX model run by onnxruntime) and filters with it itself; the
whisper engine uses the same detector so that neither engine feeds silence or music to the model,
where Whisper is known to invent text ("you", "Thanks for watching!").
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from showprep.adapters.audio import SAMPLE_RATE
from showprep.domain.transcript import TranscriptSegment

WINDOW_SECONDS = 30.0
"""Whisper hears 30 seconds at a time: no speech region or decoding window is longer."""
MIN_SILENCE_MS = 500
"""Pauses shorter than this stay inside one speech region."""
SPEECH_PAD_MS = 200
"""Margin kept on each side of a region, so soft word onsets and endings are not clipped."""
MIN_OVERLAP = 0.1
"""Seconds a segment must share with detected speech to be kept."""
MIN_MISSED = 3.0
"""Seconds of detected speech without any segment over them that count as skipped by the model;
longer than the pauses a speech region may hold (MIN_SILENCE_MS plus padding), so a mere pause
between sentences is not decoded again."""


def load_detector() -> None:
    """Import the detector (faster-whisper's Silero VAD) now rather than at its first use, for a caller
    that must know when the import is over (see openai_engine)."""
    import faster_whisper.vad  # noqa: F401


def speech_regions(samples: npt.NDArray[np.float32]) -> list[tuple[float, float]]:
    """(start, end) seconds of each stretch of speech, in order; a longer stretch is split, at a short
    pause where there is one, into regions of at most WINDOW_SECONDS."""
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    options = VadOptions(
        min_silence_duration_ms=MIN_SILENCE_MS,
        speech_pad_ms=SPEECH_PAD_MS,
        max_speech_duration_s=WINDOW_SECONDS,
    )
    return [
        (region["start"] / SAMPLE_RATE, region["end"] / SAMPLE_RATE)
        for region in get_speech_timestamps(samples, options, sampling_rate=SAMPLE_RATE)
    ]


def speech_windows(regions: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Consecutive regions joined into windows for Whisper, each spanning at most WINDOW_SECONDS.

    A window runs from the start of its first region to the end of its last, pauses included, so its
    times are the recording's; fewer, fuller windows mean fewer to decode.
    """
    windows: list[tuple[float, float]] = []
    for start, end in regions:
        if windows and end - windows[-1][0] <= WINDOW_SECONDS:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


def overlaps_speech(segment: TranscriptSegment, regions: list[tuple[float, float]]) -> bool:
    """Whether the segment was said during detected speech, rather than invented over silence."""
    shared = sum(max(0.0, min(segment.end, end) - max(segment.start, start)) for start, end in regions)
    return shared >= min(MIN_OVERLAP, max(0.0, segment.end - segment.start))


def uncovered_speech(
    regions: list[tuple[float, float]], segments: list[TranscriptSegment]
) -> list[tuple[float, float]]:
    """Stretches of detected speech, at least MIN_MISSED long, that no segment covers.

    Whisper sometimes ends a window early, declaring "no speech after this" (small models do it more
    when prompted); these are the stretches it skipped that way.
    """
    missed: list[tuple[float, float]] = []
    for start, end in regions:
        at = start
        for segment in sorted(segments, key=lambda s: s.start):
            if segment.end <= at or segment.start >= end:
                continue
            if segment.start - at >= MIN_MISSED:
                missed.append((at, segment.start))
            at = max(at, segment.end)
        if end - at >= MIN_MISSED:
            missed.append((at, end))
    return missed
