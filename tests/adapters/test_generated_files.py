"""Generated files and their manifest: hand edits spared, `--force` with `.bak`, only-missing writes."""

from __future__ import annotations

import json
from pathlib import Path

from showprep.adapters.generated_files import MANIFEST, GeneratedFiles


def test_writes_then_leaves_identical_files_untouched(tmp_path: Path) -> None:
    files = GeneratedFiles(tmp_path / "publish")
    first = files.write({"a.txt": "one\n", "b.json": "{}\n"})
    assert first.written == [tmp_path / "publish" / "a.txt", tmp_path / "publish" / "b.json"]
    stamp = (tmp_path / "publish" / "a.txt").stat().st_mtime_ns
    again = files.write({"a.txt": "one\n", "b.json": "{}\n"})
    assert again.written == [] and len(again.unchanged) == 2
    assert (tmp_path / "publish" / "a.txt").stat().st_mtime_ns == stamp
    manifest = json.loads((tmp_path / "publish" / MANIFEST).read_text(encoding="utf-8"))
    assert set(manifest["files"]) == {"a.txt", "b.json"}


def test_regenerates_its_own_files_but_spares_hand_edits(tmp_path: Path) -> None:
    files = GeneratedFiles(tmp_path)
    files.write({"a.txt": "one\n", "b.txt": "two\n"})
    (tmp_path / "b.txt").write_text("two, edited\n", encoding="utf-8")
    assert files.edited_by_hand("b.txt") and not files.edited_by_hand("a.txt")
    report = files.write({"a.txt": "ONE\n", "b.txt": "TWO\n"})
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "ONE\n"
    assert (tmp_path / "b.txt").read_text(encoding="utf-8") == "two, edited\n"
    assert report.kept == [tmp_path / "b.txt"]
    assert report.warnings() == [
        f"{tmp_path / 'b.txt'}: edited by hand since showprep wrote it; not overwriting it "
        "(use --force; a .bak copy is kept)"
    ]
    forced = files.write({"b.txt": "TWO\n"}, force=True)
    assert forced.backups == [tmp_path / "b.txt.bak"]
    assert (tmp_path / "b.txt.bak").read_text(encoding="utf-8") == "two, edited\n"
    assert (tmp_path / "b.txt").read_text(encoding="utf-8") == "TWO\n"
    assert not files.edited_by_hand("b.txt")


def test_a_lost_or_broken_manifest_protects_every_existing_file(tmp_path: Path) -> None:
    files = GeneratedFiles(tmp_path)
    files.write({"a.txt": "one\n"})
    (tmp_path / MANIFEST).write_text("{not json", encoding="utf-8")
    report = files.write({"a.txt": "changed\n"})
    assert report.kept == [tmp_path / "a.txt"]
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "one\n"


def test_only_missing_leaves_existing_files_whoever_wrote_them(tmp_path: Path) -> None:
    (tmp_path / "transcript.txt").write_text("fixed by hand\n", encoding="utf-8")
    report = GeneratedFiles(tmp_path).write(
        {"transcript.txt": "generated\n", "transcript.vtt": "WEBVTT\n"}, only_missing=True
    )
    assert report.written == [tmp_path / "transcript.vtt"]
    assert report.kept == []
    assert (tmp_path / "transcript.txt").read_text(encoding="utf-8") == "fixed by hand\n"
