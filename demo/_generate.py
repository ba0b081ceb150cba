"""Write the synthetic demonstration county's school register and class register.

The reference report publishes aggregates only, so rows are synthetic and drawn with a fixed seed
so that the project's own calculations reproduce every published school-side figure. Names carry
示例 so that no synthetic number is ever attached to a real school.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from demo import _targets as T
from indicators import classify_section, load_resource_rules

SEED = 20250320
TOWNS = [
    "青松街道",
    "白鹭街道",
    "云台街道",
    "石门街道",
    "临江街道",
    "望山街道",
    "桂溪镇",
    "竹林镇",
    "龙泉镇",
    "花溪镇",
    "清水镇",
    "柏树镇",
]
TOWN_AREA = {t: ("urban" if "街道" in t else "town") for t in TOWNS}
SCHOOL_TYPE_ZH = {
    "primary": "小学",
    "junior": "初中",
    "nine_year": "九年一贯制学校",
    "twelve_year": "十二年一贯制学校",
    "complete_secondary": "完全中学",
    "special": "特殊教育学校",
}
LEVEL_ZH = {"primary": "小学", "junior": "初中"}
AREA_ZH = {"urban": "城区", "town": "镇区", "rural": "乡村"}
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


def _split_total(total: int, weights: np.ndarray) -> np.ndarray:
    """Return integers proportional to weights that add up to total (largest remainder)."""
    raw = weights / weights.sum() * total
    out = np.floor(raw).astype(int)
    for i in np.argsort(-(raw - out))[: total - out.sum()]:
        out[i] += 1
    return out


def _students(sections: list[Section], rng: np.random.Generator) -> dict[str, dict]:
    """Assign students: the published over-2000 counts by G4 category, one oversized 一贯制
    school, two tiny schools, and exact level totals.

    `plan[section_id]`: big (above 2000), small (under 100), g4 (the G4 category the section is
    built to fall in: within_exception, within_plan, over, or None).
    """
    plan: dict[str, dict] = {}
    # 一贯制 schools: the first one above 2500 in its compulsory grades, the others within 2400
    through = [s for s in sections if s.school_type in ("nine_year", "twelve_year")]
    fixed = {
        s.section_id: int(
            rng.integers(700, 1500) if s.level == "primary" else rng.integers(300, 850)
        )
        for s in through
    }
    fixed[through[0].section_id] = int(rng.integers(1800, 1950))
    fixed[through[1].section_id] = int(rng.integers(750, 900))
    for level in ("primary", "junior"):
        group = [s for s in sections if s.level == level and s.school_type != "special"]
        standalone = [s for s in group if s.school_type == level]
        big = rng.choice(len(standalone), T.OVERSIZED[level], replace=False)
        categories = [c for c, n in T.G4_CATEGORIES[level].items() for _ in range(n)]
        g4 = {standalone[i].section_id: c for i, c in zip(big, categories, strict=True)}
        small_ids = set()
        if level == "primary":
            rest = [s for s in standalone if s.section_id not in g4]
            small_ids = {
                rest[i].section_id for i in rng.choice(len(rest), T.SMALL_SCHOOLS, replace=False)
            }
        sizes = {sid: n for sid, n in fixed.items() if sid in {s.section_id for s in group}}
        for s in group:
            if g4.get(s.section_id) == "within_exception":
                sizes[s.section_id] = int(rng.integers(2050, 2400))
            elif s.section_id in g4:
                sizes[s.section_id] = int(rng.integers(2050, 2700))
            elif s.section_id in small_ids:
                sizes[s.section_id] = int(rng.integers(55, 98))
        others = [s for s in group if s.section_id not in sizes]
        remaining = T.STUDENTS[level] - sum(sizes.values())
        weights = rng.lognormal(0.0, 0.45, len(others))
        split = _split_total(remaining, weights)
        # keep ordinary sections between 150 and 1990 students by moving surplus around
        for _ in range(1000):
            high, low = np.argmax(split), np.argmin(split)
            if split[high] <= 1990 and split[low] >= 150:
                break
            move = max(split[high] - 1990, 150 - split[low], 0)
            split[high] -= move
            split[low] += move
        for s, n in zip(others, split, strict=True):
            sizes[s.section_id] = int(n)
        for s in group:
            s.students = sizes[s.section_id]
            plan[s.section_id] = {
                "big": s.section_id in g4,
                "small": s.section_id in small_ids,
                "g4": g4.get(s.section_id),
            }
    for s in through[:2]:
        plan[s.section_id]["g4"] = "over"  # the one 一贯制 school above 2500, built after 2010
    for s in sections:
        if s.school_type == "special":  # out of scope: not part of the published level totals
            s.students = T.SPECIAL_SCHOOL_STUDENTS
            plan[s.section_id] = {"big": False, "small": False, "g4": None}
    return plan


def _year_built(built_old: bool, g4: str | None, rng: np.random.Generator) -> int:
    """Return a build year: the G4 exception needs ≤ 2010; other oversized schools are newer."""
    if g4 == "within_exception":
        return int(rng.integers(1985, 2011))
    if g4 is not None:
        return int(rng.integers(2011, 2017) if built_old else rng.integers(2017, 2025))
    return int(rng.integers(1985, 2017) if built_old else rng.integers(2017, 2025))


def _planned(students: int, g4: str | None, rng: np.random.Generator) -> int:
    """Return the planned size: below the enrolment for schools that outgrew their plan."""
    if g4 == "over":
        return int(math.floor(students / 100) * 100 - rng.integers(1, 4) * 100)
    return int(math.ceil(students / 100) * 100 + rng.integers(0, 4) * 100)


def _class_sizes(
    n: int, classes: int, within: int, limit: int, rng: np.random.Generator
) -> list[int]:
    """Return `classes` sizes adding to n with exactly `within` of them ≤ limit (when feasible)."""
    if classes == 1:
        return [n]
    sizes = _split_total(n, rng.uniform(0.9, 1.1, classes)).tolist()
    order = sorted(range(classes), key=lambda i: sizes[i])
    # move students from the larger classes into the smaller ones until `within` are ≤ limit
    for _ in range(20 * n):
        count = sum(x <= limit for x in sizes)
        if count == within:
            break
        order = sorted(range(classes), key=lambda i: sizes[i])
        if count < within:  # make one more class fit: shrink the smallest oversized class
            donor = next(i for i in order if sizes[i] > limit)
            sizes[donor] -= 1
            receiver = order[-1] if order[-1] != donor else order[-2]
            sizes[receiver] += 1
        else:  # make one fewer fit: grow the largest class within the limit
            grow = [i for i in order if sizes[i] <= limit][-1]
            sizes[grow] += 1
            sizes[order[0] if order[0] != grow else order[1]] -= 1
    return sizes


def _resource_ratios(target: str, rng: np.random.Generator) -> dict[str, float]:
    """Return value / standard per indicator for the section's target class."""
    ratios = {
        f"R{i}": float(np.clip(rng.lognormal(np.log(1.35), 0.18), 1.03, 2.2)) for i in range(1, 8)
    }
    # R1 and R3 are bounded by teacher head counts; failures fall on space, equipment, rooms
    failing = ["R4", "R5", "R6", "R7", "R2"]
    if target == "six_plus":
        ratios[str(rng.choice(failing))] = float(rng.uniform(0.87, 0.98))
    elif target == "fail_below85":
        ratios[str(rng.choice(failing, p=[0.3, 0.5, 0.1, 0.05, 0.05]))] = float(
            rng.uniform(0.55, 0.82)
        )
    elif target == "fail_two_or_more":
        for ident in rng.choice(failing, 2, replace=False):
            ratios[str(ident)] = float(rng.uniform(0.87, 0.98))
    return ratios


