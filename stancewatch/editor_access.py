"""Who may change data from the browser: the editor password and the loopback rule.

Reading never needs a password. Writes (upload, undo, review, topic edits) ask for the editor
password once per session when one is configured ($STANCEWATCH_EDITOR_PASSWORD, else
`editor_password` in .streamlit/secrets.toml). With no password, writes are open only while the
server listens on loopback (127.0.0.1, ::1, localhost): anyone who can reach a public address could
otherwise change the data. Passwords are compared in constant time; each failure after the second
makes the next answer wait longer (1, 2, 4 ... up to 30 s).

The failures are counted per server process, not per browser session: a new session (a reload, a
script opening fresh websockets) would otherwise start again at zero and never wait. Attempts are
answered one at a time, so parallel sessions cannot run tries side by side either. The count is
forgotten after 15 minutes without a failure, and a right password resets it. The price: while
someone guesses, an editor's own sign-in waits too (at most 30 s).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import os
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

ENV_VAR = "STANCEWATCH_EDITOR_PASSWORD"
SECRET_KEY = "editor_password"
MAX_DELAY = 30.0
HOW_TO_ENABLE = (
    f"set an editor password: export {ENV_VAR}=... before starting the dashboard, or put "
    f'{SECRET_KEY} = "..." in .streamlit/secrets.toml'
)


def configured_password(secrets: Mapping[str, object] | None = None) -> str | None:
    """The editor password from the environment, else from Streamlit secrets; None if unset."""
    value = os.environ.get(ENV_VAR) or (secrets or {}).get(SECRET_KEY)
    return str(value) if value else None


def is_loopback(address: str | None) -> bool:
    """True for 127.0.0.0/8, ::1 and localhost; False for empty (all interfaces) or any other."""
    if not address:
        return False
    if address.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(address.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class WritePolicy:
    enabled: bool
    needs_password: bool
    message: str


def policy(address: str | None, password: str | None) -> WritePolicy:
    """What the browser may do, given the server's listening address and the configured password."""
    if password:
        return WritePolicy(True, True, "Changing data needs the editor password.")
    if is_loopback(address):
        return WritePolicy(True, False, "No editor password is set; this server is local only.")
    shown = address or "all interfaces"
    return WritePolicy(
        False,
        False,
        f"Changing data is disabled: the server listens on {shown}, not only on this machine, "
        f"and no editor password is set. To enable uploads, undo and review, {HOW_TO_ENABLE}, "
        "then restart it (or serve on 127.0.0.1).",
    )


def password_matches(given: str, expected: str) -> bool:
    """Constant-time comparison (of digests, so the length of the password leaks nothing)."""
    a = hashlib.sha256(given.encode("utf-8")).digest()
    b = hashlib.sha256(expected.encode("utf-8")).digest()
    return hmac.compare_digest(a, b)


def delay_after(failures: int) -> float:
    """Seconds to wait before answering, given the failures so far in this session."""
    if failures <= 2:
        return 0.0
    return min(2.0 ** (failures - 3), MAX_DELAY)


class Throttle:
    """Every sign-in attempt of this process, one at a time, slowed after repeated failures."""

    FORGET_AFTER = 15 * 60.0

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._clock, self._sleep = clock, sleep
        self._lock = threading.Lock()
        self.failures = 0
        self._last_failure = 0.0

    def attempt(self, given: str, expected: str) -> bool:
        """Wait as the failures so far require, then compare; count a failure, reset on success."""
        with self._lock:
            if self.failures and self._clock() - self._last_failure > self.FORGET_AFTER:
                self.failures = 0
            self._sleep(delay_after(self.failures))
            if expected and password_matches(given, expected):
                self.failures = 0
                return True
            self.failures += 1
            self._last_failure = self._clock()
            return False


THROTTLE = Throttle()
