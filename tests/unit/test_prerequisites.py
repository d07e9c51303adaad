"""A test whose tool is missing says which and how to get it: skipped, or failed in CI."""

import pytest

import prerequisites


def test_missing_tool_skips_naming_it_and_how(monkeypatch):
    monkeypatch.setattr(prerequisites.shutil, "which", lambda tool: None)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception) as skipped:
        prerequisites.require("chromium", why="the browser tests")
    assert str(skipped.value) == ("the browser tests need chromium, not installed: apt-get "
                                  "install chromium (Debian's; Playwright never downloads a "
                                  "browser here)")


def test_in_ci_a_missing_tool_fails(monkeypatch):
    monkeypatch.setattr(prerequisites.shutil, "which", lambda tool: None)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="need node and npm"):
        prerequisites.require("node", "npm", why="the CDK tests")
