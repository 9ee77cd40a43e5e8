"""Which weights `--model` means, for each engine, and the one-line errors when they cannot be had."""

from __future__ import annotations

from pathlib import Path

import pytest

from showprep.adapters.models import (
    DEFAULT_MODEL,
    ModelChoice,
    ModelError,
    bundled_model_dir,
    choose_model,
    faster_whisper_model_dir,
    whisper_checkpoint,
)


@pytest.fixture(autouse=True)
def _empty_model_caches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Models a developer downloaded must not make "not on this machine" pass or fail by chance."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hf"))


def test_default_and_tiny_en_are_the_bundled_model() -> None:
    for name in (None, "tiny.en"):
        choice = choose_model(name)
        assert choice.bundled and choice.name == DEFAULT_MODEL
        assert choice.path == bundled_model_dir()
        assert (choice.path / "model.bin").is_file() and (choice.path / "config.json").is_file()


def test_an_existing_path_is_a_local_model(tmp_path: Path) -> None:
    checkpoint = tmp_path / "mine.pt"
    checkpoint.write_bytes(b"x")
    assert choose_model(str(checkpoint)) == ModelChoice(str(checkpoint), checkpoint)
    assert whisper_checkpoint(choose_model(str(checkpoint))).target == str(checkpoint)


def test_a_missing_path_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="does not exist"):
        choose_model(str(tmp_path / "gone.pt"))


def test_a_name_is_left_to_the_engine() -> None:
    assert choose_model("base.en") == ModelChoice("base.en", None)


def one_line(error: pytest.ExceptionInfo[ModelError]) -> str:
    message = str(error.value)
    assert "\n" not in message
    return message


def test_unknown_name_for_whisper_names_the_offline_default() -> None:
    with pytest.raises(ModelError) as error:
        whisper_checkpoint(choose_model("tiny.xx"))
    message = one_line(error)
    assert message.startswith("tiny.xx: is not a Whisper model name")
    assert "offline default tiny.en" in message


def test_named_model_not_on_disk_for_whisper() -> None:
    with pytest.raises(ModelError) as error:
        whisper_checkpoint(choose_model("base.en"), allow_download=False)
    message = one_line(error)
    assert message.startswith("base.en: is not on this machine")
    assert "offline default tiny.en" in message


def test_named_model_not_on_disk_for_faster_whisper() -> None:
    with pytest.raises(ModelError) as error:
        faster_whisper_model_dir(choose_model("base.en"), allow_download=False)
    message = one_line(error)
    assert message.startswith("base.en: is not on this machine and cannot be downloaded")
    assert "offline default tiny.en" in message


def test_faster_whisper_needs_a_ctranslate2_folder(tmp_path: Path) -> None:
    checkpoint = tmp_path / "mine.pt"
    checkpoint.write_bytes(b"x")
    with pytest.raises(ModelError, match="not a CTranslate2 model folder"):
        faster_whisper_model_dir(choose_model(str(checkpoint)))
    assert faster_whisper_model_dir(choose_model(None)) == str(bundled_model_dir())


def test_whisper_refuses_a_folder_that_is_no_model(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="neither a Whisper checkpoint file nor a CTranslate2 model folder"):
        whisper_checkpoint(choose_model(str(tmp_path)))
