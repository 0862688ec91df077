"""The newcomer's and the operator's commands: set-up is repeatable, gunicorn serves the
app, and the production path (make serve, create-admin, create-user) never holds the demo
(issue 16)."""

from __future__ import annotations

import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests

from dashboard.demo import DEMO_PASSWORD, DEMO_USERS
from tests.conftest import csrf_from
from tests.live_client import LiveClient

ROOT = Path(__file__).resolve().parent.parent
DEMO_EMAILS = {d.email for d in DEMO_USERS}
#: Settings of the developer's shell that would change what the commands do.
_FOREIGN = ("DEMO", "CELERY_BROKER_URL", "RATELIMIT_STORAGE_URI", "BACKGROUND_CACHE_DIR",
            "ADMIN_PASSWORD", "USER_PASSWORD", "WORKERS", "BIND")


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _FOREIGN}
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
    assert f"Demo users: {len(DEMO_USERS)} added" in first
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


# --- The production path (issue 16) ----------------------------------------------------

#: Run make without reinstalling: the test's .venv and Debian's Pango are already there.
MAKE = ["make", "--no-print-directory", "-o", ".venv/.run-deps", "-o", "pdf-libs"]
STRONG = "a-long-enough-password-1"


def _accounts(tmp_path: Path) -> list[tuple]:
    """Every account in the throwaway database: (email, role, la, region, senior)."""
    with sqlite3.connect(tmp_path / "cmd.sqlite3") as db:
        return db.execute("SELECT email, role, la_code, region_code, is_senior FROM users "
                          "ORDER BY email").fetchall()


def _cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dashboard.cli", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)


def _make(env: dict[str, str], *targets: str) -> subprocess.CompletedProcess:
    return subprocess.run([*MAKE, *targets], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300, stdin=subprocess.DEVNULL)


