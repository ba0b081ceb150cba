"""The documents the demo's declarations cite (依据文件): the report's words, an English gloss.

The report names a document for most indicators; where it names none, the declaration cites the
report's own section. Qualitative indicators and disqualifying conditions need one; a computed
indicator's document is shown beside its figures.
"""

from __future__ import annotations

# the basis a qualitative declaration cites (zh, en gloss): documents the report names, else the
# report's own section; the disqualifying conditions V1–V6 rest on its section on them and on the
# measures it describes elsewhere (admission rules, no key classes, staffing, campus safety)
VETO_SECTION = "自查自评报告，“一票否决”指标情况"
VETO_SECTION_EN = "self-evaluation report, section on the disqualifying conditions"
ADMISSION_RULES = "《关于规范义务教育学校招生入学工作的实施意见》"
ADMISSION_RULES_EN = "Implementing opinions on regulating admission to compulsory-education schools"
REPORT_REF = {
    "G1": (
        "《重庆市渝北区中小学及幼儿园布点规划》；《重庆市渝北区教育事业发展“十四五”规划》",
        "Yubei District plan for the locations of schools and kindergartens; Yubei District "
        "education development plan for the 14th Five-Year period",
    ),
    "G2": (
        "自查自评报告，政府保障程度指标二（城乡学校四个统一）",
        "Self-evaluation report, government support indicator 2 (one standard for town and "
        "country schools)",
    ),
    "G10": (
        "自查自评报告，政府保障程度指标十（每两年核定一次编制总量）",
        "Self-evaluation report, government support indicator 10 (staffing totals set every "
        "two years)",
    ),
    "G11": (
        "《渝北区教育系统教师交流轮岗工作方案》",
        "Yubei District education system's plan for teacher rotation",
    ),
    "G13": (ADMISSION_RULES, ADMISSION_RULES_EN),
    "G14": (
        "市教委《关于下达 2024 年普通高中“联招”招生执行计划的通知》（渝教计发〔2024〕1 号）",
        "Chongqing Municipal Education Commission's notice on the 2024 joint admission plan of "
        "senior high schools (Yujiaojifa [2024] no. 1)",
    ),
    "G15": (
        "《关于进一步健全农村留守儿童和困境儿童关爱服务体系实施意见》；"
        "《流动人口随迁子女入学申请办法》",
        "Implementing opinions on further improving care services for rural left-behind children "
        "and children in difficulty; rules for migrant children's applications for school places",
    ),
    "Q3": (
        "《关于做好新一轮学校章程修订工作进一步加强学校章程建设和管理的通知》",
        "Notice on the new round of revising school charters and on their drafting and management",
    ),
    "Q4": (
        "《教育部关于大力加强中小学教师培训工作的意见》（教师〔2011〕1 号）",
        "Ministry of Education opinions on strengthening the training of primary and secondary "
        "teachers (Jiaoshi [2011] no. 1)",
    ),
    "Q5": (
        "全市首批智慧教育示范区；自查自评报告，教育质量指标五",
        "Among Chongqing's first model districts for smart education; self-evaluation report, "
        "education quality indicator 5",
    ),
    "Q6": (
        "自查自评报告，教育质量指标六（全国、全市文明校园创建）",
        "Self-evaluation report, education quality indicator 6 (national and city model campuses)",
    ),
    "Q7": (
        "《渝北区中小学校外社会实践活动管理办法（试行）》",
        "Yubei District rules for off-campus social practice of primary and secondary schools "
        "(trial)",
    ),
    "Q8": (
        "自查自评报告，教育质量指标八（“双减”与“五项管理”）",
        "Self-evaluation report, education quality indicator 8 (the “double reduction” policy "
        "and the “five managements”)",
    ),
    "V1": (
        f"{ADMISSION_RULES}（免试、就近入学）；{VETO_SECTION}",
        f"{ADMISSION_RULES_EN} (no entrance tests, nearby places); {VETO_SECTION_EN}",
    ),
    "V2": (
        f"{ADMISSION_RULES}（多校划片）；{VETO_SECTION}",
        f"{ADMISSION_RULES_EN} (zones covering several schools); {VETO_SECTION_EN}",
    ),
    "V3": (
        f"自查自评报告，政府保障程度指标五（不举办重点班、特长班）；{VETO_SECTION}",
        "Self-evaluation report, government support indicator 5 (no key or specialist "
        f"classes); {VETO_SECTION_EN}",
    ),
    "V4": (
        f"自查自评报告，政府保障程度指标十（编制总量定期核定）；{VETO_SECTION}",
        "Self-evaluation report, government support indicator 10 (staffing totals reviewed "
        f"regularly); {VETO_SECTION_EN}",
    ),
    "V5": (
        f"{VETO_SECTION}；自查自评报告，主要举措（平安校园创建）",
        "Self-evaluation report, sections on the disqualifying conditions and on the main measures "
        "(safe campuses)",
    ),
    "V6": (VETO_SECTION, VETO_SECTION_EN[0].upper() + VETO_SECTION_EN[1:]),
}
