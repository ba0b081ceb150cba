"""Published aggregates the synthetic demo county must reproduce (渝北区's 2025 report)."""

STUDENTS = {"primary": 101_188, "junior": 43_777}
TEACHERS = {"primary": 6_159, "junior": 3_349}
MIGRANT_STUDENTS = 25_764
CLASSES = {"primary": 2_239, "junior": 949}
CLASSES_WITHIN_LIMIT = {"primary": 1_104, "junior": 810}
CLASS_LIMIT = {"primary": 45, "junior": 50}
# Section classes of resource allocation: all7, six_plus, fail_below85, fail_two_or_more.
SECTION_CLASSES = {"all7": 87, "six_plus": 3, "fail_below85": 23, "fail_two_or_more": 2}
BUILT_BY_2016 = 75
OVERSIZED = {"primary": 16, "junior": 9}  # sections above 2000 students
# G4: how the oversized sections divide (exception within 2400, within the planned size, judged)
G4_CATEGORIES = {
    "primary": {"within_exception": 3, "within_plan": 2, "over": 11},
    "junior": {"within_exception": 1, "within_plan": 4, "over": 4},
}
THROUGH_OVERSIZED = 1  # 一贯制 schools above 2500 in their compulsory grades (none excused)
SMALL_SCHOOLS = 2  # under 100 students
SPECIAL_SCHOOL_STUDENTS = 138  # Q2: disabled children placed in the special school
LEFT_BEHIND = 887
SMALL_SCHOOL_FUNDS_YUAN = 419_800  # G6: both schools under 100 students together
PUBLIC_FUNDS_BASE_YUAN = 720  # G6: not in the report; the demo assumes the national primary base

# The report's figures for the optional measures (loaders/schemas/measure_items.yaml), as it
# writes them; percentages as percentages (100 = 100 %).
REPORTED = {
    "primary_enrolment_rate_pct": 100,  # 小学适龄儿童入学率
    "primary_to_junior_rate_pct": 100,  # 小学升初中比例
    "junior_enrolment_rate_pct": 100,  # 初中入学率
    "planned_school_projects": 38,  # G1: 计划实施新建、改扩建中小学 38 所
    "planned_new_places": 31_470,  # G1: 共计可增加义务教育学位 31470 个
    "performance_pay_budgeted_pct": 100,  # G8: 教师工资绩效 100% 纳入区级年初预算
    "master_teacher_studios": 27,  # G9: 国家级、市级名师工作室 27 个
    "resource_rooms": 24,  # Q2: 特殊教育资源教室 24 个
    "library_computerised_pct": 100,  # Q3: 图书馆计算机管理 100%
    "paperless_office_pct": 100,  # 学校无纸化办公 100%
    "classroom_multimedia_pct": 100,  # 班级多媒体全覆盖 100%
    "student_computer_lab_pct": 100,  # 学校装配标准化学生机房 100%
    "wireless_teaching_pct": 100,  # 学校无线教学覆盖 100%
    "public_funds_budget_year": 2023,  # Q4: 2023 年年初预算
    "interactive_classes_pct": 100,  # Q5: 交互式数字化应用班级比例 100%
    "equipment_use_pct": 100,  # 设备利用率 100%
    "high_speed_network_pct": 100,  # 高速网络接入 100%
    "wireless_campus_pct": 100,  # 无线网络校园覆盖 100%
    "smart_campus_schools": 18,  # 重庆市智慧校园建设市级示范校 18 所
    "national_civilised_campuses": 2,  # Q6: 全国文明校园 2 所
    "provincial_civilised_campuses": 6,  # 全市文明校园 6 所
    "practice_bases": 40,  # Q7: 实践基地 40 个
    "practice_weeks_per_term": 1,  # 每学期为期一周的全日制综合实践教育
    "labour_rooms_pct": 100,  # 劳技教室（劳动场地）配备率 100%
    "labour_practice_min_pct": 50,  # 劳动实践时间不低于综合实践活动课时的 50%
    "daily_exercise_min_hours": 1,  # Q8: 每天锻炼时间 1 小时以上
    "after_school_cases_awarded": 26,  # 26 个课后服务案例获全市优秀案例
    "double_reduction_school_cases": 3,  # 3 所学校“双减”案例获市级优秀学校案例
}

# Declared statuses where the report does not simply say 达标: (status, reason zh, reason en).
DECLARED = {
    "R": ("化解后达标", "", ""),
    "G4": (
        "综合评定达标",
        "超过规模上限的学校逐校核查了校舍、场地和师资的实际承载能力，认为能够满足教学需要；"
        "新建学校投用后将逐步分流学生。",
        "Each school above its size limit was checked for whether its buildings, grounds and "
        "staff can carry its enrolment, and judged adequate; new schools will take part of "
        "the enrolment as they open.",
    ),
    "G5": ("化解后达标", "", ""),
    "Q9": (
        "达标",
        "监测报告公布的是中等及以上水平比例和校间差异，未公布等级。",
        "The monitoring report gives the share at medium or above and the between-school "
        "difference, not the level grades.",
    ),
}
# G5 remediation, county-wide (synthetic: the report names the measures, not a plan):
# (measures zh, measures en, deadline, status, progress zh, progress en)
G5_PLAN = [
    (
        "新建、改扩建中小学校，增加义务教育学位",
        "Build and extend schools to add compulsory-education places",
        "2027-08",
        "进行中",
        "“十四五”规划中的新建、改扩建学校分批投用",
        "New and extended schools of the five-year plan open in phases",
    ),
    (
        "合理划定招生服务范围，学区内调剂学位",
        "Redraw admission zones and balance places within each school district",
        "2025-09",
        "已完成",
        "2025 年秋季招生已按新片区执行",
        "Applied to the autumn 2025 intake",
    ),
    (
        "新入学年级按班额标准编班，禁止举办重点班、特长班",
        "Form new intake classes within the class-size limits; no key or specialist classes",
        "2025-09",
        "已完成",
        "已写入年度招生工作意见，2025 年秋季新生按标准班额编班",
        "Written into the annual admission rules; the autumn 2025 intake was grouped within "
        "the limits",
    ),
]

# The demonstration site's publication record (版本, 发布日期, 类型, 说明, 英文说明).
RELEASES = [
    (
        "2025.1",
        "2025-03-20",
        "发布",
        "示范数据包：总量取自渝北区 2025 年自查自评报告（报告发布日），学校和班级层面为合成数据。",
        "Demonstration package: totals from Yubei District's 2025 self-evaluation report (its "
        "publication date); school- and class-level rows are synthetic.",
    ),
    (
        "2025.2",
        "2026-11-28",
        "发布",
        "增加政府保障、教育质量、一票否决的逐项计算，以及自评结论与计算结果的对照和化解方案。",
        "Adds government support, education quality and the disqualifying conditions, each "
        "computed, set beside the declared status, with the remediation plans.",
    ),
]
