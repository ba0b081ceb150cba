"""Write the synthetic demonstration county's school register and class register.

The reference report publishes aggregates only, so rows are synthetic and drawn with a fixed seed
so that the project's own calculations reproduce every published school-side figure. Names carry
示例 so that no synthetic number is ever attached to a real school. The structure is in
`_sections`, students and classes in `_enrolment`, resource values in `_resource_values`;
this module draws them in order from one seeded generator and builds the two frames.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from demo import _targets as T
from demo._enrolment import _class_sizes, _planned, _split_total, _students, _year_built
from demo._resource_values import _count, _resource_ratios
from demo._sections import _structure
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
