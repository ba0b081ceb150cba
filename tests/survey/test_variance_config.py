"""The config keys of the design options and the uniform-answer rule: read, defaulted, checked.

Each case edits tests/fixtures/survey/small.yaml and asserts the whole error list with `==`.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from loaders import InputErrors, load_survey_config
from survey import assess_survey

from .conftest import FIXTURES, responses

RAKE = "rake: {tolerance: 1.0e-12, max_iterations: 200}"
POPULATION = (
    "population:\n  file: small_population.csv\n"
    "  source: {zh: 测试用总体, en: Population for tests}\n"
)


def load(tmp_path: Path, old: str, new: str):
    text = (FIXTURES / "small.yaml").read_text(encoding="utf-8")
    assert old in text
    shutil.copy(FIXTURES / "small_population.csv", tmp_path)
    (tmp_path / "small.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    return load_survey_config(tmp_path / "small.yaml")


def errors(tmp_path: Path, old: str, new: str) -> list[tuple[str | None, str]]:
    with pytest.raises(InputErrors) as caught:
        load(tmp_path, old, new)
    return [(e.column, e.code) for e in caught.value.report.errors]


def test_defaults_keep_the_plain_design_and_give_wilson_intervals(small_config):
    variance = small_config.variance
    assert (variance.fpc, variance.cluster, variance.interval) == (False, "none", "wilson")
    assert small_config.disclosure.min_n_uniform == 30


def test_the_keys_are_read(tmp_path):
    config = load(
        tmp_path,
        RAKE,
        RAKE + "\nvariance: {fpc: true, interval: normal}",
    )
    assert (config.variance.fpc, config.variance.interval) == (True, "normal")
    config = load(tmp_path, "county_only: [teacher]}", "county_only: [teacher], min_n_uniform: 12}")
    assert config.disclosure.min_n_uniform == 12


@pytest.mark.parametrize(
    "old, new, expected",
    [
        (RAKE, RAKE + "\nvariance: {cluster: school}", [("variance.cluster", "not-in-list")]),
        (RAKE, RAKE + "\nvariance: {interval: logit}", [("variance.interval", "not-in-list")]),
        (RAKE, RAKE + "\nvariance: {fpc: 1}", [("variance.fpc", "bad-config")]),
        (
            RAKE,
            RAKE + "\nvariance: {fpc: true, cluster: town}",
            [("variance.fpc", "inconsistent")],
        ),
    ],
)
def test_each_mistake_is_one_error_at_its_key(tmp_path, old, new, expected):
    assert errors(tmp_path, old, new) == expected


def test_the_correction_needs_population_totals(tmp_path):
    text = (FIXTURES / "small.yaml").read_text(encoding="utf-8")
    text = text.replace(POPULATION, "").replace("  - {method: rate, weighting: poststrat}\n", "")
    text = text.replace("  - {method: rate, weighting: rake}\n", "")
    (tmp_path / "small.yaml").write_text(text + "variance: {fpc: true}\n", encoding="utf-8")
    with pytest.raises(InputErrors) as caught:
        load_survey_config(tmp_path / "small.yaml")
    assert [(e.column, e.code) for e in caught.value.report.errors] == [
        ("population", "missing-key")
    ]


def test_a_population_smaller_than_the_sample_is_an_error(small_config):
    cells = tuple((g, t, 1.0) for g, t, _ in small_config.population.cells)  # one person a cell
    population = dataclasses.replace(small_config.population, cells=cells)
    config = dataclasses.replace(
        small_config,
        population=population,
        sensitivity=(),
        variance=dataclasses.replace(small_config.variance, fpc=True),
    )
    with pytest.raises(InputErrors) as caught:
        assess_survey(responses([0] * 12, [[0, 3, 0, 3]] * 12, [0, 1, 2] * 4), config)
    [error] = caught.value.report.errors
    assert (error.file, error.code, error.value) == (
        "small_population.csv",
        "inconsistent",
        "学生: 3 < 12",
    )
