"""Recordings decoded into what Whisper hears: 16 kHz mono float32 samples, with PyAV.

PyAV bundles FFmpeg's decoders, so mp3, m4a/aac, wav, flac, ogg/opus and the audio track of a video
all decode without a system ffmpeg. Decoding is streamed in blocks so a two-hour file never sits in
memory whole. A file that cannot be trusted (missing, empty, not audio, cut short, damaged) raises
AudioError, whose str() is one line naming the file and the reason.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from showprep.adapters.errors import StoreError
from showprep.domain.timecode import human_timecode

if TYPE_CHECKING:
    import av.container

SAMPLE_RATE = 16_000
"""Samples per second Whisper models take."""

TRUNCATION_TOLERANCE = 0.9
"""Decoded audio shorter than this share of the length the file declares counts as cut short."""

TRUNCATION_SLACK = 1.0
"""Seconds by which decoded audio may fall short of the declared length without being suspicious."""

Samples = npt.NDArray[np.float32]


class AudioError(StoreError):
    """The recording cannot be decoded as asked; str() is "path: reason"."""


@dataclass(frozen=True)
class AudioInfo:
    """What a recording declares about itself, read before decoding it."""

    path: Path
    duration: float
    """Seconds of audio the file declares (from its header or by scanning its packets)."""
    codec: str
    """Name of the audio codec, e.g. "mp3"."""
    container: str
    """Name of the container format, e.g. "ogg" or "mov,mp4,m4a,3gp,3g2,mj2"."""


def _open(path: Path) -> av.container.InputContainer:
    import av

    if not path.exists():
        raise AudioError(path, "does not exist")
    if path.is_dir():
        raise AudioError(path, "is a folder, not an audio file")
    if path.stat().st_size == 0:
        raise AudioError(path, "is empty (0 bytes)")
    try:
        return av.open(str(path), metadata_errors="ignore")
    except av.error.FFmpegError as exc:
        raise AudioError(path, f"is not an audio or video file that can be decoded ({_reason(exc)})") from exc
    except OSError as exc:
        raise AudioError(path, f"cannot be read: {exc.strerror or exc}") from exc


def _reason(exc: Exception) -> str:
    """FFmpeg's message without the errno and file name PyAV wraps it in."""
    strerror = getattr(exc, "strerror", None)
    return str(strerror or exc).rstrip(".")


def _audio_stream(path: Path, container: av.container.InputContainer) -> Any:
    if not container.streams.audio:
        kinds = ", ".join(sorted({str(s.type) for s in container.streams})) or "nothing"
        raise AudioError(path, f"has no audio track (it holds {kinds})")
    return container.streams.audio[0]


def _declared_duration(container: av.container.InputContainer, stream: Any) -> float | None:
    if stream.duration is not None and stream.time_base is not None:
        return float(stream.duration * stream.time_base)
    if container.duration is not None:
        return float(container.duration) / 1_000_000
    return None


def probe(path: Path) -> AudioInfo:
    """Check that `path` is a recording that can be decoded, without decoding it.

    Reads the packets (cheap: no decoding) to catch a file cut short before any time is spent on
    it, e.g. a download that stopped halfway, whose header still promises the full length.
    """
    import av

    with _open(path) as container:
        stream = _audio_stream(path, container)
        declared = _declared_duration(container, stream)
        scanned = 0.0
        try:
            for packet in container.demux(stream):
                if packet.duration and packet.time_base is not None:
                    scanned += float(packet.duration * packet.time_base)
        except av.error.FFmpegError as exc:
            raise AudioError(path, f"is corrupt: {_reason(exc)}") from exc
        if scanned == 0.0 and not declared:
            raise AudioError(path, "holds no audio")
        if declared and _cut_short(scanned, declared):
            raise AudioError(path, _short_reason(scanned, declared))
        codec = stream.codec_context.name if stream.codec_context else "unknown"
        return AudioInfo(path, declared or scanned, codec, container.format.name)


def _cut_short(decoded: float, declared: float) -> bool:
    return decoded < declared * TRUNCATION_TOLERANCE and declared - decoded > TRUNCATION_SLACK


def _short_reason(decoded: float, declared: float) -> str:
    return (
        f"is truncated or corrupt: it declares {human_timecode(declared)} of audio "
        f"but only {human_timecode(decoded)} can be decoded"
    )


def stream_samples(path: Path, block_seconds: float = 30.0) -> Iterator[Samples]:
    """The recording as 16 kHz mono float32 blocks of `block_seconds` (the last one may be shorter).

    Raises AudioError when decoding fails partway or ends well short of the declared length, so a
    caller that writes its results only after the last block never keeps half a transcript.
    """
    import av

    block_size = max(1, round(block_seconds * SAMPLE_RATE))
    with _open(path) as container:
        stream = _audio_stream(path, container)
        declared = _declared_duration(container, stream)
        resampler = av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE)
        pending: list[Samples] = []
        pending_size = 0
        decoded = 0
        try:
            for frame in _frames(container, stream):
                for out in resampler.resample(frame):
                    samples = out.to_ndarray().reshape(-1).astype(np.float32, copy=False)
                    pending.append(samples)
                    pending_size += samples.size
                    while pending_size >= block_size:
                        block, pending = _take(pending, block_size)
                        pending_size -= block_size
                        decoded += block.size
                        yield block
            for out in resampler.resample(None):
                pending.append(out.to_ndarray().reshape(-1).astype(np.float32, copy=False))
        except av.error.FFmpegError as exc:
            at = human_timecode((decoded + pending_size) / SAMPLE_RATE)
            raise AudioError(
                path, f"is corrupt or truncated: decoding failed at {at} ({_reason(exc)})"
            ) from exc
        tail = np.concatenate(pending) if pending else np.zeros(0, dtype=np.float32)
        decoded += tail.size
        if decoded == 0:
            raise AudioError(path, "holds no audio")
        if declared and _cut_short(decoded / SAMPLE_RATE, declared):
            raise AudioError(path, _short_reason(decoded / SAMPLE_RATE, declared))
        if tail.size:
            yield tail


def _frames(container: av.container.InputContainer, stream: Any) -> Iterator[Any]:
    for packet in container.demux(stream):
        yield from packet.decode()


def _take(pending: list[Samples], size: int) -> tuple[Samples, list[Samples]]:
    """The first `size` samples of the pending pieces, and what is left of them."""
    joined = np.concatenate(pending)
    return joined[:size], [joined[size:]] if joined.size > size else []


def load_samples(path: Path) -> Samples:
    """The whole recording in memory; for short clips, where streaming buys nothing."""
    blocks = list(stream_samples(path))
    return np.concatenate(blocks) if blocks else np.zeros(0, dtype=np.float32)


def file_sha256(path: Path) -> str:
    """Hash of the file's bytes, read in pieces, so a transcript can tell whether its audio changed."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    except OSError as exc:
        raise AudioError(path, f"cannot be read: {exc.strerror or exc}") from exc
    return digest.hexdigest()
