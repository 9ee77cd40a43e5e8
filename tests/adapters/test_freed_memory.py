"""Freed memory goes back to the system: measured in a fresh process, whose resident size is its own."""

from __future__ import annotations

import subprocess
import sys

import pytest

from showprep.adapters.engines.freed_memory import _glibc

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or _glibc() is None, reason="needs Linux with glibc"
)

MEASURE = """
import sys
import numpy as np
from showprep.adapters.engines.freed_memory import hand_back_free_pages, keep_large_blocks_apart

def resident():
    return int(open("/proc/self/statm").read().split()[1]) * 4096

if sys.argv[1] == "apart":
    keep_large_blocks_apart()
big = np.ones(2**21)  # 16 MB, freed at once: glibc then serves blocks up to 16 MB from its heaps
del big
blocks, pinned = [], []
for _ in range(10):
    blocks.append(np.ones(2**19))  # 4 MB each
    pinned.append(np.ones(4096))  # small blocks in between, still in use
before = resident()
del blocks
if sys.argv[1] == "trim":
    hand_back_free_pages()
print((before - resident()) // 2**20)
"""


def returned_mib(mode: str) -> int:
    done = subprocess.run([sys.executable, "-c", MEASURE, mode], capture_output=True, text=True, check=True)
    return int(done.stdout)


def test_glibc_alone_keeps_freed_blocks() -> None:
    assert returned_mib("default") < 10


@pytest.mark.parametrize("mode", ["apart", "trim"])
def test_freed_blocks_are_given_back(mode: str) -> None:
    assert returned_mib(mode) >= 35
