"""axe-core in the browser tests: installed by ./dev test from the npm registry into node_modules, injected
by the test into a context that lets it (the pages themselves never fetch it: their Content-Security-Policy
would refuse it), and only its serious and critical findings counted."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from gosterge.settings import PROJECT_ROOT

AXE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
#: Dash 4's own dropdown keeps a focusable element inside aria-hidden; it is the component's, not ours
#: (the download builder's multi-selects), and is the one finding left out
KNOWN = {"aria-hidden-focus"}

Finding = tuple[str, str, int, str]


def axe_script() -> str:
    """axe-core's script; the test is skipped, saying why, when it is not installed."""
    if not AXE.is_file():
        pytest.skip(f"axe-core is not installed in {AXE.parent} (./dev test installs it with npm)")
    return AXE.read_text(encoding="utf-8")


def serious_findings(page: Any, script: str | None = None) -> list[Finding]:
    """(rule, impact, elements, first element) of each serious or critical finding on ``page`` as it is."""
    page.add_script_tag(content=script if script is not None else axe_script())
    result = page.evaluate("axe.run({resultTypes: ['violations']})")
    return [
        (violation["id"], violation["impact"], len(violation["nodes"]), str(violation["nodes"][0]["target"]))
        for violation in result["violations"]
        if violation["impact"] in ("serious", "critical") and violation["id"] not in KNOWN
    ]


@contextmanager
def axe_context(browser: Any, **arguments: Any) -> Iterator[Any]:
    """A browser context in which the test may inject axe-core (the CSP bypassed: the test's script only)."""
    context = browser.new_context(**{**arguments, "bypass_csp": True})
    try:
        yield context
    finally:
        context.close()
