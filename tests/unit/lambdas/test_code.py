"""Copying a function's code folder: links are followed only inside the folder; a dangling
link, a link out of the folder or back to a folder above it, an unreadable file or a FIFO
refuses the registration naming the file and leaves nothing behind; the copy is the owner's
alone."""

import os
import stat
from pathlib import Path

import pytest

from cfn_cognito import lambdas
from cfn_cognito.lambdas import code as function_code

APP = {"app.py": "def handler(event, context):\n    return {'v': 1}\n"}


def _modes(root: Path) -> dict[str, int]:
    return {p.relative_to(root).as_posix(): stat.S_IMODE(p.lstat().st_mode)
            for p in [root, *root.rglob("*")]}


def _register(ctx, folder):
    return lambdas.register(ctx, "f1", "python3.12", "app.handler", code_dir=folder)


def _leftovers(ctx) -> list[str]:
    root = ctx.store.data_dir / function_code.CODE_ROOT
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*")) if root.exists() else []


def test_links_inside_the_folder_are_copied_as_files_and_modes_are_private(ctx, code):
    folder = code({**APP, "lib/util.py": "X = 1\n", "run.sh": "#!/bin/sh\n"})
    os.chmod(folder / "run.sh", 0o755)
    os.chmod(folder / "app.py", 0o644)
    (folder / "alias.py").symlink_to("app.py")
    (folder / "lib2").symlink_to("lib", target_is_directory=True)
    _register(ctx, folder)
    assert lambdas.invoke(ctx, "f1", {}) == {"v": 1}
    installed = ctx.store.data_dir / function_code.CODE_ROOT / "f1"
    (revision,) = installed.iterdir()
    assert (revision / "alias.py").read_text() == APP["app.py"]
    assert not (revision / "alias.py").is_symlink()
    assert (revision / "lib2" / "util.py").read_text() == "X = 1\n"
    modes = _modes(revision)
    assert modes["run.sh"] == 0o700 and modes["app.py"] == 0o600 and modes["lib"] == 0o700
    assert all(mode & 0o077 == 0 for mode in modes.values()), [(k, oct(m)) for k, m in modes.items() if m & 0o077]
    assert _modes(installed)["."] == 0o700
    assert _modes(ctx.store.data_dir / function_code.CODE_ROOT)["."] == 0o700


@pytest.mark.parametrize("make,named,why", [
    (lambda f, outside: (f / "secret").symlink_to(outside / "id_rsa"), "secret",
     "outside the code directory"),
    (lambda f, outside: (f / "etc").symlink_to("/etc", target_is_directory=True), "etc",
     "outside the code directory"),
    (lambda f, outside: (f / "gone.py").symlink_to(f / "nowhere.py"), "gone.py",
     "which does not exist"),
    (lambda f, outside: (f / "sub").mkdir() or (f / "sub" / "up").symlink_to(".."), "sub/up",
     "a folder that contains it"),
    (lambda f, outside: (f / "self").symlink_to("self"), "self", "which does not exist"),
    (lambda f, outside: os.mkfifo(f / "pipe"), "pipe", "not a regular file"),
])
def test_hostile_folders_are_refused_naming_the_file(ctx, code, tmp_path, make, named, why):
    outside = tmp_path / "home"
    outside.mkdir()
    (outside / "id_rsa").write_text("PRIVATE KEY")
    folder = code(APP)
    make(folder, outside)
    with pytest.raises(lambdas.InvalidFunction) as refused:
        _register(ctx, folder)
    assert f": {named} " in str(refused.value) and why in str(refused.value)
    assert "PRIVATE KEY" not in str(refused.value)
    assert _leftovers(ctx) == []
    assert lambdas.get(ctx, "f1") is None


def test_an_unreadable_file_is_refused_naming_it(ctx, code, monkeypatch):
    folder = code({**APP, "config.json": "{}"})
    real_read = Path.read_bytes

    def read_bytes(path):
        if path.name == "config.json":
            raise PermissionError(13, "Permission denied")
        return real_read(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    with pytest.raises(lambdas.InvalidFunction, match=r": config.json cannot be read: "
                                                      r"Permission denied"):
        _register(ctx, folder)
    assert _leftovers(ctx) == []


def test_a_failed_replacement_keeps_the_function_and_its_folder(ctx, code):
    _register(ctx, code(APP))
    bad = code(APP)
    (bad / "gone").symlink_to(bad / "missing")
    with pytest.raises(lambdas.InvalidFunction):
        lambdas.register(ctx, "f1", "python3.12", "app.handler", code_dir=bad)
    assert lambdas.invoke(ctx, "f1", {}) == {"v": 1}
    assert len(_leftovers(ctx)) >= 1 and not any(".tmp" in p for p in _leftovers(ctx))


def test_code_an_older_version_installed_is_tightened_at_start(ctx, code):
    _register(ctx, code(APP))
    root = ctx.store.data_dir / function_code.CODE_ROOT
    for path in [root, *root.rglob("*")]:
        os.chmod(path, 0o755 if path.is_dir() else 0o644)
    lambdas.tighten_code(ctx.store.data_dir)
    assert all(mode & 0o077 == 0 for mode in _modes(root).values())
