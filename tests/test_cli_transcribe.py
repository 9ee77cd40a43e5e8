"""`showprep transcribe` through the real entry point: files written, one-line errors, exit codes."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SHOWPREP = shutil.which("showprep", path=str(Path(sys.executable).parent)) or "showprep"
JFK = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "jfk.flac"


def run(*args: str, cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "SHOWPREP_EPISODES"}
    env["XDG_CACHE_HOME"] = str(cwd / "cache")  # converted models go to a cache of the test's own
    return subprocess.run(
        [SHOWPREP, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )


@pytest.fixture
def episode(tmp_path: Path) -> Path:
    made = run("new", "Reel Talk 7", "--date", "2026-11-30", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    return tmp_path / made.stdout.strip().splitlines()[-1]


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_transcribe_jfk_with_the_defaults(tmp_path: Path, episode: Path) -> None:
    result = run("transcribe", episode.name, str(JFK), cwd=tmp_path, timeout=300)
    assert result.returncode == 0, result.stderr
    publish = episode / "publish"
    assert result.stdout.splitlines() == [
        str(Path("episodes") / episode.name / "transcript.json"),
        *(
            str(Path("episodes") / episode.name / "publish" / f"transcript.{ext}")
            for ext in ("vtt", "srt", "txt", "json")
        ),
    ]
    assert "transcribed 0:11 of audio" in result.stderr and "with whisper (tiny.en)" in result.stderr
    transcript = json.loads((episode / "transcript.json").read_text())
    assert transcript["engine"] == "whisper" and transcript["model"] == "tiny.en"
    assert transcript["audio"] == str(JFK)
    assert "fellow Americans" in (publish / "transcript.txt").read_text()
    assert re.match(r"1\n00:00:00,\d{3} --> 00:00:0\d,\d{3}\n", (publish / "transcript.srt").read_text())
    text = (episode / "episode.md").read_text()
    assert "status: transcribed" in text and f"audio: {JFK}" in text
    assert list((tmp_path / "cache" / "showprep").glob("whisper-*.pt"))


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda d: d / "missing.mp3", "does not exist"),
        (lambda d: (d / "empty.m4a", (d / "empty.m4a").touch())[0], "is empty (0 bytes)"),
        (
            lambda d: (d / "notes.mp3", (d / "notes.mp3").write_text("plain words\n" * 40))[0],
            "is not an audio",
        ),
        (
            lambda d: (d / "cut.flac", (d / "cut.flac").write_bytes(JFK.read_bytes()[:120_000]))[0],
            "is truncated or corrupt",
        ),
    ],
)
def test_bad_audio_is_one_line_exit_1_and_the_episode_untouched(
    tmp_path: Path,
    episode: Path,
    make,
    reason: str,  # type: ignore[no-untyped-def]
) -> None:
    before = files_of(episode)
    bad = make(tmp_path)
    result = run("transcribe", str(episode), str(bad), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [result.stderr.strip()]
    assert result.stderr.startswith(f"showprep: {bad}: ") and reason in result.stderr
    assert files_of(episode) == before


def test_unknown_engine_is_one_line_exit_1(tmp_path: Path, episode: Path) -> None:
    result = run("transcribe", str(episode), str(JFK), "--engine", "vosk", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == "showprep: unknown engine 'vosk'; choose one of: whisper, faster-whisper\n"
    assert not (episode / "transcript.json").exists()


@pytest.mark.slow
def test_unknown_model_is_one_line_exit_1(tmp_path: Path, episode: Path) -> None:
    result = run("transcribe", str(episode), str(JFK), "--model", "tiny.xx", cwd=tmp_path, timeout=120)
    assert result.returncode == 1
    assert result.stderr.startswith("showprep: tiny.xx: is not a Whisper model name")
    assert "offline default tiny.en" in result.stderr and result.stderr.count("\n") == 1
    assert not (episode / "transcript.json").exists()


def test_no_audio_anywhere(tmp_path: Path, episode: Path) -> None:
    result = run("transcribe", str(episode), cwd=tmp_path)
    assert result.returncode == 1
    assert "has no audio: yet; give the recording's path" in result.stderr


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run("transcribe", cwd=tmp_path).returncode == 2
    assert run("transcribe", "x", "y", "--speed", "9", cwd=tmp_path).returncode == 2


def test_unknown_episode(tmp_path: Path) -> None:
    result = run("transcribe", "no-such-episode", str(JFK), cwd=tmp_path)
    assert result.returncode == 1 and result.stderr.startswith("showprep: no-such-episode: no episode here")


def test_help_names_every_option(tmp_path: Path) -> None:
    result = run("transcribe", "--help", cwd=tmp_path)
    assert result.returncode == 0
    for option in ("--model", "--engine", "--language", "--no-prompt", "whisper|faster-whisper"):
        assert option in result.stdout
