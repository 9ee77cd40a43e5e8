"""Safe, readable folder and file names derived from titles."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container

MAX_SLUG_LENGTH = 60


def slugify(text: str, fallback: str = "untitled", max_length: int = MAX_SLUG_LENGTH) -> str:
    """Lower-case ASCII words joined by hyphens: never empty, never a path, never hidden.

    Accented letters lose their accents ("Café" -> "cafe"); everything that is not a letter or digit
    becomes a separator, so "../" and "/" cannot survive into a file name.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] if "-" in slug[:max_length] else slug[:max_length]
    return slug.strip("-") or fallback


def unique_name(base: str, taken: Container[str]) -> str:
    """`base`, or `base-2`, `base-3` … whichever is not yet taken."""
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"
