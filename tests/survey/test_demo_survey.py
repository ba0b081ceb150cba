"""The demo survey (demo/_survey.py) against the reference report and the survey spec.

Known answers from the reference report: 187,713 questionnaires received, overall satisfaction
86.51 % under the demo config (rate, unweighted). Everything else is a property the spec states:
the .sav and the GB18030 CSV are the same data, the .sav declares 不了解 user-missing, personal
columns are in the files but never in the coded responses, regeneration is byte-identical, and
the published tables obey the disclosure rules.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import pickle
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pyreadstat
import pytest

from loaders import SurveyConfig, SurveyResponses, load_survey, load_survey_config
from publish._results_store import encode
from survey import SurveyResult, assess_survey

from .conftest import ROOT

RECEIVED = 187_713  # reference report: questionnaires issued and returned
OVERALL = 0.8651  # reference report: 综合满意度 86.51 %
TABLES = ("by_group", "by_item", "by_town", "group_by_item", "group_by_town")
ITEMS = [f"Q{i}" for i in range(3, 23)]  # the 20 scored items of the demo .sav
OPTIONS = {1.0: "满意", 2.0: "比较满意", 3.0: "基本满意", 4.0: "不满意", 5.0: "不了解"}
PERSONAL = ("来源详情", "来自IP")
IP = re.compile(rb"\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}")


@pytest.fixture(scope="module")
def demo_config(demo_folder: Path) -> SurveyConfig:
    return load_survey_config(demo_folder / "survey.yaml")


@pytest.fixture(scope="module")
def loaded(demo_folder: Path, demo_config: SurveyConfig) -> dict[str, SurveyResponses]:
    return {
        name: load_survey(demo_folder / f"survey.{name}", demo_config) for name in ("sav", "csv")
    }


@pytest.fixture(scope="module")
def results(loaded, demo_config) -> dict[str, SurveyResult]:
    return {name: assess_survey(responses, demo_config) for name, responses in loaded.items()}


def test_demo_config_is_the_plain_reading(demo_config):
    assert (demo_config.method, demo_config.weighting) == ("rate", "none")


def test_sav_and_gb18030_csv_give_the_same_responses(loaded):
    sav, csv = loaded["sav"], loaded["csv"]
    assert (sav.source.format, csv.source.format) == ("sav", "csv")
    assert csv.source.encoding == "gb18030"
    for name in ("group", "town", "answers", "duration_s", "submitted"):
        np.testing.assert_array_equal(getattr(sav, name), getattr(csv, name), err_msg=name)


def test_sav_and_gb18030_csv_give_the_same_result(results):
    sav, csv = results["sav"], results["csv"]
    assert sav.overall == csv.overall
    assert (sav.received, sav.analysed) == (csv.received, csv.analysed)
    for name in (*TABLES, "exclusions", "sensitivity"):
        pd.testing.assert_frame_equal(getattr(sav, name), getattr(csv, name), obj=name)
    assert sav.provenance.sha256 != csv.provenance.sha256  # two files, really


def test_received_matches_the_report(results):
    for result in results.values():
        assert result.received == RECEIVED
        assert result.exclusions.remaining.iloc[0] == RECEIVED
        assert result.exclusions.remaining.iloc[-1] == result.analysed < RECEIVED


def test_overall_satisfaction_matches_the_report(results):
    overall = results["sav"].overall
    assert abs(overall.estimate - OVERALL) < 5e-5  # prints as 86.51 %
    assert overall.passes and overall.ci_low < overall.estimate < overall.ci_high


def test_sav_declares_dont_know_missing_and_labels_every_item(demo_folder):
    _, meta = pyreadstat.read_sav(demo_folder / "survey.sav", metadataonly=True, user_missing=True)
    for name in ITEMS:
        assert meta.variable_value_labels[name] == OPTIONS, name
        assert meta.missing_ranges[name] == [{"lo": 5.0, "hi": 5.0}], name
    assert set(meta.variable_value_labels["Q1"].values()) == {
        "学生", "家长", "教师", "校长", "人大代表", "政协委员", "其他群众"
    }  # fmt: skip
    assert "Q1" not in meta.missing_ranges and "Q2" not in meta.missing_ranges


def test_dont_know_survives_reading_as_its_own_answer(demo_folder, loaded):
    # the trap is live in this file: without user_missing=True code 5 becomes NaN
    kept, _ = pyreadstat.read_sav(demo_folder / "survey.sav", usecols=["Q3"], user_missing=True)
    lost, _ = pyreadstat.read_sav(demo_folder / "survey.sav", usecols=["Q3"])
    dont_know = kept["Q3"].to_numpy() == 5
    assert dont_know.sum() > 1000
    assert np.isnan(lost["Q3"].to_numpy()[dont_know]).all()
    answers = loaded["sav"].answers[:, 0]
    np.testing.assert_array_equal(answers == 4, dont_know)  # option 4 = 不了解
    np.testing.assert_array_equal(answers == -1, np.isnan(kept["Q3"].to_numpy()))


def test_personal_columns_are_in_the_files(demo_folder):
    _, meta = pyreadstat.read_sav(demo_folder / "survey.sav", metadataonly=True)
    assert set(PERSONAL) <= set(meta.column_names)
    assert "意见和建议" in meta.column_names_to_labels["Q23"]  # free text
    header = pd.read_csv(demo_folder / "survey.csv", encoding="gb18030", nrows=50, dtype=str)
    assert set(PERSONAL) <= set(header.columns)
    assert header["来自IP"].str.match(r"\d+\.\d+\.\d+\.\d+").all()


def test_personal_columns_never_reach_responses_or_results(loaded, results):
    fields = {"source", "group", "town", "answers", "duration_s", "submitted", "first_row"}
    secrets = ["123.147.", "微信昵称", "13800000000", "重庆", "直接访问"]
    for name, responses in loaded.items():
        assert {f.name for f in dataclasses.fields(responses)} == fields
        assert set(vars(responses)) == fields
        for field in ("group", "town", "answers", "duration_s", "submitted"):
            assert getattr(responses, field).dtype.kind in "biuf", (name, field)
        cached = json.dumps(encode(results[name]), ensure_ascii=False).encode()  # as cached
        for stored in (pickle.dumps(responses), pickle.dumps(results[name]), cached):
            assert not IP.search(stored), name
            for secret in secrets:
                for encoding in ("utf-8", "gb18030"):
                    assert secret.encode(encoding) not in stored, (name, secret)


def test_regeneration_is_byte_identical(demo_folder, tmp_path):
    # a fresh interpreter with another hash seed: no unseeded randomness, no set-order effects
    script = (
        "import sys; from pathlib import Path\n"
        "from demo._survey import build_survey, write_survey\n"
        "from loaders import load_survey_config\n"
        "config = load_survey_config(Path(sys.argv[1]) / 'survey.yaml')\n"
        "write_survey(build_survey(config), Path(sys.argv[2]))\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "2718"}
    done = subprocess.run(
        [sys.executable, "-c", script, str(demo_folder), str(tmp_path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    for name in ("survey.sav", "survey.csv"):
        digests = [
            hashlib.sha256((f / name).read_bytes()).hexdigest() for f in (demo_folder, tmp_path)
        ]
        assert digests[0] == digests[1], name


# ------------------------------------------------------------------------------- disclosure


def hidden_cells(table: pd.DataFrame) -> pd.Series:
    """Hidden cells that hold respondents (an empty cell hides nothing)."""
    return table.suppressed & (table.suppression != "empty")


@pytest.mark.parametrize("name", TABLES)
def test_no_published_cell_under_min_n(results, demo_config, name):
    table = getattr(results["sav"], name)
    shown = table[~table.suppressed]
    assert len(shown) > 0
    assert (shown.n >= demo_config.disclosure.min_n).all()
    assert (shown.suppression == "").all() and shown.estimate.notna().all()
    hidden = table[table.suppressed]
    assert hidden[["estimate", "se", "ci_low", "ci_high", "n_eff"]].isna().all().all()
    assert hidden.n.isna().all()


def test_county_only_groups_never_shown_by_town(results, demo_config):
    table = results["sav"].group_by_town
    county_only = table[table.group.isin(demo_config.disclosure.county_only)]
    assert len(county_only) == len(demo_config.disclosure.county_only) * len(demo_config.towns)
    assert county_only.suppressed.all()
    assert set(county_only.suppression) <= {"county_only", "empty"}
    assert (county_only.suppression == "county_only").any()
    by_group = results["sav"].by_group.set_index("group")
    assert not by_group.loc[list(demo_config.disclosure.county_only), "suppressed"].any()


def test_small_town_cell_is_hidden(results):
    # demo/_survey.py plants 7 other residents in 云台街道, under min_n = 10
    table = results["sav"].group_by_town.set_index(["group", "town"])
    assert table.loc[("other_resident", "云台街道"), "suppression"] == "small_n"


@pytest.mark.parametrize(
    "name, rows, columns, row_totals, column_totals",
    [
        ("group_by_town", "group", "town", "by_group", "by_town"),
        ("group_by_item", "group", "item", "by_group", "by_item"),
    ],
)
def test_no_hidden_cell_is_recoverable(results, name, rows, columns, row_totals, column_totals):
    """Where a row's or column's total is published, it hides no cell or at least two."""
    result = results["sav"]
    table = getattr(result, name).assign(hidden=lambda t: hidden_cells(t))
    for key, margin in ((rows, row_totals), (columns, column_totals)):
        shown_totals = getattr(result, margin).set_index(key).suppressed.eq(False)
        counts = table.groupby(key).hidden.sum()
        published = counts[shown_totals.reindex(counts.index).to_numpy()]
        lone = published[published == 1]
        assert lone.empty, f"{name}: a lone hidden cell in {key} {list(lone.index)}"
    if name == "group_by_town":  # the planted small cell needs a secondary partner
        other = table[table.group == "other_resident"]
        assert other.hidden.sum() >= 2 and (other.suppression == "secondary").any()


@pytest.mark.parametrize("rows, block", [(1_000, 300), (600_000, 250_000)])
def test_large_survey_blocks_hold_exactly_the_rows_asked_for(rows, block):
    from demo import survey_blocks

    sizes = [len(frame) for frame in survey_blocks(rows, block)]
    assert sum(sizes) == rows
    assert all(size <= block for size in sizes)
