"""How fast, how accurate and how lean `showprep transcribe` is, against the bare tools, in one run.

    .venv/bin/python bench/transcribe.py [--minutes 5] [--repeat 3] [--long-minutes 60 | --skip-long]

On one speech file of several minutes (the sample episode's four articles read aloud by two
espeak-ng voices, made on the fly), every contender runs in its own process with the same weights
(the bundled tiny.en, converted for openai-whisper by showprep):

- the bare `whisper` command line with its defaults (beam search of 5, temperature fallback); it needs
  a system ffmpeg, and without one the same defaults run through whisper's Python API on samples
  decoded by PyAV;
- `showprep transcribe` with the default engine and settings;
- bare faster-whisper (`WhisperModel.transcribe`) with the decoding settings showprep's faster-whisper
  engine uses, so the ratio shows what showprep adds;
- `showprep transcribe --engine faster-whisper`.

The four run in turn, `--repeat` rounds of them (3 by default), and each is shown by its fastest
run: on a shared machine other work only ever adds time, so the fastest run is the closest to what
a contender costs, and taking turns spreads slow spells over all of them. Each prints wall time, CPU
time, real-time factor (wall time / audio time), peak resident memory and word error rate; then the
ratios. Word error rate is also compared on jfk.flac and on the two-voice
espeak-ng clip of the tests. Finally `showprep transcribe` runs on a long file (the speech file
repeated) for its peak memory.

Needs espeak-ng (to make the speech file); the whisper CLI baseline also needs ffmpeg.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import av
import numpy as np

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
JFK = SHARED / "jfk.flac"
JFK_TEXT = (SHARED / "jfk.txt").read_text(encoding="utf-8")
TWO_VOICES = REPO / "tests" / "fixtures" / "audio" / "two_voices.ogg"
TWO_VOICES_TEXT = " ".join(
    line["text"] for line in json.loads(TWO_VOICES.with_suffix(".json").read_text(encoding="utf-8"))["lines"]
)
SOURCES = REPO / "episodes" / "2026-11-23-reel-talk-42" / "sources"
VOICES = ("en-us+m3", "en-gb+f2")
BIN = Path(sys.executable).parent
RATE = 16_000
GAP = 0.7
GIB = 1024**3


@dataclass
class Run:
    """One contender's figures."""

    name: str
    wall: float
    cpu: float
    peak_rss: int
    """Bytes."""
    text: str
    audio_seconds: float

    @property
    def rtf(self) -> float:
        return self.wall / self.audio_seconds


def words(text: str) -> list[str]:
    return re.sub(r"[^\w\s']", " ", text.lower()).split()


def wer(reference: str, hypothesis: str) -> float:
    """Word error rate: word-level edit distance over the reference's length."""
    ref, hyp = words(reference), words(hypothesis)
    previous = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, start=1):
        current = [i] + [0] * len(hyp)
        for j, h in enumerate(hyp, start=1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (r != h))
        previous = current
    return previous[-1] / max(1, len(ref))


def decode(path: Path) -> np.ndarray:
    with av.open(str(path)) as container:
        resampler = av.AudioResampler(format="flt", layout="mono", rate=RATE)
        pieces = [
            o.to_ndarray().reshape(-1) for f in container.decode(audio=0) for o in resampler.resample(f)
        ]
    return np.concatenate(pieces)


def write_flac(samples: np.ndarray, path: Path) -> None:
    pcm = (np.clip(samples, -1, 1) * 32767).astype(np.int16)
    with av.open(str(path), "w") as container:
        stream = container.add_stream("flac", rate=RATE, layout="mono")
        step = RATE * 10
        for start in range(0, pcm.size, step):
            frame = av.AudioFrame.from_ndarray(
                pcm[start : start + step].reshape(1, -1), format="s16", layout="mono"
            )
            frame.sample_rate = RATE
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)


def article_paragraphs() -> list[str]:
    """The body paragraphs of the sample episode's articles, as plain sentences."""
    paragraphs = []
    for source in sorted(SOURCES.glob("*.md")):
        body = source.read_text(encoding="utf-8").split("\n---\n", 1)[1]
        paragraphs += [re.sub(r"[*_#>\[\]]", "", p).strip() for p in body.split("\n\n") if p.strip()]
    return paragraphs


