"""The faster-whisper engine loads its model in the background, and a model that cannot load fails
the decoding with one line naming it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from showprep.adapters.engines.faster_engine import load_faster_whisper
from showprep.adapters.models import ModelError


def test_a_folder_that_cannot_load_fails_the_decoding(tmp_path: Path) -> None:
    folder = tmp_path / "broken-model"
    folder.mkdir()
    (folder / "model.bin").write_bytes(b"not a CTranslate2 model" * 100)
    (folder / "config.json").write_text("{}")
    engine = load_faster_whisper(str(folder))
    with pytest.raises(ModelError) as error:
        engine.decode(np.zeros(16_000 * 3, dtype=np.float32), None, None)
    message = str(error.value)
    assert message.startswith(f"{folder}: cannot be loaded by faster-whisper")
    assert "\n" not in message
