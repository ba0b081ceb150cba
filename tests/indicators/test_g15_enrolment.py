"""G15 judges the rule's share (in public or purchased places / eligible ≥ 85 %), never the
enrolment rate many reports give instead: the rate is shown beside it when the county gives the
enrolled count, and changes no status."""

from __future__ import annotations

import pytest

from indicators import load_evaluation_rules
from indicators._guarantee import GUARANTEE

from .test_guarantee import inputs, section

RULE = load_evaluation_rules().indicators["G15"]


def g15(**measures):
    return GUARANTEE["G15"](inputs([section("S1")], measures=measures), RULE)


@pytest.mark.parametrize(
    "public, enrolled, expected",
    [
        (850, 1000, "met"),  # every child enrolled, 85 % in public places: met at the boundary
        (849, 1000, "not_met"),  # a full enrolment rate does not lift a share below 85 %
        (850, 850, "met"),
        (1000, 850, "met"),  # an enrolment rate below 85 % fails nothing: it is not the rule
        (849, None, "not_met"),
        (850, None, "met"),
    ],
)
def test_the_status_rests_on_the_public_share_alone(public, enrolled, expected):
    measures = {"migrant_children_eligible": 1000, "migrant_children_public": public}
    if enrolled is not None:
        measures["migrant_children_enrolled"] = enrolled
    assert g15(**measures).status == expected


def test_the_enrolment_rate_is_shown_only_when_the_enrolled_count_is_given():
    without = g15(migrant_children_eligible=200, migrant_children_public=170)
    assert [f.key for f in without.values] == [
        "migrant_children_public",
        "migrant_children_eligible",
        "g15_public_share",
    ]
    given = g15(
        migrant_children_eligible=200, migrant_children_public=170, migrant_children_enrolled=190
    )
    figures = {f.key: (f.value, f.unit) for f in given.values}
    assert figures["migrant_children_enrolled"] == (190, "count")
    assert figures["g15_enrolment_rate"] == (0.95, "share")  # 190 / 200, not 170 / 190
    assert figures["g15_public_share"] == (0.85, "share")
    # the threshold is the public share's: the rate never gets one
    assert [(f.key, f.op) for f in given.thresholds] == [("g15_public_share", ">=")]
    assert given.note == "g15_left_behind_care_declared"


def test_no_eligible_children_gives_no_rate_and_no_data():
    computed = g15(migrant_children_public=0, migrant_children_enrolled=0)
    assert computed.status == "no_data"
    assert {f.key: f.value for f in computed.values}["g15_enrolment_rate"] is None
