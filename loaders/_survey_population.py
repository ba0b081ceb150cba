"""The population totals file (总体人数) that the `poststrat` and `rake` weightings need.

A CSV of persons by group (and town), checked cell by cell against the configured groups and
towns and hashed, because the weights and so every weighted figure depend on it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from loaders._errors import InputError
from loaders._survey_config_reader import _Reader
from loaders._survey_config_types import Population

POPULATION_HEADERS = {
    "group": ("group", "群体"),
    "town": ("town", "镇街"),
    "population": (
        "population",
        "人数",
    ),
}


def _population(reader: _Reader, node: object, base: Path, groups, towns) -> Population | None:
    if node is None:
        return None
    raw = reader.mapping(node, "population", {"file", "source"}, ("file", "source"))
    zh, en = reader.source(raw.get("source"), "population.source")
    path = base / str(raw.get("file", ""))
    if not path.is_file():
        reader.report.add(InputError(path.name, "file-missing", value=str(path)))
        return None
    data = path.read_bytes()
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except Exception as exc:  # any parser failure is a user-facing "cannot read" error
        reader.report.add(InputError(path.name, "file-unreadable", expected=str(exc)))
        return None
    names = {}
    for role, headers in POPULATION_HEADERS.items():
        found = [c for c in table.columns if c.strip() in headers]
        if found:
            names[role] = found[0]
        elif role != "town":
            reader.report.add(
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
            reader.report.add(
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
            reader.report.add(
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
            reader.report.add(
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
        reader.report.add(InputError(path.name, "duplicate-id", value=" / ".join(map(str, key))))
    return Population(
        file=path.name,
        sha256=hashlib.sha256(data).hexdigest(),
        cells=tuple(cells),
        source_zh=zh,
        source_en=en,
    )
