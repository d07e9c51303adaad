"""How hard the hardening suites push: bounded for CI, much longer with HARDENING_SLOW=1."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

SLOW = os.environ.get("HARDENING_SLOW", "") not in ("", "0")

# Fuzzed requests per operation (CI: a fixed seed, so a run is repeatable).
CASES_PER_OPERATION = 400 if SLOW else 16
# ... and per operation the service refuses whole (UnsupportedOperationException): only the
# shared validation runs for those.
CASES_PER_REFUSED_OPERATION = 40 if SLOW else 4
# Fuzzed requests per web endpoint (hosted UI pages, /oauth2/*).
CASES_PER_ENDPOINT = 400 if SLOW else 25
# Seconds of mixed write load before the kill -9, and writer threads.
LOAD_SECONDS = 20.0 if SLOW else 2.0
WRITERS = 6


def fuzz(max_examples: int):
    return settings(
        max_examples=max_examples,
        deadline=None,
        derandomize=not SLOW,
        database=None,
        suppress_health_check=list(HealthCheck),
        print_blob=True,
    )
