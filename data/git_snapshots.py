"""Reading published files out of local git snapshots of their repositories.

Shared by the data build scripts (standard library only, so each script can run in
whatever environment its own readers need). The snapshots are the git directories the
search tool's `fetch` brings to /work/.mirror/<owner>+<name>/repo.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Snapshot:
    """One git snapshot of a source repository."""

    name: str
    git_dir: Path
    sha: str
    commit_date: str


def add_mirror_root_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--mirror-root",
        type=Path,
        default=Path("/work/.mirror"),
        help="directory holding <owner>+<name>/repo git snapshots (default /work/.mirror)",
    )


def _git() -> str:
    path = shutil.which("git")
    if path is None:
        sys.exit("git is not on PATH")
    return path


def snapshot(mirror_root: Path, name: str) -> Snapshot:
    """The snapshot of ``name`` (``owner+repo``) under ``mirror_root``, at its HEAD."""
    git_dir = mirror_root / name / "repo"
    if not git_dir.exists():
        sys.exit(f"snapshot not found: {git_dir}")
    out = subprocess.run(  # noqa: S603 - fixed git command, no shell
        [_git(), "--git-dir", str(git_dir), "log", "-1", "--format=%H %cI", "HEAD"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return Snapshot(name=name, git_dir=git_dir, sha=out[0], commit_date=out[1])


def git_show(snap: Snapshot, path: str) -> bytes:
    """A file's bytes at the snapshot's commit; stops the script if it is not there."""
    result = subprocess.run(  # noqa: S603 - fixed git command, no shell
        [_git(), "--git-dir", str(snap.git_dir), "show", f"{snap.sha}:{path}"],
        check=False,
        capture_output=True,
    )
    if result.returncode != 0:
        sys.exit(
            f"cannot read {path} from {snap.git_dir} at {snap.sha}: "
            f"{result.stderr.decode(errors='replace').strip()}"
        )
    return result.stdout


def write_csv(path: Path, columns: Iterable[str], rows: Iterable[dict[str, str]]) -> int:
    """Rows to a UTF-8 CSV with Unix line ends (so rebuilds compare byte for byte)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns), lineterminator="\n")
        writer.writeheader()
        written = 0
        for row in rows:
            writer.writerow(row)
            written += 1
    return written


def blob_id(snap: Snapshot, path: str) -> str:
    """The git object id of a file at the snapshot's commit ('' if it is not there)."""
    return subprocess.run(  # noqa: S603 - fixed git command, no shell
        [_git(), "--git-dir", str(snap.git_dir), "rev-parse", "--verify", "--quiet",
         f"{snap.sha}:{path}"],
        check=False,
        capture_output=True,
        text=True,
    ).stdout.strip()


def file_versions(snap: Snapshot, pathspec: str) -> list[tuple[str, str, str, str]]:
    """Every version of the files matching ``pathspec`` in the snapshot's whole history.

    (blob id, path, commit, commit date) for each distinct file content, newest commit
    first: earlier releases of a published file that a later commit replaced or deleted.
    """
    log = subprocess.run(  # noqa: S603 - fixed git command, no shell
        [_git(), "--git-dir", str(snap.git_dir), "log", "--all", "--diff-filter=AMR",
         "--format=commit %H %cI", "--name-only", "--", pathspec],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    versions: list[tuple[str, str, str, str]] = []
    seen: set[str] = set()
    sha = when = ""
    for line in log.splitlines():
        if line.startswith("commit "):
            _, sha, when = line.split()
            continue
        if not line.strip():
            continue
        blob = blob_id(Snapshot(snap.name, snap.git_dir, sha, when), line)
        if blob not in seen:
            seen.add(blob)
            versions.append((blob, line, sha, when))
    return versions
