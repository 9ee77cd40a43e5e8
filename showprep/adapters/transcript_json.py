"""`transcript.json`: the full transcript with everything needed to trust and reuse it.

Timings are rounded to milliseconds on the way out, which is finer than any engine's real precision
and keeps the file diff-friendly.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from showprep.adapters.documents import write_atomically
from showprep.adapters.errors import MalformedFileError, StoreError
from showprep.domain.transcript import Transcript, TranscriptSegment, Word

FORMAT_VERSION = 1


def transcript_to_dict(transcript: Transcript) -> dict[str, Any]:
    return {
        "version": FORMAT_VERSION,
        "engine": transcript.engine,
        "model": transcript.model,
        "language": transcript.language,
        "audio": transcript.audio,
        "audio_sha256": transcript.audio_sha256,
        "duration": round(transcript.duration, 3),
        "settings": dict(transcript.settings),
        "segments": [
            {
                "start": round(s.start, 3),
                "end": round(s.end, 3),
                "text": s.text,
                **({"speaker": s.speaker} if s.speaker else {}),
                "words": [
                    {
                        "text": w.text,
                        "start": round(w.start, 3),
                        "end": round(w.end, 3),
                        **({"probability": round(w.probability, 4)} if w.probability is not None else {}),
                    }
                    for w in s.words
                ],
            }
            for s in transcript.segments
        ],
    }


def transcript_from_dict(data: Any) -> Transcript:
    """Build a Transcript; raises ValueError/TypeError/KeyError on a wrong shape."""
    if not isinstance(data, dict):
        raise TypeError("the top level must be an object")
    segments = tuple(
        TranscriptSegment(
            start=float(s["start"]),
            end=float(s["end"]),
            text=str(s["text"]),
            words=tuple(
                Word(
                    text=str(w["text"]),
                    start=float(w["start"]),
                    end=float(w["end"]),
                    probability=None if w.get("probability") is None else float(w["probability"]),
                )
                for w in s.get("words") or ()
            ),
            speaker=s.get("speaker"),
        )
        for s in data.get("segments") or ()
    )
    return Transcript(
        segments=segments,
        language=data.get("language"),
        model=str(data.get("model") or ""),
        engine=str(data.get("engine") or ""),
        audio=data.get("audio"),
        audio_sha256=data.get("audio_sha256"),
        duration=float(data.get("duration") or 0.0),
        settings=dict(data.get("settings") or {}),
    )


def read_transcript(path: Path) -> Transcript:
    """Load `transcript.json`; any problem is a StoreError naming the file (and line for bad JSON)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise StoreError(path, "does not exist; transcribe the episode first") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise StoreError(path, f"cannot be read: {exc}") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedFileError(path, f"is not valid JSON: {exc.msg}", exc.lineno) from exc
    try:
        return transcript_from_dict(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise MalformedFileError(path, f"is not a showprep transcript: {exc!r}") from exc


def write_transcript(path: Path, transcript: Transcript) -> None:
    """Save `transcript.json` atomically."""
    text = json.dumps(transcript_to_dict(transcript), ensure_ascii=False, indent=1) + "\n"
    try:
        write_atomically(path, text.encode("utf-8"))
    except OSError as exc:
        raise StoreError(path, f"cannot be written: {exc.strerror or exc}") from exc
