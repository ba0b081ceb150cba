"""Bad survey files get located errors (file, row, column, code); personal data is dropped.

Every case starts from the small fixture (tests/fixtures/survey: small.csv, small.sav, small.yaml),
applies one mistake in tmp_path and asserts what `load_survey` reports. Rows are as the user sees
them: CSV line with the header as line 1, SPSS case number (CONTRIBUTING.md, code style).
"""

from __future__ import annotations

import dataclasses
import pickle
import re
import shutil
from pathlib import Path

import numpy as np
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

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "survey"
OPTIONS = "满意、比较满意、基本满意、不满意、不了解"
IP = re.compile(rb"\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}")
# Simplified → traditional for every character of small.csv that Big5 lacks (a 繁體 export)
TRADITIONAL = str.maketrans(
    "义办务动号学对师庆开总时条来满见议评课质较镇长间",
    "義辦務動號學對師慶開總時條來滿見議評課質較鎮長間",
)


@pytest.fixture(scope="module")
def config() -> SurveyConfig:
    return load_survey_config(FIXTURES / "small.yaml")


def located(path: Path, config: SurveyConfig) -> list[tuple[str, int | None, str | None, str]]:
    """Return the (file, row, column, code) of every error loading `path` (which must fail)."""
    with pytest.raises(InputErrors) as caught:
        load_survey(path, config)
    return [(e.file, e.row, e.column, e.code) for e in caught.value.report.errors]


def errors(path: Path, config: SurveyConfig) -> list:
    with pytest.raises(InputErrors) as caught:
        load_survey(path, config)
    return caught.value.report.errors


def small_text() -> pd.DataFrame:
    return pd.read_csv(FIXTURES / "small.csv", dtype=str, keep_default_na=False)


def small_spss() -> tuple[pd.DataFrame, pyreadstat.metadata_container]:
    return pyreadstat.read_sav(FIXTURES / "small.sav", user_missing=True)


def write_spss(
    path: Path,
    data: pd.DataFrame,
    meta,
    labels: dict | None = None,
    missing: dict | None = None,
) -> Path:
    """Write `data` as .sav with small.sav's variable labels, value labels and missing codes."""
    labels = meta.variable_value_labels if labels is None else labels
    missing = meta.missing_ranges if missing is None else missing
    columns = list(data.columns)
    pyreadstat.write_sav(
        data,
        path,
        column_labels=[meta.column_names_to_labels.get(c, c) for c in columns],
        variable_value_labels={k: v for k, v in labels.items() if k in columns},
        missing_ranges={k: v for k, v in missing.items() if k in columns},
    )
    return path


