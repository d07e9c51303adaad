"""A function's code, copied into the data directory: `<data_dir>/functions/<name>/<revision>/`.

Code is never run from where it came from, so a function survives its source being deleted
and a restart of the server. Each registration gets a fresh revision directory; the one it
replaces is removed once the new one is in the registry. The copy is the data directory
owner's alone (folders 0700, files 0600: see store/private.py). The code is also kept in
the store as a zip (`InstalledCode.zip`): an instance sharing the database, with its own
data directory, unpacks a revision it has not seen on first use (`materialize`); a
revision's code never changes, so the unpacked directory is a cache that cannot go stale.

A code folder is copied as `aws cloudformation package` would zip it, links followed, but
only within the folder: a link that leads out of it (to anything on the disk), a dangling
link, a link back to a folder it is in, a file that cannot be read or one that is not a
regular file (a FIFO would block the copy) refuses the registration, naming the file.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import shutil
import stat
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from cfn_cognito.lambdas.errors import InvalidFunction
from cfn_cognito.store import private

CODE_ROOT = "functions"
MAX_UNZIPPED_BYTES = 250 * 1024 * 1024  # Lambda's limit for a function's unzipped code
UNZIP_FAILED = "Could not unzip uploaded file. Please check your file, then try to upload again."


@dataclass(frozen=True)
class InstalledCode:
    path: str          # relative to the data directory
    sha256: str        # base64 SHA-256, as Lambda's CodeSha256
    size: int          # bytes, as Lambda's CodeSize
    zip: bytes         # the code as a zip, kept in the store


def inline_file_name(runtime: str) -> str:
    """Where inline source goes, as CloudFormation's `ZipFile` puts it: index.py / index.js."""
    return "index.py" if runtime.startswith("python") else "index.js"


def install(data_dir: Path, name: str, revision: str, runtime: str, *,
            code_dir: str | os.PathLike | None = None, zip_bytes: bytes | None = None,
            inline_code: str | None = None) -> InstalledCode:
    """Copy the code (exactly one of the three sources) into a new revision directory."""
    given = [src for src in (code_dir, zip_bytes, inline_code) if src is not None]
    if len(given) != 1:
        raise InvalidFunction("Give the code exactly one way: a directory, a zip or inline source.")
    relative = PurePosixPath(CODE_ROOT, name, revision)
    target = Path(data_dir, relative)
    staging = target.with_name(f".{revision}.tmp")
    private.make_dir(Path(data_dir, CODE_ROOT))
    private.make_dir(staging.parent)
    try:
        if code_dir is not None:
            digest, size = _copy_dir(Path(code_dir), staging)
            packed = zip_dir(staging)
        elif zip_bytes is not None:
            _unzip(zip_bytes, staging)
            digest, size = hashlib.sha256(zip_bytes).digest(), len(zip_bytes)
            packed = zip_bytes
        else:
            source = inline_code.encode()
            staging.mkdir()
            (staging / inline_file_name(runtime)).write_bytes(source)
            digest, size = hashlib.sha256(source).digest(), len(source)
            packed = zip_dir(staging)
        private.tighten_tree(staging)
        os.replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        _remove_if_empty(staging.parent)
        raise
    return InstalledCode(str(relative), base64.b64encode(digest).decode(), size, packed)


def materialize(data_dir: Path, code_path: str, zip_bytes: bytes) -> None:
    """Unpack a revision's code (from the store) where `code_path` says, unless it is there.
    Threads and instances sharing a data directory may race: each unpacks into its own
    staging folder and the first rename wins."""
    target = Path(data_dir, code_path)
    if target.is_dir():
        return
    staging = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.tmp")
    private.make_dir(Path(data_dir, CODE_ROOT))
    private.make_dir(staging.parent)
    try:
        _unzip(zip_bytes, staging)
        private.tighten_tree(staging)
        try:
            os.rename(staging, target)
        except OSError:
            if not target.is_dir():
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def remove(data_dir: Path, code_path: str) -> None:
    """Delete one revision's code (and the function's folder once it is empty)."""
    target = Path(data_dir, code_path)
    shutil.rmtree(target, ignore_errors=True)
    _remove_if_empty(target.parent)


def tighten_code(data_dir: Path) -> None:
    """Code installed by an older version (with the umask's modes) made the owner's alone."""
    private.tighten_tree(Path(data_dir, CODE_ROOT))


