"""The other names of a school that site search indexes (publish/_search_aliases.py).

The browser side (the forms actually putting the school first) is tests/site/test_search_worker.py.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from publish._search_aliases import (
    ALIAS_FIELD,
    SECTION_LEVELS,
    SHORT_TYPES,
    TYPE_WORDS,
    add_aliases,
    arabic,
    numeral,
    place_forms,
    place_names,
    school_aliases,
    section_aliases,
)

LIUHE = place_names("柳河县", ["柳河镇", "西湖街道", "东山乡"])
DEMO = place_names("渝北区（示例）", ["龙泉镇", "青松街道"])
HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
NAMES = st.text(HAN, min_size=1, max_size=12) | st.builds(
    lambda place, number, mark, kind: f"{place}{mark}第{numeral(number)}{kind}",
    st.sampled_from(["柳河县", "示例", "东山乡", ""]),
    st.integers(1, 999),
    st.sampled_from(["", "<b>", " ", "_", "&amp;", "（示例）"]),
    st.sampled_from(["小学", "中学", "学校", "初级中学", "校"]),
)
PLACES = st.lists(st.text(HAN, min_size=2, max_size=4), max_size=3)
SECTIONS = st.sampled_from(["本部", "小学部", "初中部", "分校区", ""])


NUMERALS = [(1, "一"), (10, "十"), (14, "十四"), (20, "二十"), (35, "三十五"), (105, "一百零五")]
NUMERALS += [(110, "一百一十"), (999, "九百九十九")]


@pytest.mark.parametrize("number, text", NUMERALS)
def test_numerals_as_school_names_write_them(number, text):
    assert numeral(number) == text
    assert arabic(text) == number


@given(st.integers(1, 999))
def test_every_numeral_reads_back(number):
    assert arabic(numeral(number)) == number


@pytest.mark.parametrize("text", ["", "十十", "二二", "一十四", "千", "第五", "零"])
def test_what_is_no_numeral_of_a_school_name_reads_as_none(text):
    assert arabic(text) is None


def test_two_and_zero_may_be_written_either_way():
    assert arabic("两百") == 200 and arabic("一百〇五") == 105


@pytest.mark.parametrize("number", [0, 1000, -3])
def test_numeral_refuses_what_no_school_is_numbered(number):
    with pytest.raises(ValueError):
        numeral(number)


def test_places_lose_their_note_and_their_suffix():
    assert place_names("渝北区（示例）", ["龙泉镇", "龙泉镇", ""]) == ["渝北区", "龙泉镇"]
    assert place_forms("柳河县") == ["柳河县", "柳河"]
    assert place_forms("西湖街道") == ["西湖街道", "西湖"]
    assert place_forms("东乡") == ["东乡"]  # one character would be left: kept whole


@pytest.mark.parametrize(
    "name, section, wanted",
    [
        ("示例第三十五小学", "本部", {"三十五小学", "三十五小", "35小", "示例三十五小"}),
        ("示例第十四中学", "本部", {"十四中", "十四中学", "14中", "示例十四中"}),
        ("示例完全中学第十一校", "初中部", {"十一校", "11校"}),
        ("示例特殊教育学校", "本部", {"示例特校", "示例特教学校"}),
    ],
)
def test_demo_names_get_their_abbreviations(name, section, wanted):
    assert wanted <= set(school_aliases(name, section, DEMO))


@pytest.mark.parametrize(
    "name, section, wanted",
    [
        ("柳河县第一中学", "本部", {"一中", "柳河一中", "柳河县一中", "1中"}),
        ("柳河县第二小学", "本部", {"二小", "柳河二小"}),
        ("柳河县实验学校", "小学部", {"实验小学", "柳河实验小学"}),
        ("柳河县实验学校", "初中部", {"实验初中", "实验中学"}),
        ("东山乡初级中学", "本部", {"东山初中", "东山乡初中"}),
        ("东山乡中心小学", "本部", {"东山中心校", "中心校"}),
        ("柳河县特殊教育学校", "本部", {"特校", "柳河特校"}),
    ],
)
def test_a_second_countys_names_get_theirs(name, section, wanted):
    assert wanted <= set(school_aliases(name, section, LIUHE))


def test_forms_the_heading_already_matches_or_no_school_owns_are_left_out():
    """第十四中学 only drops a word of 示例第十四中学; 初中 alone is every junior school."""
    assert "第十四中学" not in school_aliases("示例第十四中学", "本部", DEMO)
    assert "初中" not in school_aliases("东山乡初级中学", "本部", LIUHE)
    assert "实验小学" not in school_aliases("柳河县实验学校", "初中部", LIUHE)
    assert school_aliases("东山乡花园村教学点", "本部", LIUHE) == []


@given(
    st.sampled_from(["柳河县", "东山乡", "示例", "西湖街道"]),
    st.integers(1, 999),
    st.sampled_from([("小学", "小"), ("中学", "中")]),
)
def test_a_numbered_school_is_found_by_number_and_short_type(place, number, kind):
    full, short = kind
    found = school_aliases(f"{place}第{numeral(number)}{full}", "本部", LIUHE)
    for form in (f"{numeral(number)}{short}", f"{number}{short}", f"{numeral(number)}{full}"):
        assert form in found
    assert f"{place_forms(place)[-1]}{numeral(number)}{short}" in found


@given(NAMES, SECTIONS, PLACES)
def test_every_form_is_one_new_specific_word(name, section, places):
    """Each form is one search word (no space, separator or markup), said once, not the name,
    not a bare type."""
    found = school_aliases(name, section, place_names("柳河县", places))
    assert len(found) == len(set(found))
    assert name not in found
    assert not [f for f in found if not re.fullmatch(r"[^\W_]+", f) or f in TYPE_WORDS]


@given(NAMES, SECTIONS, PLACES)
def test_forms_are_made_of_the_name_and_nothing_invented(name, section, places):
    """Every character of a form is the name's, a digit, or one of a short type or level."""
    short = set("".join(v for values in SHORT_TYPES.values() for v in values))
    short |= set("".join(v for values in SECTION_LEVELS.values() for v in values))
    for form in school_aliases(name, section, place_names("柳河县", places)):
        assert set(form) <= set(name) | set("0123456789") | short, form


def test_entries_of_the_sections_get_their_forms_in_both_languages():
    title = "柳河县\u200b第一\u200b中学 本部（LH08）"
    entries = [
        {"location": "schools/#lh08", "title": title, "text": ""},
        {"location": "en/schools/#lh08", "title": "Liuhe No. 1 Junior High (LH08)", "text": ""},
        {"location": "schools/#town-1", "title": "柳河镇", "text": ""},
        {"location": "methodology/#lh08", "title": "An anchor that is no section", "text": ""},
        {"location": "schools/", "title": "学校查询", "text": ""},
    ]
    count = add_aliases(entries, {"LH08": ["一中", "柳河一中"], "LH01": ["一小"]})
    assert count == 2
    assert [e.get(ALIAS_FIELD) for e in entries] == ["一中 柳河一中"] * 2 + [None] * 3


def test_every_registered_section_gets_its_forms():
    register = pd.DataFrame(
        {
            "section_id": ["LH08", "LH05"],
            "school_name": ["柳河县第一中学", "东山乡花园村教学点"],
            "section_name": ["本部", "本部"],
            "town": ["柳河镇", "东山乡"],
        }
    )
    results = SimpleNamespace(schools=register, county=SimpleNamespace(name_zh="柳河县"))
    found = section_aliases(results)
    assert set(found) == {"LH08", "LH05"}
    assert "柳河一中" in found["LH08"] and found["LH05"] == []
