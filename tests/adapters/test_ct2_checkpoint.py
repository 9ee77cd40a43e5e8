"""Reading CTranslate2's model.bin and converting the bundled tiny.en into openai-whisper's checkpoint."""

from __future__ import annotations

import json
import struct
from pathlib import Path

import numpy as np
import pytest
import torch
import whisper

from showprep.adapters.ct2_checkpoint import (
    Ct2FormatError,
    alignment_heads_dump,
    read_alignment_heads,
    read_model_bin,
    whisper_dims,
    whisper_state_dict,
)
from showprep.adapters.models import bundled_model_dir, converted_checkpoint

TINY_EN_DIMS = {
    "n_mels": 80,
    "n_audio_ctx": 1500,
    "n_audio_state": 384,
    "n_audio_head": 6,
    "n_audio_layer": 4,
    "n_vocab": 51864,
    "n_text_ctx": 448,
    "n_text_state": 384,
    "n_text_head": 6,
    "n_text_layer": 4,
}


@pytest.fixture(scope="module")
def bundled() -> Path:
    return bundled_model_dir()


@pytest.fixture(scope="module")
def ct2(bundled: Path):  # type: ignore[no-untyped-def]
    return read_model_bin(bundled / "model.bin")


def write_model_bin(
    path: Path, variables: dict[str, np.ndarray], aliases: dict[str, str], version: int = 6
) -> None:
    """Write a model.bin the way CTranslate2's converter does (ctranslate2/specs/model_spec.py)."""
    type_ids = {np.dtype(np.float32): 0, np.dtype(np.int8): 1, np.dtype(np.int16): 2, np.dtype(np.float16): 4}

    def string(value: str) -> bytes:
        raw = value.encode() + b"\0"
        return struct.pack("<H", len(raw)) + raw

    out = struct.pack("<I", version) + string("WhisperSpec") + struct.pack("<I", 3)
    out += struct.pack("<I", len(variables))
    for name, array in variables.items():
        out += string(name) + struct.pack("<B", array.ndim)
        out += b"".join(struct.pack("<I", d) for d in array.shape)
        out += struct.pack("<B", type_ids[array.dtype]) + struct.pack("<I", array.nbytes) + array.tobytes()
    out += struct.pack("<I", len(aliases))
    out += b"".join(string(a) + string(v) for a, v in aliases.items())
    path.write_bytes(out)


def test_reads_the_bundled_model(ct2) -> None:  # type: ignore[no-untyped-def]
    assert ct2.spec == "WhisperSpec"
    assert ct2.revision == 3
    embeddings = ct2["decoder/embeddings/weight"]
    assert embeddings.shape == (51864, 384) and embeddings.dtype == np.float16
    assert ct2["decoder/projection/weight"] is embeddings
    assert ct2["encoder/conv1/weight"].shape == (384, 80, 3)


def test_dimensions_are_tiny_en(ct2) -> None:  # type: ignore[no-untyped-def]
    assert whisper_dims(ct2) == TINY_EN_DIMS


def test_state_dict_matches_whisper_module_names_and_shapes(ct2) -> None:  # type: ignore[no-untyped-def]
    state = whisper_state_dict(ct2)
    expected = whisper.model.Whisper(whisper.model.ModelDimensions(**TINY_EN_DIMS)).state_dict()
    assert set(state) == set(expected)
    for name, tensor in expected.items():
        assert state[name].shape == tuple(tensor.shape), name
        assert state[name].dtype == np.float16


def test_fused_projections_are_split_in_order(ct2) -> None:  # type: ignore[no-untyped-def]
    state = whisper_state_dict(ct2)
    fused = ct2["encoder/layer_2/self_attention/linear_0/weight"]
    assert np.array_equal(state["encoder.blocks.2.attn.query.weight"], fused[:384])
    assert np.array_equal(state["encoder.blocks.2.attn.key.weight"], fused[384:768])
    assert np.array_equal(state["encoder.blocks.2.attn.value.weight"], fused[768:])
    kv = ct2["decoder/layer_1/attention/linear_1/weight"]
    assert np.array_equal(state["decoder.blocks.1.cross_attn.key.weight"], kv[:384])
    assert np.array_equal(state["decoder.blocks.1.cross_attn.value.weight"], kv[384:])
    assert np.array_equal(
        state["decoder.blocks.1.cross_attn.query.weight"], ct2["decoder/layer_1/attention/linear_0/weight"]
    )
    assert np.array_equal(
        state["decoder.blocks.1.cross_attn.out.weight"], ct2["decoder/layer_1/attention/linear_2/weight"]
    )
    # Whisper's key projections have no bias; CTranslate2 stores zeros in their place.
    assert not np.any(ct2["encoder/layer_2/self_attention/linear_0/bias"][384:768])
    assert "encoder.blocks.2.attn.key.bias" not in state
    assert np.array_equal(state["encoder.ln_post.weight"], ct2["encoder/layer_norm/gamma"])
    assert np.array_equal(state["decoder.positional_embedding"], ct2["decoder/position_encodings/encodings"])


