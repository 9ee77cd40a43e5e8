"""CTranslate2 Whisper models (`model.bin` + `config.json`) read and turned into openai-whisper checkpoints.

The offline default model ships only in CTranslate2's layout, which faster-whisper loads as it is.
openai-whisper wants its own checkpoint, `{"dims": ..., "model_state_dict": ...}`, so this module
reads `model.bin` (a small binary format: a version, the spec name, a revision, then named
variables with rank, shape, dtype and raw bytes, then aliases) and renames, splits and reshapes the
variables layer by layer into the names openai-whisper's `Whisper` module uses.

Only numpy is needed here; turning the arrays into torch tensors is the caller's business.
"""

from __future__ import annotations

import base64
import gzip
import json
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

SUPPORTED_BINARY_VERSIONS = (5, 6)
WHISPER_SPEC = "WhisperSpec"

# Order of CTranslate2's DataType enum (include/ctranslate2/types.h).
_DTYPES: tuple[npt.DTypeLike, ...] = (np.float32, np.int8, np.int16, np.int32, np.float16, np.uint16)
_BFLOAT16 = 5


class Ct2FormatError(ValueError):
    """The folder is not a CTranslate2 Whisper model this module can convert; str() says why."""


@dataclass(frozen=True)
class Ct2Model:
    """The variables of a CTranslate2 `model.bin`, by name, with aliases resolved on lookup."""

    spec: str
    """Specification name, e.g. "WhisperSpec"."""
    revision: int
    """Specification revision."""
    variables: dict[str, npt.NDArray[Any]]
    """Arrays by variable name, in their stored dtype."""
    aliases: dict[str, str]
    """Alias name -> variable name (e.g. the output projection shares the token embedding)."""

    def __getitem__(self, name: str) -> npt.NDArray[Any]:
        return self.variables[self.aliases.get(name, name)]

    def __contains__(self, name: str) -> bool:
        return self.aliases.get(name, name) in self.variables


class _Reader:
    """Little-endian cursor over the bytes of `model.bin`."""

    def __init__(self, data: bytes) -> None:
        self.data = memoryview(data)
        self.pos = 0

    def take(self, size: int) -> memoryview:
        if self.pos + size > len(self.data):
            raise Ct2FormatError(
                f"ends early: {size} bytes wanted at offset {self.pos}, file has {len(self.data)}"
            )
        chunk = self.data[self.pos : self.pos + size]
        self.pos += size
        return chunk

    def unpack(self, fmt: str) -> int:
        value: int = struct.unpack("<" + fmt, self.take(struct.calcsize(fmt)))[0]
        return value

    def string(self) -> str:
        size = self.unpack("H")
        raw = bytes(self.take(size))
        if not raw.endswith(b"\0"):
            raise Ct2FormatError(f"has a string without its terminating NUL at offset {self.pos - size}")
        return raw[:-1].decode("utf-8")


def read_model_bin(path: Path) -> Ct2Model:
    """Parse `model.bin`; raises Ct2FormatError when the bytes are not a CTranslate2 model."""
    reader = _Reader(path.read_bytes())
    version = reader.unpack("I")
    if version not in SUPPORTED_BINARY_VERSIONS:
        raise Ct2FormatError(f"has binary version {version}; supported: {SUPPORTED_BINARY_VERSIONS}")
    spec = reader.string()
    revision = reader.unpack("I")
    variables: dict[str, npt.NDArray[Any]] = {}
    for _ in range(reader.unpack("I")):
        name = reader.string()
        shape = tuple(reader.unpack("I") for _ in range(reader.unpack("B")))
        type_id = reader.unpack("B")
        if type_id >= len(_DTYPES):
            raise Ct2FormatError(f"variable {name} has unknown dtype id {type_id}")
        if type_id == _BFLOAT16:
            raise Ct2FormatError(f"variable {name} is bfloat16, which this converter does not read")
        size = reader.unpack("I")
        array = np.frombuffer(reader.take(size), dtype=_DTYPES[type_id])
        if array.size != int(np.prod(shape)):
            raise Ct2FormatError(f"variable {name} holds {array.size} values for shape {shape}")
        variables[name] = array.reshape(shape)
    aliases = {}
    for _ in range(reader.unpack("I")):
        alias = reader.string()
        aliases[alias] = reader.string()
    if reader.pos != len(reader.data):
        raise Ct2FormatError(f"has {len(reader.data) - reader.pos} unexpected bytes at the end")
    return Ct2Model(spec, revision, variables, aliases)


def read_alignment_heads(config_path: Path) -> list[tuple[int, int]]:
    """The (decoder layer, head) pairs whose cross-attention follows the audio, from `config.json`."""
    try:
        config = json.loads(config_path.read_text(encoding="utf-8"))
        return [(int(layer), int(head)) for layer, head in config["alignment_heads"]]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise Ct2FormatError(f"{config_path.name} has no readable alignment_heads ({exc})") from exc


def _count_layers(model: Ct2Model, prefix: str) -> int:
    count = 0
    while f"{prefix}/layer_{count}/ffn/linear_0/weight" in model:
        count += 1
    return count


