"""The demonstration county's satisfaction survey: 187,713 synthetic questionnaires.

The report gives two survey figures: 187,713 questionnaires issued and returned, and an overall
satisfaction of 86.51 %. Here 187,713 is the number of rows *received* (returned); the quality
rules then exclude planted duplicate submissions, too-fast completions and all-不了解
questionnaires, and the analysed rows, scored by the demo config's method (rate, unweighted),
give 86.51 % when rounded to two decimals — the generator adjusts a few hundred answers to land
there, checking with the project's own scoring.

The file looks like a 问卷星 export: 序号, 提交答卷时间, 所用时间 ("123秒"), 来源, 来源详情, 来自IP,
the respondent group, the town (镇街), 20 five-option items and a free-text comment. The SPSS
file codes options 1–5 in questionnaire order with 不了解 (5) declared missing, as a careful
analyst would; the CSV is the same data as 问卷星's text export in GB18030. The personal columns
are present on purpose: the loader must drop them. Everything is drawn with a fixed seed, and
the SPSS header's creation time is fixed, so regeneration is byte-identical.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyreadstat

from demo._files import IncompleteFile, check_target, staged
from demo._generate import SEED, TOWNS
from loaders import SurveyConfig, load_survey_config, survey_responses_from_frame
from survey import apply_quality_rules, option_totals

SURVEY_SEED = SEED + 5
RECEIVED = 187_713  # questionnaires issued and returned (reference report)
TARGET = 0.8651  # overall satisfaction, reference report: 86.51 %
FILES = ("survey.sav", "survey.csv")
SAV_TIMESTAMP = b"20 Mar 2500:00:00"  # dd mmm yy + hh:mm:ss, header bytes 92–108
OPTIONS = ("满意", "比较满意", "基本满意", "不满意", "不了解")
GROUPS = ("学生", "家长", "教师", "校长", "人大代表", "政协委员", "其他群众")
GROUP_SIZES = (62_480, 104_930, 8_215, 168, 326, 284, 11_310)
# per town, in TOWNS order: enrolment and full-time teachers of the demo register, school
# leaders (two per school), seats of NPC deputies and CPPCC members (synthetic)
ENROLMENT = (10067, 19687, 4343, 9195, 8711, 12739, 9471, 13374, 11046, 11480, 15498, 19492)
TEACHERS = (658, 1280, 283, 592, 593, 773, 598, 849, 766, 778, 1026, 1352)
LEADERS = (16, 34, 10, 16, 12, 22, 12, 22, 16, 16, 22, 30)
PRINCIPALS = (12, 24, 6, 13, 10, 17, 8, 16, 12, 12, 17, 21)  # respondents: 云台 has 6 (< 10)
DEPUTY_SEATS = (26, 42, 14, 24, 22, 30, 24, 31, 27, 27, 35, 40)
MEMBER_SEATS = (22, 38, 13, 21, 19, 27, 21, 28, 24, 24, 31, 36)
# satisfaction on the logit scale: by group, by town (街道 a little higher), by item
GROUP_LOGIT = (2.35, 2.05, 3.0, 3.6, 2.55, 2.45, 1.6)
TOWN_LOGIT = (0.15, 0.25, -0.2, 0.05, 0.1, 0.2, -0.15, -0.05, -0.1, 0.0, -0.1, -0.15)
ITEM_LOGIT = (
    0.1, 0.2, 0.45, 0.15, -0.45, -0.35, 0.0, -0.2, 0.5, -0.4,
    0.1, 0.25, 0.05, -0.1, 0.3, 0.35, 0.15, 0.2, -0.5, 0.05,
)  # fmt: skip
FEW_OTHERS = 7  # other residents answering in 云台街道 (index 2 of TOWNS)
DONT_KNOW = (0.03, 0.04, 0.01, 0.005, 0.06, 0.07, 0.09)  # by group; doubled on items 13–15
# submissions by hour of day, 07:00–23:00: lunch break and evenings, when parents are free
HOURS = (2, 4, 5, 5, 6, 8, 9, 6, 5, 6, 6, 7, 9, 12, 13, 9, 4)
PLANTED = {"duplicates": 236, "too_fast": 1_850, "all_dont_know": 312}
QUESTIONS = (
    "您的身份是：",
    "您所在的镇街：",
    "您对学校办学条件（校舍、场地、设施设备）的满意程度：",
    "您对教师队伍建设的满意程度：",
    "您对学校师德师风的满意程度：",
    "您对学校教育教学质量的满意程度：",
    "您对学校作业管理的满意程度：",
    "您对学校课后服务的满意程度：",
    "您对学校体育和美育工作的满意程度：",
    "您对学校心理健康教育的满意程度：",
    "您对校园安全的满意程度：",
    "您对学校食堂与膳食的满意程度：",
    "您对招生入学公平的满意程度：",
    "您对就近入学政策落实的满意程度：",
    "您对随迁子女入学保障的满意程度：",
    "您对特殊教育保障的满意程度：",
    "您对学生资助工作的满意程度：",
    "您对学校收费规范的满意程度：",
    "您对家校沟通的满意程度：",
    "您对校园文化建设的满意程度：",
    "您对城乡学校均衡发展的满意程度：",
    "您对本区义务教育的总体评价：",
    "您对本区义务教育还有哪些意见和建议？",
)
COMMENTS = (
    "希望增加课后服务的活动种类",
    "学校食堂饭菜可以更丰富一些",
    "放学时段学校门口交通拥堵，建议加强疏导",
    "老师很负责，孩子进步很大",
    "作业量有时偏多，孩子睡得晚",
    "希望多开展体育活动",
    "我是三年级家长，电话13800000000，希望学校回电",  # identifying text: must be dropped
    "建议加强心理健康教育",
    "希望村小也能配齐音乐美术老师",
    "家校沟通很及时，点赞",
)
META = ("序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP")


def _apportion(total: int, shares: tuple[float, ...]) -> np.ndarray:
    """Return integer counts summing to `total` in proportion to `shares` (largest remainder)."""
    exact = np.asarray(shares, dtype=float) / sum(shares) * total
    counts = np.floor(exact).astype(int)
    order = np.argsort(-(exact - counts), kind="stable")
    counts[order[: total - counts.sum()]] += 1
    return counts


def _town_counts(sizes: tuple[int, ...] = GROUP_SIZES) -> np.ndarray:
    """Return respondents per group × town (groups in GROUPS order)."""
    deputies = _apportion(sizes[4], DEPUTY_SEATS)
    members = _apportion(sizes[5], MEMBER_SEATS)
    principals = (
        np.array(PRINCIPALS) if sizes[3] == sum(PRINCIPALS) else _apportion(sizes[3], PRINCIPALS)
    )
    # other residents as enrolment, except a handful in 云台街道: a cell disclosure must hide
    others = _apportion(sizes[6] - FEW_OTHERS, (*ENROLMENT[:2], 0, *ENROLMENT[3:]))
    others[2] = FEW_OTHERS
    return np.vstack(
        [
            _apportion(sizes[0], ENROLMENT),
            _apportion(sizes[1], ENROLMENT),
            _apportion(sizes[2], TEACHERS),
            principals,
            np.minimum(deputies, DEPUTY_SEATS),
            np.minimum(members, MEMBER_SEATS),
            others,
        ]
    )


def population_table() -> pd.DataFrame:
    """Return the population totals the demo config's poststrat and rake use (群体, 镇街, 人数)."""
    others = _town_counts()[6]  # other residents: the questionnaires issued to them
    totals = [ENROLMENT, ENROLMENT, TEACHERS, LEADERS, DEPUTY_SEATS, MEMBER_SEATS, others]
    return pd.DataFrame(
        [
            {"群体": group, "镇街": town, "人数": int(total[t])}
            for group, total in zip(GROUPS, totals, strict=True)
            for t, town in enumerate(TOWNS)
        ]
    )


