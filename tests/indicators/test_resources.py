"""Section classes of resource allocation: the four-way rule and the demo's published split."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators import (
    SECTION_CLASSES,
    assess_resources,
    classify_section,
    in_scope,
    load_resource_rules,
)
from loaders import load_county

RULES = load_resource_rules()


@pytest.mark.parametrize(
    "met, above_floor, expected",
    [
        (7, 7, "all7"),
        (6, 7, "six_plus"),
        (6, 6, "fail_below85"),
        (5, 7, "fail_two_or_more"),
        (5, 5, "fail_two_or_more"),
        (0, 0, "fail_two_or_more"),
    ],
)
def test_classify_section_examples(met, above_floor, expected):
    assert classify_section(met, above_floor, RULES) == expected


@given(st.integers(0, 7).flatmap(lambda met: st.tuples(st.just(met), st.integers(met, 7))))
def test_class_is_consistent_with_counts(counts):
    met, above_floor = counts
    klass = classify_section(met, above_floor, RULES)
    assert klass in SECTION_CLASSES
    passes = klass in ("all7", "six_plus")
    assert passes == (met >= 6 and above_floor == 7)


@pytest.fixture(scope="module")
def demo_resources(project_root):
    package = load_county(project_root / "data" / "demo")
    return assess_resources(in_scope(package.schools, package.options.exclude_small_points), RULES)


def test_demo_reproduces_published_section_split(demo_resources):
    """The report: 87 all seven; 3 six with the 7th ≥ 85 %; 2 with five; 23 six with one < 85 %."""
    assert demo_resources.class_counts() == {
        "all7": 87,
        "six_plus": 3,
        "fail_below85": 23,
        "fail_two_or_more": 2,
    }
    fails = demo_resources.sections[demo_resources.sections["klass"] == "fail_two_or_more"]
    assert (fails["met"] == 5).all() and (fails["above_floor"] == 7).all()


def test_demo_cvs_all_within_limits(demo_resources):
    cvs = demo_resources.cvs
    assert len(cvs) == 14
    assert (cvs.loc["primary", "cv"] < 0.50).all() and (cvs.loc["junior", "cv"] < 0.45).all()
    assert (cvs["cv"] > 0.05).all()  # realistic spread, not a degenerate county


def small_county(levels: list[str], **values) -> pd.DataFrame:
    """Return one section per entry of `levels`, each meeting every standard (1,000 students)."""
    from .test_declaration_errors import full_section

    return pd.DataFrame(
        [full_section(f"S{n}", level=lv, **values) for n, lv in enumerate(levels, 1)]
    )


@pytest.mark.parametrize(
    "levels, notes",
    [
        (["primary", "primary", "junior"], {"primary": None, "junior": "one_section"}),
        (["primary", "primary"], {"primary": None, "junior": "no_sections"}),
        (["primary", "junior"], {"primary": "one_section", "junior": "one_section"}),
    ],
)
def test_a_level_with_fewer_than_two_sections_has_no_cv_and_no_pass(levels, notes):
    result = assess_resources(small_county(levels), RULES)
    for level, note in notes.items():
        part = result.cvs.loc[level]
        assert (part["note"].isna() if note is None else part["note"] == note).all()
        assert (part["sections"] == levels.count(level)).all()
        if note is not None:
            assert part["cv"].isna().all()
            assert not part["passes"].any()  # "not meaningful" is never a pass
        else:
            assert (part["cv"] == 0).all() and part["passes"].all()
    # B counts only the levels with a meaningful CV
    assert result.all_cvs_pass
    assert len(result.meaningful_cvs) == 7 * sum(n is None for n in notes.values())


def test_a_standard_nobody_meets_at_all_has_no_cv_rather_than_a_crash():
    result = assess_resources(small_county(["primary", "primary"], backbone_teachers=0), RULES)
    assert result.cvs.loc[("primary", "R2"), "note"] == "zero_mean"
    assert pd.isna(result.cvs.loc[("primary", "R1"), "note"])
