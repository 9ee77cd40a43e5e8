"""Memory the engines free given back to the system, where the C library is glibc.

glibc's malloc keeps freed blocks for reuse rather than returning them, and after a large block is
freed it raises the size from which blocks get pages of their own, so later large blocks come from
its heaps too. Transcription frees large tensors all the time (a window's spectrogram and attention
scores, a batch's keys and values, voice-activity detection over a chunk), and over an hour of audio
the process's resident memory peaked at 1.13 GiB. Large blocks are kept apart instead, and free
pages handed back between batches: a 64-minute recording then peaks at 0.95 to 0.97 GiB.

Smaller blocks stay in the heaps, and so does the free memory at their top until it is
handed back: each decoding step frees its logits and allocates the next step's (megabytes), and
memory given back at once would be allocated and zeroed again by the kernel, page by page, at every
step; that made transcription a third slower. Elsewhere (macOS, musl) both calls do nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import cache
from typing import Any

M_TRIM_THRESHOLD = -1
"""mallopt's parameter for the free memory at the top of a heap that is given back when exceeded."""
M_MMAP_THRESHOLD = -3
"""mallopt's parameter for the size from which a block gets pages of its own (glibc's malloc.h)."""
OWN_PAGES_FROM = 8 * 1024 * 1024
"""Bytes: blocks this large are given back to the system as soon as they are freed. Above a decoding
step's logits: at most 8 windows of 5 beams each, by 51,864 tokens in float32 (8.3 MB)."""
KEPT_FREE = 32 * 1024 * 1024
"""Bytes of free memory a heap keeps at its top, for reuse, until handed back."""


@cache
def _glibc() -> Any | None:
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    library = ctypes.CDLL(name)
    if not (hasattr(library, "mallopt") and hasattr(library, "malloc_trim")):
        return None
    return library


def keep_large_blocks_apart() -> None:
    """From now on, give large blocks back to the system as soon as they are freed, and keep the
    memory freed from smaller ones for reuse until it is handed back."""
    library = _glibc()
    if library is not None:
        library.mallopt(M_MMAP_THRESHOLD, OWN_PAGES_FROM)
        library.mallopt(M_TRIM_THRESHOLD, KEPT_FREE)


def hand_back_free_pages() -> None:
    """Give the free pages in malloc's heaps back to the system."""
    library = _glibc()
    if library is not None:
        library.malloc_trim(0)
