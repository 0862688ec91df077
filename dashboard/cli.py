"""Command line: set up the database, load reference and demo data, create an admin.

python -m dashboard.cli init [--no-demo]
python -m dashboard.cli create-admin EMAIL "Full Name"   (password from ADMIN_PASSWORD or a prompt)
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from dashboard.access import SYSTEM
from dashboard.db import session_scope
from dashboard.demo import demo_logins_text, load_demo_users
from dashboard.models import User
from dashboard.reference_data import load_reference_data
from dashboard.schema import upgrade_database
from dashboard.user_admin import create_user


def init(with_demo: bool) -> None:
    upgrade_database()
    with session_scope() as session:
        report = load_reference_data(session)
        demo_added = load_demo_users(session) if with_demo else 0
    if report.changed:
        added, updated = report.added or "nothing", report.updated or "nothing"
        print(f"Reference data: added {added}, updated {updated}")
    else:
        print("Reference data: already up to date, nothing changed")
    if with_demo:
        print(f"Demo users: {demo_added} added")
        from dashboard.demo.mi import load_demo_mi

        print(f"Demo management information: {load_demo_mi()} synthetic Annex A uploads "
              "stored (no real child's data)")
        from dashboard.demo.sef import load_demo_sef

        print(f"Demo self-evaluation: {load_demo_sef()} shared for Barnsley")
        from dashboard.demo.engagement import load_demo_meeting

        print(f"Demo engagement meetings: {load_demo_meeting()} added for Barnsley (one "
              "held, with its letter issued; one scheduled)")
        print(demo_logins_text())


def create_admin(email: str, full_name: str) -> int:
    upgrade_database()
    password = os.environ.get("ADMIN_PASSWORD") or getpass.getpass("Password: ")
    errors = create_user(SYSTEM, email=email, full_name=full_name, role="admin", password=password)
    for error in errors:
        print(f"{error.field}: {error.message}", file=sys.stderr)
    if not errors:
        with session_scope() as session:
            count = session.query(User).count()
        print(f"Administrator {email} created ({count} accounts in all).")
    return 1 if errors else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard.cli")
    commands = parser.add_subparsers(dest="command", required=True)
    init_parser = commands.add_parser("init", help="migrate, load reference data and demo users")
    init_parser.add_argument("--no-demo", action="store_true", help="do not create demo users")
    admin_parser = commands.add_parser("create-admin", help="create an administrator")
    admin_parser.add_argument("email")
    admin_parser.add_argument("full_name")
    args = parser.parse_args(argv)
    if args.command == "init":
        init(with_demo=not args.no_demo)
        return 0
    return create_admin(args.email, args.full_name)


if __name__ == "__main__":
    sys.exit(main())
