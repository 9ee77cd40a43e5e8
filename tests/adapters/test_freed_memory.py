"""Freed memory goes back to the system, large blocks at once and the rest when handed back, and
memory kept for reuse is not faulted in again: measured in fresh processes, whose figures are their
own."""

from __future__ import annotations

import subprocess
import sys

import pytest

from showprep.adapters.engines.freed_memory import _glibc

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or _glibc() is None, reason="needs Linux with glibc"
)

RETURNED = """
import sys
import numpy as np
from showprep.adapters.engines.freed_memory import hand_back_free_pages, keep_large_blocks_apart

def resident():
    return int(open("/proc/self/statm").read().split()[1]) * 4096

if sys.argv[1] == "apart":
    keep_large_blocks_apart()
big = np.ones(3 * 2**20)  # 24 MB, freed at once: glibc then serves blocks up to 24 MB from its heaps
del big
blocks, pinned = [], []
for _ in range(5):
    blocks.append(np.ones(3 * 2**19))  # 12 MB each
    pinned.append(np.ones(4096))  # small blocks in between, still in use
before = resident()
del blocks
if sys.argv[1] == "trim":
    hand_back_free_pages()
print((before - resident()) // 2**20)
"""

REFAULTED = """
import resource
import numpy as np
from showprep.adapters.engines.freed_memory import keep_large_blocks_apart

keep_large_blocks_apart()
np.ones(3 * 2**18)  # 6 MB, below the size from which blocks get pages of their own
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(20):
    np.ones(3 * 2**18)
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""


def run(script: str, *args: str) -> int:
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, check=True)
    return int(done.stdout)


def test_glibc_alone_keeps_freed_blocks() -> None:
    assert run(RETURNED, "default") < 10


@pytest.mark.parametrize("mode", ["apart", "trim"])
def test_freed_blocks_are_given_back(mode: str) -> None:
    assert run(RETURNED, mode) >= 50


def test_smaller_blocks_freed_are_reused_without_faulting_their_pages_again() -> None:
    # Twenty 6 MB blocks given back and faulted in again would be some 30,000 page faults.
    assert run(REFAULTED) < 1500