def test_alignment_heads_from_config(bundled: Path) -> None:
    heads = read_alignment_heads(bundled / "config.json")
    assert heads == [(1, 0), (2, 0), (2, 5), (3, 0), (3, 1), (3, 2), (3, 3), (3, 4)]
    model = whisper.model.Whisper(whisper.model.ModelDimensions(**TINY_EN_DIMS))
    model.set_alignment_heads(alignment_heads_dump(heads, 4, 6))
    assert sorted(map(tuple, model.alignment_heads.indices().T.tolist())) == heads
    # The same heads openai-whisper itself uses for tiny.en.
    reference = whisper.model.Whisper(whisper.model.ModelDimensions(**TINY_EN_DIMS))
    reference.set_alignment_heads(whisper._ALIGNMENT_HEADS["tiny.en"])
    assert torch.equal(model.alignment_heads.to_dense(), reference.alignment_heads.to_dense())


def test_heads_outside_the_model_are_refused() -> None:
    with pytest.raises(Ct2FormatError, match=r"\(4, 0\)"):
        alignment_heads_dump([(4, 0)], 4, 6)


def test_synthetic_model_bin_round_trip(tmp_path: Path) -> None:
    weight = np.arange(12, dtype=np.float16).reshape(3, 4)
    path = tmp_path / "model.bin"
    write_model_bin(
        path, {"a/weight": weight, "a/num_heads": np.array(6, dtype=np.int16)}, {"b/weight": "a/weight"}
    )
    model = read_model_bin(path)
    assert np.array_equal(model["b/weight"], weight)
    assert int(model["a/num_heads"]) == 6
    assert "b/weight" in model and "c" not in model


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda data: data[: len(data) // 2], "ends early"),
        (lambda data: struct.pack("<I", 99) + data[4:], "binary version 99"),
        (lambda data: data + b"junk", "unexpected bytes"),
    ],
)
def test_damaged_model_bin(tmp_path: Path, damage, reason: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "model.bin"
    write_model_bin(path, {"a/weight": np.ones((8, 8), dtype=np.float32)}, {})
    path.write_bytes(damage(path.read_bytes()))
    with pytest.raises(Ct2FormatError, match=reason):
        read_model_bin(path)


def test_int8_weights_cannot_be_converted(tmp_path: Path, ct2) -> None:  # type: ignore[no-untyped-def]
    variables = dict(ct2.variables)
    variables["encoder/conv1/weight"] = np.zeros((384, 80, 3), dtype=np.int8)
    path = tmp_path / "model.bin"
    write_model_bin(path, variables, ct2.aliases)
    with pytest.raises(Ct2FormatError, match=r"encoder\.conv1\.weight as int8"):
        whisper_state_dict(read_model_bin(path))


def test_missing_variable_is_named(tmp_path: Path, ct2) -> None:  # type: ignore[no-untyped-def]
    variables = {k: v for k, v in ct2.variables.items() if k != "decoder/layer_norm/beta"}
    path = tmp_path / "model.bin"
    write_model_bin(path, variables, ct2.aliases)
    with pytest.raises(Ct2FormatError, match="decoder/layer_norm/beta"):
        whisper_state_dict(read_model_bin(path))


def test_conversion_is_cached_verified_and_loads_in_whisper(tmp_path: Path, bundled: Path, ct2) -> None:  # type: ignore[no-untyped-def]
    first = converted_checkpoint(bundled, tmp_path)
    checkpoint = Path(first.target)
    manifest_path = checkpoint.with_suffix(".json")
    manifest = json.loads(manifest_path.read_text())
    assert checkpoint.parent == tmp_path and manifest["alignment_heads"] == first.alignment_heads.decode()

    stamp = checkpoint.stat().st_mtime_ns
    again = converted_checkpoint(bundled, tmp_path)
    assert again == first and checkpoint.stat().st_mtime_ns == stamp  # reused, not rewritten

    model = whisper.load_model(str(checkpoint), device="cpu")
    assert model.dims.__dict__ == TINY_EN_DIMS
    assert torch.equal(
        model.decoder.token_embedding.weight.detach().half(),
        torch.from_numpy(ct2["decoder/embeddings/weight"].copy()),
    )

    checkpoint.write_bytes(checkpoint.read_bytes()[:1000])  # a damaged cache entry is rebuilt
    rebuilt = converted_checkpoint(bundled, tmp_path)
    assert rebuilt == first and checkpoint.stat().st_size > 1_000_000
    whisper.load_model(rebuilt.target, device="cpu")
