"""Tools some tests need beyond Python (README "Two commands for a fresh machine" lists them).

Without one, such a test is skipped, saying which tool and how to get it; in CI (`CI` set, as
`.ci/run` runs) it fails instead, since `.ci/run` installs them and a skip would hide a gap.
"""

import os
import shutil

import pytest

HOW = {
    "chromium": "apt-get install chromium (Debian's; Playwright never downloads a browser here)",
    "node": "apt-get install nodejs npm (Node.js 18+)",
    "npm": "apt-get install nodejs npm (Node.js 18+)",
}


def require(*tools: str, why: str) -> None:
    """Skip (fail in CI) unless every tool is on PATH."""
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if not missing:
        return
    message = (f"{why} need {' and '.join(missing)}, not installed: "
               f"{HOW.get(missing[0], 'install it')}")
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(message)
    pytest.skip(message)
