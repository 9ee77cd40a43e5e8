"""The layers of ARCHITECTURE.md point one way: domain <- adapters <- services <- cli / tui."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "showprep"

# For each layer, the showprep layers it must never import.
FORBIDDEN = {
    "domain": ("showprep.adapters", "showprep.services", "showprep.cli", "showprep.tui"),
    "adapters": ("showprep.services", "showprep.cli", "showprep.tui"),
    "services": ("showprep.cli", "showprep.tui"),
    "tui": ("showprep.cli",),
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _layer_files(layer: str) -> list[Path]:
    folder = PACKAGE / layer
    return sorted(folder.rglob("*.py")) if folder.is_dir() else [PACKAGE / f"{layer}.py"]


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_only_inward(layer: str) -> None:
    offences = [
        f"{path.relative_to(PACKAGE.parent)} imports {name}"
        for path in _layer_files(layer)
        for name in _imports(path)
        if name.startswith(FORBIDDEN[layer])
    ]
    assert offences == []


def test_domain_uses_standard_library_only() -> None:
    stdlib = sys.stdlib_module_names
    offences = [
        f"{path.relative_to(PACKAGE.parent)} imports {name}"
        for path in _layer_files("domain")
        for name in _imports(path)
        if name.split(".")[0] not in stdlib and not name.startswith("showprep.domain")
    ]
    assert offences == []


def test_importing_domain_and_cli_loads_no_heavy_library() -> None:
    """`showprep --help` and the domain must not pay for torch, Whisper, Textual or httpx."""
    probe = (
        "import sys, showprep.domain, showprep.cli;"
        "heavy = {'torch', 'whisper', 'faster_whisper', 'textual', 'httpx', 'ctranslate2', 'av'};"
        "print(sorted(heavy & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
