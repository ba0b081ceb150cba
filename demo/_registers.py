"""Writing the demo's registers and county-level tables into its package, all or nothing."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from demo import _targets as T
from demo._evaluation import evaluation_tables
from demo._files import check_target, staged
from demo._generate import SEED, build_registers
from loaders import LoadReport, load_schema, read_table

# what write_demo writes, in order: the registers, then the county-level tables
REGISTER_FILES = (
    "schools.csv",
    "classes.csv",
    "measures.csv",
    "monitoring.csv",
    "declarations.csv",
    "remediation.csv",
    "releases.csv",
)


def write_demo(folder: Path, seed: int = SEED) -> list[Path]:
    """Write the registers and the county-level tables as UTF-8 CSV (with BOM, as Excel saves
    them); return the paths.

    Each file is written under a temporary name and renamed into place only when all are
    complete and the registers read back cleanly, so an interrupted run changes nothing.
    """
    check_target(folder)
    schools, classes = build_registers(seed)
    with staged(folder) as temporary:
        report = LoadReport()
        typed = []
        for frame, name, schema in (
            (schools, "schools.csv", "schools"),
            (classes, "classes.csv", "classes"),
        ):
            _write_csv(frame, temporary(name))
            typed.append(read_table(temporary(name), load_schema(schema), report))
        report.raise_if_errors()
        tables = evaluation_tables(*typed)
        tables["releases"] = pd.DataFrame(
            T.RELEASES, columns=["版本", "发布日期", "类型", "说明", "英文说明"]
        )
        for stem, table in tables.items():
            _write_csv(table, temporary(f"{stem}.csv"))
    return [folder / "schools.csv", folder / "classes.csv"] + [folder / f"{s}.csv" for s in tables]


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    frame.to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\n")
