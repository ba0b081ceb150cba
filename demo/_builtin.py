"""The shipped demo package made whole: generate what is missing or incomplete, nothing else.

This is the one place the demo is generated on a build's behalf (`python -m demo`, run by the
nox sessions and the test suite before they build); `publish` never imports `demo`, so no
county's build can write into its own package.
"""

from __future__ import annotations

from pathlib import Path

from demo._files import BUILTIN, DemoTargetError, remove_stale_temporaries
from demo._registers import REGISTER_FILES, write_demo
from demo._survey import ensure_demo_survey


def ensure_builtin_demo(folder: Path = BUILTIN) -> list[Path]:
    """Complete the shipped demo package; return the files written (none when it is whole).

    The registers are committed, so they are regenerated only if one was deleted; the survey
    files are git-ignored and generated on the first build, or again if a crash truncated them.
    """
    if folder.resolve() != BUILTIN or not (folder / "county.toml").is_file():
        raise DemoTargetError(
            f"{folder} 不是本仓库自带的示例数据包 {BUILTIN}，未作任何改动。\n"
            f"{folder} is not the demonstration package shipped in this repository "
            f"({BUILTIN}); nothing was changed."
        )
    remove_stale_temporaries(folder)
    written: list[Path] = []
    if any(not (folder / name).is_file() for name in REGISTER_FILES):
        written += write_demo(folder)
    if (folder / "survey.yaml").is_file():
        before = {p: p.stat().st_mtime_ns for p in folder.glob("survey.*") if p.is_file()}
        paths = ensure_demo_survey(folder)
        written += [p for p in paths if before.get(p) != p.stat().st_mtime_ns]
    return written
