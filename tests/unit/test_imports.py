"""Every module of the services whose operations load lazily (idp, identity, ssm) and of the
hosted UI imports when it is the first one imported: an import cycle that only bites in
some orders (one operation's module loaded before another's, as the operation tables do)
fails here rather than as a 500 on a user's first call."""

import pkgutil
import subprocess
import sys

import cfn_cognito

PACKAGES = ("idp", "identity", "ssm", "oauth")
# Each module in a fresh child forked from an interpreter that has imported nothing of ours.
SCRIPT = """
import os, sys, importlib, traceback
failed = []
for name in sys.argv[1:]:
    pid = os.fork()
    if pid == 0:
        try:
            importlib.import_module(name)
        except BaseException:
            traceback.print_exc()
            os._exit(1)
        os._exit(0)
    if os.waitpid(pid, 0)[1] != 0:
        failed.append(name)
print("\\n".join(failed))
"""


def test_every_module_imports_first():
    names = [m.name for m in pkgutil.walk_packages(cfn_cognito.__path__, "cfn_cognito.")
             if m.name.split(".")[1] in PACKAGES]
    done = subprocess.run([sys.executable, "-c", SCRIPT, *names], capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    failed = done.stdout.split()
    assert not failed, f"{failed}\n{done.stderr[-3000:]}"
