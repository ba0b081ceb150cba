"""SPSS round trip: any coding written with pyreadstat is read back by `load_survey` as written.

Platforms code 不了解 differently (5, 9, 99, −1 …) and declare it user-missing, as a discrete
value or a range; so codes are read from the value labels, never assumed, and files are read
with user_missing=True so 不了解 stays apart from a skipped item (system-missing).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import pyreadstat
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders import iter_survey_chunks, load_survey

GROUPS = ("学生", "家长", "教师")  # small.yaml, in config order
TOWNS = ("甲镇", "乙街道", "丙镇")
OPTIONS = ("满意", "比较满意", "基本满意", "不满意", "不了解")
DONT_KNOW = OPTIONS.index("不了解")
ITEMS = ("Q3", "Q4", "Q5", "Q6")
VARIABLE_LABELS = {
    "提交答卷时间": "提交答卷时间",
    "所用时间": "所用时间",
    "Q1": "1、您的身份：",
    "Q2": "2、您所在的镇街：",
    "Q3": "3、您对学校办学条件的满意程度：",
    "Q4": "4、您对教育教学质量的满意程度：",
    "Q5": "5、您对课后服务的满意程度：",
    "Q6": "6、您对义务教育的总体评价：",
}
CODES = st.integers(-9, 120)


@st.composite
def surveys(draw):
    """Draw a coding scheme and responses: (codes per question, missing form, rows)."""
    group_codes = draw(st.lists(CODES, min_size=3, max_size=3, unique=True))
    town_codes = draw(st.lists(CODES, min_size=3, max_size=3, unique=True))
    option_codes = draw(st.lists(CODES, min_size=5, max_size=5, unique=True))
    as_range = draw(st.booleans())
    rows = draw(st.integers(1, 40))
    group = draw(st.lists(st.integers(0, 2), min_size=rows, max_size=rows))
    town = draw(st.lists(st.integers(0, 2), min_size=rows, max_size=rows))
    answer = st.integers(-1, len(OPTIONS) - 1)  # −1: skipped (system-missing)
    answers = draw(
        st.lists(
            st.lists(answer, min_size=len(ITEMS), max_size=len(ITEMS)),
            min_size=rows,
            max_size=rows,
        )
    )
    return group_codes, town_codes, option_codes, as_range, group, town, answers


def write(path: Path, survey) -> None:
    group_codes, town_codes, option_codes, as_range, group, town, answers = survey
    answers = np.asarray(answers)
    data = pd.DataFrame(
        {
            "提交答卷时间": [
                f"2024/10/01 10:{i // 60:02d}:{i % 60:02d}" for i in range(len(group))
            ],
            "所用时间": [f"{200 + i}秒" for i in range(len(group))],
            "Q1": np.asarray(group_codes, float)[group],
            "Q2": np.asarray(town_codes, float)[town],
        }
    )
    codes = np.asarray(option_codes, float)
    for j, name in enumerate(ITEMS):
        data[name] = np.where(answers[:, j] >= 0, codes[answers[:, j]], np.nan)
    dont_know = option_codes[DONT_KNOW]
    declared = [{"lo": dont_know, "hi": dont_know}] if as_range else [dont_know]
    pyreadstat.write_sav(
        data,
        path,
        column_labels=[VARIABLE_LABELS[c] for c in data.columns],
        variable_value_labels={
            "Q1": dict(zip(group_codes, GROUPS, strict=True)),
            "Q2": dict(zip(town_codes, TOWNS, strict=True)),
            **{name: dict(zip(option_codes, OPTIONS, strict=True)) for name in ITEMS},
        },
        missing_ranges={name: declared for name in ITEMS},
    )


@settings(max_examples=25, deadline=None)
@given(survey=surveys(), chunk=st.integers(1, 15))
def test_codes_labels_and_missing_survive_the_round_trip(small_config, survey, chunk):
    _, _, option_codes, _, group, town, answers = survey
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "roundtrip.sav"
        write(path, survey)
        _, meta = pyreadstat.read_sav(path, metadataonly=True, user_missing=True)
        loaded = load_survey(path, small_config)
        chunks = list(iter_survey_chunks(path, small_config, rows=chunk))

    # what pyreadstat wrote: labels by code, 不了解 declared missing
    dont_know = float(option_codes[DONT_KNOW])
    for name in ITEMS:
        assert meta.variable_value_labels[name] == dict(zip(option_codes, OPTIONS, strict=True))
        assert meta.missing_ranges[name] == [{"lo": dont_know, "hi": dont_know}]

    # what the loader read: indices in config order, whatever the codes were
    expected = np.asarray(answers, dtype=np.int8).reshape(len(group), len(ITEMS))
    assert small_config.option_labels == OPTIONS
    assert [g.label for g in small_config.groups] == list(GROUPS)
    assert small_config.towns == TOWNS
    assert loaded.rows == len(group)
    np.testing.assert_array_equal(loaded.group, group)
    np.testing.assert_array_equal(loaded.town, town)
    np.testing.assert_array_equal(loaded.answers, expected)
    # 不了解 is its own answer, a skipped item is −1: never confused
    np.testing.assert_array_equal(loaded.answers == DONT_KNOW, expected == DONT_KNOW)
    np.testing.assert_array_equal(loaded.answers == -1, expected == -1)
    np.testing.assert_array_equal(loaded.duration_s, 200 + np.arange(len(group)))

    # chunked reading gives the same rows, numbered by SPSS case
    assert [c.first_row for c in chunks] == list(range(1, len(group) + 1, chunk))
    np.testing.assert_array_equal(np.concatenate([c.answers for c in chunks]), expected)
    np.testing.assert_array_equal(np.concatenate([c.group for c in chunks]), group)
