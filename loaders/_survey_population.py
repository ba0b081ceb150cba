"""The population totals file (总体人数) that the `poststrat` and `rake` weightings need.

A CSV of persons by group (and town), checked cell by cell against the configured groups and
towns and hashed, because the weights and so every weighted figure depend on it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from loaders._errors import InputError, LoadReport
from loaders._limits import within_size
from loaders._paths import unsafe_error, unsafe_reason
from loaders._survey_config_models import PopulationModel
from loaders._survey_config_types import Population, RespondentGroup

POPULATION_HEADERS = {
    "group": ("group", "群体"),
    "town": ("town", "镇街"),
    "population": (
        "population",
        "人数",
    ),
}


def _population(
    node: PopulationModel | None,
    base: Path,
    groups: tuple[RespondentGroup, ...],
    towns: tuple[str, ...],
    report: LoadReport,
    config_name: str = "survey.yaml",
) -> Population | None:
    """Read and check the totals file the validated `population` key names (beside the config)."""
    if node is None:
        return None
    zh, en = node.source.zh, node.source.en
    unsafe = unsafe_reason(base, node.file)
    if unsafe:  # a path out of the package, a FIFO or a device: never opened
        report.add(unsafe_error(config_name, "population.file", node.file, unsafe))
        return None
    path = base / node.file
    if not path.is_file():
        report.add(InputError(path.name, "file-missing", value=str(path)))
        return None
    if not within_size(path, "table", path.name, report):
        return None
    data = path.read_bytes()
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except Exception:  # any parser failure is a user-facing "cannot read" error, in plain words
        report.add(
            InputError(
                path.name,
                "file-unreadable",
                expected="UTF-8 编码的 CSV 文件，列为 群体、镇街、人数",
                expected_en="a UTF-8 CSV file with the columns 群体, 镇街, 人数",
            )
        )
        return None
    names = {}
    for role, headers in POPULATION_HEADERS.items():
        found = [c for c in table.columns if c.strip() in headers]
        if found:
            names[role] = found[0]
        elif role != "town":
            report.add(
                InputError(path.name, "missing-column", row=1, column=headers[1], expected=role)
            )
    if {"group", "population"} - set(names):
        return None
    by_label = {g.label: g.id for g in groups}
    cells = []
    for index, record in table.iterrows():
        row = int(index) + 2  # header = line 1
        group = by_label.get(record[names["group"]].strip())
        if group is None:
            report.add(
                InputError(
                    path.name,
                    "not-in-list",
                    row=row,
                    column=names["group"],
                    value=record[names["group"]],
                    expected="、".join(by_label),
                )
            )
        town = record[names["town"]].strip() if "town" in names else None
        if town is not None and town not in towns:
            report.add(
                InputError(
                    path.name,
                    "not-in-list",
                    row=row,
                    column=names["town"],
                    value=town,
                    expected="、".join(towns),
                )
            )
        text = record[names["population"]].strip()
        if not text.isdigit():
            report.add(
                InputError(
                    path.name,
                    "not-integer",
                    row=row,
                    column=names["population"],
                    value=text,
                    expected="≥ 0",
                )
            )
            continue
        cells.append((group or "", town, float(text)))
    keys = [(g, t) for g, t, _ in cells]
    for key in {k for k in keys if keys.count(k) > 1}:
        report.add(InputError(path.name, "duplicate-id", value=" / ".join(map(str, key))))
    return Population(
        file=path.name,
        sha256=hashlib.sha256(data).hexdigest(),
        cells=tuple(cells),
        source_zh=zh,
        source_en=en,
    )
