"""Writing the certificate authority's files so that no reader ever sees half of one, a
private key is never readable by others (not even for the moment before a chmod), and two
processes making the files at once (`serve` and `ca path`) do not make two CAs."""

from __future__ import annotations

import contextlib
import fcntl
import os

PRIVATE = 0o600
PUBLIC = 0o644


def write(path: str, data: bytes, mode: int) -> None:
    """Replace `path` with `data`, created with `mode` from its first byte, durably."""
    temp = f"{path}.{os.getpid()}.tmp"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, mode)           # the umask may have taken bits from a PUBLIC file
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def read(path: str) -> bytes | None:
    try:
        with open(path, "rb") as f:
            return f.read()
    except FileNotFoundError:
        return None


@contextlib.contextmanager
def locked(directory: str):
    """The directory's files to oneself while the block runs (an advisory lock, which every
    writer here takes)."""
    os.makedirs(directory, mode=0o700, exist_ok=True)
    fd = os.open(os.path.join(directory, ".lock"), os.O_RDWR | os.O_CREAT, PRIVATE)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)                   # closing releases the lock
