"""Survey exports as the platforms really produce them (issue 14 §4): Excel downloads, numeric
("按选项序号") exports, the duration and skip formats, and files that are not what their name says.

Every case starts from the small fixture (tests/fixtures/survey: small.csv, small.sav, small.yaml)
written in another form in tmp_path; rows are as the user sees them (CSV line or Excel row with
the header as 1, SPSS case number).
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pyreadstat
import pytest

from loaders import (
    InputErrors,
    SurveyConfig,
    SurveyResponses,
    iter_survey_chunks,
    load_survey,
    load_survey_config,
)
from loaders._survey_duration import duration_seconds

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "survey"
GROUPS = {"学生": 1, "家长": 2, "教师": 3}
TOWNS = {"甲镇": 1, "乙街道": 2, "丙镇": 3}
OPTIONS = {"满意": 1, "比较满意": 2, "基本满意": 3, "不满意": 4, "不了解": 5}


@pytest.fixture(scope="module")
def config() -> SurveyConfig:
    return load_survey_config(FIXTURES / "small.yaml")


def small_text() -> pd.DataFrame:
    return pd.read_csv(FIXTURES / "small.csv", dtype=str, keep_default_na=False)


def numeric(frame: pd.DataFrame, groups=GROUPS, towns=TOWNS) -> pd.DataFrame:
    """Return the text export as 问卷星's numeric one: every choice question as its code."""
    frame = frame.copy()
    for position, codes in [(4, groups), (5, towns)] + [(p, OPTIONS) for p in range(6, 10)]:
        column = frame.columns[position]
        frame[column] = frame[column].map(lambda v, c=codes: str(c[v]) if v else "")
    return frame


