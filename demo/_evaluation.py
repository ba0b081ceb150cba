"""Write the demo county's county-level tables: measures, monitoring, declarations, plans.

Figures come from 渝北区's 2025 self-evaluation report (demo/_targets.py); counts the report
gives only as a percentage (G13 entrants) are taken from the synthetic class register so that
they agree with it. The remediation plans are synthetic: the report states that sections "need
remediation" but publishes no plan, so the demo writes one per failing section from the
indicator it misses.
"""

from __future__ import annotations

import pandas as pd

from demo import _targets as T
from demo._documents import REPORT_REF
from indicators import (
    assess_resources,
    in_scope,
    is_overdue,
    load_resource_rules,
    split_shared_resources,
)
from loaders import measure_items

SOURCE = "渝北区2025年义务教育优质均衡发展自查自评报告"
# what a section does about the standard it misses (synthetic plans, zh / en)
REMEDY = {
    "R2": (
        "区级骨干教师评选向本校倾斜，并通过集团内交流补充骨干教师",
        "Favour the school in the district leading-teacher selection and second leading "
        "teachers from its education group",
    ),
    "R4": ("调整功能用房，改扩建教学辅助用房", "Reassign rooms and extend the teaching buildings"),
    "R5": (
        "改造运动场并与周边体育场馆签订共享协议",
        "Rebuild the sports ground and sign a sharing agreement with nearby sports venues",
    ),
    "R6": (
        "增购教学仪器设备，列入年度装备采购计划",
        "Buy teaching equipment through the annual procurement plan",
    ),
    "R7": ("增配网络多媒体教室", "Equip more networked multimedia classrooms"),
}
DEADLINES = ("2025-12", "2026-08", "2026-12")
# How far each kind of measure has got (zh, en), done and still open: teachers are selected or
# seconded, buildings are under construction or finished, equipment is procured or installed.
# `{n}` is the number of leading teachers seconded so far.
PROGRESS = {
    "R2": (
        (
            "已完成评选，已从集团学校调入骨干教师 {n} 名",
            "Selection done; {n} leading teachers seconded from the group",
        ),
        (
            "区级骨干教师评选进行中，已从集团学校调入骨干教师 {n} 名",
            "District selection under way; {n} leading teachers seconded so far",
        ),
    ),
    "R4": (
        ("功能用房已调整，扩建工程已竣工", "Rooms reassigned; extension finished"),
        ("功能用房已调整，扩建工程施工中", "Rooms reassigned; extension under construction"),
    ),
    "R5": (
        ("运动场改造已竣工，共享协议已签订", "Sports ground rebuilt; sharing agreement signed"),
        (
            "运动场改造施工中，共享协议已签订",
            "Sports ground under construction; sharing agreement signed",
        ),
    ),
    "R6": (
        ("仪器设备已到货并安装", "Equipment delivered and installed"),
        ("仪器设备采购中", "Equipment being procured"),
    ),
    "R7": (
        ("多媒体教室设备已安装并投入使用", "Classroom equipment installed and in use"),
        ("多媒体教室设备采购中", "Classroom equipment being procured"),
    ),
}
# The progress is as of the demo package's own data date, the date of its latest release (the
# one that added the plans), never the day the site is built: the same package, the same page.
STATUS_DATE = T.RELEASES[-1][1]


def _clauses(parts) -> str:
    """Join English clauses with semicolons: only the first starts with a capital."""
    parts = list(parts)
    return "; ".join([parts[0], *(p[:1].lower() + p[1:] for p in parts[1:])])


