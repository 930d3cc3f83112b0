"""Fixtures of the access tests: accounts, private mode, a warehouse put back (tests/support/accounts.py)."""

from tests.support.accounts import (  # noqa: F401 - fixtures registered for this folder
    forget_failed_sign_ins,
    private_mode,
    restored_warehouse,
    staff_accounts,
    staff_loads,
)
