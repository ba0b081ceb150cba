"""Real SPSS files from pyreadstat's own test suite (tests/fixtures/survey/thirdparty/README.md).

The loader is tested on files it did not write: string-coded variables with value labels, a
compressed .zsav, a file without a single value label, and the same files cut short.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from loaders import (
    InputErrors,
    SurveyResponses,
    iter_survey_chunks,
    load_survey,
    load_survey_config,
)

THIRDPARTY = Path(__file__).resolve().parents[1] / "fixtures" / "survey" / "thirdparty"


def located(path: Path, config) -> list[tuple[str, int | None, str | None, str]]:
    with pytest.raises(InputErrors) as caught:
        load_survey(path, config)
    return [(e.file, e.row, e.column, e.code) for e in caught.value.report.errors]


def joined(chunks: list[SurveyResponses]) -> tuple[np.ndarray, np.ndarray]:
    return np.concatenate([c.group for c in chunks]), np.concatenate([c.answers for c in chunks])


def test_fixtures_stay_small():
    assert sum(p.stat().st_size for p in THIRDPARTY.iterdir()) < 200_000


def test_string_coded_variables_are_read_through_their_value_labels():
    # ca_subvar_1 … 3 are A1 strings "a" … "d" labelled "a" … "d"; float("a") used to crash
    config = load_survey_config(THIRDPARTY / "alltypes.yaml")
    loaded = load_survey(THIRDPARTY / "simple_alltypes.sav", config)
    # the file's rows: ca_subvar_1 = a a b b a b; _2 = a b c b b c; _3 = b c d b d d
    np.testing.assert_array_equal(loaded.group, [0, 0, 1, 1, 0, 1])
    np.testing.assert_array_equal(loaded.answers, [[0, 1], [1, 2], [2, 3], [1, 1], [1, 3], [2, 3]])
    chunks = list(iter_survey_chunks(THIRDPARTY / "simple_alltypes.sav", config, rows=4))
    assert [c.first_row for c in chunks] == [1, 5]
    group, answers = joined(chunks)
    np.testing.assert_array_equal(group, loaded.group)
    np.testing.assert_array_equal(answers, loaded.answers)


def test_a_string_code_without_a_value_label_is_located(tmp_path):
    # drop option "d" from the config: its label is unknown, and so is every case coded "d"
    text = (THIRDPARTY / "alltypes.yaml").read_text(encoding="utf-8")
    text = text.replace("  - {label: d, en: D, role: dont_know}\n", "")
    text = text.replace("  - {id: group_d, label: d, en: Group d}\n", "")
    (tmp_path / "alltypes.yaml").write_text(text, encoding="utf-8")
    config = load_survey_config(tmp_path / "alltypes.yaml")
    found = located(THIRDPARTY / "simple_alltypes.sav", config)
    assert found == [
        ("simple_alltypes.sav", 1, "ca_subvar_1", "unknown-label"),
        ("simple_alltypes.sav", 1, "ca_subvar_2", "unknown-label"),
        ("simple_alltypes.sav", 1, "ca_subvar_3", "unknown-label"),
    ]


def test_sav_and_zsav_give_the_same_responses_whole_and_in_chunks():
    config = load_survey_config(THIRDPARTY / "sample.yaml")
    sav = load_survey(THIRDPARTY / "sample.sav", config)
    zsav = load_survey(THIRDPARTY / "sample.zsav", config)
    assert (sav.source.format, zsav.source.format) == ("sav", "zsav")
    # mylabl = 1 2 1 2 1 (Male, Female); myord = 1 2 3 1 1 (low, medium, high)
    np.testing.assert_array_equal(sav.group, [0, 1, 0, 1, 0])
    np.testing.assert_array_equal(sav.answers[:, 0], [2, 1, 0, 2, 2])
    for loaded in (
        zsav,
        *[
            joined(list(iter_survey_chunks(THIRDPARTY / n, config, rows=2)))
            for n in ("sample.sav", "sample.zsav")
        ],
    ):
        group, answers = (loaded.group, loaded.answers) if hasattr(loaded, "group") else loaded
        np.testing.assert_array_equal(group, sav.group)
        np.testing.assert_array_equal(answers, sav.answers)


def test_a_file_without_value_labels_says_so():
    config = load_survey_config(THIRDPARTY / "sample.yaml")
    with pytest.raises(InputErrors) as caught:
        load_survey(THIRDPARTY / "hebrews.sav", config)
    [error] = caught.value.report.errors
    assert (error.file, error.row, error.column, error.code) == (
        "hebrews.sav",
        None,
        None,
        "spss-no-labels",
    )
    zh, en = error.message("zh"), error.message("en")
    assert "该 SPSS 文件没有值标签" in zh and "问卷星" in zh
    assert "no value labels" in en
    assert "编码" not in zh and "encoding" not in en


@pytest.mark.parametrize("name", ["sample.sav", "sample.zsav", "simple_alltypes.sav"])
@pytest.mark.parametrize("keep", [0.3, 0.6, 0.95])
def test_a_real_file_cut_short_is_incomplete(tmp_path, name, keep):
    config = load_survey_config(
        THIRDPARTY / ("alltypes.yaml" if name.startswith("simple") else "sample.yaml")
    )
    content = (THIRDPARTY / name).read_bytes()
    cut = tmp_path / name
    cut.write_bytes(content[: int(len(content) * keep)])
    assert located(cut, config) == [(name, None, None, "file-truncated")]
    with pytest.raises(InputErrors) as caught:
        list(iter_survey_chunks(cut, config, rows=2))
    assert {e.code for e in caught.value.report.errors} == {"file-truncated"}
    message = caught.value.report.errors[0].message("zh")
    assert "文件不完整（可能下载中断）" in message and "Readstat" not in message


def test_a_real_wjx_xls_download_is_read_whole_and_in_chunks():
    # counted in the file itself (calamine, outside the loader): 男 427, 女 373;
    # 1、手机部数: 1部 521, 2部 261, 3部 12, 4部及以上 6
    config = load_survey_config(THIRDPARTY / "wjx.yaml")
    path = THIRDPARTY / "wjx_800_text.xls"
    loaded = load_survey(path, config)
    assert (loaded.rows, loaded.first_row, loaded.source.format) == (800, 2, "xls")
    assert np.bincount(loaded.group).tolist() == [427, 373]
    assert np.bincount(loaded.answers[:, 0]).tolist() == [521, 261, 12, 6]
    assert np.isnan(loaded.duration_s).all()  # the example file has its times blanked
    chunks = list(iter_survey_chunks(path, config, rows=300))
    assert [c.first_row for c in chunks] == [2, 302, 602]
    group, answers = joined(chunks)
    np.testing.assert_array_equal(group, loaded.group)
    np.testing.assert_array_equal(answers, loaded.answers)


def test_a_real_wjx_xls_renamed_sav_is_not_spss(tmp_path):
    renamed = tmp_path / "问卷.sav"
    renamed.write_bytes((THIRDPARTY / "wjx_800_text.xls").read_bytes())
    config = load_survey_config(THIRDPARTY / "wjx.yaml")
    assert located(renamed, config) == [("问卷.sav", None, None, "not-spss")]
