"""`python -m publish check` of the demo package without its survey, against the bare read.

The bare read is what any check must do at least: start Python, import pandas and read the
same files (CSV as text, XLSX with calamine). The check adds validation, the rules and the
report page; the target is at most twice the bare read, and under 2 s in absolute terms on the
development machine (reported, not a ratio: the machines are shared).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from bench._timing import Comparison, command_seconds

TARGET_RATIO = 2.0
TARGET_S = 2.0
BARE_READ = """
import sys
from pathlib import Path
import pandas as pd
for path in sorted(Path(sys.argv[1]).iterdir()):
    if path.suffix == ".csv":
        pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    elif path.suffix == ".xlsx":
        pd.read_excel(path, header=None, dtype=str, engine="calamine")
"""


def package_without_survey(demo: Path, target: Path) -> Path:
    """Copy the demo's tables and county.toml, without the survey and its config."""
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for path in demo.iterdir():
        if path.is_file() and not path.name.startswith("survey") and path.name != "county.toml":
            shutil.copy(path, target / path.name)
    lines = (demo / "county.toml").read_text(encoding="utf-8").splitlines()
    kept = [ln for ln in lines if ln.split("=")[0].strip() not in {"survey", "survey_config"}]
    (target / "county.toml").write_text("\n".join(kept) + "\n", encoding="utf-8")
    return target


def compare(root: Path, demo: Path, out: Path, runs: int) -> dict:
    """Time the check and the bare read, interleaved; return the comparison and the seconds."""
    package = package_without_survey(demo, out / "check-package")
    check = [sys.executable, "-m", "publish", "check", "--county", str(package)]
    check += ["--check-dir", str(out / "check")]
    bare = [sys.executable, "-c", BARE_READ, str(package)]
    command_seconds(check, root)  # warm the file cache and the bytecode once
    checked, read = [], []
    for _ in range(runs):
        checked.append(command_seconds(check, root))
        read.append(command_seconds(bare, root))
    result = Comparison(
        name="check (demo without survey) / bare read of the same files",
        baseline="python + pandas reading the package's files",
        candidate_s=tuple(checked),
        baseline_s=tuple(read),
        target=TARGET_RATIO,
        statistic="min",
    ).as_dict()
    result["absolute_target_s"] = TARGET_S
    result["absolute_passes"] = result["candidate_s"] < TARGET_S
    return result
