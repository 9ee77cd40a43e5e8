"""A function run in a real spawned child process: its result, its messages, its errors, a cancel that
ends it at once, a child that dies, and the lower priority it runs at."""

from __future__ import annotations

import os
import signal
import threading
import time
from typing import Any

import pytest

from showprep.adapters.engines.child_process import NICENESS, ChildFailed, Send, run_in_child
from showprep.adapters.engines.streaming import Cancelled


def count_to(n: int, send: Send) -> str:
    for i in range(n):
        send(i)
    return f"counted to {n}"


def refuse(kind: str, send: Send) -> None:
    if kind == "expected":
        raise LookupError("recording.mp3: not an audio file")
    raise ZeroDivisionError("division by zero")


def talk_then_sleep(send: Send) -> None:
    send(os.getpid())
    time.sleep(60)


def die(send: Send) -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def priority(send: Send) -> int:
    print("written to the child's own stdout, never the caller's terminal")
    return os.getpriority(os.PRIO_PROCESS, 0)


def test_result_and_messages_come_back_in_order() -> None:
    seen: list[Any] = []
    assert run_in_child(count_to, (5,), on_message=seen.append) == "counted to 5"
    assert seen == [0, 1, 2, 3, 4]


def test_an_expected_error_keeps_its_message_and_any_other_names_its_type() -> None:
    with pytest.raises(ChildFailed, match=r"^recording.mp3: not an audio file$"):
        run_in_child(refuse, ("expected",), expected=(LookupError,))
    with pytest.raises(ChildFailed, match=r"^ZeroDivisionError: division by zero$"):
        run_in_child(refuse, ("bug",), expected=(LookupError,))


def test_cancel_ends_the_child_at_once() -> None:
    cancel = threading.Event()
    pids: list[int] = []

    def started(pid: int) -> None:
        pids.append(pid)
        cancel.set()

    began = time.monotonic()
    with pytest.raises(Cancelled):
        run_in_child(talk_then_sleep, (), on_message=started, cancel=cancel)
    assert time.monotonic() - began < 30, "the cancel waited for the child's sleep"
    with pytest.raises(ProcessLookupError):
        os.kill(pids[0], 0)


def test_a_child_that_dies_is_reported() -> None:
    with pytest.raises(ChildFailed, match=r"ended unexpectedly \(exit code -9\)"):
        run_in_child(die, ())


def test_the_child_runs_at_lower_priority(capfd: pytest.CaptureFixture[str]) -> None:
    mine = os.getpriority(os.PRIO_PROCESS, 0)
    assert run_in_child(priority, ()) == min(mine + NICENESS, 19)
    assert "written to the child" not in capfd.readouterr().out
