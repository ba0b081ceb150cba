"""Design options agree with R's survey package: finite-population correction, towns as
clusters, Wilson intervals (golden values to 1e-9).

`golden/variance.R` computed the numbers below with svydesign(fpc = ~N), svydesign(ids =
~cell), svyratio, svyby, svycontrast, postStratify and rake on tests/fixtures/survey/small.csv;
they are committed here as literals (regenerate: `cd tests/survey/golden && Rscript variance.R`)
and the tests never run R.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from loaders import load_survey
from survey import Domains, accumulate, estimate
from survey._score import Z_95, interval

from .conftest import FIXTURES
from .test_golden import domain

# fmt: off
DESIGNS = {
    "fpc/rate_none/overall": (0.78536585365853662, 0.03063167114740542),
    "fpc/rate_none/group/学生": (0.80263157894736847, 0.045954976368879095),
    "fpc/rate_none/group/家长": (0.80219780219780223, 0.048815231739482483),
    "fpc/rate_none/group/教师": (0.71052631578947367, 0.071241395803950044),
    "fpc/rate_none/town/丙镇": (0.76923076923076927, 0.060512860124702951),
    "fpc/rate_none/town/乙街道": (0.84722222222222221, 0.035032879583336653),
    "fpc/rate_none/town/甲镇": (0.7407407407407407, 0.056641046049774164),
    "fpc/rate_none/item/facilities": (0.75, 0.060066691639918644),
    "fpc/rate_none/group_item/overall/学生": (0.89473684210526316, 0.071342736070174606),
    "fpc/rate_none/group_item/overall/家长": (0.875, 0.067809051270538545),
    "fpc/rate_none/group_item/overall/教师": (0.55555555555555558, 0.1613231130312506),
    "fpc/score_none/overall": (0.68000000000000005, 0.027992681355900377),
    "fpc/rate_group_weights/overall": (0.7839936379410064, 0.031445390095599525),
    "fpc/rate_rake/overall": (0.79113446879091398, 0.033653761802104158),
    "fpc/rate_poststrat/overall": (0.79138006570362252, 0.033504331293533703),
    "fpc/rate_poststrat/town/丙镇": (0.75995409199258412, 0.060913984762306729),
    "fpc/rate_poststrat/town/乙街道": (0.8747587947157488, 0.033881186513570728),
    "fpc/rate_poststrat/town/甲镇": (0.76368567554064659, 0.060244920831496379),
    "cluster/rate_none/overall": (0.78536585365853662, 0.032561965573625999),
    "cluster/rate_none/group/学生": (0.80263157894736847, 0.020881396256405435),
    "cluster/rate_none/group/家长": (0.80219780219780223, 0.062416889188587191),
    "cluster/rate_none/group/教师": (0.71052631578947367, 0.058171745152354584),
    "cluster/rate_none/town/丙镇": (0.76923076923076927, 0.039913424743290071),
    "cluster/rate_none/town/乙街道": (0.84722222222222221, 0.043658795674177207),
    "cluster/rate_none/town/甲镇": (0.7407407407407407, 0.028067689534929701),
    "cluster/rate_none/item/facilities": (0.75, 0.064212645864260162),
    "cluster/rate_none/group_item/overall/学生": (0.89473684210526316, 0.042644887308422856),
    "cluster/rate_none/group_item/overall/家长": (0.875, 0.08267972847076846),
    "cluster/rate_none/group_item/overall/教师": (0.55555555555555558, 0.20621349491963045),
    "cluster/score_none/overall": (0.68000000000000005, 0.02783549875746328),
    "cluster/rate_group_weights/overall": (0.7839936379410064, 0.033890530170291595),
    "cluster/rate_rake/overall": (0.79113446879091398, 0.015364514292552931),
}
WILSON = {
    "overall": (0.71793114994523377, 0.84026578562033027),
    "group/学生": (0.69751631323346597, 0.8776270919154906),
    "cell/家长/乙街道/overall": (0.72246720013711085, 1),
}
# fmt: on

OPTIONS = {"fpc": {"fpc": True}, "cluster": {"cluster": "town"}}


@pytest.fixture(scope="module")
def stats(small_config):
    responses = load_survey(FIXTURES / "small.csv", small_config)
    cells, _, _, _ = accumulate([responses], small_config)
    return cells


def configured(config, **options):
    return dataclasses.replace(config, variance=dataclasses.replace(config.variance, **options))


@pytest.mark.parametrize("key", sorted(DESIGNS))
def test_design_options_match_r_survey(key, stats, small_config):
    option, definition, *path = key.split("/")
    method, weighting = definition.split("_", 1)
    config = configured(small_config, **OPTIONS[option])
    result = estimate(stats, config, method, weighting, domain(config, path))
    expected_estimate, expected_se = DESIGNS[key]
    assert result.estimate[0] == pytest.approx(expected_estimate, abs=1e-9)
    assert result.se[0] == pytest.approx(expected_se, abs=1e-9)


def test_the_options_change_the_se_and_nothing_else(stats, small_config):
    plain = estimate(stats, small_config, "rate", "none", domain(small_config, ["overall"]))
    for option in OPTIONS.values():
        config = configured(small_config, **option)
        other = estimate(stats, config, "rate", "none", domain(config, ["overall"]))
        assert other.estimate[0] == plain.estimate[0] and other.n[0] == plain.n[0]
        assert other.se[0] != pytest.approx(plain.se[0], abs=1e-6)


def _cell(config, group: str, town: str, item: str) -> Domains:
    groups, towns = len(config.groups), len(config.towns)
    cells = np.zeros(groups * towns)
    g = [x.label for x in config.groups].index(group)
    cells[g * towns + config.towns.index(town)] = 1.0
    column = [i.id for i in config.items].index(item) + 1
    return Domains(cells=cells[None, :], column=np.array([column]))


@pytest.mark.parametrize(
    "key, path",
    [
        ("overall", ["overall"]),
        ("group/学生", ["group", "学生"]),
        ("cell/家长/乙街道/overall", None),
    ],
)
def test_wilson_intervals_match_r(key, path, stats, small_config):
    config = configured(small_config, interval="wilson")
    where = _cell(config, "家长", "乙街道", "overall") if path is None else domain(config, path)
    result = estimate(stats, config, "rate", "none", where)
    low, high = WILSON[key]
    assert (result.ci_low[0], result.ci_high[0]) == (
        pytest.approx(low, abs=1e-9),
        pytest.approx(high, abs=1e-9),
    )


def test_a_cell_at_one_hundred_percent_keeps_a_width(stats, small_config):
    where = _cell(small_config, "家长", "乙街道", "overall")
    normal = estimate(stats, configured(small_config, interval="normal"), "rate", "none", where)
    wilson = estimate(stats, configured(small_config, interval="wilson"), "rate", "none", where)
    assert normal.estimate[0] == 1.0 and normal.se[0] == 0.0
    assert normal.ci_low[0] == normal.ci_high[0] == 1.0  # the normal interval collapses
    n = 10  # ten parents answered, all satisfied
    assert wilson.ci_low[0] == pytest.approx(n / (n + Z_95**2)) and wilson.ci_high[0] == 1.0


@pytest.mark.parametrize("p", [0.0, 1.0])
def test_wilson_at_the_ends_uses_kish_n(p):
    low, high = interval(np.array([p]), np.array([0.0]), np.array([25.0]), "wilson")
    width = 25 / (25 + Z_95**2)
    assert (low[0], high[0]) == (
        (0.0, pytest.approx(1 - width)) if p == 0 else (pytest.approx(width), 1.0)
    )
