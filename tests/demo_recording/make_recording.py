"""Make the sample episode's recording: two espeak-ng voices reading a short script, and its truth.

Run by hand, not by the tests (they use the committed result): it needs espeak-ng and sox.

    .venv/bin/python tests/demo_recording/make_recording.py

It writes `episodes/2026-11-23-reel-talk-42/recording.ogg` (Opus, mono, low bitrate) and `truth.json`
next to this script: when each line starts and where each planned segment really begins, for the
end-to-end test. The hosts discuss the plan's segments out of order, skip the festival news, and end
with an unplanned story that one of the articles covers.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
import wave
from pathlib import Path

import av

HERE = Path(__file__).resolve().parent
EPISODE = HERE.parents[1] / "episodes" / "2026-11-23-reel-talk-42"
VOICES = {"Jo": "en-us+m3", "Sam": "en-gb+f2"}
WORDS_PER_MINUTE = 150
PAUSE = 0.45
TOPIC_PAUSE = 0.9

# One line of speech per row: the planned segment it belongs to ("-" for none) | speaker | words;
# an indented row continues the words of the row above.
SCRIPT_TEXT = """
- | Jo | Hello, and welcome to Reel Talk, episode forty two. I'm Jo.
- | Sam | And I'm Sam. It has been a busy week for anyone who likes going out to the movies.
- | Jo | It really has. Before we start, thank you to everyone who wrote in after last week's show.
- | Sam | We read every message. Even the angry ones.
streaming-prices | Jo | Let's begin with streaming, because my bill went up again. Lumen Plus
    is raising its prices.
streaming-prices | Sam | The ad free plan goes from fifteen ninety nine to seventeen ninety
    nine a month.
streaming-prices | Jo | And the plan with ads goes up by a dollar. Stream Digest says it is
    the second price rise in a year.
streaming-prices | Sam | Lumen Plus still sells the Cobalt bundle, but it hardly saves any
    money now.
streaming-prices | Jo | So check your subscriptions, and cancel the ones you forgot about.
box-office | Sam | Now, the weekend box office, which was a real surprise.
box-office | Jo | A small horror film called The Hollow Orchard made forty one million dollars.
box-office | Sam | It beat two big sequels, Galaxy Rangers Three and Turbo Heist Two.
box-office | Jo | Marquee Analytics expected twenty million. The director, Ines Okafor, made
    it for six million dollars.
box-office | Sam | And the studio is keeping it in cinemas for forty five days before it
    streams. Good for them.
box-office | Jo | Sam, you wanted to mention the drive-in story.
box-office | Sam | Yes! The Starlight drive-in, in Ohio, is reopening, after its fans raised
    three hundred thousand dollars.
box-office | Jo | I love that. Double features every weekend.
box-office | Sam | That's all for this week. The festival news will have to wait until next time.
box-office | Jo | Thanks for listening to Reel Talk. See you next week.
"""
SCRIPT = [
    (topic.strip("- "), speaker.strip(), text.strip())
    for topic, speaker, text in (
        row.split("|") for row in SCRIPT_TEXT.strip().replace("\n    ", " ").splitlines()
    )
]


def _speak(text: str, voice: str, out: Path) -> float:
    subprocess.run(["espeak-ng", "-v", voice, "-s", str(WORDS_PER_MINUTE), "-w", str(out), text], check=True)
    with wave.open(str(out)) as wav:
        return wav.getnframes() / wav.getframerate()


def _silence(seconds: float, out: Path) -> None:
    subprocess.run(
        ["sox", "-n", "-r", "22050", "-c", "1", "-b", "16", str(out), "trim", "0", f"{seconds}"], check=True
    )


def _encode_opus(wav_path: Path, out: Path) -> None:
    with av.open(str(wav_path)) as source, av.open(str(out), "w", format="ogg") as target:
        stream = target.add_stream("libopus", rate=16000, layout="mono")
        stream.bit_rate = 16000
        resampler = av.AudioResampler(format="s16", layout="mono", rate=16000)
        for frame in source.decode(audio=0):
            for resampled in resampler.resample(frame):
                for packet in stream.encode(resampled):
                    target.mux(packet)
        for packet in stream.encode(None):
            target.mux(packet)


def main() -> None:
    lines = []
    with tempfile.TemporaryDirectory() as scratch:
        parts: list[Path] = []
        clock = 0.0
        previous_topic = None
        for index, (topic, speaker, text) in enumerate(SCRIPT):
            if index:
                pause = TOPIC_PAUSE if topic != previous_topic else PAUSE
                gap = Path(scratch) / f"{index:02d}-gap.wav"
                _silence(pause, gap)
                parts.append(gap)
                clock += pause
            speech = Path(scratch) / f"{index:02d}.wav"
            duration = _speak(text, VOICES[speaker], speech)
            parts.append(speech)
            lines.append({"start": round(clock, 2), "speaker": speaker, "topic": topic, "text": text})
            clock += duration
            previous_topic = topic
        joined = Path(scratch) / "recording.wav"
        subprocess.run(["sox", *map(str, parts), str(joined)], check=True)
        _encode_opus(joined, EPISODE / "recording.ogg")
    chapters = [{"start": 0.0, "segment": None}]
    seen = set()
    for line in lines:
        if line["topic"] and line["topic"] not in seen:
            seen.add(line["topic"])
            chapters.append({"start": line["start"], "segment": line["topic"]})
    truth = {
        "duration": round(clock, 2),
        "chapters": chapters,
        "not_covered": ["festival-news"],
        "lines": lines,
    }
    (HERE / "truth.json").write_text(json.dumps(truth, indent=1) + "\n", encoding="utf-8")
    print(f"{clock:.1f} s; chapters {chapters}")


if __name__ == "__main__":
    main()
