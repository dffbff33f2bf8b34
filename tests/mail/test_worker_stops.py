"""A real worker process (`manage.py run_huey`) stopped by SIGTERM in the middle of sending a mail, as every deploy
stops it: the send finishes, the mail arrives once, and a new worker does not send it again.

The worker runs as `make run` runs it (development settings, its own SQLite database and queue file in a temporary
folder), against a real SMTP server that takes three seconds to accept a mail.
"""

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.smtp import SmtpSink

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class SlowSink(SmtpSink):
    """Takes `seconds` to accept each mail, and says when a mail has started to arrive."""

    seconds: float = 3.0
    arriving: threading.Event = field(default_factory=threading.Event)

    async def handle_DATA(self, server, session, envelope):
        self.arriving.set()
        await asyncio.sleep(self.seconds)
        return await super().handle_DATA(server, session, envelope)


def manage(*args, env, **kwargs):
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True, **kwargs
    )


def outbox_states(database: Path) -> list[str]:
    with sqlite3.connect(database) as connection:
        return [state for (state,) in connection.execute("SELECT state FROM careerpath_outboxmessage")]


@pytest.fixture
def worker_env(tmp_path):
    sink = SlowSink().start()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "PYTEST_XDIST_WORKER"}
    } | {
        "DJANGO_SETTINGS_MODULE": "careerpath.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "HUEY_DATABASE": str(tmp_path / "queue.sqlite3"),
        "EMAIL_URL": f"smtp://127.0.0.1:{sink.port}",
        "DJANGO_DEBUG": "false",
    }
    manage("migrate", "--noinput", env=env)
    yield env, sink, tmp_path / "db.sqlite3"
    sink.stop()


def start_worker(env) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "run_huey", "--workers", "1"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip


def test_a_worker_stopped_by_sigterm_mid_send_finishes_the_mail_and_it_arrives_once(worker_env):
    env, sink, database = worker_env
    worker = start_worker(env)
    try:
        send = "from django.core.mail import send_mail; send_mail('Hi', 'Body', None, ['a@example.com'])"
        manage("shell", "-c", send, env=env)
        assert outbox_states(database) == ["pending"]
        assert sink.arriving.wait(20), "the worker started sending"
        worker.send_signal(signal.SIGTERM)
        output, _ = worker.communicate(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()
    assert worker.returncode == 0, output
    assert [received.recipients for received in sink.received] == [["a@example.com"]]
    assert outbox_states(database) == ["sent"]

    again = start_worker(env)  # the next release's worker: nothing is left to send
    time.sleep(3)
    again.send_signal(signal.SIGTERM)
    again.communicate(timeout=30)
    assert len(sink.received) == 1