def whisper_dims(model: Ct2Model) -> dict[str, int]:
    """openai-whisper's `ModelDimensions`, read off the shapes of the stored variables."""
    if model.spec != WHISPER_SPEC:
        raise Ct2FormatError(f"holds a {model.spec}, not a {WHISPER_SPEC}")
    try:
        n_audio_ctx, n_audio_state = model["encoder/position_encodings/encodings"].shape
        n_text_ctx, n_text_state = model["decoder/position_encodings/encodings"].shape
        return {
            "n_mels": int(model["encoder/conv1/weight"].shape[1]),
            "n_audio_ctx": int(n_audio_ctx),
            "n_audio_state": int(n_audio_state),
            "n_audio_head": int(model["encoder/num_heads"]),
            "n_audio_layer": _count_layers(model, "encoder"),
            "n_vocab": int(model["decoder/embeddings/weight"].shape[0]),
            "n_text_ctx": int(n_text_ctx),
            "n_text_state": int(n_text_state),
            "n_text_head": int(model["decoder/num_heads"]),
            "n_text_layer": _count_layers(model, "decoder"),
        }
    except KeyError as exc:
        raise Ct2FormatError(f"lacks the variable {exc.args[0]}") from None


def _linear(model: Ct2Model, source: str, target: str) -> Iterator[tuple[str, npt.NDArray[Any]]]:
    yield f"{target}.weight", model[f"{source}/weight"]
    yield f"{target}.bias", model[f"{source}/bias"]


def _layer_norm(model: Ct2Model, source: str, target: str) -> Iterator[tuple[str, npt.NDArray[Any]]]:
    yield f"{target}.weight", model[f"{source}/gamma"]
    yield f"{target}.bias", model[f"{source}/beta"]


def _fused(
    model: Ct2Model, source: str, target: str, names: tuple[str, ...]
) -> Iterator[tuple[str, npt.NDArray[Any]]]:
    """Split a projection fused along its output dimension into whisper's separate ones.

    Whisper's key projection has no bias; CTranslate2 stores zeros in its place, dropped here.
    """
    weights = np.split(model[f"{source}/weight"], len(names), axis=0)
    biases = np.split(model[f"{source}/bias"], len(names), axis=0)
    for name, weight, bias in zip(names, weights, biases, strict=True):
        yield f"{target}.{name}.weight", weight
        if name != "key":
            yield f"{target}.{name}.bias", bias


def _self_attention(model: Ct2Model, source: str, target: str) -> Iterator[tuple[str, npt.NDArray[Any]]]:
    yield from _fused(model, f"{source}/linear_0", target, ("query", "key", "value"))
    yield from _linear(model, f"{source}/linear_1", f"{target}.out")


def _cross_attention(model: Ct2Model, source: str, target: str) -> Iterator[tuple[str, npt.NDArray[Any]]]:
    yield from _linear(model, f"{source}/linear_0", f"{target}.query")
    yield from _fused(model, f"{source}/linear_1", target, ("key", "value"))
    yield from _linear(model, f"{source}/linear_2", f"{target}.out")


def _block(model: Ct2Model, source: str, target: str, cross: bool) -> Iterator[tuple[str, npt.NDArray[Any]]]:
    yield from _self_attention(model, f"{source}/self_attention", f"{target}.attn")
    yield from _layer_norm(model, f"{source}/self_attention/layer_norm", f"{target}.attn_ln")
    if cross:
        yield from _cross_attention(model, f"{source}/attention", f"{target}.cross_attn")
        yield from _layer_norm(model, f"{source}/attention/layer_norm", f"{target}.cross_attn_ln")
    yield from _linear(model, f"{source}/ffn/linear_0", f"{target}.mlp.0")
    yield from _linear(model, f"{source}/ffn/linear_1", f"{target}.mlp.2")
    yield from _layer_norm(model, f"{source}/ffn/layer_norm", f"{target}.mlp_ln")


def whisper_state_dict(model: Ct2Model) -> dict[str, npt.NDArray[Any]]:
    """openai-whisper's state dict (float16 arrays) for the model's variables."""
    dims = whisper_dims(model)
    pairs: list[tuple[str, npt.NDArray[Any]]] = []
    try:
        pairs += _linear(model, "encoder/conv1", "encoder.conv1")
        pairs += _linear(model, "encoder/conv2", "encoder.conv2")
        pairs.append(("encoder.positional_embedding", model["encoder/position_encodings/encodings"]))
        for n in range(dims["n_audio_layer"]):
            pairs += _block(model, f"encoder/layer_{n}", f"encoder.blocks.{n}", cross=False)
        pairs += _layer_norm(model, "encoder/layer_norm", "encoder.ln_post")
        pairs.append(("decoder.token_embedding.weight", model["decoder/embeddings/weight"]))
        pairs.append(("decoder.positional_embedding", model["decoder/position_encodings/encodings"]))
        for n in range(dims["n_text_layer"]):
            pairs += _block(model, f"decoder/layer_{n}", f"decoder.blocks.{n}", cross=True)
        pairs += _layer_norm(model, "decoder/layer_norm", "decoder.ln")
    except KeyError as exc:
        raise Ct2FormatError(f"lacks the variable {exc.args[0]}") from None
    for name, array in pairs:
        if not np.issubdtype(array.dtype, np.floating):
            raise Ct2FormatError(f"stores {name} as {array.dtype}; only float weights can be converted")
    return {name: np.ascontiguousarray(array, dtype=np.float16) for name, array in pairs}


def alignment_heads_dump(heads: list[tuple[int, int]], n_text_layer: int, n_text_head: int) -> bytes:
    """The heads in the encoding `Whisper.set_alignment_heads()` takes: base85 of a gzipped bool mask."""
    mask = np.zeros((n_text_layer, n_text_head), dtype=bool)
    for layer, head in heads:
        if not (0 <= layer < n_text_layer and 0 <= head < n_text_head):
            raise Ct2FormatError(f"names alignment head ({layer}, {head}) outside the model")
        mask[layer, head] = True
    return base64.b85encode(gzip.compress(mask.tobytes(), mtime=0))
