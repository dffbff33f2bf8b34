"""The processes a bench run needs: wrk, Redis, a fresh database, gunicorn; and the paths they share."""

import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
WORK = Path("/tmp/careerpath-bench")
HOST, PORT = "127.0.0.1", 8765
BASE_URL = f"http://{HOST}:{PORT}"
PG_ADMIN_URL = "postgres://careerpath:careerpath@127.0.0.1:5432/postgres"
PG_URL = "postgres://careerpath:careerpath@127.0.0.1:5432/careerpath_bench"
TRACK = "/tracks/machine-learning-engineer/"


def run(*args, env, quiet=True):
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if result.returncode:
        sys.exit(f"failed: {' '.join(map(str, args))}\n{result.stdout}\n{result.stderr}")
    if not quiet:
        print(result.stdout, end="")
    return result.stdout


def manage(*args, env):
    return run(str(BIN / "python"), "manage.py", *args, env=env)


def ensure_tools():
    if not shutil.which("wrk"):
        print("installing wrk (apt-get install -y wrk)")
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, capture_output=True)
    if not (BIN / "gunicorn").exists():
        sys.exit("Run `make install` first (gunicorn is in requirements.txt).")


REDIS_PORT = 6390


def start_redis() -> str | None:
    """A throwaway Redis on 127.0.0.1 for the PostgreSQL + Redis block (installed with apt-get when missing)."""
    if not shutil.which("redis-server"):
        print("installing redis-server (apt-get install -y redis-server)")
        installed = subprocess.run(["apt-get", "install", "-y", "-qq", "redis-server"], capture_output=True)
        if installed.returncode:
            print("  redis-server could not be installed: the PostgreSQL + Redis block is skipped")
            return None
    subprocess.run(
        [
            "redis-server",
            "--port",
            str(REDIS_PORT),
            "--bind",
            HOST,
            "--save",
            "",
            "--appendonly",
            "no",
            "--daemonize",
            "yes",
        ],
        check=True,
        capture_output=True,
    )
    time.sleep(0.5)
    return f"redis://{HOST}:{REDIS_PORT}/0"


def stop_redis():
    subprocess.run(["redis-cli", "-p", str(REDIS_PORT), "shutdown", "nosave"], capture_output=True, check=False)


def fresh_database(kind, name="careerpath_bench") -> str:
    """A new empty database: SQLite in WORK, or `name` on the local PostgreSQL cluster (other names let two
    measurements run side by side)."""
    if kind == "sqlite":
        path = WORK / ("bench.sqlite3" if name == "careerpath_bench" else f"{name}.sqlite3")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"
    import psycopg

    with psycopg.connect(PG_ADMIN_URL.replace("postgres://", "postgresql://"), autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {name}")
    return PG_URL.rsplit("/", 1)[0] + f"/{name}"


class Server:
    # gunicorn: `workers` processes (by default 2, the machine's cores); threads > 1 runs each as gthread with that
    # many threads.
    workers = 2
    threads = 1

    def __init__(self, env, port=PORT):
        self.env = env
        self.port = port
        self.process = None

    def __enter__(self):
        self.process = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "careerpath.wsgi:application",
                "--workers",
                str(self.workers),
                *(["--worker-class", "gthread", "--threads", str(self.threads)] if self.threads > 1 else []),
                "--bind",
                f"{HOST}:{self.port}",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=self.env,
        )
        for _ in range(300):  # up to 30 s: two workers importing Django on a loaded machine can take more than 10
            if self.process.poll() is not None:
                sys.exit(f"gunicorn exited with {self.process.returncode} before answering")
            try:
                # The floor view, not /healthz: with the cache off (a dummy cache) healthz rightly says 503.
                with urllib.request.urlopen(f"http://{HOST}:{self.port}/bench/floor/", timeout=1):
                    return self
            except OSError:
                time.sleep(0.1)
        self.__exit__()
        sys.exit("gunicorn did not answer /bench/floor/ within 30 s")

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)
