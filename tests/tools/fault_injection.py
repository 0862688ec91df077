"""gunicorn config for the kill-a-worker tests (tests/test_production.py), never used
in production. When a flush writes a row of FAULT_TABLE, the process waits, after every
after_flush listener (the audit trail's too) and before the commit, to be killed in the
middle of its transaction. It writes to FAULT_MARKER its pid and how many audit entries
its own transaction can see, so the test knows the entry was written and then lost. It
does this once (while the marker does not exist), so the next worker behaves normally."""

import os
import time


def post_worker_init(worker):
    from sqlalchemy import event, text
    from sqlalchemy.orm import Session

    table, marker = os.environ["FAULT_TABLE"], os.environ["FAULT_MARKER"]

    def note_the_table(session, _context):
        if any(getattr(obj, "__tablename__", "") == table for obj in session.new):
            session.info["fault_due"] = True

    def pause_before_commit(session, _context):
        if session.info.pop("fault_due", False) and not os.path.exists(marker):
            entries = session.connection().execute(
                text("SELECT count(*) FROM audit_events")).scalar()
            with open(marker, "w") as out:
                out.write(f"{os.getpid()} {entries}")
            time.sleep(600)

    event.listen(Session, "after_flush", note_the_table)
    event.listen(Session, "after_flush_postexec", pause_before_commit)
