"""Where and how the demo generator may write: only into the shipped demo package, atomically.

A county's package copied from `data/demo` keeps `demo = true`, so that flag cannot say which
folder may be generated; the folder's location in this repository can. And a build killed while
the 66 MB survey is written must not leave a truncated `survey.sav` that breaks every later
build: every file is written under a temporary name beside its target, checked, flushed to disk
and only then renamed into place (a rename within one folder is atomic).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

BUILTIN = Path(__file__).resolve().parents[1] / "data" / "demo"
STALE = re.compile(r"^\..+\.\d+\.tmp$")  # `.survey.sav.4711.tmp`: left by a killed generation


class DemoTargetError(ValueError):
    """The folder is a county's data package, not the shipped demo: nothing is written there."""


class IncompleteFile(ValueError):
    """A generated file is shorter than it must be (a crash while it was written)."""


def check_target(folder: Path) -> None:
    """Refuse a folder holding a county.toml unless it is the shipped demo package itself."""
    if (folder / "county.toml").exists() and folder.resolve() != BUILTIN:
        raise DemoTargetError(
            f"{folder} 是一个县的数据包（含 county.toml），不是本仓库自带的示例数据包 {BUILTIN}："
            "示例数据只会生成到后者，此文件夹未作任何改动。\n"
            f"{folder} is a county's data package (it has a county.toml), not the demonstration "
            f"package shipped in this repository ({BUILTIN}): demo data is generated only "
            "there, and nothing in this folder was changed."
        )


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Delete the temporary files a killed generation left in `folder`; return them."""
    stale = [p for p in folder.glob(".*.tmp") if STALE.match(p.name) and p.is_file()]
    for path in stale:
        path.unlink(missing_ok=True)
    return stale


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


@contextmanager
def staged(folder: Path) -> Iterator[Callable[[str], Path]]:
    """Yield `temporary(name)`, the path to write `folder/name` to; publish them all on success.

    On a clean exit every staged file is flushed to disk and renamed to its name; on any error
    the temporary files are deleted and the targets are untouched.
    """
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[Path, Path] = {}

    def temporary(name: str) -> Path:
        files[folder / name] = folder / f".{name}.{os.getpid()}.tmp"
        return files[folder / name]

    try:
        yield temporary
        for path in files.values():
            _fsync(path)  # also fails, cleaning up, when a writer never created its file
    except BaseException:
        for path in files.values():
            path.unlink(missing_ok=True)
        raise
    for target, path in files.items():
        os.replace(path, target)
    _fsync(folder)
