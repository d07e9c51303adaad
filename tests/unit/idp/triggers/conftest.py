"""The user-lifecycle fixtures of tests/unit/idp (a real store, a hand-moved clock)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from users_fixtures import clock, ctx  # noqa: E402,F401
