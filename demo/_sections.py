"""The demonstration county's school structure: 103 legal schools and their 115 sections.

The reference report publishes counts of schools and sections by type, so the structure is fixed
(not drawn): the generator fills it with students, classes and resources. Every name carries 示例
so that no synthetic number is ever attached to a real school.
"""

from __future__ import annotations

from dataclasses import dataclass

NUMERALS = "零一二三四五六七八九十"


def _chinese_number(n: int) -> str:
    if n <= 10:
        return NUMERALS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else NUMERALS[tens]) + "十" + (NUMERALS[ones] if ones else "")


@dataclass
class Section:
    section_id: str
    school_id: str
    school_name: str
    section_name: str
    school_type: str
    level: str
    students: int = 0


def _structure() -> list[Section]:
    """Return the 115 sections of the 103 legal schools (reading stated on the data-notes page).

    Primary 74 = 63 standalone + 11 primary sections of the 10 nine-year and 1 twelve-year schools.
    Junior 41 = 17 standalone + 1 branch campus + 10 junior sections of the 一贯制 schools (the
    newest nine-year school has not yet enrolled junior grades) + 11 complete-secondary junior
    sections + 2 branch campuses. The special-education school is a legal school with no
    in-scope section (special-education schools are outside the resource rules).
    """
    sections: list[Section] = []
    counter = iter(range(1, 1000))

    def school(kind: str, number: int) -> tuple[str, str]:
        code = f"9950{next(counter):04d}"
        suffix = {
            "primary": "小学",
            "junior": "中学",
            "nine_year": "学校",
            "twelve_year": "学校",
            "complete_secondary": "中学",
            "special": "特殊教育学校",
        }[kind]
        name = (
            f"示例第{_chinese_number(number)}{suffix}" if kind != "special" else "示例特殊教育学校"
        )
        if kind == "nine_year":
            name = f"示例九年制第{_chinese_number(number)}学校"
        if kind == "twelve_year":
            name = "示例十二年制学校"
        if kind == "complete_secondary":
            name = f"示例完全中学第{_chinese_number(number)}校"
        return code, name

    def add(code: str, name: str, kind: str, level: str, section_name: str) -> None:
        sid = f"S{len(sections) + 1:03d}"
        sections.append(Section(sid, code, name, section_name, kind, level))

    for i in range(1, 64):
        code, name = school("primary", i)
        add(code, name, "primary", "primary", "本部")
    for i in range(1, 18):
        code, name = school("junior", i)
        add(code, name, "junior", "junior", "本部")
        if i == 1:
            add(code, name, "junior", "junior", "分校区")
    for i in range(1, 11):
        code, name = school("nine_year", i)
        add(code, name, "nine_year", "primary", "小学部")
        if i != 10:
            add(code, name, "nine_year", "junior", "初中部")
    code, name = school("twelve_year", 1)
    add(code, name, "twelve_year", "primary", "小学部")
    add(code, name, "twelve_year", "junior", "初中部")
    for i in range(1, 12):
        code, name = school("complete_secondary", i)
        add(code, name, "complete_secondary", "junior", "初中部")
        if i in (1, 2):
            add(code, name, "complete_secondary", "junior", "分校区初中部")
    code, name = school("special", 1)
    add(code, name, "special", "primary", "本部")
    return sections
