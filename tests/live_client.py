"""A client for the app served by gunicorn, with the Flask test client's small surface
(get, post, get_cookie; responses with status_code, get_json, get_data), so the same
sign-in and callback helpers drive a real multi-worker server."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import requests

ROOT = Path(__file__).resolve().parent.parent


class LiveResponse:
    def __init__(self, response: requests.Response) -> None:
        self.raw = response
        self.status_code = response.status_code
        self.headers = response.headers

    def get_json(self, silent: bool = False) -> Any:
        try:
            return self.raw.json()
        except ValueError:
            if silent:
                return None
            raise

    def get_data(self, as_text: bool = False) -> Any:
        return self.raw.text if as_text else self.raw.content


class LiveClient:
    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.session = requests.Session()

    def get(self, path: str, **kwargs: Any) -> LiveResponse:
        return LiveResponse(self.session.get(self.base_url + path, allow_redirects=False,
                                             timeout=60, **kwargs))

    def post(self, path: str, json: Any = None, data: Any = None,
             headers: dict[str, str] | None = None, query_string: dict | None = None,
             timeout: float = 60) -> LiveResponse:
        return LiveResponse(self.session.post(
            self.base_url + path, json=json, data=data, headers=headers or {},
            params=query_string or {}, allow_redirects=False, timeout=timeout))

    def get_cookie(self, name: str) -> Any:
        value = self.session.cookies.get(name)
        return SimpleNamespace(value=value) if value else None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(workers: int, access_log: Path | None = None, config: Path | None = None,
             env: dict[str, str] | None = None, error_log: Path | None = None
             ) -> Iterator[tuple[str, subprocess.Popen]]:
    """The app under gunicorn on loopback with this test run's database and key (and
    ``env`` on top); its own log to ``error_log`` when given."""
    port = free_port()
    command = [str(Path(sys.executable).with_name("gunicorn")), "--workers", str(workers),
               "--bind", f"127.0.0.1:{port}", "--timeout", "120", "--graceful-timeout", "2"]
    if access_log:
        command += ["--access-logfile", str(access_log),
                    "--access-logformat", "%(p)s %(m)s %(U)s %(s)s"]
    if config:
        command += ["--config", str(config)]
    if error_log:
        command += ["--error-logfile", str(error_log), "--capture-output"]
    process = subprocess.Popen([*command, "app:server"], cwd=ROOT,
                               env={**os.environ, **(env or {})},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if requests.get(base + "/health", timeout=2).status_code == 200:
                    break
            except requests.RequestException:
                pass  # still starting
            if time.monotonic() > deadline or process.poll() is not None:
                raise AssertionError("gunicorn did not start")
            time.sleep(0.2)
        yield base, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
