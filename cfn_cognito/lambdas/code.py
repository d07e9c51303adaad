"""A function's code, copied into the data directory: `<data_dir>/functions/<name>/<revision>/`.

Code is never run from where it came from, so a function survives its source being deleted
and a restart of the server. Each registration gets a fresh revision directory; the one it
replaces is removed once the new one is in the registry. The code is also kept in the store
as a zip (`InstalledCode.zip`): an instance sharing the database, with its own data
directory, unpacks a revision it has not seen on first use (`materialize`); a revision's
code never changes, so the unpacked directory is a cache that cannot go stale.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import shutil
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from cfn_cognito.lambdas.errors import InvalidFunction

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
    staging.parent.mkdir(parents=True, exist_ok=True)
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
        os.replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
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
    staging.parent.mkdir(parents=True, exist_ok=True)
    try:
        _unzip(zip_bytes, staging)
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
    try:
        target.parent.rmdir()
    except OSError:
        pass  # other revisions (or a registration in progress) are still there


def _copy_dir(source: Path, staging: Path) -> tuple[bytes, int]:
    if not source.is_dir():
        raise InvalidFunction(f"Code directory {source} does not exist or is not a directory.")
    shutil.copytree(source, staging, ignore=shutil.ignore_patterns("__pycache__"))
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