def config_with(tmp_path: Path, old: str, new: str) -> SurveyConfig:
    """Return small.yaml with one text edit, loaded from tmp_path (beside its population file)."""
    text = (FIXTURES / "small.yaml").read_text(encoding="utf-8")
    assert old in text
    folder = tmp_path / "config"
    folder.mkdir()
    shutil.copy(FIXTURES / "small_population.csv", folder)
    (folder / "small.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    return load_survey_config(folder / "small.yaml")


def arrays(responses: SurveyResponses) -> dict[str, np.ndarray | None]:
    return {
        name: getattr(responses, name)
        for name in ("group", "town", "answers", "duration_s", "submitted")
    }


def assert_same_answers(left: SurveyResponses, right: SurveyResponses) -> None:
    for name, value in arrays(left).items():
        np.testing.assert_array_equal(value, arrays(right)[name], err_msg=name)


# ----------------------------------------------------------------------------- unreadable files


@pytest.mark.parametrize("suffix", [".sav", ".zsav"])
@pytest.mark.parametrize("keep", [0.1, 0.5, 0.9])
def test_truncated_spss_file_is_incomplete(tmp_path, config, suffix, keep):
    data, meta = small_spss()
    whole = tmp_path / f"whole{suffix}"
    pyreadstat.write_sav(
        data,
        whole,
        column_labels=[meta.column_names_to_labels[c] for c in data.columns],
        variable_value_labels=meta.variable_value_labels,
        missing_ranges=meta.missing_ranges,
        compress=suffix == ".zsav",
    )
    assert load_survey(whole, config).rows == 60  # the uncut file is fine
    content = whole.read_bytes()
    cut = tmp_path / f"问卷{suffix}"
    cut.write_bytes(content[: int(len(content) * keep)])
    assert located(cut, config) == [(cut.name, None, None, "file-truncated")]
    [error] = errors(cut, config)
    assert "文件不完整（可能下载中断）" in error.message("zh")
    assert "incomplete (the download may have been interrupted)" in error.message("en")
    assert "Readstat" not in error.message("en")  # no library text on screen


def test_truncated_spss_file_fails_when_read_in_chunks(tmp_path, config):
    content = (FIXTURES / "small.sav").read_bytes()
    cut = tmp_path / "small.sav"
    cut.write_bytes(content[: len(content) * 3 // 4])
    with pytest.raises(InputErrors) as caught:
        for _ in iter_survey_chunks(cut, config, rows=7):
            pass
    codes = [(e.file, e.code) for e in caught.value.report.errors]
    assert codes and set(codes) == {("small.sav", "file-truncated")}


# ------------------------------------------------------------------------ files with no answers

NO_QUESTIONNAIRES = {
    "zh": "问卷文件中没有问卷（只有表头行）",
    "en": "the survey file has no questionnaires (only a header row)",
}


def assert_says_no_questionnaires(path: Path, config: SurveyConfig, code: str) -> None:
    """The one error names the file, says there is nothing to score and what to do, in both
    languages; never "unrecognised encoding"."""
    [error] = errors(path, config)
    assert (error.file, error.row, error.code) == (path.name, None, code)
    zh, en = error.message("zh"), error.message("en")
    assert "编码" not in zh and "encoding" not in en
    assert "没有问卷" in zh and "no questionnaires" in en
    assert "survey_config" in zh and "not been collected yet" in en
    with pytest.raises(InputErrors):  # the chunked reader says the same
        list(iter_survey_chunks(path, config, rows=7))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
@pytest.mark.parametrize("tail", ["", "\n", "\r\n", "\n,,,,,,,,,,\n\n"])
def test_csv_with_only_a_header_row_has_no_questionnaires(tmp_path, config, encoding, tail):
    header = (FIXTURES / "small.csv").read_text(encoding="utf-8").splitlines()[0]
    path = tmp_path / "问卷.csv"
    path.write_bytes((header + tail).encode(encoding))
    assert_says_no_questionnaires(path, config, "no-questionnaires")
    [error] = errors(path, config)
    assert error.message("en").startswith("问卷.csv: " + NO_QUESTIONNAIRES["en"])
    assert error.message("zh").startswith("问卷.csv: " + NO_QUESTIONNAIRES["zh"])


def test_csv_with_one_questionnaire_is_read(tmp_path, config):
    lines = (FIXTURES / "small.csv").read_text(encoding="utf-8").splitlines()
    path = tmp_path / "one.csv"
    path.write_text("\n".join(lines[:2]) + "\n", encoding="utf-8")
    assert load_survey(path, config).rows == 1  # the boundary: one answer row is enough


@pytest.mark.parametrize("suffix", [".sav", ".zsav"])
def test_spss_file_with_zero_cases_has_no_questionnaires(tmp_path, config, suffix):
    data, meta = small_spss()
    path = tmp_path / f"survey{suffix}"
    pyreadstat.write_sav(
        data.iloc[:0],
        path,
        column_labels=[meta.column_names_to_labels[c] for c in data.columns],
        variable_value_labels=meta.variable_value_labels,
        missing_ranges=meta.missing_ranges,
        compress=suffix == ".zsav",
    )
    assert_says_no_questionnaires(path, config, "no-questionnaires")


@pytest.mark.parametrize("name", ["survey.csv", "survey.sav"])
def test_empty_file_has_no_questionnaires(tmp_path, config, name):
    path = tmp_path / name
    path.write_bytes(b"")
    assert_says_no_questionnaires(path, config, "empty-file")
    assert "0 bytes" in errors(path, config)[0].message("en")


def test_missing_file(tmp_path, config):
    assert located(tmp_path / "nothing.sav", config) == [
        ("nothing.sav", None, None, "file-missing")
    ]


# ------------------------------------------------------------------------------------ encodings


@pytest.mark.parametrize(
    "name, encode",
    [
        # Excel's "Unicode text": UTF-16 with a BOM, neither UTF-8 nor GB18030
        ("utf16.csv", lambda text: text.encode("utf-16")),
        # a 繁體 export in Big5: decodes silently as GB18030, into mojibake
        ("big5.csv", lambda text: text.translate(TRADITIONAL).encode("big5")),
        # UTF-8 opened as Latin-1 and saved again as UTF-8: valid UTF-8, no Chinese left
        ("double.csv", lambda text: text.encode("utf-8").decode("latin-1").encode("utf-8")),
    ],
)
def test_csv_in_a_wrong_encoding_is_bad_encoding(tmp_path, config, name, encode):
    text = (FIXTURES / "small.csv").read_text(encoding="utf-8")
    path = tmp_path / name
    path.write_bytes(encode(text))
    assert located(path, config) == [(name, None, None, "bad-encoding")]


def test_big5_bytes_do_decode_as_gb18030():
    # the trap the anchors guard against: no decoding error to catch, only wrong text
    text = (FIXTURES / "small.csv").read_text(encoding="utf-8").translate(TRADITIONAL)
    decoded = text.encode("big5").decode("gb18030")
    assert "学生" not in decoded and "满意" not in decoded


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_encodings_give_identical_answers(tmp_path, config, encoding):
    text = (FIXTURES / "small.csv").read_text(encoding="utf-8")
    path = tmp_path / f"small-{encoding}.csv"
    path.write_bytes(text.encode(encoding))
    loaded = load_survey(path, config)
    assert loaded.source.encoding == ("gb18030" if encoding == "gb18030" else "utf-8-sig")
    assert_same_answers(loaded, load_survey(FIXTURES / "small.csv", config))
    assert_same_answers(loaded, load_survey(FIXTURES / "small.sav", config))


def test_spss_file_tagged_with_a_wrong_encoding_is_decoded_by_its_labels(tmp_path, config):
    # small.sav says UTF-8; relabel it ISO-8859-1, which decodes every byte into mojibake
    content = (FIXTURES / "small.sav").read_bytes()
    record = b"\x05\x00\x00\x00UTF-8"  # extension record 7/20: length, then the encoding name
    assert content.count(record) == 1
    path = tmp_path / "mislabelled.sav"
    path.write_bytes(content.replace(record, b"\x0a\x00\x00\x00ISO-8859-1"))
    _, meta = pyreadstat.read_sav(path, metadataonly=True)
    assert "学生" not in meta.variable_value_labels["Q1"].values()  # the trap is real
    loaded = load_survey(path, config)
    assert loaded.source.encoding == "UTF-8"
    assert_same_answers(loaded, load_survey(FIXTURES / "small.sav", config))


# ------------------------------------------------------------------------------ missing columns


def test_spss_file_without_the_group_question(tmp_path, config):
    data, meta = small_spss()
    path = write_spss(tmp_path / "small.sav", data.drop(columns="Q1"), meta)
    assert located(path, config) == [("small.sav", 1, "Q1", "missing-column")]


def test_csv_without_the_group_question(tmp_path, config):
    # every later column has shifted left: one line names the missing question, not a cascade
    # of "question does not match" for each shifted column
    text = small_text()
    path = tmp_path / "small.csv"
    text.drop(columns=text.columns[4]).to_csv(path, index=False)
    found = errors(path, config)
    assert [(e.file, e.row, e.column, e.code) for e in found] == [
        ("small.csv", 1, "Q1", "missing-column")
    ]
    zh, en = found[0].message("zh"), found[0].message("en")
    assert "「身份」" in zh and "身份" in en
    assert "question-mismatch" not in zh + en


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_missing_scored_question_is_one_line_naming_it(tmp_path, config, suffix):
    text = small_text()
    path = tmp_path / f"small{suffix}"
    frame = text.drop(columns=text.columns[7])  # 4、您对教育教学质量的满意程度
    if suffix == ".csv":
        frame.to_csv(path, index=False)
    else:
        frame.to_excel(path, index=False)
    assert located(path, config) == [(path.name, 1, "Q4", "missing-column")]


def test_config_naming_a_variable_the_spss_file_lacks(tmp_path):
    config = config_with(tmp_path, "variable: Q4,", "variable: Q44,")
    assert located(FIXTURES / "small.sav", config) == [("small.sav", 1, "Q44", "missing-column")]


def test_config_naming_a_position_past_the_last_csv_column(tmp_path):
    config = config_with(tmp_path, "position: 10,", "position: 30,")
    assert located(FIXTURES / "small.csv", config) == [("small.csv", 1, "Q6", "missing-column")]


# ------------------------------------------------------------------------ unknown codes, labels


def test_csv_answer_the_config_does_not_define(tmp_path, config):
    text = small_text()
    item, group = text.columns[7], text.columns[4]
    text.loc[6, item] = "非常满意"  # line 8
    text.loc[40, group] = "学生家长"  # line 42
    path = tmp_path / "small.csv"
    text.to_csv(path, index=False)
    found = errors(path, config)
    assert sorted((e.row, e.column, e.code, e.value) for e in found) == [
        (8, item, "unknown-label", "非常满意"),
        (42, group, "unknown-label", "学生家长"),
    ]
    assert {e.file for e in found} == {"small.csv"}
    assert next(e for e in found if e.row == 8).expected == OPTIONS


def test_csv_without_a_group_answer(tmp_path, config):
    text = small_text()
    text.loc[19, text.columns[4]] = ""  # line 21
    path = tmp_path / "small.csv"
    text.to_csv(path, index=False)
    assert located(path, config) == [("small.csv", 21, text.columns[4], "empty")]


def test_errors_are_located_the_same_when_read_in_chunks(tmp_path, config):
    text = small_text()
    for row in (3, 17, 44):
        text.loc[row, text.columns[8]] = "很好"
    path = tmp_path / "small.csv"
    text.to_csv(path, index=False)
    whole = located(path, config)
    assert [row for _, row, _, _ in whole] == [5, 19, 46]
    with pytest.raises(InputErrors) as caught:
        for _ in iter_survey_chunks(path, config, rows=7):
            pass
    assert [(e.file, e.row, e.column, e.code) for e in caught.value.report.errors] == whole


def test_spss_code_without_a_value_label(tmp_path, config):
    data, meta = small_spss()
    data.loc[4, "Q3"] = 7  # case 5
    data.loc[9, "Q1"] = 40  # case 10
    path = write_spss(tmp_path / "small.sav", data, meta)
    found = errors(path, config)
    assert sorted((e.row, e.column, e.code, e.value) for e in found) == [
        (5, "Q3", "unknown-code", "7"),
        (10, "Q1", "unknown-code", "40"),
    ]
    assert {e.file for e in found} == {"small.sav"}


def test_spss_dont_know_code_left_unlabelled(tmp_path, config):
    # 不了解 = 9 is used in Q4 but its value label is gone: every such case is reported
    data, meta = small_spss()
    labels = {name: dict(codes) for name, codes in meta.variable_value_labels.items()}
    del labels["Q4"][9.0]
    path = write_spss(tmp_path / "small.sav", data, meta, labels=labels)
    cases = [int(i) + 1 for i in np.flatnonzero(data["Q4"].to_numpy() == 9)]
    assert len(cases) >= 2
    assert located(path, config) == [("small.sav", case, "Q4", "unknown-code") for case in cases]


def test_spss_value_label_the_config_does_not_define(tmp_path, config):
    data, meta = small_spss()
    labels = {name: dict(codes) for name, codes in meta.variable_value_labels.items()}
    labels["Q5"][9.0] = "不清楚"
    path = write_spss(tmp_path / "small.sav", data, meta, labels=labels)
    found = errors(path, config)
    assert [(e.file, e.row, e.column, e.code, e.value) for e in found] == [
        ("small.sav", 1, "Q5", "unknown-label", "9 = 不清楚")
    ]


CODES = "codes: {1: 满意, 2: 比较满意, 3: 基本满意, 4: 不满意, 9: 不了解}\nquestions:"


def test_spss_value_labels_that_match_the_code_map(tmp_path, config):
    coded = config_with(tmp_path, "questions:", CODES)
    assert coded.codes == {1: "满意", 2: "比较满意", 3: "基本满意", 4: "不满意", 9: "不了解"}
    assert_same_answers(
        load_survey(FIXTURES / "small.sav", coded), load_survey(FIXTURES / "small.sav", config)
    )


def test_spss_value_labels_that_differ_from_the_code_map(tmp_path):
    coded = config_with(tmp_path, "questions:", CODES)
    data, meta = small_spss()
    labels = {name: dict(codes) for name, codes in meta.variable_value_labels.items()}
    labels["Q3"][1.0], labels["Q3"][2.0] = "比较满意", "满意"  # 1 and 2 swapped
    path = write_spss(tmp_path / "small.sav", data, meta, labels=labels)
    found = errors(path, coded)
    assert [(e.file, e.row, e.column, e.code, e.value, e.expected) for e in found] == [
        ("small.sav", 1, "Q3", "label-mismatch", "1 = 比较满意", "1 = 满意"),
        ("small.sav", 1, "Q3", "label-mismatch", "2 = 满意", "2 = 比较满意"),
    ]


def test_spss_file_declaring_a_satisfied_code_missing(tmp_path, config):
    data, meta = small_spss()
    missing = dict(meta.missing_ranges)
    missing["Q6"] = [{"lo": 1.0, "hi": 1.0}, {"lo": 9.0, "hi": 9.0}]  # 满意 declared missing
    path = write_spss(tmp_path / "small.sav", data, meta, missing=missing)
    _, written = pyreadstat.read_sav(path, metadataonly=True, user_missing=True)
    assert written.missing_ranges["Q6"] == missing["Q6"]
    found = errors(path, config)
    assert [(e.file, e.row, e.column, e.code, e.value) for e in found] == [
        ("small.sav", 1, "Q6", "inconsistent", "1 = 满意")
    ]


# -------------------------------------------------------------------------------- personal data

PERSONAL = {
    "来源详情": "微信昵称：小明妈妈",
    "昵称": "小明妈妈",
    "用户标识": "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
}
COMMENT = "我是三年级家长，电话13800000000，住址幸福路8号"
FIELDS = {"source", "group", "town", "answers", "duration_s", "submitted", "first_row"}


def with_personal_columns(frame: pd.DataFrame, comment: str) -> pd.DataFrame:
    """Return the frame with 腾讯问卷's identifying columns appended and a comment in every row."""
    frame = frame.copy()
    frame[comment] = [f"{COMMENT}（{i}）" for i in range(len(frame))]
    for name, value in PERSONAL.items():
        frame[name] = [f"{value}{i}" for i in range(len(frame))]
    return frame


def personal_csv(tmp_path: Path) -> Path:
    text = small_text()
    path = tmp_path / "personal.csv"
    with_personal_columns(text, text.columns[-1]).to_csv(path, index=False, encoding="gb18030")
    return path


def personal_sav(tmp_path: Path) -> Path:
    data, meta = small_spss()
    return write_spss(tmp_path / "personal.sav", with_personal_columns(data, "Q7"), meta)


@pytest.mark.parametrize("write", [personal_csv, personal_sav])
def test_personal_columns_never_reach_the_responses(tmp_path, config, write):
    path = write(tmp_path)
    raw = path.read_bytes()
    assert IP.search(raw)  # the input does hold the personal data
    assert any("小明妈妈".encode(encoding) in raw for encoding in ("utf-8", "gb18030"))
    loaded = load_survey(path, config)
    assert loaded.rows == 60
    assert {f.name for f in dataclasses.fields(loaded)} == FIELDS
    assert set(vars(loaded)) == FIELDS  # nothing attached beyond the declared fields
    for name, value in arrays(loaded).items():
        assert value is not None and value.dtype.kind in "biuf", name  # numbers only, no text
    for text in dataclasses.astuple(loaded.source):
        assert not IP.search(text.encode()) and "小明" not in text
    stored = pickle.dumps(loaded)
    assert not IP.search(stored)
    for value in [*PERSONAL.values(), "13800000000", "重庆", "幸福路"]:
        for encoding in ("utf-8", "gb18030", "utf-16-le"):
            assert value.encode(encoding) not in stored, value
    assert_same_answers(loaded, load_survey(FIXTURES / "small.csv", config))


@pytest.mark.parametrize(
    "new, column, code",
    [
        ("  - {label: 乙街道}", "towns[1].en", "missing-key"),
        ("  - {label: 乙街道, en: ' '}", "towns[1].en", "empty"),
        ("  - 乙街道", "towns[1]", "bad-config"),
        ("  - {label: 甲镇, en: Jia Town}", "towns", "duplicate-id"),
    ],
)
def test_every_town_needs_one_entry_with_an_english_name(tmp_path, new, column, code):
    with pytest.raises(InputErrors) as caught:
        config_with(tmp_path, "  - {label: 乙街道, en: Yi Subdistrict}", new)
    found = [(e.column, e.code) for e in caught.value.report.errors]
    assert (column, code) in found


def config_errors(tmp_path: Path, old: str, new: str) -> list:
    with pytest.raises(InputErrors) as caught:
        config_with(tmp_path, old, new)
    return caught.value.report.errors


@pytest.mark.parametrize(
    "old, new, key",
    [
        (
            "group: {variable: Q1, position: 5, label: 身份}",
            "group: {variable: Q1, position: 5}",
            "questions.group.label",
        ),
        (
            "town: {variable: Q2, position: 6, label: 镇街}",
            "town: {position: 6, label: ' '}",
            "questions.town.label",
        ),
        ("label: 办学条件, ", "", "items[0].label"),
    ],
)
def test_every_scored_question_and_the_group_and_town_questions_need_a_label(
    tmp_path, old, new, key
):
    found = config_errors(tmp_path, old, new)
    assert [(e.file, e.column, e.code) for e in found] == [("small.yaml", key, "missing-key")]
    zh, en = found[0].message("zh"), found[0].message("en")
    assert f"键「{key}」" in zh and "label: 身份" in zh and "列「" not in zh
    assert f'key "{key}"' in en and "shifted column" in en and 'column "' not in en


def test_two_swapped_columns_are_caught_by_their_labels(tmp_path, config):
    text = small_text()
    swapped = text.columns[[*range(6), 7, 6, *range(8, len(text.columns))]]
    path = tmp_path / "swapped.csv"
    text[swapped].to_csv(path, index=False)
    found = errors(path, config)
    assert {(e.row, e.code) for e in found} == {(1, "question-mismatch")}
    assert {e.expected for e in found} == {"办学条件", "教学质量"}


def test_a_missing_key_is_reported_once_naming_the_key(tmp_path):
    found = config_errors(
        tmp_path, "  - {label: 乙街道, en: Yi Subdistrict}", "  - {label: 乙街道}"
    )
    assert len(found) == 1
    assert found[0].message("zh") == "small.yaml, 键「towns[1].en」: 缺少必填的键 [missing-key]"
    assert found[0].message("en") == (
        'small.yaml, key "towns[1].en": a required key is missing [missing-key]'
    )


def test_an_unknown_key_names_the_keys_allowed_there(tmp_path):
    found = config_errors(tmp_path, "weighting:", "weigthing:")
    assert [(e.column, e.code) for e in found] == [("weigthing", "unknown-key")]
    assert "weighting" in found[0].expected and "weighting" in found[0].expected_en
    assert "quality_rules" in found[0].message("en")


def test_a_pass_mark_typed_as_a_percentage_says_to_write_a_fraction(tmp_path):
    text = (FIXTURES / "small.yaml").read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("threshold:"))
    found = config_errors(tmp_path, old, "threshold: 85")
    assert [(e.column, e.code) for e in found] == [("threshold", "out-of-range")]
    assert "0.85" in found[0].message("zh") and "rather than 85" in found[0].message("en")
