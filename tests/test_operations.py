"""The operator's files: systemd units, the settings file, nginx, and the migration
command the README gives (issue "Nothing typed is lost and nothing stays down")."""

from __future__ import annotations

import configparser
import os
import re
import sqlite3
import subprocess
from pathlib import Path

from dashboard.config import load_settings

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
UNITS = ("ilacs-web.service", "ilacs-worker.service")


def _unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # systemd's keys are case-sensitive
    parser.read(DEPLOY / name)
    return parser


def _env_names() -> list[str]:
    lines = (DEPLOY / "ilacs.env.example").read_text().splitlines()
    return [line.split("=", 1)[0] for line in lines if line and not line.startswith("#")]


def test_both_units_restart_on_failure_with_the_same_settings_file_and_own_user() -> None:
    for name in UNITS:
        service = _unit(name)["Service"]
        assert service["Restart"] == "on-failure", name
        assert service["EnvironmentFile"] == "/etc/ilacs/ilacs.env", name
        assert service["User"] == "ilacs" and service["WorkingDirectory"] == "/srv/ilacs"


def test_the_units_run_what_make_serve_and_make_worker_run() -> None:
    makefile = (ROOT / "Makefile").read_text()
    web = " ".join(_unit("ilacs-web.service")["Service"]["ExecStart"].replace("\\", " ")
                   .split())
    assert "gunicorn --config python:dashboard.web.gunicorn_conf" in web
    assert "--timeout 120 --access-logfile - app:server" in web
    assert "--timeout 120 --access-logfile - app:server" in makefile
    worker = _unit("ilacs-worker.service")["Service"]["ExecStart"]
    assert worker.endswith("celery -A app:celery_app worker --loglevel=INFO")
    assert "celery -A app:celery_app worker --loglevel=INFO" in makefile
    # the web unit runs make serve's preflight first (configparser keeps one of the two)
    text = (DEPLOY / "ilacs-web.service").read_text()
    assert "ExecStartPre=/srv/ilacs/.venv/bin/python -m dashboard.cli init --no-demo" in text
    assert "ExecStartPre=/srv/ilacs/.venv/bin/python -m dashboard.cli check-production\n" \
        in text


def test_every_variable_in_the_settings_file_is_one_the_app_or_the_units_read() -> None:
    config = (ROOT / "dashboard" / "config.py").read_text()
    units = "".join((DEPLOY / name).read_text() for name in UNITS)
    readme = (ROOT / "README.md").read_text()
    names = _env_names()
    assert len(names) == len(set(names))
    for name in names:
        assert f'"{name}"' in config or "${" + name + "}" in units, name
        assert f"`{name}`" in readme, name  # documented under Settings
    # and every setting the app reads is there
    assert set(re.findall(r'os\.environ\.get\("([A-Z_]+)"', config)) | {"SECRET_KEY"} \
        <= set(names)


def test_nginx_takes_the_same_largest_body_as_the_app_and_waits_longer_than_gunicorn() -> None:
    nginx = (DEPLOY / "nginx.conf.example").read_text()
    size = re.search(r"client_max_body_size (\d+)m;", nginx)
    assert size and int(size.group(1)) == load_settings().max_request_mb == 48
    for timeout in re.findall(r"proxy_(?:read|send)_timeout (\d+)s;", nginx):
        assert int(timeout) > 120
    for header in ("X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host"):
        assert f"proxy_set_header {header} " in nginx
    assert "return 301 https://" in nginx and "TRUSTED_PROXY_HOPS=1" in nginx
    # its access logs leave query strings (job handles) out, as the app's own log does
    logs = re.findall(r"access_log (\S+) (\S+);", nginx)
    assert logs and {fmt for _, fmt in logs} == {"ilacs_no_query"}
    log_format = nginx.split("log_format ilacs_no_query", 1)[1].split(";", 1)[0]
    assert "$uri" in log_format and "$request " not in log_format
    assert "$args" not in log_format and "$request_uri" not in log_format


def test_the_readmes_migration_command_works_from_the_project_folder(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text()
    command = ".venv/bin/alembic -c migrations/alembic.ini upgrade head"
    assert command in readme
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(DATABASE_URL=f"sqlite:///{tmp_path}/alembic.sqlite3", INSTANCE_DIR=str(tmp_path))
    result = subprocess.run(command.split(), cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    with sqlite3.connect(tmp_path / "alembic.sqlite3") as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
        version = db.execute("SELECT version_num FROM alembic_version").fetchone()
    assert {"users", "audit_events"} <= tables and version