def _draw(rng: np.random.Generator, sizes: tuple[int, ...], first_number: int = 1) -> pd.DataFrame:
    """Return questionnaires laid out like 问卷星's text export, sorted by submission time."""
    counts = _town_counts(sizes)
    group = np.repeat(np.arange(len(GROUPS)), counts.sum(axis=1))
    town = np.concatenate([np.repeat(np.arange(len(TOWNS)), row) for row in counts])
    rows, items = len(group), len(ITEM_LOGIT)
    person = rng.normal(0.0, 0.9, rows)  # a respondent's general mood: answers correlate
    logit = (
        np.asarray(GROUP_LOGIT)[group, None]
        + np.asarray(TOWN_LOGIT)[town, None]
        + np.asarray(ITEM_LOGIT)[None, :]
        + person[:, None]
    )
    satisfied = rng.random((rows, items)) < 1 / (1 + np.exp(-logit))
    # among satisfied answers: 满意 / 比较满意 / 基本满意, happier respondents say 满意 more often
    top = 1 / (1 + np.exp(-(logit - 0.9)))
    level = rng.random((rows, items))
    answer = np.where(level < top, 0, np.where(level < top + (1 - top) * 0.6, 1, 2))
    answer = np.where(satisfied, answer, 3)
    dont_know = np.asarray(DONT_KNOW)[group, None] * np.where(
        np.isin(np.arange(items), [12, 13, 14]), 2.0, 1.0
    )
    answer = np.where(rng.random((rows, items)) < dont_know, 4, answer)
    duration = np.round(60 + rng.lognormal(np.log(200), 0.55, rows)).astype(int)

    day = rng.integers(0, 20, rows)
    hour = rng.choice(np.arange(7, 24), rows, p=np.asarray(HOURS) / sum(HOURS))
    second = day * 86400 + hour * 3600 + rng.integers(0, 3600, rows)
    stamp = np.datetime64("2024-10-08T00:00:00") + second.astype("timedelta64[s]")
    order = np.argsort(stamp, kind="stable")
    group, town, answer, duration, stamp = (
        group[order],
        town[order],
        answer[order],
        duration[order],
        stamp[order],
    )
    source = rng.choice(["手机提交", "微信", "链接"], rows, p=[0.55, 0.4, 0.05])
    octets = rng.integers(1, 255, (rows, 2))
    nickname = pd.Series(octets[:, 0]).map("微信昵称：家长{}".format)
    detail = np.where(source == "微信", nickname, "直接访问")
    comment = np.where(rng.random(rows) < 0.04, rng.choice(COMMENTS, rows), "")
    frame = pd.DataFrame(
        {
            "序号": np.arange(first_number, first_number + rows),
            "提交答卷时间": pd.DatetimeIndex(stamp).strftime("%Y/%m/%d %H:%M:%S"),
            "所用时间": [f"{d}秒" for d in duration],
            "来源": source,
            "来源详情": detail,
            "来自IP": [f"123.147.{a}.{b}(重庆-重庆)" for a, b in octets],
        }
    )
    labels = np.asarray(OPTIONS)
    frame[f"1、{QUESTIONS[0]}"] = np.asarray(GROUPS)[group]
    frame[f"2、{QUESTIONS[1]}"] = np.asarray(TOWNS)[town]
    for j in range(items):
        frame[f"{j + 3}、{QUESTIONS[j + 2]}"] = labels[answer[:, j]]
    frame[f"{items + 3}、{QUESTIONS[-1]}"] = comment
    return frame