def speak(text: str, voice: str, folder: Path) -> np.ndarray:
    wav = folder / "line.wav"
    subprocess.run(["espeak-ng", "-v", voice, "-s", "160", "-w", str(wav), text], check=True)
    return decode(wav)


def spoken_articles(work: Path) -> tuple[np.ndarray, str]:
    """The articles read aloud, paragraph by paragraph, by two alternating voices; and the text."""
    paragraphs = article_paragraphs()
    pause = np.zeros(round(GAP * RATE), dtype=np.float32)
    pieces = [p for n, text in enumerate(paragraphs) for p in (speak(text, VOICES[n % 2], work), pause)]
    return np.concatenate(pieces), " ".join(paragraphs)


def speech_file(unit: np.ndarray, text: str, minutes: float, path: Path) -> tuple[float, str]:
    """`unit` repeated to last at least `minutes`, written to `path`; its length and its text."""
    reps = max(1, int(np.ceil(minutes * 60 / (unit.size / RATE))))
    write_flac(np.tile(unit, reps), path)
    return reps * unit.size / RATE, " ".join([text] * reps)


def measure(name: str, command: list[str], audio_seconds: float, output: Path) -> Run:
    """Run `command` in its own process: wall time, CPU time and peak memory of that process alone."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"{name} failed ({process.returncode}):\n{stderr.decode(errors='replace')[-2000:]}")
    text = output.read_text(encoding="utf-8") if output.exists() else ""
    return Run(name, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, text, audio_seconds)


BARE_WHISPER_API = """
import sys, av, numpy as np, whisper
audio, model, out = sys.argv[1:4]
with av.open(audio) as c:
    r = av.AudioResampler(format="flt", layout="mono", rate=16000)
    samples = np.concatenate([o.to_ndarray().reshape(-1) for f in c.decode(audio=0) for o in r.resample(f)])
# The command line's defaults: beam search of 5, best of 5, temperature fallback, conditioning on text.
result = whisper.load_model(model, device="cpu").transcribe(
    samples, beam_size=5, best_of=5, fp16=False, language="en", verbose=None)