def build_registers(seed: int = SEED) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (schools, classes) frames with the Chinese headers staff would write."""
    rng = np.random.default_rng(seed)
    rules = load_resource_rules()
    everything = _structure()
    special = [s for s in everything if s.school_type == "special"]
    sections = [s for s in everything if s.school_type != "special"]
    plan = _students(everything, rng)

    # classes per section, then class sizes with the published counts within the limit
    class_rows = []
    classes_of: dict[str, int] = {}
    for level in ("primary", "junior"):
        group = [s for s in sections if s.level == level]
        counts = _split_total(T.CLASSES[level], np.array([s.students for s in group], float))
        counts = np.maximum(counts, 1)
        while counts.sum() > T.CLASSES[level]:
            counts[np.argmax(counts)] -= 1
        limit = T.CLASS_LIMIT[level]
        within = _split_total(T.CLASSES_WITHIN_LIMIT[level], counts.astype(float))
        within = np.minimum(within, counts)
        grades = range(1, 7) if level == "primary" else range(7, 10)
        for s, c, w in zip(group, counts, within, strict=True):
            sizes = _class_sizes(s.students, int(c), int(w), limit, rng)
            classes_of[s.section_id] = int(c)
            grade_list = [list(grades)[i * len(grades) // int(c)] for i in range(int(c))]
            for k, (g, size) in enumerate(zip(grade_list, sizes, strict=True)):
                class_rows.append(
                    {
                        "学部编号": s.section_id,
                        "年级": g,
                        "班号": f"{g}.{k + 1:02d}",
                        "班级人数": size,
                    }
                )
    classes = pd.DataFrame(class_rows)
    # fix the global count of classes within the limit exactly by moving one student at a time
    for level in ("primary", "junior"):
        limit = T.CLASS_LIMIT[level]
        ids = {s.section_id for s in sections if s.level == level}
        part = classes["学部编号"].isin(ids)
        for _ in range(100_000):
            sizes = classes.loc[part, "班级人数"]
            diff = int((sizes <= limit).sum()) - T.CLASSES_WITHIN_LIMIT[level]
            if diff == 0:
                break
            # within one section, move a student from one class to another to change the count
            frame = classes[part]
            for _section, g in frame.groupby("学部编号", sort=False):
                if (
                    diff < 0
                    and (g["班级人数"] == limit + 1).any()
                    and (g["班级人数"] < limit).any()
                ):
                    classes.loc[g.index[(g["班级人数"] == limit + 1).argmax()], "班级人数"] -= 1
                    classes.loc[g["班级人数"].idxmin(), "班级人数"] += 1
                    break
                if diff > 0 and (g["班级人数"] == limit).any() and (g["班级人数"] > limit).any():
                    classes.loc[g.index[(g["班级人数"] == limit).argmax()], "班级人数"] += 1
                    classes.loc[g["班级人数"].idxmax(), "班级人数"] -= 1
                    break
            else:
                raise RuntimeError(f"cannot reach the published class-size count for {level}")

    # teachers: exact level totals, enough for R1 everywhere
    teacher_counts: dict[str, int] = {}
    for level in ("primary", "junior"):
        group = [s for s in sections if s.level == level]
        weights = np.array([s.students for s in group], float) * rng.uniform(0.95, 1.12, len(group))
        weights = np.maximum(
            weights, 9.0 / T.TEACHERS[level] * weights.sum()
        )  # tiny schools need staff
        for s, n in zip(group, _split_total(T.TEACHERS[level], weights), strict=True):
            teacher_counts[s.section_id] = int(n)

    # target classes of resource allocation, failures leaning to the crowded sections
    order = sorted(sections, key=lambda s: (not plan[s.section_id]["big"], rng.random()))
    targets: dict[str, str] = {}
    queue = ["fail_below85"] * 12 + ["fail_two_or_more"] * 1 + ["six_plus"] * 1
    rest = (
        ["fail_below85"] * (T.SECTION_CLASSES["fail_below85"] - 12)
        + ["fail_two_or_more"] * (T.SECTION_CLASSES["fail_two_or_more"] - 1)
        + ["six_plus"] * (T.SECTION_CLASSES["six_plus"] - 1)
    )
    big = [s for s in order if plan[s.section_id]["big"]]
    normal = [s for s in order if not plan[s.section_id]["big"] and not plan[s.section_id]["small"]]
    rng.shuffle(normal)
    for s, t in zip(big, queue, strict=False):
        targets[s.section_id] = t
    for s, t in zip(normal, rest, strict=False):
        targets[s.section_id] = t
    for s in sections:
        targets.setdefault(s.section_id, "all7")

    migrants = _split_total(
        T.MIGRANT_STUDENTS,
        np.array([s.students for s in sections], float) * rng.uniform(0.3, 1.7, len(sections)),
    )
    excused = [s.section_id for s in sections if plan[s.section_id]["g4"] == "within_exception"]
    pool = [s.section_id for s in sections if s.section_id not in excused]
    extra = T.BUILT_BY_2016 - len(excused)
    old = set(excused) | set(rng.choice(pool, extra, replace=False).tolist())

    rows = []
    for s, migrant in zip(sections, migrants, strict=True):
        n = s.students
        teachers = teacher_counts[s.section_id]
        level = s.level
        std = {k: v.by_level[level] for k, v in rules.standards.items()}
        for _attempt in range(200):
            r = _resource_ratios(targets[s.section_id], rng)
            counts = {
                "R1": min(teachers, math.ceil(r["R1"] * std["R1"] * n / 100)),
                "R2": _count(r["R2"], std["R2"], n),
                "R3": _count(r["R3"], std["R3"], n),
                "R7": _count(r["R7"], std["R7"], n),
            }
            amounts = {k: round(r[k] * std[k] * n, 2) for k in ("R4", "R5", "R6")}
            values = {
                **{k: counts[k] * 100 / n for k in ("R1", "R2", "R3", "R7")},
                **{k: amounts[k] / n for k in amounts},
            }
            met = sum(rules.standards[k].meets(v, level) for k, v in values.items())
            floor = sum(v >= rules.floor_share * std[k] for k, v in values.items())
            pe_art = counts["R3"]
            if (
                classify_section(met, floor, rules) == targets[s.section_id]
                and pe_art <= teachers // 3
            ):
                break
        else:
            raise RuntimeError(f"no values fit the target class for {s.section_id}")
        pe = max(1, round(pe_art * 0.5))
        music = max(0, round((pe_art - pe) / 2))
        art = pe_art - pe - music
        c = classes_of[s.section_id]
        built_old = s.section_id in old
        year = _year_built(built_old, plan[s.section_id]["g4"], rng)
        need = math.ceil(c / 12)
        music_min, art_min = (73, 67) if built_old else (96, 90)
        town = TOWNS[int(rng.integers(0, len(TOWNS)))]
        area = "rural" if plan[s.section_id]["small"] else TOWN_AREA[town]
        rows.append(
            {
                "学部编号": s.section_id,
                "学校代码": s.school_id,
                "学校名称": s.school_name,
                "学部名称": s.section_name,
                "学校类型": SCHOOL_TYPE_ZH[s.school_type],
                "学段": LEVEL_ZH[level],
                "镇街": town,
                "城乡类型": AREA_ZH[area],
                "办学性质": "公办",
                "是否寄宿制": "是" if plan[s.section_id]["small"] else "否",
                "建成年份": year,
                "在校学生数": n,
                "随迁子女数": int(min(migrant, n)),
                "班级数": c,
                "专任教师数": teachers,
                "高于规定学历教师数": counts["R1"],
                "县级及以上骨干教师数": counts["R2"],
                "体育专任教师数": pe,
                "音乐专任教师数": music,
                "美术专任教师数": art,
                "教学及辅助用房面积（㎡）": amounts["R4"],
                "体育运动场馆面积（㎡）": amounts["R5"],
                "教学仪器设备值（元）": amounts["R6"],
                "网络多媒体教室数": counts["R7"],
                "音乐专用教室数": need + int(rng.integers(0, 2)),
                "音乐专用教室最小面积（㎡）": music_min + int(rng.integers(0, 25)),
                "美术专用教室数": need + int(rng.integers(0, 2)),
                "美术专用教室最小面积（㎡）": art_min + int(rng.integers(0, 25)),
                "规划学生规模": _planned(n, plan[s.section_id]["g4"], rng),
            }
        )
    for s in special:
        rows.append(
            {
                **rows[-1],
                "学部编号": s.section_id,
                "学校代码": s.school_id,
                "学校名称": s.school_name,
                "学部名称": s.section_name,
                "学校类型": SCHOOL_TYPE_ZH[s.school_type],
                "学段": LEVEL_ZH[s.level],
                "在校学生数": s.students,
                "随迁子女数": 0,
                "班级数": 12,
                "专任教师数": 40,
                "高于规定学历教师数": 36,
                "县级及以上骨干教师数": 4,
                "体育专任教师数": 2,
                "音乐专任教师数": 2,
                "美术专任教师数": 2,
                "教学及辅助用房面积（㎡）": 2400.0,
                "体育运动场馆面积（㎡）": 3200.0,
                "教学仪器设备值（元）": 1_150_000.0,
                "网络多媒体教室数": 14,
                "音乐专用教室数": 1,
                "美术专用教室数": 1,
                "建成年份": 2008,
                "规划学生规模": 200,
            }
        )
    schools = pd.DataFrame(rows)
    # the migrant total is exact only if no section was capped; move any remainder
    shortfall = T.MIGRANT_STUDENTS - int(schools["随迁子女数"].sum())
    room = (schools["在校学生数"] - schools["随迁子女数"]).where(
        schools["学校类型"] != "特殊教育学校", 0
    )
    schools.loc[room.idxmax(), "随迁子女数"] += shortfall
    return schools, classes


def _count(ratio: float, standard: float, students: int) -> int:
    """Return the head or room count that gives ratio × standard per 100 students, at least 1."""
    return max(1, math.ceil(ratio * standard * students / 100))