def _remove_if_empty(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:
        pass  # other revisions (or a registration in progress) are still there


def _refused(source: Path, entry: Path, why: str) -> InvalidFunction:
    return InvalidFunction(f"Code directory {source}: {entry.relative_to(source)} {why}.")


def _copy_tree(source: Path, folder: Path, into: Path, inside: Path, above: tuple,
               copied: list) -> None:
    """Copy `folder` (a folder of `source`, real path `above[-1]`) into `into`, following
    links that stay inside `inside` (the real path of `source`); `copied[0]` counts bytes."""
    into.mkdir(mode=private.DIR_MODE)
    for entry in sorted(folder.iterdir()):
        if entry.name == "__pycache__":
            continue
        real = entry
        if entry.is_symlink():
            try:
                real = entry.resolve(strict=True)
            except (OSError, RuntimeError):
                raise _refused(source, entry, f"is a link to {os.readlink(entry)}, which "
                                              f"does not exist") from None
            if not real.is_relative_to(inside):
                raise _refused(source, entry, f"is a link to {real}, outside the code "
                                              f"directory; only what is inside it is copied")
        try:
            mode = real.stat().st_mode
        except OSError as err:
            raise _refused(source, entry, f"cannot be read: {err.strerror}") from None
        if stat.S_ISDIR(mode):
            real = real.resolve()
            if real in above:
                raise _refused(source, entry, "is a link to a folder that contains it")
            _copy_tree(source, entry, into / entry.name, inside, (*above, real), copied)
        elif stat.S_ISREG(mode):
            try:
                data = real.read_bytes()
            except OSError as err:
                raise _refused(source, entry, f"cannot be read: {err.strerror}") from None
            copied[0] += len(data)
            if copied[0] > MAX_UNZIPPED_BYTES:     # links may repeat a folder many times
                raise InvalidFunction(f"Code directory {source}: larger than "
                                      f"{MAX_UNZIPPED_BYTES} bytes")
            keep = private.EXECUTABLE_MODE if mode & stat.S_IXUSR else private.FILE_MODE
            fd = os.open(into / entry.name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, keep)
            with os.fdopen(fd, "wb") as out:
                out.write(data)
        else:
            raise _refused(source, entry, "is not a regular file or folder")


def _copy_dir(source: Path, staging: Path) -> tuple[bytes, int]:
    if not source.is_dir():
        raise InvalidFunction(f"Code directory {source} does not exist or is not a directory.")
    inside = source.resolve()
    _copy_tree(source, source, staging, inside, (inside,), [0])
    # A digest of the files (paths and contents), stable across copies of the same tree.
    digest, size = hashlib.sha256(), 0
    for path in sorted(p for p in staging.rglob("*") if p.is_file()):
        data = path.read_bytes()
        digest.update(path.relative_to(staging).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(data).digest())
        size += len(data)
    return digest.digest(), size


def _unzip(zip_bytes: bytes, staging: Path) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(zip_bytes))
    except zipfile.BadZipFile:
        raise InvalidFunction(UNZIP_FAILED) from None
    with archive:
        members = archive.infolist()
        if sum(m.file_size for m in members) > MAX_UNZIPPED_BYTES:
            raise InvalidFunction(f"Unzipped size must be smaller than {MAX_UNZIPPED_BYTES} bytes")
        staging.mkdir()
        for member in members:
            parts = PurePosixPath(member.filename.replace("\\", "/")).parts
            # Entries must stay inside the code directory ("zip slip").
            if not parts or parts[0] == "/" or ".." in parts:
                raise InvalidFunction(UNZIP_FAILED)
            try:
                extracted = archive.extract(member, staging)
            except (zipfile.BadZipFile, OSError, RuntimeError):
                raise InvalidFunction(UNZIP_FAILED) from None
            mode = member.external_attr >> 16
            if mode & 0o111 and not member.is_dir():
                os.chmod(extracted, 0o755)


def zip_dir(source: str | os.PathLike) -> bytes:
    """A directory's files as zip bytes (what `function register --code DIR` uploads, and
    what GetFunction's Code.Location serves)."""
    source = Path(source)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(source.rglob("*")):
            if path.is_file() and "__pycache__" not in path.relative_to(source).parts:
                archive.write(path, path.relative_to(source).as_posix())
    return buffer.getvalue()
