"""`make bench`: our Annex A ingest against reading the same workbook with python-calamine.

Generates a large synthetic workbook (about 200,000 rows over the eleven lists), then,
in the same run, times python-calamine alone reading every sheet into Python rows (the
baseline: the least any ingest that reads the cells can do) and our whole ingest: the
safety checks of the file, read, check, compute and store. The goal (issue 28) is an
ingest within 1.5 times the baseline. Each is timed in a
fresh process so that neither warms the other's caches. The ingest's peak memory is
its process's peak resident size plus that of the helper process it forks for a large
workbook (an upper bound: the two peaks need not coincide). The last line has a fixed
form for tracking.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
PERIOD_END = date(2026, 10, 31)


def _child(code: str, env: dict[str, str]) -> dict:
    output = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


BASELINE = """
import io, json, resource, time
from python_calamine import CalamineWorkbook
content = open({path!r}, "rb").read()
start = time.perf_counter()
book = CalamineWorkbook.from_filelike(io.BytesIO(content))
rows = sum(len(book.get_sheet_by_name(name).to_python(skip_empty_area=False)) - 1
           for name in book.sheet_names)
seconds = time.perf_counter() - start
print(json.dumps({{"seconds": seconds, "rows": rows,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""

INGEST = """
import json, resource, time
from datetime import date
from dashboard.access import SYSTEM
from dashboard.storage.db import session_scope
from dashboard.services.ingest import UploadedFile, UploadLimits
from dashboard.services.mi import upload_annex_a
from dashboard.storage.reference_data import load_reference_data
from dashboard.storage.schema import upgrade_database
from dashboard.services.audit import install
install()
upgrade_database()
with session_scope() as session:
    load_reference_data(session)
content = open({path!r}, "rb").read()
start = time.perf_counter()
outcome = upload_annex_a(SYSTEM, "886", date.fromisoformat({period!r}),
                         [UploadedFile("large.xlsx", content)], UploadLimits())
seconds = time.perf_counter() - start
peak_kb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
           + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({{"seconds": seconds, "status": outcome.status,
                  "errors": outcome.error_count, "rows": sum(c.rows for c in outcome.list_counts),
                  "peak_mb": peak_kb / 1024}}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="large", choices=["small", "medium", "large"])
    parser.add_argument("--runs", type=int, default=3,
                        help="runs of each, alternated; the medians are compared")
    args = parser.parse_args()
    from dashboard.demo.annex_a import generate_sheets, write_workbook

    with tempfile.TemporaryDirectory(prefix="ilacs-bench-") as folder:
        path = str(Path(folder) / "annex_a_large.xlsx")
        started = time.perf_counter()
        write_workbook(generate_sheets(args.size, PERIOD_END, seed=1), path)
        size_mb = os.path.getsize(path) / (1024 * 1024)
        print(f"generated {args.size} workbook: {size_mb:.1f} MB in "
              f"{time.perf_counter() - started:.1f} s")
        baselines, ingests = [], []
        for run in range(args.runs):  # alternated, so that a busy moment hits both
            env = dict(os.environ, INSTANCE_DIR=folder, PYTHONPATH=str(ROOT),
                       DATABASE_URL=f"sqlite:///{folder}/bench-{run}.sqlite3")
            baselines.append(_child(BASELINE.format(path=path), env))
            ingests.append(_child(INGEST.format(path=path, period=PERIOD_END.isoformat()), env))
            if ingests[-1]["status"] != "stored":
                sys.exit("the generated workbook was not accepted; the benchmark is void")
        baseline = statistics.median(run["seconds"] for run in baselines)
        ingest = statistics.median(run["seconds"] for run in ingests)
        print(f"calamine baseline: read {baselines[0]['rows']:,} rows; runs "
              + ", ".join(f"{run['seconds']:.2f}" for run in baselines) + " s")
        print(f"ingest: {ingests[0]['status']}, {ingests[0]['rows']:,} rows, "
              f"{ingests[0]['errors']} errors; runs "
              + ", ".join(f"{run['seconds']:.2f}" for run in ingests) + " s")
        print(f"ingest {ingest:.2f} s; calamine baseline {baseline:.2f} s (medians of "
              f"{args.runs}); ingest/baseline {ingest / baseline:.2f} (goal: 1.5 or less); "
              f"peak {max(run['peak_mb'] for run in ingests):.0f} MB")

if __name__ == "__main__":
    main()
