"""How fast the terminal UI opens a big episode, and how quickly it answers keys while a job runs.

Everything runs the real program in a real pseudo-terminal, and time is measured from outside, the
way a user feels it:

- first full paint: from starting `showprep tui EPISODE` until the screen shows the plan tree and the
  preview of the first segment. Measured for an episode with 100 sources and a 2-hour transcript,
  and, as the baseline, for an episode with one empty segment.
- keypress to repaint: from writing one character into the terminal until the frame showing it in
  the transcript's search box arrives (each keystroke also searches the whole transcript). Measured
  while the app transcribes an 11-minute recording (the sample's, repeated) with the offline model (started
  with `t` like a user would, timed once the model has loaded and is decoding), against the same app
  idle as the baseline.

Goals: first full paint under 1 s; keypress to repaint under 50 ms.

Run: .venv/bin/python bench/tui.py
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import fcntl
import os
import random
import re
import select
import statistics
import struct
import sys
import tempfile
import termios
import time
from dataclasses import replace
from pathlib import Path

COLUMNS, ROWS = 120, 36
SOURCES = 100
TRANSCRIPT_SECONDS = 2 * 60 * 60
TYPED = "zqxjvkwpfybm"
"""Characters typed into the search box; no transcript word contains them in a row."""
ROUNDS = 3
SAMPLE_RECORDING = (
    Path(__file__).resolve().parents[1] / "episodes" / "2026-11-23-reel-talk-42" / "recording.ogg"
)
RECORDING_REPEATS = 6
"""The recording transcribed is the sample's 110 seconds six times over: long enough to type into."""
MODEL_LOAD_SECONDS = 8.0
"""Wait after starting the transcription, so that keys are typed while the model decodes."""
ANSI = re.compile(
    r"\x1b(\[[0-9;?<>=$]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|[@-Z\\-_])"
)
WORDS = [
    "the", "film", "studio", "box", "office", "streaming", "price", "festival", "sequel", "horror",
    "audience", "weekend", "theatre", "ticket", "director", "premiere", "review", "season", "trailer",
]  # fmt: skip


# -- episodes ----------------------------------------------------------------------------------


