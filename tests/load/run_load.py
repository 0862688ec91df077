"""`make load`: 50 inspectors and LA users at once against the app under gunicorn, on
a throwaway PostgreSQL, all on loopback; then a table of every journey step.

1. starts PostgreSQL (tests/tools/postgres.sh, port PGTEST_PORT, 54331 unless set);
2. `python -m dashboard.cli init` (schema, reference and demo data), then seed.py (LA
   users, figures and SEF drafts for the demo inspector's region);
3. gunicorn with 4 workers on a free port, all sharing one random SECRET_KEY, with the
   sign-in rate limit raised (everyone signs in from 127.0.0.1), until /health answers;
4. locust, headless (tests/load/locustfile.py), from its own virtualenv, .venv/load:
   locust needs urllib3 2 and the browser tests' selenium pins urllib3 1.26;
5. prints per step: requests, failures, p50, p95 (exact, from every request) and p95
   over the no-op floor's p95, whether the goal is met (no failures, p95 under 250 ms
   for every callback), and the CPU that gunicorn, PostgreSQL, locust and everything
   else on the machine used meanwhile;
6. stops gunicorn and PostgreSQL, whatever happened (Ctrl-C and `kill` too).

Exits 1 when any request failed, 2 when the set-up failed. Logs, locust's CSV files
and the samples stay in the folder printed at the end.

    .venv/bin/python tests/load/run_load.py [--users 50] [--spawn-rate 10]
        [--run-time 60s] [--workers 4] [--think-scale 1.0]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import resource
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
VENV_BIN = ROOT / ".venv" / "bin"
LOCUST = ROOT / ".venv" / "load" / "bin" / "locust"
POSTGRES = ROOT / "tests" / "tools" / "postgres.sh"
FLOOR = "no-op floor: mi-chosen callback"
GOAL_MS = 250.0


class SetupFailed(Exception):
    pass


def _interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def log(message: str) -> None:
    print(f"[load] {message}", flush=True)


def seconds(duration: str) -> int:
    """Locust's --run-time as seconds: "60s", "5m", "1h30m" or plain seconds."""
    if duration.isdigit():
        return int(duration)
    parts = re.fullmatch(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?", duration)
    if not parts or not any(parts.groups()):
        raise SystemExit(f"[load] --run-time {duration!r}: use e.g. 60s, 5m or 1h30m")
    hours, minutes, secs = (int(g or 0) for g in parts.groups())
    return hours * 3600 + minutes * 60 + secs


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run(command: list[str], env: dict[str, str], timeout: float, output: Path) -> str:
    """Run a set-up step; its output goes to a log file and is shown when it fails."""
    with output.open("w") as out:
        done = subprocess.run(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                              timeout=timeout, check=False)
    text = output.read_text()
    if done.returncode != 0:
        print(text[-4000:], file=sys.stderr)
        raise SetupFailed(f"failed (exit {done.returncode}): {' '.join(command)}")
    return text


def wait_for_health(url: str, server: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SetupFailed(f"gunicorn stopped (exit {server.returncode}) before "
                              "answering /health")
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise SetupFailed(f"gunicorn did not answer /health within {timeout:.0f} s")


def stop_server(server: subprocess.Popen | None) -> None:
    if server is None or server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)  # gunicorn's own session: the workers too
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def _stat(pid: int) -> list[str]:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return []
    return text[text.rindex(")") + 2:].split()  # after "pid (name) "; state first


def _cpu(pid: int, with_reaped: bool) -> float:
    """Seconds of CPU used by a process (and, if asked, by its children it has reaped)."""
    fields = _stat(pid)
    if not fields:
        return 0.0
    ticks = int(fields[11]) + int(fields[12])  # utime, stime
    if with_reaped:
        ticks += int(fields[13]) + int(fields[14])  # cutime, cstime
    return ticks / os.sysconf("SC_CLK_TCK")


def tree_cpu(root: int | None) -> float:
    """CPU seconds of a process, its live children and the children it has reaped."""
    if root is None:
        return 0.0
    children = [int(p) for p in os.listdir("/proc") if p.isdigit()
                and (_stat(int(p)) or ["", "0"])[1] == str(root)]
    return _cpu(root, True) + sum(_cpu(child, False) for child in children)


def machine_cpu() -> float:
    """CPU seconds the whole machine has been busy since boot, every process counted."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle, iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def postmaster(pg_dir: Path) -> int | None:
    try:
        return int((pg_dir / "data" / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile of the exact timings."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def report(samples_file: Path, failures_csv: Path) -> int:
    data = json.loads(samples_file.read_text())
    samples: dict[str, list[list]] = data["samples"]
    if FLOOR not in samples or not samples[FLOOR]:
        log("no sample of the no-op floor: nothing to compare with")
        return 1
    floor_p95 = percentile([ms for ms, _failed in samples[FLOOR]], 0.95)
    rows = []
    for name in sorted(samples):
        times = [ms for ms, _failed in samples[name]]
        failures = sum(1 for _ms, failed in samples[name] if failed)
        callback = "callback" in name
        rows.append((name, len(times), failures, percentile(times, 0.5),
                     percentile(times, 0.95), callback))
    width = max(len(r[0]) for r in rows)
    print()
    print(f"{'journey step':{width}}  {'requests':>8}  {'failures':>8}  {'p50 ms':>7}  "
          f"{'p95 ms':>7}  {'p95/floor':>9}  goal")
    print("-" * (width + 58))
    for name, count, failures, p50, p95, callback in rows:
        goal = ("-" if not callback
                else "met" if failures == 0 and p95 < GOAL_MS else "MISSED")
        print(f"{name:{width}}  {count:8d}  {failures:8d}  {p50:7.1f}  {p95:7.1f}  "
              f"{p95 / floor_p95:9.1f}  {goal}")
    total = sum(r[1] for r in rows)
    failed = sum(r[2] for r in rows)
    slow = [r[0] for r in rows if r[5] and r[4] >= GOAL_MS]
    print("-" * (width + 58))
    print(f"{'all steps':{width}}  {total:8d}  {failed:8d}")
    saves = data.get("sef_saves", {})
    print(f"\nSEF saves: {saves.get('saved', 0)} stored; {saves.get('clashed', 0)} clashes "
          "with a colleague's save shown to the person (designed behaviour, resolved with "
          "\"keep mine\", not failures)")
    print(f"No-op floor p95: {floor_p95:.1f} ms. Goal: no failures and p95 under "
          f"{GOAL_MS:.0f} ms for every callback (rows marked '-' are plain requests, "
          "reported only).")
    if failed:
        print(f"Goal NOT met: {failed} failed requests.")
        if failures_csv.exists():
            print("Failures (from locust):")
            print(failures_csv.read_text().rstrip())
    if slow:
        print(f"Goal NOT met: p95 at or over {GOAL_MS:.0f} ms for: {', '.join(slow)}.")
    if not failed and not slow:
        print("Goal met: no failures, every callback's p95 under "
              f"{GOAL_MS:.0f} ms.")
    return 1 if failed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--run-time", default="60s")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--think-scale", type=float, default=1.0,
                        help="scale the simulated people's pauses (0.5: twice as quick)")
    args = parser.parse_args()
    run_seconds = seconds(args.run_time)
    for tool in (VENV_BIN / "gunicorn", LOCUST):
        if not tool.exists():
            raise SystemExit(f"[load] {tool} is missing: run `make load`")

    # A plain `kill` (or make being stopped) cleans up as Ctrl-C does.
    signal.signal(signal.SIGTERM, _interrupt)
    work = Path(tempfile.mkdtemp(prefix="ilacs-load-"))
    pg_dir = Path(tempfile.mkdtemp(prefix="ilacs-load-pg-"))  # postgres.sh chowns it
    instance = work / "instance"
    instance.mkdir()
    env_pg = {**os.environ, "PGTEST_PORT": os.environ.get("PGTEST_PORT", "54331")}
    server: subprocess.Popen | None = None
    try:
        log(f"starting PostgreSQL on 127.0.0.1:{env_pg['PGTEST_PORT']}")
        url = run([str(POSTGRES), "start", str(pg_dir), "ilacs_load"], env_pg, 600,
                  work / "postgres.log").strip().splitlines()[-1]
        env = {**os.environ, "DATABASE_URL": url, "INSTANCE_DIR": str(instance),
               "SECRET_KEY": secrets.token_urlsafe(32),
               "LOGIN_RATE_LIMIT": "100000 per minute", "PYTHONUNBUFFERED": "1"}
        log("creating the schema and the demo data (python -m dashboard.cli init)")
        print(run([str(VENV_BIN / "python"), "-m", "dashboard.cli", "init"], env, 600,
                  work / "init.log").rstrip())
        setup = work / "setup.json"
        print(run([str(VENV_BIN / "python"), str(HERE / "seed.py"), str(setup)], env, 600,
                  work / "seed.log").rstrip())

        port = free_port()
        host = f"http://127.0.0.1:{port}"
        log(f"starting gunicorn, {args.workers} workers, on {host}")
        with (work / "gunicorn.log").open("w") as server_log:
            server = subprocess.Popen(
                [str(VENV_BIN / "gunicorn"), "--workers", str(args.workers), "--bind",
                 f"127.0.0.1:{port}", "--no-control-socket", "app:server"],
                cwd=ROOT, env=env, stdout=server_log, stderr=subprocess.STDOUT,
                start_new_session=True)
        wait_for_health(host, server, 120)

        log(f"locust: {args.users} users (half inspectors, half LA users), "
            f"{args.spawn_rate:g} a second, for {args.run_time}")
        samples = work / "samples.json"
        locust_env = {**os.environ, "LOAD_SETUP": str(setup), "LOAD_SAMPLES_OUT": str(samples),
                      "LOAD_THINK_SCALE": str(args.think_scale)}
        database = postmaster(pg_dir)
        before = (time.monotonic(), tree_cpu(server.pid), tree_cpu(database),
                  resource.getrusage(resource.RUSAGE_CHILDREN), machine_cpu())
        with (work / "locust.log").open("w") as locust_log:
            subprocess.run(
                [str(LOCUST), "-f", str(HERE / "locustfile.py"), "--headless",
                 "-u", str(args.users), "-r", f"{args.spawn_rate:g}",
                 "--run-time", args.run_time, "--stop-timeout", "20", "--host", host,
                 "--csv", str(work / "locust"), "--only-summary"],
                cwd=ROOT, env=locust_env, stdout=locust_log, stderr=subprocess.STDOUT,
                timeout=run_seconds + 180, check=False)
        after = (time.monotonic(), tree_cpu(server.pid), tree_cpu(database),
                 resource.getrusage(resource.RUSAGE_CHILDREN), machine_cpu())
        if not samples.exists():
            print((work / "locust.log").read_text()[-4000:], file=sys.stderr)
            raise SetupFailed("locust wrote no samples")
        status = report(samples, work / "locust_failures.csv")
        wall = after[0] - before[0]
        used = [after[1] - before[1], after[2] - before[2],
                (after[3].ru_utime + after[3].ru_stime) - (before[3].ru_utime + before[3].ru_stime)]
        cores = os.cpu_count() or 1
        busy = after[4] - before[4]
        print(f"CPU while locust ran ({wall:.0f} s on {cores} cores, {wall * cores:.0f} "
              f"core-seconds): gunicorn {used[0]:.0f} s, PostgreSQL {used[1]:.0f} s, "
              f"locust {used[2]:.0f} s; the machine was busy {busy:.0f} s "
              f"({busy / (wall * cores):.0%}), {max(0.0, busy - sum(used)):.0f} s of it "
              "for other processes (timings are only comparable on a quiet machine).")
        exceptions = (work / "locust_exceptions.csv").read_text().strip().splitlines()
        if len(exceptions) > 1:  # errors in the locustfile itself, not in requests
            print("\nExceptions in the simulated users (see locust.log):")
            print("\n".join(exceptions))
            status = 1
        errors = [line for line in (work / "gunicorn.log").read_text().splitlines()
                  if "ERROR" in line or "Traceback" in line]
        if errors:
            print(f"\ngunicorn logged {len(errors)} error lines; the first:")
            print("\n".join(errors[:5]))
        return status
    except SetupFailed as problem:
        log(str(problem))
        return 2
    except subprocess.TimeoutExpired as late:
        log(f"timed out after {late.timeout:.0f} s: {' '.join(map(str, late.cmd))}")
        return 2
    except KeyboardInterrupt:
        log("interrupted")
        return 130
    finally:
        stop_server(server)
        log("stopping PostgreSQL")
        subprocess.run([str(POSTGRES), "stop", str(pg_dir)], env=env_pg, check=False)
        shutil.rmtree(instance, ignore_errors=True)
        log(f"logs, locust's CSV files and the samples: {work}")


if __name__ == "__main__":
    sys.exit(main())
