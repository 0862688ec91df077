"""The newcomer's commands: set-up is repeatable, and gunicorn serves the app."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        INSTANCE_DIR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path}/cmd.sqlite3",
        SECRET_KEY="command-test-key",
    )
    return env


def _init(tmp_path: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "dashboard.cli", "init"],
        cwd=ROOT,
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return result.stdout


def test_init_loads_everything_then_a_second_run_changes_nothing(tmp_path: Path) -> None:
    first = _init(tmp_path)
    assert "'local_authorities': 153" in first
    assert "Demo users: 5 added" in first
    assert "Demo self-evaluation: 1 shared for Barnsley" in first
    assert "Demo engagement meetings: 2 added for Barnsley" in first
    assert "admin@example.org" in first and "demo-password-2026" in first
    second = _init(tmp_path)
    assert "Reference data: already up to date, nothing changed" in second
    assert "Demo users: 0 added" in second
    assert "Demo self-evaluation: 0 shared for Barnsley" in second
    assert "Demo engagement meetings: 0 added for Barnsley" in second


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_gunicorn_serves_the_app(tmp_path: Path) -> None:
    _init(tmp_path)
    port = _free_port()
    gunicorn = Path(sys.executable).parent / "gunicorn"
    server = subprocess.Popen(
        [str(gunicorn), "--bind", f"127.0.0.1:{port}", "--workers", "2", "app:server"],
        cwd=ROOT,
        env=_env(tmp_path),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        body = ""
        for _ in range(60):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=2) as r:
                    body = r.read().decode()
                break
            except OSError:
                time.sleep(0.5)
        assert "Sign in" in body
    finally:
        server.terminate()
        server.wait(timeout=20)