def _measures(schools: pd.DataFrame, classes: pd.DataFrame) -> pd.DataFrame:
    scope = schools[schools["school_type"] != "special"]
    teachers = int(scope["teachers"].sum())
    public = scope[
        (scope["ownership"] == "public")
        & (scope["boarding"] == "no")
        & scope["area_type"].isin(["urban", "town"])
    ]["section_id"]
    entrants = classes[classes["section_id"].isin(public)].groupby("grade")["students"].sum()
    # G15: the report gives the migrant children in school and their enrolment rate (100 %), not
    # how many attend public schools: that count comes from the register (all demo schools are
    # public), so the site judges the rule's share and shows the report's rate beside it
    in_public = int(scope.loc[scope["ownership"] == "public", "migrant_students"].sum())
    values = {
        "left_behind_children": T.LEFT_BEHIND,
        "small_school_public_funds_yuan": T.SMALL_SCHOOL_FUNDS_YUAN,
        "public_funds_base_yuan_per_student": T.PUBLIC_FUNDS_BASE_YUAN,
        "special_school_funds_yuan_per_student": 7100,
        "inclusive_funds_yuan_per_student": 6000,
        "teacher_pay_yuan": 165_900,
        "civil_servant_pay_yuan": 153_400,
        "teachers_trained_360h": teachers,
        "rotation_eligible_teachers": 1463,
        "rotated_teachers": 191,
        "rotated_backbone_teachers": 41,
        "certified_teachers": teachers,
        "primary_entrants": int(entrants.get(1, 0)),
        "primary_zoned_entrants": int(entrants.get(1, 0)),
        "junior_entrants": int(entrants.get(7, 0)),
        "junior_zoned_entrants": int(entrants.get(7, 0)),
        "quality_senior_places": 4325,
        "allocated_senior_places": 3027,
        "migrant_children_eligible": T.MIGRANT_STUDENTS,
        "migrant_children_public": in_public,
        "migrant_children_enrolled": T.MIGRANT_STUDENTS,
        "junior_graduates": 11_587,
        "junior_entrants_3y_ago": 11_556,
        "transfers_in": 356,
        "returned": 121,
        "transfers_out": 323,
        "suspended": 122,
        "deceased": 1,
        "disabled_children": 676,
        "disabled_in_special_school": T.SPECIAL_SCHOOL_STUDENTS,
        "disabled_home_delivered": 123,
        "disabled_inclusive": 369,
        "disabled_outside_district": 46,
        "schools_with_charter": int(schools["school_id"].nunique()),
        "schools_informatised": int(schools["school_id"].nunique()),
        "public_funds_budget_yuan": 220_950_000,
        "fiscal_public_funds_yuan": 218_520_000,
        "teacher_training_spend_yuan": 20_090_000,
        **T.REPORTED,
    }
    derived = "示例名册推算（报告只给出比例）"
    sources = {
        **dict.fromkeys(
            (
                "primary_entrants",
                "junior_entrants",
                "primary_zoned_entrants",
                "junior_zoned_entrants",
                "teachers_trained_360h",
                "certified_teachers",
            ),
            derived,
        ),
        "public_funds_base_yuan_per_student": "示例假设：报告未给出基准定额",
        "migrant_children_eligible": "示例推算：报告的在校随迁子女数（入学率 100%，即全部已入学）",
        "migrant_children_public": "示例名册推算：学校登记表中公办学校的随迁子女数",
    }
    rows = []
    for key, item in measure_items().items():  # the catalogue's order
        if key not in values:
            continue
        value, source = values[key], sources.get(key, SOURCE)
        rows.append(
            {
                "指标编号": item.indicator,
                "项目代码": key,
                "项目名称": item.zh,
                "数值": value,
                "依据": source,
            }
        )
    return pd.DataFrame(rows)


def _monitoring() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "年级": 4,
                "科目": "科学",
                "英文科目名": "Science",
                "监测年份": 2023,
                "中等及以上比例（%）": 89.6,
                "高于全市（百分点）": 5.8,
                "高于全国（百分点）": 9.5,
                "校间差异（%）": 12.4,
                "学业水平等级": "",
            },
            {
                "年级": 8,
                "科目": "科学",
                "英文科目名": "Science",
                "监测年份": 2023,
                "中等及以上比例（%）": 80.0,
                "高于全市（百分点）": 2.0,
                "高于全国（百分点）": "",
                "校间差异（%）": "",
                "学业水平等级": "",
            },
        ]
    )