@contextmanager
def _started(command: list[str], env: dict[str, str], log: Path) -> Iterator[subprocess.Popen]:
    """A long-running command in its own process group, ended with all its children."""
    with log.open("w") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out,
                                   stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                   start_new_session=True)
    try:
        yield process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def _wait_for_login_page(base: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if requests.get(base + "/login", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass  # still starting
        assert process.poll() is None, f"the server stopped:\n{log.read_text()[-3000:]}"
        time.sleep(0.3)
    raise AssertionError(f"the server did not start:\n{log.read_text()[-3000:]}")


def _signs_in(base: str, email: str, password: str) -> bool:
    client = LiveClient(base)
    page = client.get("/login")
    answer = client.post("/login", data={"email": email, "password": password, "next": "/",
                                         "csrf_token": csrf_from(page.get_data(as_text=True))})
    return answer.status_code == 302


def _readme_production_commands() -> list[str]:
    """The command block that opens the README's "Running in production" section."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Running in production", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block, "the production section has no command block"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_the_readme_production_sequence_serves_real_accounts_and_no_demo(tmp_path) -> None:
    """Exactly the README's commands, in order, on a fresh database (make told only not
    to reinstall): the accounts it creates sign in; no demo account exists or signs in."""
    commands = _readme_production_commands()
    assert commands[0] == "make install" and commands[-1] == "make serve"
    assert any(" init --no-demo" in c for c in commands)
    assert not any(re.search(r"\binit\b(?! --no-demo)", c) for c in commands)
    port = _free_port()
    env = _env(tmp_path) | {"ADMIN_PASSWORD": STRONG, "USER_PASSWORD": STRONG,
                            "WORKERS": "1", "BIND": f"127.0.0.1:{port}"}
    script = "set -e\nmake() { command " + " ".join(MAKE) + ' "$@"; }\n' + "\n".join(commands)
    log = tmp_path / "serve.log"
    with _started(["bash", "-c", script], env, log) as process:
        base = f"http://127.0.0.1:{port}"
        _wait_for_login_page(base, process, log)
        accounts = _accounts(tmp_path)
        assert [a[:4] for a in accounts] == [
            ("dcs.team@la.example.gov.uk", "la_user", "370", None),
            ("hmi.name@ofsted.example.gov.uk", "inspector", None, "NEYH"),
            ("you@example.gov.uk", "admin", None, None),
        ]
        assert accounts[1][4]  # the senior inspector
        assert _signs_in(base, "you@example.gov.uk", STRONG)
        assert _signs_in(base, "dcs.team@la.example.gov.uk", STRONG)
        assert not _signs_in(base, "admin@example.org", DEMO_PASSWORD)
    assert "No demo accounts in the database." in log.read_text()


def test_make_serve_preflight_on_an_empty_database_creates_no_demo_account(tmp_path) -> None:
    env = _env(tmp_path)
    unset = _cli(env, "check-production")
    assert unset.returncode == 1 and "init --no-demo" in unset.stderr
    result = _make(env, "preflight")
    assert result.returncode == 0, result.stderr
    assert "Demo" not in result.stdout and "demo-password" not in result.stdout
    assert "No demo accounts in the database." in result.stdout
    assert _accounts(tmp_path) == []
    again = _make(env, "preflight")  # every later `make serve` runs it again
    assert again.returncode == 0 and _accounts(tmp_path) == []


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    """What `make run` leaves behind: the database with the whole demo."""
    tmp_path = tmp_path_factory.mktemp("demo")
    _init(tmp_path)
    return tmp_path


def test_make_serve_refuses_a_demo_database_before_gunicorn_starts(demo_db, tmp_path) -> None:
    port = _free_port()
    env = _env(demo_db) | {"WORKERS": "1", "BIND": f"127.0.0.1:{port}"}
    log = tmp_path / "serve.log"
    with _started([*MAKE, "serve"], env, log) as process:
        try:
            code = process.wait(timeout=120)
        except subprocess.TimeoutExpired:
            code = None
        output = log.read_text()
        assert code not in (None, 0), f"make serve started on the demo database:\n{output}"
        assert "Refusing to serve" in output and "admin@example.org" in output
        assert "DEMO=1 make serve" in output
        assert "gunicorn" not in output.split("check-production", 1)[1]
        with pytest.raises(requests.ConnectionError):
            requests.get(f"http://127.0.0.1:{port}/login", timeout=2)
    check = _cli(_env(demo_db), "check-production")
    assert check.returncode == 3 and "Refusing to serve" in check.stderr


def test_make_serve_accepts_a_demo_database_when_told_it_is_a_demo(demo_db) -> None:
    result = _make(_env(demo_db) | {"DEMO": "1"}, "preflight")
    assert result.returncode == 0, result.stderr
    assert (f"Serving a demo (DEMO=1): {len(DEMO_USERS)} demo accounts present."
            in result.stdout)
    assert {a[0] for a in _accounts(demo_db)} == DEMO_EMAILS


def test_the_makefile_serve_target_runs_only_the_no_demo_path() -> None:
    """What `make serve` would run, as make itself reads the Makefile, so the Makefile
    cannot drift back to creating the demo."""
    env = {k: v for k, v in os.environ.items() if k != "DEMO"}

    def dry_run(*extra: str) -> list[str]:
        run = subprocess.run([*MAKE, "-n", "serve", *extra], cwd=ROOT, env=env,
                             capture_output=True, text=True, timeout=60, check=True)
        return [line for line in run.stdout.splitlines() if line.strip()]

    lines = dry_run()
    inits = [n for n, line in enumerate(lines) if "dashboard.cli init" in line]
    checks = [n for n, line in enumerate(lines) if "dashboard.cli check-production" in line]
    serves = [n for n, line in enumerate(lines) if "gunicorn" in line]
    assert inits and checks and serves
    assert all(lines[n].split("dashboard.cli init", 1)[1].split() == ["--no-demo"]
               for n in inits)
    assert max(inits) < min(checks) < min(serves)
    assert lines[checks[0]].split("check-production", 1)[1].split() == []
    demo = dry_run("DEMO=1")
    assert [line.split("check-production", 1)[1].split() for line in demo
            if "check-production" in line] == [["--allow-demo"]]


@pytest.fixture(scope="module")
def production_db(tmp_path_factory) -> Path:
    """A database set up for production, with one administrator."""
    tmp_path = tmp_path_factory.mktemp("production")
    env = _env(tmp_path)
    assert _cli(env, "init", "--no-demo").returncode == 0
    admin = _cli(env | {"ADMIN_PASSWORD": STRONG}, "create-admin", "Boss@Example.gov.uk",
                 "The Boss")
    assert admin.returncode == 0, admin.stderr
    assert "Administrator Boss@Example.gov.uk created (1 accounts in all)." in admin.stdout
    return tmp_path


def test_create_user_makes_an_la_user_and_an_inspector(production_db) -> None:
    before = set(_accounts(production_db))
    env = _env(production_db) | {"USER_PASSWORD": STRONG}
    la = _cli(env, "create-user", "DCS@Barnsley.example.gov.uk", "Barnsley DCS team",
              "--role", "la_user", "--la", "370")
    assert la.returncode == 0, la.stderr
    assert la.stdout.strip() == "Account dcs@barnsley.example.gov.uk created: LA user for LA 370."
    hmi = _cli(env, "create-user", "hmi@ofsted.example.gov.uk", "Sam Inspector",
               "--role", "inspector", "--region", "NEYH", "--senior")
    assert hmi.returncode == 0, hmi.stderr
    plain = _cli(env, "create-user", "hmi2@ofsted.example.gov.uk", "Lee Inspector",
                 "--role", "inspector", "--region", "LON")
    assert plain.returncode == 0, plain.stderr
    assert set(_accounts(production_db)) - before == {
        ("dcs@barnsley.example.gov.uk", "la_user", "370", None, 0),
        ("hmi2@ofsted.example.gov.uk", "inspector", None, "LON", 0),
        ("hmi@ofsted.example.gov.uk", "inspector", None, "NEYH", 1),
    }


BAD_USERS = [
    (["x@example.gov.uk", "X Person", "--role", "la_user", "--la", "999"],
     "--la: Choose the local authority this user works for. Give its code, such as 370"),
    (["x@example.gov.uk", "X Person", "--role", "la_user"],
     "--la: Choose the local authority this user works for."),
    (["x@example.gov.uk", "X Person", "--role", "inspector", "--region", "MARS"],
     "--region: Choose the Ofsted region this inspector covers. Give its code"),
    (["not-an-email", "X Person", "--role", "inspector", "--region", "NEYH"],
     "EMAIL: Enter an email address like name@example.gov.uk."),
    (["x@example.gov.uk", " ", "--role", "la_user", "--la", "370"],
     "FULL_NAME: Enter the person's full name"),
    (["boss@example.gov.uk", "Copy", "--role", "la_user", "--la", "370"],
     "EMAIL: An account with this email address already exists."),
    (["x@example.gov.uk", "X Person", "--role", "la_user", "--la", "370", "--senior"],
     "--senior is only for inspectors (--role inspector)."),
    (["x@example.gov.uk", "X Person", "--role", "inspector", "--la", "370"],
     "--la is only for LA users (--role la_user)."),
    (["x@example.gov.uk", "X Person", "--role", "chief", "--la", "370"],
     "argument --role: invalid choice: 'chief'"),
]


@pytest.mark.parametrize(("args", "message"), BAD_USERS)
def test_create_user_refuses_bad_input_plainly_and_stores_nothing(
        production_db, args, message) -> None:
    before = _accounts(production_db)
    result = _cli(_env(production_db) | {"USER_PASSWORD": STRONG}, "create-user", *args)
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr and "created" not in result.stdout
    assert _accounts(production_db) == before


def test_create_user_refuses_a_short_password(production_db) -> None:
    before = _accounts(production_db)
    result = _cli(_env(production_db) | {"USER_PASSWORD": "too-short"}, "create-user",
                  "x@example.gov.uk", "X Person", "--role", "la_user", "--la", "370")
    assert result.returncode == 1
    assert "password: Password must be at least 12 characters long." in result.stderr
    assert "Nothing was created." in result.stderr
    assert _accounts(production_db) == before


def test_create_user_asks_for_the_password_twice_without_an_environment_variable(
        production_db) -> None:
    """Typed (here on stdin: the process has no terminal), the password must match its
    repeat, or nothing is created."""
    def typed(email: str, first: str, second: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "dashboard.cli", "create-user", email, "Typed Person",
             "--role", "inspector", "--region", "LON"], cwd=ROOT, env=_env(production_db),
            input=f"{first}\n{second}\n", capture_output=True, text=True, timeout=300,
            start_new_session=True)

    before = _accounts(production_db)
    differ = typed("typed@example.gov.uk", STRONG, STRONG + "x")
    assert differ.returncode == 1
    assert "The two passwords typed differ. Nothing was created." in differ.stderr
    assert _accounts(production_db) == before
    same = typed("typed@example.gov.uk", STRONG, STRONG)
    assert same.returncode == 0, same.stderr
    assert set(_accounts(production_db)) - set(before) == {
        ("typed@example.gov.uk", "inspector", None, "LON", 0)}


# --- Account commands refuse what would break the server or hang a script ----------------


@pytest.mark.parametrize("args", [
    ["create-admin", "admin@example.org", "X Person"],
    ["create-admin", " Admin@Example.org ", "X Person"],
    ["create-user", "dcs.barnsley@example.org", "X Person", "--role", "la_user", "--la", "370"],
])
def test_account_commands_refuse_a_demo_address_before_storing_anything(
        production_db, args) -> None:
    """A demo address would make `make serve` refuse the database (its password is
    published), so it is refused first, with a plain message."""
    before = _accounts(production_db)
    env = _env(production_db) | {"ADMIN_PASSWORD": STRONG, "USER_PASSWORD": STRONG}
    result = _cli(env, *args)
    assert result.returncode == 1
    assert "EMAIL: This is one of the demo accounts' addresses" in result.stderr
    assert "Nothing was created." in result.stderr
    assert "Traceback" not in result.stderr and "created" not in result.stdout
    assert _accounts(production_db) == before
    assert _cli(env, "check-production").returncode == 0


def test_create_admin_refuses_a_demo_address_on_a_fresh_database_too(tmp_path) -> None:
    result = _cli(_env(tmp_path) | {"ADMIN_PASSWORD": STRONG}, "create-admin",
                  "admin@example.org", "Alex Admin")
    assert result.returncode == 1 and "demo accounts' addresses" in result.stderr
    assert not (tmp_path / "cmd.sqlite3").exists() or _accounts(tmp_path) == []


def test_account_commands_refuse_a_look_alike_address(production_db) -> None:
    before = _accounts(production_db)
    result = _cli(_env(production_db) | {"ADMIN_PASSWORD": STRONG}, "create-admin",
                  "b\u043ess@example.gov.uk", "Not The Boss")  # Cyrillic o
    assert result.returncode == 1
    assert "EMAIL: Use an email address made only of plain letters" in result.stderr
    assert _accounts(production_db) == before


@pytest.mark.parametrize(("args", "variable"), [
    (["create-admin", "nopass@example.gov.uk", "No Password"], "ADMIN_PASSWORD"),
    (["create-user", "nopass@example.gov.uk", "No Password", "--role", "inspector",
      "--region", "LON"], "USER_PASSWORD"),
])
def test_without_a_terminal_or_a_password_variable_the_command_says_so(
        production_db, args, variable) -> None:
    before = _accounts(production_db)
    result = _cli(_env(production_db), *args)  # stdin is /dev/null: nothing to type
    assert result.returncode == 1
    assert f"No password given: set {variable} in the environment" in result.stderr
    assert "Nothing was created." in result.stderr
    assert "Traceback" not in result.stderr
    assert _accounts(production_db) == before


def test_create_user_refuses_a_name_with_a_control_character(production_db) -> None:
    before = _accounts(production_db)
    result = _cli(_env(production_db) | {"USER_PASSWORD": STRONG}, "create-user",
                  "vt@example.gov.uk", "Jo\x0bBloggs", "--role", "inspector", "--region", "LON")
    assert result.returncode == 1
    assert "FULL_NAME: Full name must be one line of plain text" in result.stderr
    assert _accounts(production_db) == before


def test_create_user_refuses_an_overlong_password(production_db) -> None:
    result = _cli(_env(production_db) | {"USER_PASSWORD": "p" * 1025}, "create-user",
                  "longpw@example.gov.uk", "Long Password", "--role", "inspector",
                  "--region", "LON")
    assert result.returncode == 1
    assert "password: Password must be at most 1,024 characters long." in result.stderr


def _account_state(tmp_path: Path, email: str) -> tuple:
    with sqlite3.connect(tmp_path / "cmd.sqlite3") as db:
        return db.execute("SELECT active, session_version FROM users WHERE email = ?",
                          (email,)).fetchone()


def _audit(tmp_path: Path) -> list[tuple]:
    with sqlite3.connect(tmp_path / "cmd.sqlite3") as db:
        return db.execute("SELECT actor_name, action, entity, summary, changes FROM "
                          "audit_events ORDER BY id").fetchall()


def test_deactivate_user_ends_the_account_audited_and_keeps_it(production_db) -> None:
    env = _env(production_db) | {"USER_PASSWORD": STRONG}
    made = _cli(env, "create-user", "leaver@example.gov.uk", "Lee Leaver", "--role",
                "inspector", "--region", "LON")
    assert made.returncode == 0, made.stderr
    active, version = _account_state(production_db, "leaver@example.gov.uk")
    trail = _audit(production_db)
    result = _cli(env, "deactivate-user", " Leaver@Example.gov.uk ")
    assert result.returncode == 0, result.stderr
    assert "Account leaver@example.gov.uk deactivated" in result.stdout
    assert active == 1
    assert _account_state(production_db, "leaver@example.gov.uk") == (0, version + 1)
    [entry] = _audit(production_db)[len(trail):]
    assert entry[:4] == ("System", "changed", "User",
                         "Account leaver@example.gov.uk changed")
    assert '"active"' in entry[4]
    again = _cli(env, "deactivate-user", "leaver@example.gov.uk")
    assert again.returncode == 0 and "already deactivated" in again.stdout
    assert len(_audit(production_db)) == len(trail) + 1
    with sqlite3.connect(production_db / "cmd.sqlite3") as db:  # the row stays
        assert db.execute("SELECT full_name FROM users WHERE email = "
                          "'leaver@example.gov.uk'").fetchone() == ("Lee Leaver",)


def test_deactivate_user_refuses_the_last_administrator_and_an_unknown_address(
        production_db) -> None:
    env = _env(production_db)
    last = _cli(env, "deactivate-user", "boss@example.gov.uk")
    assert last.returncode == 1
    assert "There must always be at least one active administrator." in last.stderr
    assert _account_state(production_db, "boss@example.gov.uk")[0] == 1
    unknown = _cli(env, "deactivate-user", "nobody@example.gov.uk")
    assert unknown.returncode == 1
    assert "No account has the email address nobody@example.gov.uk." in unknown.stderr


def test_the_demo_follows_the_framework_it_teaches(demo_db) -> None:
    """The demo meeting, as `make run` leaves it: its agenda agreed by both sides before
    the meeting (ILACS framework para 47), nothing the issuing rules refuse, its letter
    issued within a month (ILACS framework para 48), and the next meeting's month the same
    in the record, the letter and the meeting scheduled."""
    from datetime import UTC, date, datetime

    from dashboard.clock import start_of_day_in_england
    from dashboard.domain.framework import letter_due
    from dashboard.domain.letter_issue import RecordedItem, issue_refusals

    def moment(text: str) -> datetime:
        return datetime.fromisoformat(text).replace(tzinfo=UTC)  # stored as naive UTC

    with sqlite3.connect(demo_db / "cmd.sqlite3") as db:
        [(meeting_id, held, for_ofsted, for_la, timing)] = db.execute(
            "SELECT id, held_on, agreed_for_ofsted_at, agreed_for_la_at, next_meeting_timing "
            "FROM engagement_meetings WHERE la_code = '370' AND recorded_at IS NOT NULL"
        ).fetchall()
        [(next_date,)] = db.execute("SELECT meeting_date FROM engagement_meetings WHERE "
                                    "la_code = '370' AND recorded_at IS NULL").fetchall()
        issued_on, issued_at, body, reason = db.execute(
            "SELECT issued_on, issued_at, body, issue_reason FROM engagement_letters "
            "WHERE meeting_id = ?", (meeting_id,)).fetchone()
        items = [RecordedItem(*row) for row in db.execute(
            "SELECT position, title, record_note, not_discussed FROM agenda_items "
            "WHERE meeting_id = ? AND status = 'agenda'", (meeting_id,))]
    held = date.fromisoformat(held)
    meeting_starts = start_of_day_in_england(held)
    assert issue_refusals(moment(for_ofsted), moment(for_la), items, meeting_starts) == []
    assert issue_refusals(moment(for_ofsted), moment(for_la), items, moment(issued_at)) == []
    assert reason is None
    assert held <= date.fromisoformat(issued_on) <= letter_due(held)
    assert timing == f"{date.fromisoformat(next_date):%B %Y}"
    assert timing in body  # the letter gives the same month
