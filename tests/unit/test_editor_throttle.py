"""The editor sign-in throttle: per process, one attempt at a time, forgotten after a quiet spell."""

from __future__ import annotations

import threading

from stancewatch.editor_access import Throttle


def test_waits_grow_with_failures_and_reset_on_success() -> None:
    now, waits = [0.0], []
    throttle = Throttle(clock=lambda: now[0], sleep=waits.append)
    for _ in range(6):
        assert not throttle.attempt("guess", "secret")
    assert waits == [0, 0, 0, 1, 2, 4]
    assert throttle.attempt("secret", "secret") and throttle.failures == 0
    assert not throttle.attempt("", "")  # no password configured: nothing unlocks


def test_failures_are_forgotten_after_fifteen_quiet_minutes() -> None:
    now, waits = [0.0], []
    throttle = Throttle(clock=lambda: now[0], sleep=waits.append)
    for _ in range(5):
        throttle.attempt("guess", "secret")
    now[0] += Throttle.FORGET_AFTER + 1
    throttle.attempt("guess", "secret")
    assert waits[-1] == 0 and throttle.failures == 1


def test_parallel_attempts_are_answered_one_at_a_time() -> None:
    inside, most = [0], [0]
    lock = threading.Lock()

    def sleep(_seconds: float) -> None:
        with lock:
            inside[0] += 1
            most[0] = max(most[0], inside[0])
        threading.Event().wait(0.01)
        with lock:
            inside[0] -= 1

    throttle = Throttle(sleep=sleep)
    threads = [threading.Thread(target=throttle.attempt, args=("g", "s")) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert most[0] == 1 and throttle.failures == 8
