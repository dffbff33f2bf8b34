"""Waiting for what another thread or process does (a worker sending mail), without sleeping longer than needed."""

import time


def wait_for(condition, seconds: float = 15.0) -> bool:
    """Whether `condition()` became true within `seconds`, checked every 50 ms."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False
