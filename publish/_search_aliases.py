"""The other names a reader types for a school: its abbreviations and short forms, for search.

Why: the search index holds the words jieba cuts a heading into (示例第十四中学 → 示例 / 第十四 /
中学), and a query matches whole words or their beginnings, so the names people actually say —
十四中, 三十五小, 柳河一中, 实验小学 — match no word of the school's heading. Each school section's
search entry gets these forms as extra words of its own (publish/_mkdocs.py adds them), made
from the registered name by the usual rules of Chinese school abbreviation: drop 第 before the
number, shorten the school type (中学 → 中, 初级中学 → 初中), write the number in digits, name
the section's level (实验学校 小学部 → 实验小学), and keep, shorten or drop the place in front
(柳河县 → 柳河). Nothing is listed by hand, so every county's schools get them.

A form that only drops words of the name (第十四中学 for 示例第十四中学) is left out: the
heading's own words already match it, and as one word of its own it would take the query away
from the other pages that mention the school.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from publish._results import Results

# the search field the forms go in, and its weight: as strong as the heading they stand for
ALIAS_FIELD = "aliases"
ALIAS_BOOST = 1000.0

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
DIGITS |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100}
ORDINAL = re.compile(f"第([{''.join(DIGITS)}{''.join(UNITS)}]+)")
# a school type at the end of a name → its short forms; longest first, the first match applies
SHORT_TYPES = {
    "特殊教育学校": ("特教学校", "特校"),
    "九年一贯制学校": ("九年制学校",),
    "初级中学": ("初中",),
    "高级中学": ("高中",),
    "完全中学": ("完中",),
    "中心小学": ("中心校", "中心小"),
    "实验小学": ("实小",),
    "实验中学": ("实中",),
    "小学": ("小",),
    "中学": ("中",),
    "学校": ("校",),
}
# the level a section teaches, as a school named after it would end (实验学校 小学部 → 实验小学)
SECTION_LEVELS = {"小学部": ("小学",), "初中部": ("初中", "中学")}
# a bare level or type is no school's name: 初中 alone would pull every search for 初中 to one
# school (东山乡初级中学 → 东山初中, never 初中)
TYPE_WORDS = {"小学", "中学", "学校", "初中", "高中", "初级中学", "高级中学", "完全中学", "完中"}
TYPE_WORDS |= {"小", "中", "校"}
# a form is one search word: letters, digits and Han only (no separator, no markup from a name)
WORD = re.compile(r"[^\W_]+")
PLACE_SUFFIXES = ("自治县", "街道", "县", "区", "市", "旗", "乡", "镇")


def numeral(number: int) -> str:
    """Return 1–999 in Chinese numerals as school names write them (十四, 三十五, 一百零五)."""
    if not 0 < number < 1000:
        raise ValueError(f"{number} is outside 1–999")
    hundreds, tens, ones = number // 100, number // 10 % 10, number % 10
    names = "零一二三四五六七八九"
    text = f"{names[hundreds]}百" if hundreds else ""
    if tens:
        text += ("" if tens == 1 and not hundreds else names[tens]) + "十"
    elif hundreds and ones:
        text += "零"
    return text + (names[ones] if ones else "")


def arabic(text: str) -> int | None:
    """Return the value of a Chinese numeral (三十五 → 35), or None if it is not one in the form
    school names use (1–999)."""
    value, digit = 0, 0
    for char in text:
        if char in DIGITS:
            digit = DIGITS[char]
        elif char in UNITS:
            value, digit = value + (digit or 1) * UNITS[char], 0
        else:
            return None
    value += digit
    plain = text.replace("两", "二").replace("〇", "零")
    return value if 0 < value < 1000 and numeral(value) == plain else None


def place_forms(place: str) -> list[str]:
    """Return a place as names write it: in full, and without its 县 / 乡 / 街道 (柳河县 → 柳河)."""
    forms = [place]
    for suffix in PLACE_SUFFIXES:
        if place.endswith(suffix) and len(place) - len(suffix) >= 2:
            forms.append(place.removesuffix(suffix))
            break
    return forms


def place_names(county: str, towns: Iterable[str]) -> list[str]:
    """Return the places a school name may begin with: the county and its towns, each without a
    note in brackets (渝北区（示例） → 渝北区)."""
    names = [re.sub(r"[（(].*?[）)]", "", name).strip() for name in (county, *towns)]
    return list(dict.fromkeys(n for n in names if n))


def _split(name: str, places: Iterable[str]) -> tuple[list[str], str]:
    """Return (the forms of the place the name begins with, the rest of the name).

    Without a known place, whatever precedes the number (示例 in 示例第五小学) is kept or dropped
    as a whole.
    """
    known = sorted((p for p in places if name.startswith(p) and len(name) > len(p)), key=len)
    if known:
        return place_forms(known[-1]), name[len(known[-1]) :]
    match = ORDINAL.search(name)
    if match and match.start() > 0:
        return [name[: match.start()]], name[match.start() :]
    return [], name


def _shortened(core: str, allow_one_character: bool) -> list[str]:
    for full, shorts in SHORT_TYPES.items():
        if core.endswith(full):
            head = core.removesuffix(full)
            return [head + s for s in shorts if allow_one_character or len(s) > 1]
    return []


def _core_forms(core: str, section: str) -> list[str]:
    """Return the changed forms of a name without its place (第十四中学 → 十四中, 14中 …)."""
    forms = []
    match = ORDINAL.search(core)
    number = arabic(match.group(1)) if match else None
    if match and number is not None:
        before, rest = core[: match.start()], core[match.end() :]
        for written in (match.group(1), str(number)):
            for tail in (rest, *_shortened(rest, allow_one_character=True)):
                forms += [before + written + tail, written + tail] if before else [written + tail]
        return forms
    forms += _shortened(core, allow_one_character=False)
    if core.endswith("学校") and len(core) > 2:
        forms += [core.removesuffix("学校") + level for level in SECTION_LEVELS.get(section, ())]
    return forms


def school_aliases(name: str, section: str, places: Iterable[str]) -> list[str]:
    """Return the other names of one school section, most literal first, without repeats.

    `places` are the place names a school name may begin with (see place_names).
    """
    heads, core = _split(name.strip(), places)
    forms = [f for f in _core_forms(core, section.strip()) if f != core]
    found = [head + form for form in forms for head in heads] + forms
    return [f for f in dict.fromkeys(found) if f not in TYPE_WORDS | {name} and WORD.fullmatch(f)]


def section_aliases(results: Results) -> dict[str, list[str]]:
    """Return every registered section's other names, by section id."""
    register = results.schools
    places = place_names(results.county.name_zh, register["town"].dropna().astype(str))
    return {
        str(row.section_id): school_aliases(str(row.school_name), str(row.section_name), places)
        for row in register.itertuples()
    }


def add_aliases(entries: list[dict], aliases: dict[str, list[str]]) -> int:
    """Give each school section's search entry its other names; return how many got them.

    A section's entry is the one whose address ends in the section's anchor (#s005) and whose
    title names the section id (示例第五小学 本部（S005）), in either language. Material's entries
    are changed in place: its search plugin writes them out after the build.
    """
    by_anchor = {section_id.lower(): (section_id, words) for section_id, words in aliases.items()}
    count = 0
    for entry in entries:
        anchor = str(entry.get("location", "")).rpartition("#")[2]
        section_id, words = by_anchor.get(anchor, ("", []))
        if words and section_id in str(entry.get("title", "")):
            entry[ALIAS_FIELD] = " ".join(words)
            count += 1
    return count