def make_long_recording(path: Path) -> Path:
    """The sample recording said RECORDING_REPEATS times over, as a 16 kHz WAV file."""
    import wave

    import numpy as np

    from showprep.adapters.audio import SAMPLE_RATE, stream_samples

    speech = np.concatenate(list(stream_samples(SAMPLE_RECORDING)))
    pcm = (np.clip(np.tile(speech, RECORDING_REPEATS), -1, 1) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(pcm.tobytes())
    return path


def make_big_episode(root: Path, recording: Path) -> Path:
    """100 articles of about 600 words in 10 segments, and a 2-hour transcript with word timings."""
    from showprep.adapters.store import EpisodeStore
    from showprep.domain.episode import Segment
    from showprep.domain.source import Cite, Source
    from showprep.domain.transcript import Transcript, TranscriptSegment, Word

    rng = random.Random(7)
    store = EpisodeStore(root)
    folder, episode = store.create("Big episode", dt.date(2026, 11, 23))
    for i in range(SOURCES):
        text = "\n\n".join(" ".join(rng.choice(WORDS) for _ in range(60)) for _ in range(10))
        source = Source(
            id=f"article-{i:03d}",
            url=f"https://news.example/{i}",
            title=f"Article number {i}",
            authors=("Dana Reyes",),
            publisher="Screen Scoop",
            cites=(Cite("Box Office Daily", "https://bod.example/"),),
            text=text,
            word_count=600,
        )
        store.save_source(folder, source)
    segments = tuple(
        Segment(f"topic-{j}", f"Topic number {j}", ("First point", "Second point"), 5.0,
                tuple(f"article-{i:03d}" for i in range(j * 10, j * 10 + 10)))
        for j in range(10)
    )  # fmt: skip
    store.save_episode(folder, replace(episode, segments=segments, audio=str(recording)))
    spoken: list[TranscriptSegment] = []
    t = 0.0
    while t < TRANSCRIPT_SECONDS:
        words = []
        for _ in range(12):
            words.append(Word(" " + rng.choice(WORDS), t, t + 0.3, 0.9))
            t += 0.33
        text = "".join(w.text for w in words).strip()
        spoken.append(TranscriptSegment(words[0].start, words[-1].end, text, tuple(words)))
    transcript = Transcript(tuple(spoken), "en", "tiny", "whisper", duration=TRANSCRIPT_SECONDS)
    store.save_transcript(folder, transcript)
    return folder


def make_empty_episode(root: Path) -> Path:
    """One segment, no sources, no transcript: what opening costs when there is nothing to show."""
    from showprep.adapters.store import EpisodeStore
    from showprep.domain.episode import Segment

    store = EpisodeStore(root)
    folder, episode = store.create("Empty episode", dt.date(2026, 11, 23))
    store.save_episode(folder, replace(episode, segments=(Segment("topic-0", "Topic number 0"),)))
    return folder


# -- a program in a pseudo-terminal -------------------------------------------------------------


class Terminal:
    """A child process on a pseudo-terminal of COLUMNS x ROWS, and the screen text it has written."""

    def __init__(self, argv: list[str]) -> None:
        self.started = time.perf_counter()
        pid, fd = os.forkpty()
        if pid == 0:
            env = dict(os.environ, TERM="xterm-256color", COLUMNS=str(COLUMNS), LINES=str(ROWS))
            os.execvpe(argv[0], argv, env)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        self.text = ""

    def read_until(self, *needles: str, timeout: float = 30.0) -> float:
        """Read output until every needle has appeared in it (escape codes removed); the time then."""
        deadline = time.perf_counter() + timeout
        raw = b""
        while True:
            if all(n in self.text for n in needles):
                return time.perf_counter()
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise TimeoutError(f"never saw {needles!r}; last output: {self.text[-400:]!r}")
            ready, _, _ = select.select([self.fd], [], [], remaining)
            if ready:
                try:
                    raw += os.read(self.fd, 65536)
                except OSError as exc:
                    raise RuntimeError(f"the program ended; last output: {self.text[-400:]!r}") from exc
                self.text = ANSI.sub("", raw.decode("utf-8", "replace"))

    def drain(self, quiet: float = 0.3) -> None:
        """Read until nothing has come for `quiet` seconds, and forget it."""
        while select.select([self.fd], [], [], quiet)[0]:
            try:
                os.read(self.fd, 65536)
            except OSError:
                break
        self.text = ""

    def send(self, data: str) -> float:
        self.text = ""
        os.write(self.fd, data.encode())
        return time.perf_counter()

    def close(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, 15)
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def showprep_argv(episodes: Path, folder: Path) -> list[str]:
    return [
        str(Path(sys.executable).parent / "showprep"),
        "--episodes-dir",
        str(episodes),
        "tui",
        folder.name,
    ]


def first_paint(episodes: Path, folder: Path, segment_title: str) -> float:
    """Seconds from starting the program until the tree and the first segment's preview are shown."""
    terminal = Terminal(showprep_argv(episodes, folder))
    try:
        return terminal.read_until(f"1. {segment_title}", "Talking points") - terminal.started
    finally:
        terminal.close()


def keypress_latencies(episodes: Path, folder: Path, transcribing: bool) -> list[float]:
    """Seconds from each typed character to the frame that shows it in the search box."""
    transcript = folder / "transcript.json"
    written = transcript.stat().st_mtime_ns
    terminal = Terminal(showprep_argv(episodes, folder))
    try:
        terminal.read_until("1. Topic number 0", "Talking points")
        if transcribing:
            terminal.send("t")
            terminal.read_until("Transcribe a recording")
            terminal.send("\r")
            terminal.read_until("Transcribing recording.wav")
            time.sleep(MODEL_LOAD_SECONDS)
        terminal.send("/")
        terminal.read_until("Search the transcript")
        terminal.drain()
        latencies = []
        for _ in range(ROUNDS):
            for n in range(1, len(TYPED) + 1):
                sent = terminal.send(TYPED[n - 1])
                latencies.append(terminal.read_until(TYPED[:n]) - sent)
                time.sleep(0.05)
            terminal.send("\x15")  # ctrl+u clears the search box
            terminal.drain()
        if transcript.stat().st_mtime_ns != written:
            raise RuntimeError(
                "the transcription ended before the measurement did; the figures would be idle ones"
            )
        return latencies
    finally:
        terminal.close()


# -- report ------------------------------------------------------------------------------------


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[round(fraction * (len(ordered) - 1))]


def describe(latencies: list[float]) -> str:
    ms = [x * 1000 for x in latencies]
    return (
        f"median {statistics.median(ms):6.1f} ms   p95 {percentile(ms, 0.95):6.1f} ms   "
        f"max {max(ms):6.1f} ms  (n={len(ms)})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=3, help="openings measured per episode (best is kept)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        episodes = Path(scratch) / "episodes"
        big = make_big_episode(episodes, make_long_recording(Path(scratch) / "recording.wav"))
        empty = make_empty_episode(episodes)
        hours = TRANSCRIPT_SECONDS // 3600
        print(f"episode: {SOURCES} sources, {hours}-hour transcript; terminal {COLUMNS}x{ROWS}")

        empty_paint = min(first_paint(episodes, empty, "Topic number 0") for _ in range(args.repeat))
        big_paint = min(first_paint(episodes, big, "Topic number 0") for _ in range(args.repeat))
        print(
            "\nfirst full paint (process start to plan tree and preview on screen; best of",
            args.repeat,
            "runs)",
        )
        print(f"  baseline, empty episode    {empty_paint * 1000:7.0f} ms")
        print(
            f"  big episode                {big_paint * 1000:7.0f} ms   ratio {big_paint / empty_paint:.2f}x"
        )
        print(f"  goal < 1000 ms: {'met' if big_paint < 1.0 else 'NOT met'}")

        idle = keypress_latencies(episodes, big, transcribing=False)
        busy = keypress_latencies(episodes, big, transcribing=True)
        print("\nkeypress to repaint (a character typed into the transcript search of the big episode)")
        print(f"  baseline, idle             {describe(idle)}")
        print(f"  while transcribing         {describe(busy)}")
        ratio = statistics.median(busy) / statistics.median(idle)
        verdict = "met" if percentile(busy, 0.95) < 0.05 else "NOT met"
        print(f"  ratio of medians {ratio:.2f}x;  goal p95 < 50 ms: {verdict}")


if __name__ == "__main__":
    main()
