"""Estimates and standard errors agree with R's survey package (golden values, to 1e-9).

`tests/fixtures/survey/golden.R` computed `golden.yaml` with svyratio, svyby, svycontrast,
postStratify and rake on `small.csv`; the tests only read the numbers, never run R.
"""

from __future__ import annotations

import numpy as np
import pytest
import yaml

from loaders import load_survey
from survey import Domains, accumulate, estimate

from .conftest import FIXTURES

GOLDEN = yaml.safe_load((FIXTURES / "golden.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def stats(small_config):
    for name in ("small.csv", "small.sav"):
        responses = load_survey(FIXTURES / name, small_config)
        cells, received, removed, _ = accumulate([responses], small_config)
        assert (received, removed) == (60, [0, 0, 0])  # the golden cases exclude no one
    return cells


def domain(config, path: list[str]) -> Domains:
    """Return the one domain a golden key names: overall, group/学生, town/甲镇, item/x, …"""
    groups, towns = len(config.groups), len(config.towns)
    group_of = np.repeat(np.arange(groups), towns)
    town_of = np.tile(np.arange(towns), groups)
    labels = [g.label for g in config.groups]
    items = [i.id for i in config.items]
    kind, rest = path[0], path[1:]
    cells, column = np.ones(groups * towns), 0
    if kind == "group":
        cells = (group_of == labels.index(rest[0])) * 1.0
    elif kind == "town":
        cells = (town_of == config.towns.index(rest[0])) * 1.0
    elif kind == "item":
        column = items.index(rest[0]) + 1
    elif kind == "group_item":
        cells, column = (group_of == labels.index(rest[1])) * 1.0, items.index(rest[0]) + 1
    return Domains(cells=cells[None, :], column=np.array([column]))


@pytest.mark.parametrize("key", sorted(GOLDEN))
def test_matches_r_survey(key, stats, small_config):
    definition, *path = key.split("/")
    method, weighting = definition.split("_", 1)
    result = estimate(stats, small_config, method, weighting, domain(small_config, path))
    expected = GOLDEN[key]
    assert result.estimate[0] == pytest.approx(expected["estimate"], abs=1e-9)
    assert result.se[0] == pytest.approx(expected["se"], abs=1e-9)


def test_every_method_and_weighting_has_golden_values():
    tried = {key.split("/")[0] for key in GOLDEN}
    assert {"rate_none", "score_none", "rate_group_weights", "rate_poststrat", "rate_rake"} <= tried
