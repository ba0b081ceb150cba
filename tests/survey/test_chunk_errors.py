"""A bad row in any chunk, the first row of a chunk included, stops chunked scoring with the
located error (the file's row, not the chunk's), never a traceback and never a result.

Before, the chunk holding the bad row was still yielded with a marker value in it, and scoring
that chunk crashed (or scored a wrong index) before the errors were raised after the last chunk.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyreadstat
import pytest

from loaders import InputErrors, iter_survey_chunks, load_survey
from survey import assess_survey_chunks

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "survey"
CHUNK = 7  # CSV chunks start at lines 2, 9, 16, …; SPSS chunks at cases 1, 8, 15, …


def small_text() -> pd.DataFrame:
    return pd.read_csv(FIXTURES / "small.csv", dtype=str, keep_default_na=False)


def located(errors) -> list[tuple[str, int | None, str | None, str]]:
    return [(e.file, e.row, e.column, e.code) for e in errors]


def scored_chunk_by_chunk(path: Path, config) -> tuple[list, int]:
    """Score `path` chunk by chunk; return the errors raised and the rows that were scored."""
    seen = []

    def watched():
        for chunk in iter_survey_chunks(path, config, rows=CHUNK):
            seen.append(chunk)
            yield chunk

    with pytest.raises(InputErrors) as caught:
        assess_survey_chunks(watched(), config)
    return caught.value.report.errors, sum(c.rows for c in seen)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_bad_first_rows_of_chunks_are_located_by_file_row(tmp_path, small_config, suffix):
    text = small_text()
    group, item = text.columns[4], text.columns[7]
    text.loc[7, item] = "很好"  # line 9: the first row of the second chunk
    text.loc[14, group] = ""  # line 16: the first row of the third chunk
    text.loc[43, item] = "7"  # line 45: the first row of the seventh chunk, a code
    path = tmp_path / f"small{suffix}"
    text.to_csv(path, index=False) if suffix == ".csv" else text.to_excel(path, index=False)
    errors, scored = scored_chunk_by_chunk(path, small_config)
    expected = [
        (path.name, 9, item, "unknown-label"),
        (path.name, 16, group, "empty"),
        (path.name, 45, item, "unknown-label"),
    ]
    assert located(errors) == expected  # in file order: chunk by chunk
    assert scored == CHUNK  # only the clean first chunk ever reached the scorer
    with pytest.raises(InputErrors) as whole:
        load_survey(path, small_config)
    # the whole file lists the same errors, column by column
    assert sorted(located(whole.value.report.errors), key=lambda e: e[1]) == expected


def test_bad_first_case_of_an_spss_chunk_is_located_by_case_number(tmp_path, small_config):
    data, meta = pyreadstat.read_sav(FIXTURES / "small.sav", user_missing=True)
    data.loc[7, "Q3"] = 6  # case 8: the first case of the second chunk, no value label
    data.loc[21, "Q1"] = float("nan")  # case 22: the first case of the fourth chunk, no group
    path = tmp_path / "small.sav"
    pyreadstat.write_sav(
        data,
        path,
        column_labels=[meta.column_names_to_labels[c] for c in data.columns],
        variable_value_labels=meta.variable_value_labels,
        missing_ranges=meta.missing_ranges,
    )
    errors, scored = scored_chunk_by_chunk(path, small_config)
    assert located(errors) == [
        ("small.sav", 8, "Q3", "unknown-code"),
        ("small.sav", 22, "Q1", "empty"),
    ]
    assert scored == CHUNK


def test_a_clean_file_scores_the_same_in_chunks(small_config):
    whole = assess_survey_chunks([load_survey(FIXTURES / "small.csv", small_config)], small_config)
    chunked = assess_survey_chunks(
        iter_survey_chunks(FIXTURES / "small.csv", small_config, rows=CHUNK), small_config
    )
    assert chunked.overall.estimate == pytest.approx(whole.overall.estimate, abs=1e-12)


def test_a_bad_first_row_of_the_file_gives_the_error_not_an_empty_survey(tmp_path, small_config):
    text = small_text()
    text.loc[0, text.columns[4]] = "学生家长"  # line 2: the very first row
    path = tmp_path / "small.csv"
    text.to_csv(path, index=False)
    errors, scored = scored_chunk_by_chunk(path, small_config)
    assert located(errors) == [("small.csv", 2, text.columns[4], "unknown-label")]
    assert scored == 0
