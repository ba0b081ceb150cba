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
from loaders._survey_format import truncated
from loaders._survey_responses import SurveyResponses, SurveySource, _resolve, _responses


def _sav_metadata(path: Path, config: SurveyConfig, report: LoadReport):
    """Return (metadata, encoding argument, encoding name) or None after reporting why.

    The file's own encoding first, then GB18030, then UTF-8: a decoding counts only when the
    value labels contain the configured anchors, because a wrong code page decodes silently.
    """
    decoded = False
    meta = None
    for encoding in (None, "GB18030", "UTF-8"):
        try:
            _, meta = pyreadstat.read_sav(
                path, metadataonly=True, encoding=encoding, user_missing=True
            )
        except Exception:  # pyreadstat raises several types for unreadable files
            continue
        decoded = True
        texts = [
            label for labels in meta.variable_value_labels.values() for label in labels.values()
        ]
        if _anchored(texts, config):
            return meta, encoding, encoding or meta.file_encoding or "unknown"
    if decoded and not any(meta.variable_value_labels.values()):
        # nothing to anchor a decoding on: the export left out the labels, not a wrong code page
        report.add(
            InputError(
                path.name,
                "spss-no-labels",
                expected="带值标签的 SPSS 文件，或“按选项文本”导出的 Excel / CSV 文件",
                expected_en="an SPSS file with value labels, or an Excel / CSV export "
                "of the option texts",
            )
        )
    elif decoded:
        report.add(InputError(path.name, "bad-encoding", expected=_expected(config, "group")))
    else:  # the file starts like SPSS (sniffed before), so its header was cut off or damaged
        report.add(truncated(path))
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
        numeric = not str(meta.original_variable_types.get(name, "F")).startswith("A")
        if numeric and not value_labels:
            report.add(
                InputError(
                    path.name,
                    "spss-no-labels",
                    row=1,
                    column=name,
                    expected=_expected(config, key),
                )
            )
            continue
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
            if not _within(code, declared) or role in {None, "dont_know", "skip"}:
                continue
            shown = f"{code:g}" if isinstance(code, float) else str(code).strip()
            report.add(
                InputError(
                    file,
                    "inconsistent",
                    row=1,
                    column=name,
                    value=f"{shown} = {label}",
                    expected="仅 不了解 / 跳过 可声明为缺失值",
                    expected_en="only don't-know or skip codes declared missing",
                )
            )


def _within(code: object, declared: dict) -> bool:
    """True when a code lies in a declared-missing range; string codes compare as text."""
    low, high = declared["lo"], declared["hi"]
    if isinstance(code, str) or isinstance(low, str) or isinstance(high, str):
        return str(low).strip() <= str(code).strip() <= str(high).strip()
    return low <= code <= high


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
    first_row = 1  # SPSS case numbers start at 1
    try:
        for data in _sav_frames(path, options, rows, meta.number_rows):
            columns = {key: data[name].to_numpy() for key, name in names.items()}
            yield _responses(columns, names, lookups, config, source, first_row, report)
            first_row += len(data)
    except Exception:  # a truncated or corrupt body fails inside pyreadstat
        report.add(truncated(path))
        return
    if meta.number_rows is not None and first_row - 1 != meta.number_rows:
        report.add(truncated(path, f"{first_row - 1} / {meta.number_rows}"))


def _sav_frames(path: Path, options: dict, rows: int | None, total: int | None):
    """Yield the data in frames of `rows` cases (one frame when None), decoded as checked.

    Not `pyreadstat.read_file_in_chunks`: it reads the header again without the `encoding`,
    so a file whose strings are GB18030 under a UTF-8 tag fails in chunks though it was read
    whole. Here every chunk gets the encoding the labels were checked under.
    """
    if rows is None:
        yield pyreadstat.read_sav(path, **options)[0]
        return
    offset = 0
    while total is None or offset < total:
        data, _ = pyreadstat.read_sav(path, row_offset=offset, row_limit=rows, **options)
        if not len(data):
            return
        yield data
        offset += len(data)
