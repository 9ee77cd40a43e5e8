"""Decoding recordings with PyAV: every common format, streaming in blocks, and clear errors for bad files."""

from __future__ import annotations

import hashlib
import random
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest

from showprep.adapters.audio import (
    SAMPLE_RATE,
    AudioError,
    file_sha256,
    load_samples,
    probe,
    stream_samples,
)

SHARED_DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
JFK = SHARED_DATA / "jfk.flac"
JFK_SECONDS = 11.0


@pytest.fixture(scope="module")
def jfk() -> np.ndarray:
    return load_samples(JFK)


def envelope(samples: np.ndarray, seconds: float = 10.0) -> np.ndarray:
    """Loudness every 100 ms over the first `seconds`: the shape of the speech, whatever the codec did."""
    windows = samples[: round(seconds * SAMPLE_RATE)].reshape(-1, SAMPLE_RATE // 10)
    return np.sqrt((windows**2).mean(axis=1))


def encode(path: Path, samples: np.ndarray, codec: str, rate: int = SAMPLE_RATE, channels: int = 1) -> Path:
    """Write `samples` (mono float) with `codec`, duplicated over `channels`, resampled to `rate`."""
    layout = "stereo" if channels == 2 else "mono"
    with av.open(str(path), "w") as container:
        stream = container.add_stream(codec, rate=rate, layout=layout)
        resampler = av.AudioResampler(format=stream.codec_context.format.name, layout=layout, rate=rate)
        pcm = np.tile(samples.astype(np.float32), (channels, 1))
        source = av.AudioFrame.from_ndarray(
            pcm.reshape(1, -1) if channels == 1 else pcm, format="fltp", layout=layout
        )
        source.sample_rate = SAMPLE_RATE
        for frame in [*resampler.resample(source), *resampler.resample(None)]:
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return path


def encode_video(path: Path, samples: np.ndarray | None, seconds: float = 2.0) -> Path:
    """An MP4 with a few grey frames of H.264 video and, when given, an AAC audio track."""
    with av.open(str(path), "w") as container:
        video = container.add_stream("mpeg4", rate=10)
        video.width, video.height, video.pix_fmt = 64, 48, "yuv420p"
        audio = container.add_stream("aac", rate=SAMPLE_RATE, layout="mono") if samples is not None else None
        for n in range(round(seconds * 10)):
            frame = av.VideoFrame.from_ndarray(np.full((48, 64, 3), 128, dtype=np.uint8), format="rgb24")
            frame.pts, frame.time_base = n, Fraction(1, 10)
            for packet in video.encode(frame):
                container.mux(packet)
        for packet in video.encode(None):
            container.mux(packet)
        if audio is not None and samples is not None:
            source = av.AudioFrame.from_ndarray(
                samples.reshape(1, -1).astype(np.float32), format="fltp", layout="mono"
            )
            source.sample_rate = SAMPLE_RATE
            for packet in [*audio.encode(source), *audio.encode(None)]:
                container.mux(packet)
    return path


@pytest.mark.parametrize(
    ("name", "codec", "rate", "channels"),
    [
        ("clip.wav", "pcm_s16le", 44_100, 2),
        ("clip.flac", "flac", 22_050, 1),
        ("clip.mp3", "libmp3lame", 44_100, 2),
        ("clip.m4a", "aac", 48_000, 2),
        ("clip.ogg", "libopus", 48_000, 1),
        ("clip.opus", "libopus", 48_000, 2),
    ],
)
def test_formats_decode_to_16k_mono_float(
    tmp_path: Path, jfk: np.ndarray, name: str, codec: str, rate: int, channels: int
) -> None:
    path = encode(tmp_path / name, jfk, codec, rate, channels)
    samples = load_samples(path)
    assert samples.dtype == np.float32 and samples.ndim == 1
    # Lossy codecs pad a few milliseconds; the length must stay that of the speech.
    assert abs(samples.size / SAMPLE_RATE - JFK_SECONDS) < 0.15
    assert np.corrcoef(envelope(samples), envelope(jfk))[0, 1] > 0.95
    assert probe(path).duration == pytest.approx(JFK_SECONDS, abs=0.15)


def test_audio_track_of_a_video(tmp_path: Path, jfk: np.ndarray) -> None:
    path = encode_video(tmp_path / "episode.mp4", jfk[: 3 * SAMPLE_RATE], seconds=3.0)
    samples = load_samples(path)
    assert abs(samples.size / SAMPLE_RATE - 3.0) < 0.15
    assert np.abs(samples).max() > 0.1


def test_streaming_blocks_are_exact_and_add_up(jfk: np.ndarray) -> None:
    blocks = list(stream_samples(JFK, block_seconds=2.0))
    assert [b.size for b in blocks[:-1]] == [2 * SAMPLE_RATE] * 5
    assert 0 < blocks[-1].size <= 2 * SAMPLE_RATE
    assert np.array_equal(np.concatenate(blocks), jfk)


def test_probe_reads_the_header(jfk: np.ndarray) -> None:
    info = probe(JFK)
    assert info.duration == pytest.approx(JFK_SECONDS)
    assert info.codec == "flac"


def test_file_hash(tmp_path: Path) -> None:
    path = tmp_path / "data.bin"
    data = bytes(range(256)) * 10_000
    path.write_bytes(data)
    assert file_sha256(path) == hashlib.sha256(data).hexdigest()


def error_of(path: Path) -> str:
    with pytest.raises(AudioError) as caught:
        probe(path)
        list(stream_samples(path))
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert "\n" not in message
    return message


def test_missing_file(tmp_path: Path) -> None:
    assert "does not exist" in error_of(tmp_path / "nope.mp3")


def test_a_folder_is_not_audio(tmp_path: Path) -> None:
    assert "is a folder" in error_of(tmp_path)


def test_zero_length_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.mp3"
    path.touch()
    assert "is empty (0 bytes)" in error_of(path)


def test_text_is_not_audio(tmp_path: Path) -> None:
    path = tmp_path / "notes.mp3"
    path.write_text("These are my notes for the show, not a recording.\n" * 20, encoding="utf-8")
    assert "is not an audio or video file" in error_of(path)


def test_video_without_sound_has_no_audio_track(tmp_path: Path) -> None:
    assert "has no audio track (it holds video)" in error_of(encode_video(tmp_path / "silent.mp4", None))


@pytest.mark.parametrize("codec", ["flac", "libmp3lame"])
def test_truncated_file_is_refused(tmp_path: Path, jfk: np.ndarray, codec: str) -> None:
    whole = encode(tmp_path / f"whole.{'flac' if codec == 'flac' else 'mp3'}", jfk, codec)
    cut = tmp_path / f"cut{whole.suffix}"
    data = whole.read_bytes()
    cut.write_bytes(data[: len(data) * 2 // 5])
    message = error_of(cut)
    assert "truncated" in message


def test_corrupt_file_is_refused(tmp_path: Path, jfk: np.ndarray) -> None:
    whole = encode(tmp_path / "whole.flac", jfk, "flac")
    data = bytearray(whole.read_bytes())
    rng = random.Random(7)
    for i in range(len(data) // 4, len(data) * 3 // 4):
        data[i] = rng.randrange(256)
    corrupt = tmp_path / "corrupt.flac"
    corrupt.write_bytes(bytes(data))
    assert "corrupt" in error_of(corrupt)


def test_slight_damage_is_concealed_not_refused(tmp_path: Path, jfk: np.ndarray) -> None:
    """A few damaged bytes cost a frame, as in any player; the recording is still worth transcribing."""
    whole = encode(tmp_path / "whole.flac", jfk, "flac")
    data = bytearray(whole.read_bytes())
    for i in range(len(data) // 2, len(data) // 2 + 2000):
        data[i] ^= 0x5A
    damaged = tmp_path / "damaged.flac"
    damaged.write_bytes(bytes(data))
    probe(damaged)
    samples = load_samples(damaged)
    assert JFK_SECONDS - 0.5 < samples.size / SAMPLE_RATE <= JFK_SECONDS