def config_with(tmp_path: Path, old: str, new: str) -> SurveyConfig:
    text = (FIXTURES / "small.yaml").read_text(encoding="utf-8")
    assert old in text
    folder = tmp_path / "config"
    folder.mkdir(exist_ok=True)
    shutil.copy(FIXTURES / "small_population.csv", folder)
    (folder / "small.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    return load_survey_config(folder / "small.yaml")


def located(path: Path, config: SurveyConfig) -> list[tuple[str, int | None, str | None, str]]:
    with pytest.raises(InputErrors) as caught:
        load_survey(path, config)
    return [(e.file, e.row, e.column, e.code) for e in caught.value.report.errors]


def only_error(path: Path, config: SurveyConfig):
    with pytest.raises(InputErrors) as caught:
        load_survey(path, config)
    [error] = caught.value.report.errors
    return error


def assert_same_answers(left: SurveyResponses, right: SurveyResponses) -> None:
    for name in ("group", "town", "answers", "duration_s"):
        np.testing.assert_array_equal(getattr(left, name), getattr(right, name), err_msg=name)


def joined(chunks: list[SurveyResponses]) -> dict[str, np.ndarray]:
    return {
        name: np.concatenate([getattr(c, name) for c in chunks])
        for name in ("group", "town", "answers", "duration_s", "submitted")
    }


# ---------------------------------------------------------------------------------- Excel files


def test_xlsx_text_export_reads_like_the_csv(tmp_path, config):
    path = tmp_path / "问卷星.xlsx"
    small_text().to_excel(path, index=False)
    loaded = load_survey(path, config)
    assert (loaded.source.format, loaded.rows, loaded.first_row) == ("xlsx", 60, 2)
    assert_same_answers(loaded, load_survey(FIXTURES / "small.csv", config))
    assert_same_answers(loaded, load_survey(FIXTURES / "small.sav", config))
    np.testing.assert_array_equal(
        loaded.submitted, load_survey(FIXTURES / "small.csv", config).submitted
    )


def test_xlsx_is_read_in_chunks_numbered_by_excel_row(tmp_path, config):
    path = tmp_path / "问卷星.xlsx"
    small_text().to_excel(path, index=False)
    chunks = list(iter_survey_chunks(path, config, rows=7))
    assert [c.first_row for c in chunks] == list(range(2, 62, 7))
    whole = load_survey(path, config)
    for name, value in joined(chunks).items():
        np.testing.assert_array_equal(value, getattr(whole, name), err_msg=name)


def test_xlsx_numeric_export_with_number_cells(tmp_path, config):
    # 按选项序号: codes and durations are number cells, as 问卷星 writes them
    frame = numeric(small_text())
    for column in frame.columns[4:10]:
        frame[column] = pd.to_numeric(frame[column]).astype("Int64")
    frame[frame.columns[2]] = frame[frame.columns[2]].str.rstrip("秒").astype(int)
    path = tmp_path / "numeric.xlsx"
    frame.to_excel(path, index=False)
    assert_same_answers(load_survey(path, config), load_survey(FIXTURES / "small.csv", config))


def test_xlsx_duration_cells_formatted_as_clock_times(tmp_path, config):
    path = tmp_path / "clock.xlsx"
    small_text().to_excel(path, index=False)
    book = openpyxl.load_workbook(path)
    sheet = book.active
    sheet.cell(row=2, column=3).value = dt.time(0, 8, 45)  # 525 s, as a time cell
    sheet.cell(row=3, column=3).value = "00:03:45"  # 225 s, as text
    book.save(path)
    seconds = load_survey(path, config).duration_s
    assert list(seconds[:2]) == [525.0, 225.0]


def test_a_workbook_under_the_other_excel_extension_is_read(tmp_path, config):
    # an .xlsx saved as .xls (or the reverse): calamine reads the content, whatever the name
    path = tmp_path / "问卷星.xlsx"
    small_text().to_excel(path, index=False)
    renamed = path.rename(tmp_path / "问卷星.xls")
    loaded = load_survey(renamed, config)
    assert loaded.source.format == "xls"
    assert_same_answers(loaded, load_survey(FIXTURES / "small.csv", config))


def test_xlsx_personal_columns_never_reach_the_responses(tmp_path, config):
    frame = small_text()
    frame["昵称"] = [f"小明妈妈{i}" for i in range(len(frame))]
    path = tmp_path / "personal.xlsx"
    frame.to_excel(path, index=False)
    loaded = load_survey(path, config)
    for name in ("group", "town", "answers", "duration_s", "submitted"):
        assert getattr(loaded, name).dtype.kind in "biuf", name  # numbers only, no text
    assert "小明" not in repr(loaded.source)


def test_a_cut_off_xlsx_is_incomplete(tmp_path, config):
    path = tmp_path / "问卷星.xlsx"
    small_text().to_excel(path, index=False)
    content = path.read_bytes()
    path.write_bytes(content[: len(content) // 2])
    assert located(path, config) == [(path.name, None, None, "file-truncated")]


# ------------------------------------------------------------------------------ numeric exports


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_numeric_export_maps_group_town_and_answers_by_option_order(tmp_path, config, suffix):
    frame = numeric(small_text())
    path = tmp_path / f"numeric{suffix}"
    frame.to_csv(path, index=False) if suffix == ".csv" else frame.to_excel(path, index=False)
    assert frame.iloc[0, 4] == "2" and frame.iloc[0, 5] == "2"  # 家长, 乙街道 as codes
    assert_same_answers(load_survey(path, config), load_survey(FIXTURES / "small.csv", config))


def test_numeric_export_with_the_codes_the_config_gives(tmp_path):
    # groups coded 10, 20, 30 and one town coded 7, as a platform may number them
    config = _coded_config(tmp_path)
    assert config.group_codes == (10, 20, 30) and config.town_codes == (1, 2, 7)
    frame = numeric(
        small_text(),
        groups={"学生": 10, "家长": 20, "教师": 30},
        towns={"甲镇": 1, "乙街道": 2, "丙镇": 7},
    )
    path = tmp_path / "numeric.csv"
    frame.to_csv(path, index=False)
    plain = load_survey_config(FIXTURES / "small.yaml")
    assert_same_answers(load_survey(path, config), load_survey(FIXTURES / "small.csv", plain))
    frame.loc[0, frame.columns[4]] = "1"  # line 2: 1 is no group's code any more
    frame.to_csv(path, index=False)
    assert located(path, config) == [("numeric.csv", 2, frame.columns[4], "unknown-label")]


def _coded_config(tmp_path: Path) -> SurveyConfig:
    text = (FIXTURES / "small.yaml").read_text(encoding="utf-8")
    for old, new in [
        ("label: 学生, en: Students}", "label: 学生, en: Students, code: 10}"),
        ("label: 家长, en: Parents}", "label: 家长, en: Parents, code: 20}"),
        ("label: 教师, en: Teachers}", "label: 教师, en: Teachers, code: 30}"),
        ("label: 丙镇, en: Bing Town}", "label: 丙镇, en: Bing Town, code: 7}"),
    ]:
        assert old in text
        text = text.replace(old, new, 1)
    folder = tmp_path / "coded"
    folder.mkdir()
    shutil.copy(FIXTURES / "small_population.csv", folder)
    (folder / "small.yaml").write_text(text, encoding="utf-8")
    return load_survey_config(folder / "small.yaml")


def test_numeric_export_code_the_config_does_not_define(tmp_path, config):
    frame = numeric(small_text())
    group, item = frame.columns[4], frame.columns[7]
    frame.loc[2, group] = "4"  # line 4: three groups are configured
    frame.loc[10, item] = "6"  # line 12: five options
    path = tmp_path / "numeric.csv"
    frame.to_csv(path, index=False)
    assert located(path, config) == [
        ("numeric.csv", 4, group, "unknown-label"),
        ("numeric.csv", 12, item, "unknown-label"),
    ]


def test_two_groups_with_one_code_are_refused(tmp_path):
    with pytest.raises(InputErrors) as caught:
        config_with(tmp_path, "label: 家长, en: Parents}", "label: 家长, en: Parents, code: 1}")
    found = [(e.file, e.column, e.code, e.value) for e in caught.value.report.errors]
    assert found == [("small.yaml", "groups", "duplicate-id", "1")]


# ------------------------------------------------------------------------------------ durations


@pytest.mark.parametrize(
    "text, seconds",
    [
        ("120秒", 120.0),
        ("120", 120.0),
        ("120.5", 120.5),
        ("2分3秒", 123.0),
        ("2分钟3秒", 123.0),
        ("3分", 180.0),
        ("1小时2分3秒", 3723.0),
        ("00:02:03", 123.0),
        ("02:03", 123.0),
        ("１２０秒", 120.0),  # full-width digits
        (" 120 秒 ", 120.0),
        (120, 120.0),
        (dt.time(0, 2, 3), 123.0),
        (dt.timedelta(minutes=2, seconds=3), 123.0),
    ],
)
def test_duration_formats(text, seconds):
    assert duration_seconds(text) == seconds


@pytest.mark.parametrize("text", ["两分钟", "2分3", "12:75", "1:2:3:4", "-5秒", "秒", "120s"])
def test_unreadable_durations(text):
    assert duration_seconds(text) is None


def test_empty_duration_is_missing_not_an_error():
    assert np.isnan(duration_seconds("")) and np.isnan(duration_seconds(None))


def test_durations_in_a_csv_and_an_unreadable_one_located(tmp_path, config):
    frame = small_text()
    column = frame.columns[2]
    frame.loc[0, column], frame.loc[1, column], frame.loc[2, column] = "8分45秒", "00:03:45", "300"
    frame.loc[5, column] = "约五分钟"  # line 7
    path = tmp_path / "small.csv"
    frame.to_csv(path, index=False)
    with pytest.raises(InputErrors) as caught:
        load_survey(path, config)
    [error] = caught.value.report.errors
    assert (error.file, error.row, error.column, error.code) == (
        "small.csv",
        7,
        column,
        "not-number",
    )
    assert "2分3秒" in error.message("zh") and "00:02:03" in error.message("en")
    frame.loc[5, column] = "5分"
    frame.to_csv(path, index=False)
    assert list(load_survey(path, config).duration_s[[0, 1, 2, 5]]) == [525.0, 225.0, 300.0, 300.0]


# --------------------------------------------------------------------------------- skip markers


def test_text_skip_markers_are_no_answer(tmp_path, config):
    frame = small_text()
    item = frame.columns[6]
    frame.loc[0, item], frame.loc[1, item] = "(跳过)", "（跳过）"
    path = tmp_path / "small.csv"
    frame.to_csv(path, index=False)
    loaded = load_survey(path, config)
    assert list(loaded.answers[:2, 0]) == [-1, -1]  # no answer: neither valid nor 不了解
    reference = load_survey(FIXTURES / "small.csv", config)
    np.testing.assert_array_equal(loaded.answers[2:], reference.answers[2:])


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_numeric_skip_codes_are_no_answer(tmp_path, config, suffix):
    frame = numeric(small_text())
    item = frame.columns[7]
    frame.loc[0, item], frame.loc[1, item] = "-2", "-3"  # 问卷星: skipped, not shown
    path = tmp_path / f"numeric{suffix}"
    frame.to_csv(path, index=False) if suffix == ".csv" else frame.to_excel(path, index=False)
    assert list(load_survey(path, config).answers[:2, 1]) == [-1, -1]


def test_spss_skip_codes_are_no_answer(tmp_path, config):
    data, meta = pyreadstat.read_sav(FIXTURES / "small.sav", user_missing=True)
    data.loc[0, "Q3"], data.loc[1, "Q3"] = -2, -3
    labels = {k: dict(v) for k, v in meta.variable_value_labels.items()}
    labels["Q3"][-3.0] = "不显示"  # a label the platform may give; still a skip
    path = tmp_path / "skips.sav"
    pyreadstat.write_sav(
        data,
        path,
        column_labels=[meta.column_names_to_labels[c] for c in data.columns],
        variable_value_labels=labels,
        missing_ranges=meta.missing_ranges,
    )
    assert list(load_survey(path, config).answers[:2, 0]) == [-1, -1]


def test_skip_markers_are_configurable(tmp_path):
    config = config_with(tmp_path, "questions:", 'skip_markers: ["(跳过)", -2]\nquestions:')
    assert config.skip_markers == ("(跳过)", "-2")
    frame = numeric(small_text())
    item = frame.columns[7]
    frame.loc[0, item], frame.loc[1, item] = "-2", "-3"
    path = tmp_path / "numeric.csv"
    frame.to_csv(path, index=False)
    assert located(path, config) == [("numeric.csv", 3, item, "unknown-label")]


def test_a_skipped_group_question_is_empty(tmp_path, config):
    frame = small_text()
    group = frame.columns[4]
    frame.loc[3, group] = "(跳过)"  # line 5: every questionnaire needs its group
    path = tmp_path / "small.csv"
    frame.to_csv(path, index=False)
    assert located(path, config) == [("small.csv", 5, group, "empty")]


# --------------------------------------------------------------------------- SPSS encodings


def gb18030_sav(path: Path) -> Path:
    """Write small.sav with every Chinese text in GB18030 while the header says UTF-8.

    pyreadstat writes UTF-8 only, so each Chinese text is written as an ASCII placeholder of
    the same byte length as its GB18030 form, then replaced byte for byte.
    """
    data, meta = pyreadstat.read_sav(FIXTURES / "small.sav", user_missing=True)
    data = data.rename(columns={"提交答卷时间": "T1", "所用时间": "T2"}).drop(
        columns=["来自IP", "序号"]
    )
    data["T2"] = data["T2"].str.rstrip("秒").astype(float)
    labels = {"T1": "T1", "T2": "T2"} | {
        c: meta.column_names_to_labels[c] for c in data.columns if c.startswith("Q")
    }
    texts = {t for codes in meta.variable_value_labels.values() for t in codes.values()}
    texts |= set(labels.values())
    tokens = {
        t: f"#{i:03d}".ljust(len(t.encode("gb18030")), "~")
        for i, t in enumerate(sorted(texts))
        if not t.isascii()
    }
    pyreadstat.write_sav(
        data,
        path,
        column_labels=[tokens.get(labels[c], labels[c]) for c in data.columns],
        variable_value_labels={
            k: {c: tokens[t] for c, t in v.items()} for k, v in meta.variable_value_labels.items()
        },
        missing_ranges=meta.missing_ranges,
    )
    content = path.read_bytes()
    assert b"UTF-8" in content
    for text, token in tokens.items():
        assert token.encode() in content
        content = content.replace(token.encode(), text.encode("gb18030"))
    path.write_bytes(content)
    return path


def test_gb18030_spss_file_tagged_utf8_reads_the_same_whole_and_in_chunks(tmp_path):
    config = load_survey_config(_renamed(tmp_path))
    path = gb18030_sav(tmp_path / "gb18030.sav")
    whole = load_survey(path, config)
    assert whole.source.encoding == "GB18030"
    chunks = list(iter_survey_chunks(path, config, rows=7))
    assert [c.first_row for c in chunks] == list(range(1, 61, 7))
    for name, value in joined(chunks).items():
        np.testing.assert_array_equal(value, getattr(whole, name), err_msg=name)
    plain = load_survey_config(FIXTURES / "small.yaml")
    reference = load_survey(FIXTURES / "small.sav", plain)
    for name in ("group", "town", "answers", "duration_s"):
        np.testing.assert_array_equal(getattr(whole, name), getattr(reference, name))


def _renamed(tmp_path: Path) -> Path:
    text = (FIXTURES / "small.yaml").read_text(encoding="utf-8")
    text = text.replace("variable: 提交答卷时间,", "variable: T1,").replace(
        "variable: 所用时间,", "variable: T2,"
    )
    folder = tmp_path / "renamed"
    folder.mkdir()
    shutil.copy(FIXTURES / "small_population.csv", folder)
    (folder / "small.yaml").write_text(text, encoding="utf-8")
    return folder / "small.yaml"


# ------------------------------------------------------------- files that are not what they say


def excel_bytes(tmp_path: Path) -> bytes:
    path = tmp_path / "book.xlsx"
    small_text().to_excel(path, index=False)
    return path.read_bytes()


@pytest.mark.parametrize(
    "name, content, code, zh, en",
    [
        ("问卷.sav", excel_bytes, "not-spss", "Excel 工作簿", "an Excel workbook"),
        (
            "问卷.sav",
            lambda _: (FIXTURES / "small.csv").read_bytes(),
            "not-spss",
            "文本文件",
            "a text file",
        ),
        (
            "问卷.zsav",
            lambda _: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
            "not-spss",
            "旧版 Excel",
            "old-style Excel",
        ),
        ("问卷.sav", lambda _: bytes(range(256)) * 4, "not-spss", "无法识别", "no known kind"),
        (
            "问卷.xlsx",
            lambda _: (FIXTURES / "small.csv").read_bytes(),
            "not-excel",
            "文本文件",
            "a text file",
        ),
        (
            "问卷.xlsx",
            lambda _: (FIXTURES / "small.sav").read_bytes(),
            "not-excel",
            "SPSS 数据文件",
            "an SPSS data file",
        ),
        ("问卷.csv", excel_bytes, "not-csv", "Excel 工作簿", "an Excel workbook"),
    ],
)
def test_a_file_that_is_not_what_its_name_says(tmp_path, config, name, content, code, zh, en):
    path = tmp_path / name
    path.write_bytes(content(tmp_path))
    error = only_error(path, config)
    assert (error.file, error.row, error.column, error.code) == (name, None, None, code)
    kind = {
        "not-spss": ("SPSS 数据文件", "an SPSS data file"),
        "not-excel": ("Excel 工作簿", "an Excel workbook"),
        "not-csv": ("CSV 文本文件", "a CSV text file"),
    }[code]
    assert f"这个文件不是 {kind[0]}" in error.message("zh") and f"看起来是{zh}" in error.message(
        "zh"
    )
    assert f"not {kind[1]}" in error.message("en") and en in error.message("en")
    assert "Error" not in error.message("en")  # no library text on screen


def test_one_spss_variable_without_value_labels_is_one_line(tmp_path, config):
    # before: every case of Q4 was an "unknown code"; now the cause, once
    data, meta = pyreadstat.read_sav(FIXTURES / "small.sav", user_missing=True)
    labels = {k: v for k, v in meta.variable_value_labels.items() if k != "Q4"}
    path = tmp_path / "small.sav"
    pyreadstat.write_sav(
        data,
        path,
        column_labels=[meta.column_names_to_labels[c] for c in data.columns],
        variable_value_labels=labels,
        missing_ranges=meta.missing_ranges,
    )
    assert located(path, config) == [("small.sav", 1, "Q4", "spss-no-labels")]