def _failing_sections(schools: pd.DataFrame) -> pd.DataFrame:
    """Return the sections that fail resource allocation, with the standards each misses."""
    rules = load_resource_rules()
    scope = split_shared_resources(in_scope(schools, True), "students")
    sections = assess_resources(scope, rules).sections
    failing = sections[sections["klass"].isin(["fail_below85", "fail_two_or_more"])]
    missed = failing[[f"{k}_met" for k in rules.standards]].apply(
        lambda r: [k.removesuffix("_met") for k, ok in r.items() if not ok], axis=1
    )
    names = schools.set_index("section_id")["school_name"]
    return pd.DataFrame({"missed": missed, "school_name": names.reindex(failing.index)})


def _section_status(number: int) -> str:
    """Return the synthetic status of the `number`-th failing section's measures.

    Measures not yet due are in progress; of those already due, most are completed and every
    third group of three runs late (in progress past its deadline, so the site shows it overdue).
    """
    if not is_overdue(DEADLINES[number % len(DEADLINES)], "in_progress", STATUS_DATE):
        return "in_progress"
    return "in_progress" if (number // 3) % 3 == 1 else "completed"


def _remediation(schools: pd.DataFrame) -> pd.DataFrame:
    rows = []
    words = {"completed": "已完成", "in_progress": "进行中"}
    for number, (section, record) in enumerate(_failing_sections(schools).iterrows()):
        status = _section_status(number)
        notes = [PROGRESS[k][0 if status == "completed" else 1] for k in record["missed"]]
        seconded = 2 + number % 2
        rows.append(
            {
                "指标编号": "R",
                "学部编号": section,
                "整改措施": "；".join(REMEDY[k][0] for k in record["missed"]),
                "英文整改措施": _clauses(REMEDY[k][1] for k in record["missed"]),
                "责任单位": f"区教委、{record['school_name']}",
                "英文责任单位": "District education commission and the school",
                "完成时限": DEADLINES[number % len(DEADLINES)],
                "进展状态": words[status],
                "状态更新日期": STATUS_DATE,
                "进展": "；".join(zh.format(n=seconded) for zh, _ in notes),
                "英文进展": _clauses(en.format(n=seconded) for _, en in notes),
            }
        )
    county = "区教委、区发展改革委、区规划自然资源局"
    county_en = "District education commission, development and reform commission, planning bureau"
    for zh, en, deadline, status, progress, progress_en in T.G5_PLAN:
        rows.append(
            {
                "指标编号": "G5",
                "学部编号": "",
                "整改措施": zh,
                "英文整改措施": en,
                "责任单位": county,
                "英文责任单位": county_en,
                "完成时限": deadline,
                "进展状态": status,
                "状态更新日期": STATUS_DATE,
                "进展": progress,
                "英文进展": progress_en,
            }
        )
    return pd.DataFrame(rows)


def _declarations() -> pd.DataFrame:
    rows = []
    for ident in [
        "R",
        "B",
        *(f"G{i}" for i in range(1, 16)),
        *(f"Q{i}" for i in range(1, 10)),
        "S",
        *(f"V{i}" for i in range(1, 8)),
    ]:
        status, reason, reason_en = T.DECLARED.get(ident, ("达标", "", ""))
        rows.append(
            {
                "指标编号": ident,
                "自评结论": status,
                "理由": reason,
                "英文理由": reason_en,
                "依据文件": REPORT_REF.get(ident, ("", ""))[0],
                "英文依据文件": REPORT_REF.get(ident, ("", ""))[1],
            }
        )
    return pd.DataFrame(rows)


def evaluation_tables(schools: pd.DataFrame, classes: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Return the four county-level tables by file stem, with the headers staff would write.

    `schools` and `classes` are the registers as the loaders read them (English column names),
    so the plans and derived counts follow exactly what the evaluation will see.
    """
    return {
        "measures": _measures(schools, classes),
        "monitoring": _monitoring(),
        "declarations": _declarations(),
        "remediation": _remediation(schools),
    }
