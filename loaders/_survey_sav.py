"""The SPSS reader (.sav, .zsav): encoding, value labels, missing declarations, chunks.

pyreadstat is always called with `user_missing=True`: otherwise declared-missing codes (不了解)
vanish. A .sav may carry the wrong encoding tag, so a decoding counts only when the configured
labels appear in it. Only the configured variables are read (`usecols`), so identifying columns
never enter memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyreadstat

from loaders._county import file_sha256
from loaders._errors import InputError, LoadReport
from loaders._survey_codes import _anchored, _expected, _label_lookup, _normalise
from loaders._survey_config_types import SurveyConfig
from loaders._survey_responses import SurveyResponses, SurveySource, _resolve, _responses


def _sav_metadata(path: Path, config: SurveyConfig, report: LoadReport):
    """Return (metadata, encoding argument, encoding name) or None after reporting why.

    The file's own encoding first, then GB18030, then UTF-8: a decoding counts only when the
    value labels contain the configured anchors, because a wrong code page decodes silently.
    """
    failure: Exception | None = None
    decoded = False
    for encoding in (None, "GB18030", "UTF-8"):
        try:
            _, meta = pyreadstat.read_sav(
                path, metadataonly=True, encoding=encoding, user_missing=True
            )
        except Exception as exc:  # pyreadstat raises several types for unreadable files
            failure = exc
            continue
        decoded = True
        texts = [
            label for labels in meta.variable_value_labels.values() for label in labels.values()
        ]
        if _anchored(texts, config):
            return meta, encoding, encoding or meta.file_encoding or "unknown"
    if decoded:
        report.add(InputError(path.name, "bad-encoding", expected=_expected(config, "group")))
    else:
        report.add(
            InputError(
                path.name, "file-unreadable", expected=f"{type(failure).__name__}: {failure}"
            )
        )
    return None


def _sav_plan(path: Path, config: SurveyConfig, report: LoadReport):
    """Return (metadata, encoding arg, encoding name, positions, value-label lookups) or None."""
    found = _sav_metadata(path, config, report)
    if found is None:
        return None
    meta, encoding, encoding_name = found
    names = list(meta.column_names)
    labels = [meta.column_names_to_labels.get(n) or n for n in names]
    positions = _resolve(names, labels, config, path.name, report, headers=False)
    if positions is None:
        return None
    lookups: dict[str, dict[int, int]] = {}
    for key, position in positions.items():
        if key in {"submitted", "duration"}:
            continue
        name = names[position]
        value_labels = meta.variable_value_labels.get(name, {})
        lookups[key] = _label_lookup(value_labels, config, key, name, path.name, report)
        if key.startswith("item:"):
            _check_missing_declarations(meta, name, value_labels, config, path.name, report)
    if not report.ok:
        return None
    return meta, encoding, encoding_name, {k: names[p] for k, p in positions.items()}, lookups


def _check_missing_declarations(meta, name, value_labels, config, file, report) -> None:
    """A code declared missing must mean 不了解 or skip: a missing 满意 would drop real answers."""
    roles = {_normalise(o.label): o.role for o in config.options}
    for declared in meta.missing_ranges.get(name, []):
        for code, label in value_labels.items():
            role = roles.get(_normalise(label))  # an unknown label is reported on its own
            if declared["lo"] <= code <= declared["hi"] and role not in {None, "dont_know", "skip"}:
                report.add(
                    InputError(
                        file,
                        "inconsistent",
                        row=1,
                        column=name,
                        value=f"{code:g} = {label}",
                        expected="仅 不了解 / 跳过 可声明为缺失值",
                        expected_en="only don't-know or skip codes declared missing",
                    )
                )


def _sav_chunks(
    path: Path, config: SurveyConfig, report: LoadReport, rows: int | None
) -> Iterator[SurveyResponses]:
    plan = _sav_plan(path, config, report)
    if plan is None:
        return
    meta, encoding, encoding_name, names, lookups = plan
    source = SurveySource(path.name, path.suffix.lower()[1:], file_sha256(path), encoding_name)
    options = dict(
        usecols=sorted(set(names.values()), key=list(meta.column_names).index),
        user_missing=True,  # or 不了解, declared missing, silently becomes NaN
        encoding=encoding,
        disable_datetime_conversion=True,
    )
    try:
        if rows is None:
            chunks = [pyreadstat.read_sav(path, **options)]
        else:
            chunks = pyreadstat.read_file_in_chunks(
                pyreadstat.read_sav, path, chunksize=rows, **options
            )
        first_row = 1  # SPSS case numbers start at 1
        for data, _ in chunks:
            columns = {key: data[name].to_numpy() for key, name in names.items()}
            yield _responses(columns, names, lookups, config, source, first_row, report)
            first_row += len(columns["group"])
        if meta.number_rows is not None and first_row - 1 != meta.number_rows:
            report.add(
                InputError(
                    path.name,
                    "file-unreadable",
                    value=f"{first_row - 1} / {meta.number_rows}",
                    expected="文件头声明的个案数（文件可能被截断）",
                    expected_en="the number of cases the header declares (truncated file?)",
                )
            )
    except Exception as exc:  # a truncated or corrupt body fails inside pyreadstat
        report.add(
            InputError(path.name, "file-unreadable", expected=f"{type(exc).__name__}: {exc}")
        )
