"""Generated files that respect hand edits: `publish/` and its manifest `.generated.json`.

Every file showprep writes into `publish/` is recorded in the manifest with the SHA-256 of what was
written. Before a file is written again its current bytes are hashed: if they no longer match, someone
edited it by hand (or put it there), and showprep leaves it alone unless forced, in which case the edited
copy is first kept as `<name>.bak`. A sidecar manifest keeps the published files themselves clean
(no marker comment inside a JSON or a description text).
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from showprep.adapters.documents import write_atomically
from showprep.adapters.errors import StoreError

MANIFEST = ".generated.json"


@dataclass
class WriteReport:
    """What happened to each file asked for."""

    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    """Already held exactly the generated text; not touched."""
    kept: list[Path] = field(default_factory=list)
    """Edited by hand since generated; left as they are (not forced)."""
    backups: list[Path] = field(default_factory=list)
    """`.bak` copies of hand-edited files overwritten because forced."""

    @property
    def paths(self) -> list[Path]:
        """Every file that now holds the generated text."""
        return sorted(self.written + self.unchanged)

    def warnings(self) -> list[str]:
        return [
            f"{path}: edited by hand since showprep wrote it; not overwriting it "
            "(use --force; a .bak copy is kept)"
            for path in self.kept
        ]


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class GeneratedFiles:
    """The generated files of one folder, and the manifest of their hashes."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.manifest_path = folder / MANIFEST

    def _manifest(self) -> dict[str, str]:
        try:
            data = json.loads(self.manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        files = data.get("files") if isinstance(data, dict) else None
        return {k: v for k, v in files.items() if isinstance(v, str)} if isinstance(files, dict) else {}

    def _save_manifest(self, manifest: Mapping[str, str]) -> None:
        text = json.dumps({"files": dict(sorted(manifest.items()))}, indent=1) + "\n"
        write_atomically(self.manifest_path, text.encode("utf-8"))

    def edited_by_hand(self, name: str) -> bool:
        """True when `name` exists and is not what showprep last wrote there."""
        path = self.folder / name
        if not path.is_file():
            return False
        return self._manifest().get(name) != _sha256(path.read_bytes())

    def write(
        self, files: Mapping[str, str], *, force: bool = False, only_missing: bool = False
    ) -> WriteReport:
        """Write each `name -> text`, sparing hand edits unless `force`.

        With `only_missing`, files that exist are left as they are whoever wrote them (the transcript
        files, which `showprep transcribe` owns).
        """
        report = WriteReport()
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            manifest = self._manifest()
            for name, text in files.items():
                path = self.folder / name
                data = text.encode("utf-8")
                digest = _sha256(data)
                current = path.read_bytes() if path.is_file() else None
                if current is not None and only_missing:
                    continue
                if current == data:
                    manifest[name] = digest
                    report.unchanged.append(path)
                    continue
                if current is not None and manifest.get(name) != _sha256(current):
                    if not force:
                        report.kept.append(path)
                        continue
                    backup = path.with_name(path.name + ".bak")
                    shutil.copy2(path, backup)
                    report.backups.append(backup)
                write_atomically(path, data)
                manifest[name] = digest
                report.written.append(path)
            self._save_manifest(manifest)
        except OSError as exc:
            raise StoreError(
                Path(exc.filename or self.folder), f"cannot be written: {exc.strerror or exc}"
            ) from exc
        return report