open(out, "w").write(result["text"])
"""

BARE_FASTER_WHISPER = """
import sys
from faster_whisper import WhisperModel
from showprep.adapters.engines.faster_engine import COMPUTE_TYPE, DECODING
audio, model, out = sys.argv[1:4]
segments, _ = WhisperModel(model, device="cpu", compute_type=COMPUTE_TYPE).transcribe(audio, **DECODING)
open(out, "w").write(" ".join(s.text.strip() for s in segments))
"""


class Contenders:
    """The commands of each contender, for one audio file at a time."""

    def __init__(self, work: Path) -> None:
        from showprep.adapters.models import bundled_model_dir, converted_checkpoint

        self.work = work
        self.ct2_dir = bundled_model_dir()
        self.checkpoint = converted_checkpoint(self.ct2_dir).target
        self.episodes = work / "episodes"
        self.ffmpeg = shutil.which("ffmpeg")
        self.count = 0

    def _out(self) -> Path:
        self.count += 1
        folder = self.work / f"run{self.count}"
        folder.mkdir()
        return folder

    def whisper_cli(self, audio: Path, seconds: float) -> Run:
        out = self._out()
        if self.ffmpeg:
            command = [str(BIN / "whisper"), str(audio), "--model", self.checkpoint, "--output_dir", str(out)]
            command += ["--output_format", "txt", "--verbose", "False"]
            return measure("whisper CLI (bare)", command, seconds, out / f"{audio.stem}.txt")
        command = [sys.executable, "-c", BARE_WHISPER_API, str(audio), self.checkpoint, str(out / "text")]
        return measure("whisper API, CLI defaults (bare)", command, seconds, out / "text")

    def showprep(self, audio: Path, seconds: float, engine: str) -> Run:
        self._out()
        made = subprocess.run(
            [str(BIN / "showprep"), "--episodes-dir", str(self.episodes), "new", f"Bench {self.count}"],
            capture_output=True,
            text=True,
            check=True,
        )
        folder = Path(made.stdout.strip().splitlines()[-1])
        command = [str(BIN / "showprep"), "--episodes-dir", str(self.episodes), "transcribe", str(folder)]
        command += [str(audio), "--engine", engine]
        return measure(
            f"showprep transcribe --engine {engine}", command, seconds, folder / "publish/transcript.txt"
        )

    def faster_whisper(self, audio: Path, seconds: float) -> Run:
        out = self._out() / "text"
        command = [sys.executable, "-c", BARE_FASTER_WHISPER, str(audio), str(self.ct2_dir), str(out)]
        return measure("faster-whisper (bare, showprep's settings)", command, seconds, out)


def mib(n: int) -> str:
    return f"{n / 1024**2:,.0f} MiB"


def table(runs: list[Run], reference: str) -> None:
    print(f"{'contender':46} {'wall s':>8} {'CPU s':>8} {'RTF':>7} {'peak RSS':>10} {'WER':>7}")
    for run in runs:
        figures = f"{run.wall:8.1f} {run.cpu:8.1f} {run.rtf:7.3f} {mib(run.peak_rss):>10}"
        print(f"{run.name:46} {figures} {wer(reference, run.text):7.1%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=4.0, help="least length of the speech file")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of the four contenders")
    parser.add_argument("--long-minutes", type=float, default=60.0, help="length of the memory test file")
    parser.add_argument("--skip-long", action="store_true", help="leave out the long-file memory run")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="showprep-bench-") as tmp:
        work = Path(tmp)
        contenders = Contenders(work)
        if not shutil.which("espeak-ng"):
            sys.exit(
                "bench/transcribe.py needs espeak-ng to make its speech file (apt-get install espeak-ng)"
            )
        unit, unit_text = spoken_articles(work)
        speech = work / "speech.flac"
        seconds, reference = speech_file(unit, unit_text, args.minutes, speech)
        print(
            f"speech file: the sample articles read by espeak-ng, {seconds / 60:.1f} min, "
            f"{os.cpu_count()} CPUs"
        )
        if not contenders.ffmpeg:
            print("no ffmpeg on this machine: the baseline runs whisper's Python API with the CLI's defaults")

        rounds = [
            [
                contenders.whisper_cli(speech, seconds),
                contenders.showprep(speech, seconds, "whisper"),
                contenders.faster_whisper(speech, seconds),
                contenders.showprep(speech, seconds, "faster-whisper"),
            ]
            for _ in range(max(1, args.repeat))
        ]
        fastest = [min(runs, key=lambda r: r.wall) for runs in zip(*rounds, strict=True)]
        baseline, default, bare_fw, showprep_fw = fastest
        print(f"\nfastest of {len(rounds)} rounds")
        table([baseline, default, bare_fw, showprep_fw], reference)

        print("\nratios (wall time; CPU time in brackets)")
        print(
            f"  showprep default vs bare whisper CLI: {baseline.wall / default.wall:.2f}x faster "
            f"({baseline.cpu / default.cpu:.2f}x)   goal >= 3x, stretch 5x"
        )
        print(
            "  showprep faster-whisper vs bare faster-whisper: "
            f"{showprep_fw.wall / bare_fw.wall:.3f}x the time "
            f"({showprep_fw.cpu / bare_fw.cpu:.3f}x)   goal <= 1.05x"
        )
        print(f"  showprep faster-whisper vs showprep default: {default.wall / showprep_fw.wall:.2f}x faster")

        for label, path, text in (
            ("jfk.flac", JFK, JFK_TEXT),
            ("two-voice espeak-ng clip", TWO_VOICES, TWO_VOICES_TEXT),
        ):
            clip_seconds = decode(path).size / RATE
            runs = [
                contenders.whisper_cli(path, clip_seconds),
                contenders.showprep(path, clip_seconds, "whisper"),
            ]
            print(f"\nword error rate on {label}")
            table(runs, text)

        if not args.skip_long:
            long_audio = work / "long.flac"
            long_seconds, long_reference = speech_file(unit, unit_text, args.long_minutes, long_audio)
            print(f"\nlong file: {long_seconds / 60:.1f} min")
            long_run = contenders.showprep(long_audio, long_seconds, "whisper")
            table([long_run], long_reference)
            verdict = "within" if long_run.peak_rss <= GIB else "OVER"
            print(f"  peak memory {mib(long_run.peak_rss)}: {verdict} the 1 GiB goal")


if __name__ == "__main__":
    main()
