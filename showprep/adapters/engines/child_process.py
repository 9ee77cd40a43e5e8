"""Running a transcription in a separate, lower-priority process, with its progress relayed back and a
cancel that takes effect at once.

Why a process: decoding keeps every core busy for minutes. Run in a thread of the terminal UI, its
Python code competes with the UI's event loop for the GIL and its threads for the cores, so keys wait
for the next free moment. In a child process at a lower priority (nice) the operating system hands the
UI the CPU as soon as it needs it. Cancelling ends the child, which writes nothing, so there is never
a half-written file to fear; whatever the child was in the middle of, the stop is immediate.

The child is a fresh interpreter (never a fork: the parent runs threads, Textual's and torch's, and a
forked copy of a threaded process can deadlock on a lock another thread held). It is started with
`subprocess` rather than `multiprocessing`, whose helper process cannot start while Textual has
replaced `sys.stderr`; the two sides talk over pipes with `multiprocessing.connection`'s framing.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from showprep.adapters.engines.streaming import Cancelled

R = TypeVar("R")

NICENESS = 10
"""How much lower the child's priority is than the caller's: enough for a waiting UI to win the CPU
at once, while an idle UI leaves the child every core."""
POLL_SECONDS = 0.05
"""How often the parent looks for a cancel while the child is quiet."""

Send = Callable[[Any], None]
"""What the child's function calls to pass a message (any picklable value) to the parent."""


class ChildFailed(Exception):
    """The child raised an error, or ended without an answer; str() is one line for the user."""


def run_in_child(
    target: Callable[..., R],
    args: tuple[Any, ...],
    *,
    on_message: Callable[[Any], None] | None = None,
    cancel: threading.Event | None = None,
    expected: tuple[type[Exception], ...] = (),
) -> R:
    """Call `target(*args, send)` in a child process at lower priority and return its result.

    Messages the child sends are handed to `on_message` in the calling thread. When `cancel` is set
    the child is killed and Cancelled raised. An error of an `expected` type in the child comes back
    as ChildFailed with the error's own message; any other with its type's name in front, so that a
    bug is not mistaken for bad input. `target` must be importable by name; it, `args` and the
    result must be picklable.
    """
    to_child_r, to_child_w = os.pipe()
    from_child_r, from_child_w = os.pipe()
    code = f"from {__name__} import serve; serve({to_child_r}, {from_child_w})"
    child = subprocess.Popen(
        [sys.executable, "-c", code],
        pass_fds=(to_child_r, from_child_w),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(to_child_r)
    os.close(from_child_w)
    receiver = Connection(from_child_r, writable=False)
    try:
        with Connection(to_child_w, readable=False) as sender:
            sender.send(sys.path)
            sender.send((target, args, expected))
        while True:
            if cancel is not None and cancel.is_set():
                raise Cancelled
            if not receiver.poll(POLL_SECONDS):
                continue
            try:
                kind, payload = receiver.recv()
            except EOFError:
                status = child.wait()
                raise ChildFailed(
                    f"the transcription process ended unexpectedly (exit code {status})"
                ) from None
            if kind == "message":
                if on_message is not None:
                    on_message(payload)
            elif kind == "result":
                result: R = payload
                return result
            else:
                raise ChildFailed(str(payload))
    finally:
        if child.poll() is None:
            child.kill()
        child.wait()
        receiver.close()


def serve(receive_fd: int, send_fd: int) -> None:
    """The child's side: lower priority, take the call, run it, send back every outcome."""
    os.nice(NICENESS)
    with Connection(receive_fd, writable=False) as receiver:
        sys.path[:] = receiver.recv()
        target, args, expected = receiver.recv()
    with Connection(send_fd, readable=False) as sender:
        try:
            result = target(*args, lambda message: sender.send(("message", message)))
        except expected as exc:
            sender.send(("error", str(exc)))
        except Exception as exc:
            sender.send(("error", f"{type(exc).__name__}: {exc}"))
        else:
            sender.send(("result", result))
