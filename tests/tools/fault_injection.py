"""gunicorn config for the kill-a-worker tests (tests/test_production.py), never used
in production: after a flush that wrote a row of FAULT_TABLE, the process writes its
pid to FAULT_MARKER and waits to be killed, in the middle of its transaction. It does
this once (while the marker does not exist), so the restarted worker behaves normally."""

import os
import time


def post_worker_init(worker):
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    table, marker = os.environ["FAULT_TABLE"], os.environ["FAULT_MARKER"]

    def pause_mid_transaction(session, _context):
        wrote = any(getattr(obj, "__tablename__", "") == table for obj in session.new)
        if wrote and not os.path.exists(marker):
            with open(marker, "w") as out:
                out.write(str(os.getpid()))
            time.sleep(600)

    event.listen(Session, "after_flush", pause_mid_transaction)
