"""A Celery worker hook for the lost-job tests (tests/test_background_jobs.py), never
used in production: `celery ... worker -I tests.tools.job_faults` with JOB_FAULT_MARKER
set. When a job's flush writes a row of mi_snapshots, the pool process writes its pid
to JOB_FAULT_MARKER and waits, inside the upload's transaction and before the commit,
to be killed. It does this once (while the marker does not exist), so a restarted
worker behaves normally. Without JOB_FAULT_MARKER it does nothing."""

import os
import time

from celery.signals import worker_process_init


@worker_process_init.connect
def pause_uploads_before_commit(**_kwargs) -> None:
    marker = os.environ.get("JOB_FAULT_MARKER")
    if not marker:
        return
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    def note_the_table(session, _context):
        if any(getattr(obj, "__tablename__", "") == "mi_snapshots" for obj in session.new):
            session.info["fault_due"] = True

    def pause_before_commit(session, _context):
        if session.info.pop("fault_due", False) and not os.path.exists(marker):
            with open(marker, "w") as out:
                out.write(str(os.getpid()))
            time.sleep(600)

    event.listen(Session, "after_flush", note_the_table)
    event.listen(Session, "after_flush_postexec", pause_before_commit)
