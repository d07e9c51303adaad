"""Who on the machine can read the data directory: its owner only.

The database holds password hashes, refresh tokens and every pool's private signing keys (a
key read from it mints tokens that GetUser accepts), and function code may hold secrets. So
the data directory is created 0700 and everything cfn-cognito writes in it is 0600 (folders
0700, executables 0700), whatever the umask. A directory that already exists keeps the bits
its owner gave it, with a warning when others can enter it; what cfn-cognito made in it
(perhaps by an older version) is tightened at start.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

LOG = logging.getLogger(__name__)

DIR_MODE = 0o700
FILE_MODE = 0o600
EXECUTABLE_MODE = 0o700


def make_dir(path: Path, *, warn: bool = False) -> None:
    """`path` (and missing parents) created 0700; with `warn`, a warning when `path` existed
    already and others than its owner may open it."""
    existed = path.is_dir()
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    mode = stat.S_IMODE(path.stat().st_mode)
    if not existed:
        os.chmod(path, DIR_MODE)     # mkdir's mode is narrowed by the umask, never widened
    elif warn and mode & 0o077:
        LOG.warning("data directory %s is readable by other users of this machine (mode "
                    "%o): it holds signing keys and password hashes; chmod 700 it",
                    path.resolve(), mode)


def make_file(path: Path) -> None:
    """`path` exists, 0600 (created empty when missing). An existing file is never opened:
    closing any descriptor of a database drops the SQLite locks this process holds on it."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    except FileExistsError:
        pass
    os.chmod(path, FILE_MODE)


def tighten(path: Path) -> None:
    """Files that exist at `path` made 0600 (nothing when missing)."""
    if path.is_file() and not path.is_symlink():
        os.chmod(path, FILE_MODE)


def tighten_tree(root: Path) -> None:
    """Every folder under `root` (itself included) 0700, every file 0600, or 0700 when it
    is executable by its owner. Links are left alone; nothing happens when `root` is
    missing."""
    if not root.is_dir() or root.is_symlink():
        return
    os.chmod(root, DIR_MODE)
    for folder, dirs, files in os.walk(root):
        for name in dirs:
            entry = os.path.join(folder, name)
            if not os.path.islink(entry):
                os.chmod(entry, DIR_MODE)
        for name in files:
            entry = os.path.join(folder, name)
            mode = os.lstat(entry).st_mode
            if stat.S_ISREG(mode):
                os.chmod(entry, EXECUTABLE_MODE if mode & stat.S_IXUSR else FILE_MODE)