def _plant(frame: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Plant too-fast, all-不了解 and duplicate questionnaires; keep the total at RECEIVED."""
    items = [c for c in frame.columns[8 : 8 + len(ITEM_LOGIT)]]
    fast = rng.choice(len(frame), PLANTED["too_fast"], replace=False)
    frame.loc[fast, "所用时间"] = [f"{s}秒" for s in rng.integers(12, 60, len(fast))]
    frame.loc[fast, items] = "满意"  # a speeder clicks straight down the first column
    rest = np.setdiff1d(np.arange(len(frame)), fast)
    blank = rng.choice(rest, PLANTED["all_dont_know"], replace=False)
    frame.loc[blank, items] = "不了解"
    # duplicates: a double-clicked submit repeats a row within the same second
    originals = np.sort(rng.choice(len(frame), PLANTED["duplicates"], replace=False))
    copies = frame.iloc[originals].copy()
    frame = pd.concat([frame, copies]).sort_values(["提交答卷时间"], kind="stable")
    frame = frame.reset_index(drop=True)
    frame["序号"] = np.arange(1, len(frame) + 1)
    return frame


def _calibrate(frame: pd.DataFrame, config: SurveyConfig, rng: np.random.Generator) -> None:
    """Flip the fewest answers so the analysed rate rounds to TARGET, checking by re-scoring."""
    for _ in range(3):
        responses = survey_responses_from_frame(frame, config)
        totals = option_totals(responses.answers, len(config.options))
        keep, _, _ = apply_quality_rules(responses, config, totals)
        satisfied = totals[keep][:, :3].sum()
        valid = totals[keep][:, :4].sum()
        if round(satisfied / valid, 4) == TARGET:
            return
        change = round(TARGET * valid - satisfied)
        # only rows that are kept and are nobody's duplicate; 不满意 ↔ 满意 keeps b_i
        time = frame["提交答卷时间"]
        single = ~time.duplicated(keep=False).to_numpy()
        wanted, new = ("不满意", "满意") if change > 0 else ("满意", "不满意")
        items = frame.columns[8 : 8 + len(ITEM_LOGIT)]
        cells = frame[items].to_numpy() == wanted
        cells &= (keep & single)[:, None]
        rows, columns = np.nonzero(cells)
        pick = rng.choice(len(rows), abs(change), replace=False)
        for j in np.unique(columns[pick]):
            chosen = rows[pick][columns[pick] == j]
            frame.loc[chosen, items[j]] = new
    raise RuntimeError("the demo survey did not calibrate to the report's 86.51 %")


def build_survey(config: SurveyConfig, seed: int = SURVEY_SEED) -> pd.DataFrame:
    """Return the 187,713 demo questionnaires as 问卷星's text export lays them out."""
    rng = np.random.default_rng(seed)
    sizes = list(GROUP_SIZES)
    sizes[1] -= PLANTED["duplicates"]  # the copies bring the received total back to 187,713
    frame = _plant(_draw(rng, tuple(sizes)), rng)
    assert len(frame) == RECEIVED
    _calibrate(frame, config, rng)
    return frame


def survey_blocks(rows: int, block: int = 250_000, seed: int = SURVEY_SEED):
    """Yield `rows` questionnaires in blocks (for the large-file benchmark; not calibrated)."""
    rng = np.random.default_rng(seed)
    done = 0
    while done < rows:
        size = min(block, rows - done)
        shares = np.asarray(GROUP_SIZES) / RECEIVED
        sizes = _apportion(size, tuple(shares))
        sizes[3:6] = np.maximum(sizes[3:6], 1)
        # deputies and members cannot outnumber their seats; parents take the rest
        sizes[4] = min(sizes[4], sum(DEPUTY_SEATS))
        sizes[5] = min(sizes[5], sum(MEMBER_SEATS))
        sizes[6] = max(sizes[6], FEW_OTHERS)  # the planted small cell is in every block
        sizes[1] += size - sizes.sum()
        yield _draw(rng, tuple(int(s) for s in sizes), first_number=done + 1)
        done += size


def _write_sav(frame: pd.DataFrame, path: Path) -> None:
    """Write the SPSS file: codes 1–5 with value labels, 不了解 declared missing."""
    questions = frame.columns[6:]
    data = frame[list(META)].copy()
    labels: dict[str, dict[int, str]] = {}
    missing: dict[str, list[int]] = {}
    column_labels = list(META)
    for number, column in enumerate(questions, start=1):
        name = f"Q{number}"
        column_labels.append(column)
        if number == len(questions):  # the free-text comment
            data[name] = frame[column]
            continue
        choices = GROUPS if number == 1 else TOWNS if number == 2 else OPTIONS
        codes = {label: code for code, label in enumerate(choices, start=1)}
        data[name] = frame[column].map(codes).astype(np.float64)
        labels[name] = {code: label for label, code in codes.items()}
        if number > 2:
            missing[name] = [codes["不了解"]]
    pyreadstat.write_sav(
        data,
        path,
        column_labels=column_labels,
        variable_value_labels=labels,
        missing_ranges=missing,
        variable_measure={name: "nominal" for name in labels},
    )
    with path.open("r+b") as handle:  # the header's creation time: fixed, for identical bytes
        handle.seek(92)
        handle.write(SAV_TIMESTAMP)


def write_survey(frame: pd.DataFrame, folder: Path) -> list[Path]:
    """Write the questionnaires as survey.sav and survey.csv (GB18030); return the paths.

    Both are written under temporary names and renamed into place only once both are complete
    (checked by `verify_survey`), so a killed run never leaves a truncated survey behind.
    """
    check_target(folder)
    with staged(folder) as temporary:
        sav, csv = (temporary(name) for name in FILES)
        _write_sav(frame, sav)
        frame.to_csv(csv, index=False, encoding="gb18030", lineterminator="\r\n")
        verify_survey(sav, csv, len(frame))
    return [folder / name for name in FILES]


def verify_survey(sav: Path, csv: Path, rows: int = RECEIVED) -> None:
    """Raise IncompleteFile unless both files hold `rows` questionnaires (a cheap check).

    The SPSS header states the row count and pyreadstat refuses a file with fewer rows; reading
    the last row of one column costs milliseconds. The CSV must end with a complete line and
    have one line per questionnaire after its header (the demo's answers hold no line breaks).
    """
    try:
        _, meta = pyreadstat.read_sav(sav, metadataonly=True)
        last, _ = pyreadstat.read_sav(sav, row_offset=rows - 1, row_limit=1, usecols=["Q1"])
    except (OSError, pyreadstat.ReadstatError, pyreadstat.PyreadstatError) as error:
        raise IncompleteFile(f"{sav}: {error}") from error
    if meta.number_rows != rows or len(last) != 1:
        raise IncompleteFile(f"{sav}: {meta.number_rows} rows, expected {rows}")
    lines, tail = 0, b""
    with csv.open("rb") as handle:
        while block := handle.read(1 << 22):
            lines += block.count(b"\n")
            tail = block[-2:]
    if lines != rows + 1 or tail != b"\r\n":
        raise IncompleteFile(f"{csv}: {lines} lines, expected {rows + 1}")


def ensure_demo_survey(folder: Path | str) -> list[Path]:
    """Write the demo survey files into `folder` if any is missing or incomplete; return them.

    Reads the scoring config `folder/survey.yaml` (the calibration scores with it). Generation
    takes a few seconds and happens once: the files are git-ignored. A file truncated by a
    crash of an older version is detected and regenerated.
    """
    folder = Path(folder)
    paths = [folder / name for name in FILES]
    if all(p.is_file() for p in paths):
        try:
            verify_survey(*paths)
            return paths
        except IncompleteFile:
            pass
    check_target(folder)
    config = load_survey_config(folder / "survey.yaml")
    return write_survey(build_survey(config), folder)
