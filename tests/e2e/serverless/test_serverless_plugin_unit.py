"""The Serverless plugin's own tests (node's test runner: hook rewiring, manifest building,
the offline AWS answers), run here so that the one test command covers them."""

import subprocess


from serverless_helpers import PLUGIN
import prerequisites


def test_the_plugin_unit_tests_pass():
    prerequisites.require("node", why="the Serverless plugin's tests")
    files = sorted(str(p) for p in (PLUGIN / "test").glob("*.test.js"))
    assert files, "no serverless-plugin/test/*.test.js"
    result = subprocess.run(["node", "--test", *files], cwd=PLUGIN, capture_output=True,
                            text=True, timeout=300)
    summary = [line for line in result.stdout.splitlines() if line.startswith("# ")]
    assert result.returncode == 0, result.stdout + result.stderr
    assert "# fail 0" in summary, summary
