"""Fixtures of the hardening suites: a server of their own, a keep-alive HTTP session, and the
tally of what the suites tried (printed at the end of the run).

Long soaks: `HARDENING_SLOW=1 .venv/bin/python -m pytest tests/hardening` draws many more
fuzzed requests (random rather than the CI's fixed seed) and runs the load tests longer.
"""

from __future__ import annotations

import collections
import sys
from pathlib import Path

import pytest
import requests

from cfn_cognito.testing import LocalCognito
from hardening_settings import SLOW

TALLY: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)

# The end-to-end suites' helpers (deploying templates, walking the hosted UI) serve here too.
sys.path.insert(0, str(Path(__file__).parents[1] / "e2e"))


@pytest.fixture(scope="session")
def hard_server():
    """A server for the hardening suites alone (fuzzing fills its store with junk)."""
    server = LocalCognito().start()
    try:
        yield server
    finally:
        log = server.log()
        server.close()
    # Whatever a suite sent, nothing may have blown up inside the server.
    assert "Traceback" not in log, log[log.index("Traceback") - 2000:][:6000]


@pytest.fixture(scope="session")
def hard_url(hard_server) -> str:
    return hard_server.url


@pytest.fixture(scope="session")
def http():
    with requests.Session() as session:
        yield session


@pytest.fixture(scope="session")
def tally():
    """tally[suite][what] += n: counts for the closing summary."""
    return TALLY


def pytest_terminal_summary(terminalreporter):
    if not TALLY:
        return
    terminalreporter.section("hardening")
    for suite, counts in sorted(TALLY.items()):
        shown = ", ".join(f"{k}: {v}" for k, v in sorted(counts.items()))
        terminalreporter.write_line(f"{suite}: {shown}")
    if SLOW:
        terminalreporter.write_line("(HARDENING_SLOW soak)")
