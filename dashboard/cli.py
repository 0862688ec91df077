"""Command line: set up the database, load reference and demo data, create accounts, and
check a database is fit to serve in production.

python -m dashboard.cli init [--no-demo]
python -m dashboard.cli create-admin EMAIL "Full Name"   (password from ADMIN_PASSWORD or a prompt)
python -m dashboard.cli create-user EMAIL "Full Name" --role la_user --la 370 [--dcs]
python -m dashboard.cli create-user EMAIL "Full Name" --role inspector --region NEYH [--senior]
                                                         (password from USER_PASSWORD or a prompt)
python -m dashboard.cli deactivate-user EMAIL          (ends the account, keeps its history)
python -m dashboard.cli check-production [--allow-demo]  (`make serve` runs it before gunicorn)
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from sqlalchemy import inspect, select

from dashboard.access import (
    FLAGS,
    ROLES,
    SYSTEM,
    Action,
    Scope,
    account_description,
    flags_for,
    roles_permitted,
    roles_tied_to,
)
from dashboard.demo import demo_accounts_in, demo_logins_text, load_demo_users
from dashboard.services.audit import install as install_audit
from dashboard.services.user_admin import (
    FieldError,
    create_user,
    email_refusal,
    normalise_email,
    set_active,
)
from dashboard.storage.db import get_engine, session_scope
from dashboard.storage.models import User
from dashboard.storage.reference_data import load_reference_data
from dashboard.storage.schema import upgrade_database

#: Exit code of check-production when the database holds the demo (make reports it).
DEMO_REFUSED = 3

#: What each of create_user's fields is called on the command line, and a hint.
_FIELD_NAMES = {
    "email": ("EMAIL", ""),
    "full_name": ("FULL_NAME", ""),
    "password": ("password", ""),
    "role": ("--role", f" Roles: {', '.join(ROLES)}."),
    "la_code": ("--la", " Give its code, such as 370 for Barnsley (data/local_authorities.csv)."),
    "region_code": ("--region", " Give its code, such as NEYH or LON (data/regions.csv)."),
}


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


def check_production(allow_demo: bool) -> int:
    """Refuse (non-zero) a database holding the demo accounts, whose password is public,
    unless the operator says this is a demo; `make serve` runs this before gunicorn."""
    if not inspect(get_engine()).has_table(User.__tablename__):
        print("The database is not set up: run `.venv/bin/python -m dashboard.cli init "
              "--no-demo` first.", file=sys.stderr)
        return 1
    with session_scope() as session:
        demo = demo_accounts_in(session)
        admins = session.query(User).filter(
            User.role.in_(roles_permitted(Action.MANAGE_USERS)), User.active.is_(True)
        ).count()
    if demo and not allow_demo:
        print(
            "Refusing to serve: this database holds the demo accounts "
            f"{', '.join(demo)}, whose password is published in the README, and the "
            "demo's made-up uploads, self-evaluation and meetings.\n"
            "For production, use a database set up only with "
            "`.venv/bin/python -m dashboard.cli init --no-demo`.\n"
            "If this is a demo, say so: `DEMO=1 make serve` "
            "(or `python -m dashboard.cli check-production --allow-demo`).",
            file=sys.stderr,
        )
        return DEMO_REFUSED
    if demo:
        print(f"Serving a demo (DEMO=1): {len(demo)} demo accounts present.")
    else:
        print("No demo accounts in the database.")
    if not admins:
        print("No active administrator yet: create one with `ADMIN_PASSWORD=... "
              ".venv/bin/python -m dashboard.cli create-admin EMAIL \"Full Name\"`.")
    return 0


def _print_errors(errors: list[FieldError]) -> None:
    """Each problem named by its argument, with how to put it right."""
    for error in errors:
        name, hint = _FIELD_NAMES.get(error.field, (error.field, ""))
        print(f"{name}: {error.message}{hint}", file=sys.stderr)
    print("Nothing was created.", file=sys.stderr)


def _refused_address(email: str) -> bool:
    """Whether the address cannot be an account's (a demo account's, which would stop
    `make serve`, or not a plain address), said before any password is asked for or
    anything is stored."""
    refusal = email_refusal(normalise_email(email))
    if refusal:
        _print_errors([FieldError("email", refusal)])
    return refusal is not None


def _password(variable: str) -> str | None:
    """The new account's password: from the environment (scripts) or typed twice, unseen;
    None (and why, printed) when the two typed differ or nothing can be typed (no
    terminal and no input)."""
    configured = os.environ.get(variable)
    if configured:
        return configured
    try:
        password = getpass.getpass("Password: ")
        again = getpass.getpass("Password again: ")
    except EOFError:
        print(f"\nNo password given: set {variable} in the environment, or run this in a "
              "terminal to type it. Nothing was created.", file=sys.stderr)
        return None
    if again != password:
        print("The two passwords typed differ. Nothing was created.", file=sys.stderr)
        return None
    return password


def create_admin(email: str, full_name: str) -> int:
    if _refused_address(email):
        return 1
    upgrade_database()
    password = _password("ADMIN_PASSWORD")
    if password is None:
        return 1
    errors = create_user(SYSTEM, email=email, full_name=full_name, role="admin", password=password)
    if errors:
        _print_errors(errors)
        return 1
    with session_scope() as session:
        count = session.query(User).count()
    print(f"Administrator {email} created ({count} accounts in all).")
    return 0


def _only_for(option: str, roles: list[str]) -> str:
    """"--la is only for LA users (--role la_user).", from the access table."""
    plural = " or ".join(ROLES[role].plural for role in roles)
    flags = " or ".join(f"--role {role}" for role in roles)
    return f"{option} is only for {plural} ({flags})."


def create_any_user(args: argparse.Namespace) -> int:
    """Create an LA user, an inspector or an administrator, checked by the same service
    (and rules) as the Users page; nothing is stored when anything is wrong."""
    if _refused_address(args.email):
        return 1
    misplaced: list[str] = []
    if args.la is not None and args.role not in roles_tied_to(Scope.OWN_LA):
        misplaced.append(_only_for("--la", roles_tied_to(Scope.OWN_LA)))
    if args.region is not None and args.role not in roles_tied_to(Scope.OWN_REGION):
        misplaced.append(_only_for("--region", roles_tied_to(Scope.OWN_REGION)))
    for flag in ("senior", "dcs"):
        if getattr(args, flag) and flag not in flags_for(args.role):
            misplaced.append(_only_for(f"--{flag}", [FLAGS[flag].role]))
    if misplaced:
        for problem in misplaced:
            print(problem, file=sys.stderr)
        print("Nothing was created.", file=sys.stderr)
        return 1
    password = _password("USER_PASSWORD")
    if password is None:
        return 1
    upgrade_database()
    errors = create_user(
        SYSTEM,
        email=args.email,
        full_name=args.full_name,
        role=args.role,
        password=password,
        la_code=args.la,
        region_code=args.region,
        is_senior=args.senior,
        is_dcs=args.dcs,
    )
    if errors:
        _print_errors(errors)
        return 1
    what = account_description(args.role, args.la, args.region,
                               {"senior": args.senior, "dcs": args.dcs})
    print(f"Account {normalise_email(args.email)} created: {what}.")
    return 0


def deactivate_user(email: str) -> int:
    """End an account: it can no longer sign in and its sessions end at once; what it
    wrote and the audit trail keep its name. Audited as the system's change; the last
    active administrator is refused (the Users page does the same, as an administrator)."""
    if not inspect(get_engine()).has_table(User.__tablename__):
        print("The database is not set up: run `.venv/bin/python -m dashboard.cli init "
              "--no-demo` first.", file=sys.stderr)
        return 1
    address = normalise_email(email)
    with session_scope() as session:
        found = session.execute(
            select(User.id, User.active).where(User.email == address)).first()
    if found is None:
        print(f"No account has the email address {address}. Nothing was changed.",
              file=sys.stderr)
        return 1
    if not found.active:
        print(f"Account {address} is already deactivated. Nothing was changed.")
        return 0
    errors = set_active(SYSTEM, found.id, False)
    if errors:
        for error in errors:
            print(error.message, file=sys.stderr)
        print("Nothing was changed.", file=sys.stderr)
        return 1
    print(f"Account {address} deactivated: it can no longer sign in and its sessions have "
          "ended. What it wrote and the audit trail are kept.")
    return 0


def main(argv: list[str] | None = None) -> int:
    install_audit()  # accounts and data the command line makes are audited as the system's
    parser = argparse.ArgumentParser(prog="python -m dashboard.cli")
    commands = parser.add_subparsers(dest="command", required=True)
    init_parser = commands.add_parser("init", help="migrate, load reference data and demo users")
    init_parser.add_argument("--no-demo", action="store_true",
                             help="production: migrate and load reference data only")
    admin_parser = commands.add_parser("create-admin", help="create an administrator")
    admin_parser.add_argument("email")
    admin_parser.add_argument("full_name")
    user_parser = commands.add_parser(
        "create-user", help="create an LA user, an inspector or an administrator "
        "(password from USER_PASSWORD or a prompt)")
    user_parser.add_argument("email")
    user_parser.add_argument("full_name")
    user_parser.add_argument("--role", required=True, choices=list(ROLES))
    user_parser.add_argument("--la", help="LA code, for --role la_user (such as 370)")
    user_parser.add_argument("--region", help="region code, for --role inspector (such as NEYH)")
    user_parser.add_argument("--senior", action="store_true", help="a senior HMI (inspectors)")
    user_parser.add_argument("--dcs", action="store_true",
                             help="the DCS, or someone the DCS named to act for them "
                                  "(LA users): agrees engagement agendas for the LA")
    deactivate_parser = commands.add_parser(
        "deactivate-user", help="end an account: no more sign-ins, its sessions end, its "
        "history is kept")
    deactivate_parser.add_argument("email")
    check_parser = commands.add_parser(
        "check-production", help="refuse a database holding the demo accounts")
    check_parser.add_argument("--allow-demo", action="store_true",
                              help="this is a demo: serve it anyway (DEMO=1 make serve)")
    args = parser.parse_args(argv)
    if args.command == "init":
        init(with_demo=not args.no_demo)
        return 0
    if args.command == "check-production":
        return check_production(args.allow_demo)
    if args.command == "create-user":
        return create_any_user(args)
    if args.command == "deactivate-user":
        return deactivate_user(args.email)
    return create_admin(args.email, args.full_name)


if __name__ == "__main__":
    sys.exit(main())
