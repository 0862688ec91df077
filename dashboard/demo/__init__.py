"""Demo data for trying the product locally: accounts and synthetic Annex A workbooks.

Never load any of it in production.
"""

from dashboard.demo.users import (
    DEMO_PASSWORD,
    DEMO_USERS,
    demo_accounts_in,
    demo_logins_text,
    load_demo_users,
)

__all__ = [
    "DEMO_PASSWORD",
    "DEMO_USERS",
    "demo_accounts_in",
    "demo_logins_text",
    "load_demo_users",
]
