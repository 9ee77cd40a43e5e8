"""Markdown files with YAML front matter, read and written without losing anything.

python-frontmatter does the YAML; this module adds what an editor-friendly store needs on top:
the body is kept byte for byte (python-frontmatter strips it), saves are atomic (a crash leaves the
old or the new file, never half of one), and a file edited elsewhere since it was read is never
overwritten.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

from showprep.adapters.errors import MalformedFileError, OutsideEditError

_BOUNDARY = re.compile(r"^-{3,}[ \t]*\r?$", re.MULTILINE)
_HANDLER = YAMLHandler(fm_boundary=_BOUNDARY)


@dataclass(frozen=True)
class Fingerprint:
    """What a file looked like when showprep read or wrote it."""

    mtime_ns: int
    size: int
    sha256: str

    @classmethod
    def of(cls, path: Path, data: bytes) -> Fingerprint:
        stat = path.stat()
        return cls(stat.st_mtime_ns, stat.st_size, hashlib.sha256(data).hexdigest())


@dataclass(frozen=True)
class Document:
    """A parsed file: its front matter in file order, its body verbatim, and its fingerprint."""

    path: Path
    metadata: dict[str, Any]
    body: str
    fingerprint: Fingerprint | None
    """None for a document not yet on disk."""

    def line_of(self, key: str) -> int | None:
        """The file line (1-based) where a top-level front-matter key is written, if it is."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except OSError:
            return None
        pattern = re.compile(rf"^{re.escape(key)}\s*:", re.MULTILINE)
        match = pattern.search(text)
        return text.count("\n", 0, match.start()) + 1 if match else None


def read_document(path: Path) -> Document:
    """Parse `path`; a file without front matter has empty metadata and all of its text as body."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise MalformedFileError(path, f"not UTF-8 text (byte {exc.start})") from exc
    fingerprint = Fingerprint.of(path, data)
    if not _HANDLER.detect(text):
        return Document(path, {}, text, fingerprint)
    try:
        raw_fm, content = _HANDLER.split(text)
    except ValueError as exc:
        raise MalformedFileError(path, "front matter is not closed by a '---' line", 1) from exc
    try:
        metadata = _HANDLER.load(raw_fm)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise MalformedFileError(path, f"front matter is not valid YAML: {problem}", line) from exc
    except yaml.YAMLError as exc:
        raise MalformedFileError(path, f"front matter is not valid YAML: {exc}", 1) from exc
    if metadata is None:
        metadata = {}
    if not isinstance(metadata, dict):
        raise MalformedFileError(path, "front matter must be a mapping of keys to values", 2)
    return Document(path, metadata, _drop_boundary_newline(content), fingerprint)


def _drop_boundary_newline(content: str) -> str:
    if content.startswith("\r\n"):
        return content[2:]
    return content[1:] if content.startswith("\n") else content


def render_document(metadata: dict[str, Any], body: str) -> str:
    """The file text for this front matter and body; the body is written exactly as given."""
    # yaml.safe_dump directly: the handler's export strips the text, eating a trailing no-break space.
    fm = yaml.safe_dump(metadata, default_flow_style=False, allow_unicode=True, sort_keys=False, width=100)
    return f"---\n{fm}---\n{body}"


def merge_in_order(previous: dict[str, Any], current: dict[str, Any]) -> dict[str, Any]:
    """`current`, with the keys that were already in the file kept in the file's order."""
    merged = {key: current[key] for key in previous if key in current}
    merged.update({key: value for key, value in current.items() if key not in merged})
    return merged


def looks_changed(document: Document) -> bool:
    """A cheap poll (one stat, a hash only when the stat moved): has the file changed since it was read?"""
    expected = document.fingerprint
    try:
        stat = document.path.stat()
    except FileNotFoundError:
        return expected is not None
    if expected is None:
        return True
    if (stat.st_mtime_ns, stat.st_size) == (expected.mtime_ns, expected.size):
        return False
    return hashlib.sha256(document.path.read_bytes()).hexdigest() != expected.sha256


def check_unchanged(document: Document) -> None:
    """Raise OutsideEditError if the file is no longer what `document` was read from."""
    path = document.path
    expected = document.fingerprint
    try:
        stat = path.stat()
    except FileNotFoundError:
        if expected is None:
            return
        raise OutsideEditError(path, "was deleted by another program since showprep read it") from None
    if expected is None:
        raise OutsideEditError(path, "was created by another program; not overwriting it")
    # A new size settles it; otherwise the hash decides, since an edit of the same length within the
    # filesystem's timestamp granularity keeps mtime too, and a bare `touch` changes no content.
    if stat.st_size != expected.size or hashlib.sha256(path.read_bytes()).hexdigest() != expected.sha256:
        raise OutsideEditError(
            path, "was changed by another program since showprep read it; not overwriting it"
        )


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that a crash at any moment leaves the old or the new file.

    The bytes go to a temporary file in the same folder, are flushed to disk, and then renamed over
    the target; the folder is synced so the rename itself survives a power cut.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as tmp:
            tmp.write(data)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def save_document(document: Document, metadata: dict[str, Any], body: str) -> Document:
    """Write new contents over `document`'s file, refusing if it was edited elsewhere meanwhile."""
    check_unchanged(document)
    ordered = merge_in_order(document.metadata, metadata)
    data = render_document(ordered, body).encode("utf-8")
    write_atomically(document.path, data)
    return Document(document.path, ordered, body, Fingerprint.of(document.path, data))
