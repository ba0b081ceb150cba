"""The survey scoring configuration (评分配置): a versioned YAML file, validated once at load.

No official formula for 社会认可度 exists and plausible definitions differ by about a percentage
point on the same data, so every choice — answer roles and scores, method, weighting, quality rules,
disclosure limits, population totals — is data in one file that the site states and hashes.
Unknown keys fail here, naming the file and the key: a typo such as `weigthing` must not fall
back silently to a default.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from loaders._errors import InputError, LoadReport

METHODS = ("rate", "score")
WEIGHTINGS = ("none", "group_weights", "poststrat", "rake")
ROLES = ("satisfied", "valid", "dont_know", "skip")
QUALITY_RULES = ("duplicate_submissions", "min_duration", "no_valid_answers")
POPULATION_HEADERS = {
    "group": ("group", "群体"),
    "town": ("town", "镇街"),
    "population": (
        "population",
        "人数",
    ),
}
_TOP_KEYS = {
    "version",
    "threshold",
    "method",
    "weighting",
    "full_score",
    "options",
    "codes",
    "questions",
    "groups",
    "towns",
    "items",
    "quality_rules",
    "disclosure",
    "group_weights",
    "population",
    "rake",
    "sensitivity",
}


@dataclass(frozen=True)
class AnswerOption:
    """One answer option of the satisfaction items, as labelled in the file (e.g. 比较满意).

    `role`: satisfied (counts in numerator and denominator of `rate`), valid (denominator only),
    dont_know (不了解: neither, but counted for its share), skip (no answer).
    `score`: points out of `SurveyConfig.full_score` for the `score` method; None unless valid.
    """

    label: str
    en: str
    role: str
    score: float | None = None


@dataclass(frozen=True)
class Question:
    """How to find one column: by variable name (SPSS) or header, else by 1-based position.

    `label`: text the variable label (SPSS) or the header (CSV) must contain — the check that
    a position still points at the intended question. Never the full question text: SPSS
    truncates variable labels at about 255 bytes (and value labels at 120).
    """

    variable: str | None = None
    position: int | None = None
    label: str | None = None

    def describe(self) -> str:
        return self.variable or f"#{self.position}"


@dataclass(frozen=True)
class RespondentGroup:
    """One respondent group: its English id, the answer label in the file, an English name."""

    id: str
    label: str
    en: str


@dataclass(frozen=True)
class SurveyItem:
    """One scored satisfaction item: id, short names in both languages, where to find it."""

    id: str
    zh: str
    en: str
    question: Question


@dataclass(frozen=True)
class QualityRule:
    """One exclusion rule, applied in the configured order; `seconds` only for min_duration."""

    rule: str
    seconds: float | None = None


@dataclass(frozen=True)
class DisclosureRules:
    """Minimum published cell n, minimum effective n (else flagged), county-only groups."""

    min_n: int = 10
    min_n_eff: float = 30.0
    county_only: tuple[str, ...] = ("principal", "npc_deputy", "cppcc_member")


@dataclass(frozen=True)
class GroupWeights:
    """Fixed policy weights W_g by group id (sum to 1) and the document they come from."""

    weights: Mapping[str, float]
    source_zh: str
    source_en: str


@dataclass(frozen=True)
class Population:
    """Known population totals by (group id, town) — town None when given by group only.

    `cells`: ((group id, town or None, total persons), ...); `poststrat` uses the cells,
    `rake` the two margins of the same table.
    """

    file: str
    sha256: str
    cells: tuple[tuple[str, str | None, float], ...]
    source_zh: str
    source_en: str


@dataclass(frozen=True)
class RakeControl:
    """Raking stops when every margin is within `tolerance` (relative); else it fails loudly."""

    tolerance: float = 1e-10
    max_iterations: int = 100


@dataclass(frozen=True)
class Alternative:
    """One (method, weighting) pair shown in the sensitivity table."""

    method: str
    weighting: str


# what an optional key means when it is left out (the About page lists these from here)
DEFAULTS: dict[str, object] = {
    "threshold": 0.85,
    "method": "rate",
    "weighting": "none",
    "full_score": 100,
    "disclosure.min_n": DisclosureRules.min_n,
    "disclosure.min_n_eff": DisclosureRules.min_n_eff,
    "disclosure.county_only": DisclosureRules.county_only,
    "rake.tolerance": RakeControl.tolerance,
    "rake.max_iterations": RakeControl.max_iterations,
}


@dataclass(frozen=True)
class SurveyConfig:
    """Everything that decides how the survey is scored; `sha256` hashes the file as read.

    `threshold`: the pass mark as a fraction (0.85 for 社会认可度 ≥ 85 %).
    `codes`: the expected code → label map (code_map). Needed for CSV exports that hold codes
    instead of labels; for SPSS files the file's own value labels are read and checked against it.
    """

    file: str
    version: str
    sha256: str
    threshold: float
    method: str
    weighting: str
    full_score: float
    options: tuple[AnswerOption, ...]
    codes: Mapping[int, str] | None
    group: Question
    town: Question | None
    submitted: Question | None
    duration: Question | None
    groups: tuple[RespondentGroup, ...]
    towns: tuple[str, ...]
    town_en: tuple[str, ...]
    items: tuple[SurveyItem, ...]
    quality_rules: tuple[QualityRule, ...]
    disclosure: DisclosureRules
    group_weights: GroupWeights | None
    population: Population | None
    rake: RakeControl
    sensitivity: tuple[Alternative, ...]

    def with_method(self, method: str, weighting: str) -> SurveyConfig:
        """Return a copy scored by another method and weighting (for the sensitivity table)."""
        return dataclasses.replace(self, method=method, weighting=weighting)

    @property
    def option_labels(self) -> tuple[str, ...]:
        return tuple(o.label for o in self.options)

    @property
    def group_ids(self) -> tuple[str, ...]:
        return tuple(g.id for g in self.groups)


class _Reader:
    """Walks the YAML tree, reporting each problem at its dotted key path, once."""

    def __init__(self, file: str, report: LoadReport):
        self.file, self.report = file, report

    def error(
        self,
        key: str,
        code: str,
        value: object = None,
        expected: str | None = None,
        expected_en: str | None = None,
    ):
        self.report.add(
            InputError(
                self.file,
                code,
                column=key,
                value=None if value is None else str(value),
                expected=expected,
                expected_en=expected_en,
            )
        )

    def mapping(self, node: object, key: str, allowed: set[str], required=()) -> dict:
        names = sorted(allowed)
        if not isinstance(node, dict):
            self.error(
                key,
                "bad-config",
                node,
                "写成“键: 值”的形式，可用的键：" + "、".join(names),
                "key: value pairs, with the keys " + ", ".join(names),
            )
            return {}
        for name in node:
            if name not in allowed:
                self.error(
                    f"{key}.{name}" if key else str(name),
                    "unknown-key",
                    name,
                    "可用的键：" + "、".join(names),
                    "one of " + ", ".join(names),
                )
        for name in required:
            if name not in node:
                self.error(f"{key}.{name}" if key else name, "missing-key")
        return node

    def choice(self, node: object, key: str, allowed: tuple[str, ...]) -> str:
        if node not in allowed:
            self.error(key, "not-in-list", node, " / ".join(allowed))
            return allowed[0]
        return str(node)

    def number(self, node: object, key: str, low: float | None = None) -> float:
        if isinstance(node, bool) or not isinstance(node, int | float):
            self.error(key, "not-number", node)
            return 0.0
        if low is not None and node < low:
            self.error(key, "out-of-range", node, f"≥ {low:g}")
        return float(node)

    def text(self, node: object, key: str) -> str:
        """Return a required text; a missing key was reported by `mapping` already."""
        if node is None:
            return ""
        if not isinstance(node, str | int) or str(node).strip() == "":
            self.error(key, "empty", node)
            return ""
        return str(node)

    def question(self, node: object, key: str, checked: bool = False) -> Question:
        """Read where one question is; `checked`: its `label` is required (group, town, items),
        so that a shifted or swapped column is an error, not silently wrong figures."""
        raw = self.mapping(node, key, {"variable", "position", "label"})
        if "variable" not in raw and "position" not in raw:
            self.error(
                key,
                "missing-key",
                expected="variable: SPSS 变量名或 CSV 列名，或 position: 第几列，从 1 数起",
                expected_en="variable: the SPSS variable name or CSV header, or position: the "
                "column number, counting from 1",
            )
        if checked and (raw.get("label") is None or str(raw["label"]).strip() == ""):
            self.error(
                f"{key}.label",
                "missing-key",
                expected="题目中的几个字，如 label: 身份；CSV 表头或 SPSS 变量标签须含有这几个字，"
                "以免列错位时算错题",
                expected_en="a few words of the question, e.g. label: 身份; the CSV header or SPSS "
                "variable label must contain them, so that a shifted column is caught",
            )
        position = raw.get("position")
        if position is not None and (not isinstance(position, int) or position < 1):
            self.error(f"{key}.position", "not-integer", position, "≥ 1")
            position = None
        return Question(
            variable=None if raw.get("variable") is None else str(raw["variable"]),
            position=position,
            label=None if raw.get("label") is None else str(raw["label"]),
        )

    def source(self, node: object, key: str) -> tuple[str, str]:
        raw = self.mapping(node, key, {"zh", "en"}, required=("zh", "en"))
        return self.text(raw.get("zh"), f"{key}.zh"), self.text(raw.get("en"), f"{key}.en")


def _options(reader: _Reader, node: object) -> tuple[AnswerOption, ...]:
    if not isinstance(node, list) or not node:
        reader.error(
            "options",
            "empty",
            expected="选项列表，每个选项一行："
            "{label: 满意, en: Satisfied, role: satisfied, score: 100}",
            expected_en="a list of answer options, one a line: "
            "{label: 满意, en: Satisfied, role: satisfied, score: 100}",
        )
        return ()
    options = []
    for index, item in enumerate(node):
        key = f"options[{index}]"
        raw = reader.mapping(item, key, {"label", "en", "role", "score"}, ("label", "en", "role"))
        role = reader.choice(raw.get("role"), f"{key}.role", ROLES)
        score = raw.get("score")
        if role in {"satisfied", "valid"}:
            score = reader.number(score, f"{key}.score", 0) if score is not None else None
        elif score is not None:
            reader.error(f"{key}.score", "inconsistent", score, "no score for dont_know / skip")
        options.append(
            AnswerOption(
                label=reader.text(raw.get("label"), f"{key}.label"),
                en=reader.text(raw.get("en"), f"{key}.en"),
                role=role,
                score=score,
            )
        )
    labels = [o.label for o in options]
    for label in {x for x in labels if labels.count(x) > 1}:
        reader.error("options", "duplicate-id", label)
    if not any(o.role == "satisfied" for o in options):
        reader.error(
            "options",
            "empty",
            expected="至少一个 role: satisfied 的选项",
            expected_en="at least one option with role: satisfied",
        )
    return tuple(options)


def _population(reader: _Reader, node: object, base: Path, groups, towns) -> Population | None:
    if node is None:
        return None
    raw = reader.mapping(node, "population", {"file", "source"}, ("file", "source"))
    zh, en = reader.source(raw.get("source"), "population.source")
    path = base / str(raw.get("file", ""))
    if not path.is_file():
        reader.report.add(InputError(path.name, "file-missing", value=str(path)))
        return None
    data = path.read_bytes()
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except Exception as exc:  # any parser failure is a user-facing "cannot read" error
        reader.report.add(InputError(path.name, "file-unreadable", expected=str(exc)))
        return None
    names = {}
    for role, headers in POPULATION_HEADERS.items():
        found = [c for c in table.columns if c.strip() in headers]
        if found:
            names[role] = found[0]
        elif role != "town":
            reader.report.add(
                InputError(path.name, "missing-column", row=1, column=headers[1], expected=role)
            )
    if {"group", "population"} - set(names):
        return None
    by_label = {g.label: g.id for g in groups}
    cells = []
    for index, record in table.iterrows():
        row = int(index) + 2  # header = line 1
        group = by_label.get(record[names["group"]].strip())
        if group is None:
            reader.report.add(
                InputError(
                    path.name,
                    "not-in-list",
                    row=row,
                    column=names["group"],
                    value=record[names["group"]],
                    expected="、".join(by_label),
                )
            )
        town = record[names["town"]].strip() if "town" in names else None
        if town is not None and town not in towns:
            reader.report.add(
                InputError(
                    path.name,
                    "not-in-list",
                    row=row,
                    column=names["town"],
                    value=town,
                    expected="、".join(towns),
                )
            )
        text = record[names["population"]].strip()
        if not text.isdigit():
            reader.report.add(
                InputError(
                    path.name,
                    "not-integer",
                    row=row,
                    column=names["population"],
                    value=text,
                    expected="≥ 0",
                )
            )
            continue
        cells.append((group or "", town, float(text)))
    keys = [(g, t) for g, t, _ in cells]
    for key in {k for k in keys if keys.count(k) > 1}:
        reader.report.add(InputError(path.name, "duplicate-id", value=" / ".join(map(str, key))))
    return Population(
        file=path.name,
        sha256=hashlib.sha256(data).hexdigest(),
        cells=tuple(cells),
        source_zh=zh,
        source_en=en,
    )


def load_survey_config(path: Path | str) -> SurveyConfig:
    """Read and validate a scoring config; raise `InputErrors` naming the file and every key."""
    path = Path(path)
    report = LoadReport()
    reader = _Reader(path.name, report)
    if not path.is_file():
        report.add(InputError(path.name, "file-missing", value=str(path)))
        report.raise_if_errors()
    data = path.read_bytes()
    try:
        raw = yaml.safe_load(data.decode("utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        report.add(InputError(path.name, "bad-config", expected=str(exc)))
        report.raise_if_errors()
    raw = reader.mapping(raw, "", _TOP_KEYS, ("version", "options", "questions", "groups", "items"))
    options = _options(reader, raw.get("options"))
    labels = {o.label for o in options}
    codes = None
    if raw.get("codes") is not None:
        node = raw["codes"] if isinstance(raw["codes"], dict) else {}
        if not node:
            reader.error("codes", "bad-config", raw["codes"], "code: label")
        codes = {}
        for code, label in node.items():
            if not isinstance(code, int) or isinstance(code, bool):
                reader.error(f"codes.{code}", "not-integer", code)
                continue
            if label not in labels:
                reader.error(f"codes.{code}", "not-in-list", label, "、".join(labels))
            codes[code] = str(label)
    questions = reader.mapping(
        raw.get("questions", {}),
        "questions",
        {"group", "town", "submitted", "duration"},
        ("group",),
    )
    question = {
        k: reader.question(v, f"questions.{k}", checked=k in {"group", "town"})
        for k, v in questions.items()
    }

    groups = []
    for index, item in enumerate(raw.get("groups") or []):
        key = f"groups[{index}]"
        node = reader.mapping(item, key, {"id", "label", "en"}, ("id", "label", "en"))
        groups.append(
            RespondentGroup(
                id=reader.text(node.get("id"), f"{key}.id"),
                label=reader.text(node.get("label"), f"{key}.label"),
                en=reader.text(node.get("en"), f"{key}.en"),
            )
        )
    group_ids = [g.id for g in groups]
    if not groups:
        reader.error(
            "groups",
            "empty",
            expected="受访群体列表：{id: student, label: 学生, en: Students}",
            expected_en="the respondent groups: {id: student, label: 学生, en: Students}",
        )
    for ident in {g for g in group_ids if group_ids.count(g) > 1}:
        reader.error("groups", "duplicate-id", ident)
    towns, town_en = [], []
    for index, item in enumerate(raw.get("towns") or []):
        key = f"towns[{index}]"
        node = reader.mapping(item, key, {"label", "en"}, ("label", "en"))
        towns.append(reader.text(node.get("label"), f"{key}.label"))
        town_en.append(reader.text(node.get("en"), f"{key}.en"))
    for name in {t for t in towns if towns.count(t) > 1}:
        reader.error("towns", "duplicate-id", name)
    if "town" in question and not towns:
        reader.error(
            "towns",
            "empty",
            expected="镇街题可能的每个答案：{label: 柳河镇, en: Liuhe Town}",
            expected_en="every answer of the town question: {label: 柳河镇, en: Liuhe Town}",
        )

    items = []
    for index, item in enumerate(raw.get("items") or []):
        key = f"items[{index}]"
        node = reader.mapping(
            item, key, {"id", "zh", "en", "variable", "position", "label"}, ("id", "zh", "en")
        )
        where = {k: node[k] for k in ("variable", "position", "label") if k in node}
        items.append(
            SurveyItem(
                id=reader.text(node.get("id"), f"{key}.id"),
                zh=reader.text(node.get("zh"), f"{key}.zh"),
                en=reader.text(node.get("en"), f"{key}.en"),
                question=reader.question(where, key, checked=True) if node else Question(),
            )
        )
    if not items:
        reader.error(
            "items",
            "empty",
            expected="计分的满意度题目列表",
            expected_en="the list of scored satisfaction questions",
        )

    rules = []
    for index, item in enumerate(raw.get("quality_rules") or []):
        key = f"quality_rules[{index}]"
        node = reader.mapping(item, key, {"rule", "seconds"}, ("rule",))
        rule = reader.choice(node.get("rule"), f"{key}.rule", QUALITY_RULES)
        seconds = None
        if rule == "min_duration":
            seconds = reader.number(node.get("seconds"), f"{key}.seconds", 0)
            if "duration" not in question:
                reader.error(
                    "questions.duration",
                    "missing-key",
                    expected="质量规则 min_duration 要用答题用时",
                    expected_en="the min_duration rule needs the duration question",
                )
        if rule == "duplicate_submissions" and "submitted" not in question:
            reader.error(
                "questions.submitted",
                "missing-key",
                expected="质量规则 duplicate_submissions 要用提交时间",
                expected_en="the duplicate_submissions rule needs the submission-time question",
            )
        rules.append(QualityRule(rule, seconds))

    node = reader.mapping(
        raw.get("disclosure", {}), "disclosure", {"min_n", "min_n_eff", "county_only"}
    )
    defaults = DisclosureRules()
    county_only = tuple(node.get("county_only", defaults.county_only))
    for ident in county_only:
        if ident not in group_ids:
            reader.error("disclosure.county_only", "unknown-reference", ident, ", ".join(group_ids))
    disclosure = DisclosureRules(
        min_n=int(reader.number(node.get("min_n", defaults.min_n), "disclosure.min_n", 1)),
        min_n_eff=reader.number(
            node.get("min_n_eff", defaults.min_n_eff), "disclosure.min_n_eff", 0
        ),
        county_only=county_only,
    )

    group_weights = None
    if raw.get("group_weights") is not None:
        node = reader.mapping(
            raw["group_weights"], "group_weights", {"weights", "source"}, ("weights", "source")
        )
        zh, en = reader.source(node.get("source"), "group_weights.source")
        weights = {}
        for ident, value in (node.get("weights") or {}).items():
            if ident not in group_ids:
                reader.error(f"group_weights.weights.{ident}", "unknown-reference", ident)
            weights[str(ident)] = reader.number(value, f"group_weights.weights.{ident}", 0)
        if weights and abs(sum(weights.values()) - 1) > 1e-9:
            reader.error("group_weights.weights", "inconsistent", sum(weights.values()), "sum 1")
        group_weights = GroupWeights(weights, zh, en)

    population = _population(reader, raw.get("population"), path.parent, groups, towns)
    node = reader.mapping(raw.get("rake", {}), "rake", {"tolerance", "max_iterations"})
    rake = RakeControl(
        tolerance=reader.number(
            node.get("tolerance", DEFAULTS["rake.tolerance"]), "rake.tolerance", 0
        ),
        max_iterations=int(
            reader.number(
                node.get("max_iterations", DEFAULTS["rake.max_iterations"]),
                "rake.max_iterations",
                1,
            )
        ),
    )

    method = reader.choice(raw.get("method", DEFAULTS["method"]), "method", METHODS)
    weighting = reader.choice(raw.get("weighting", DEFAULTS["weighting"]), "weighting", WEIGHTINGS)
    alternatives = []
    for index, item in enumerate(raw.get("sensitivity") or []):
        key = f"sensitivity[{index}]"
        node = reader.mapping(item, key, {"method", "weighting"}, ("method", "weighting"))
        alternatives.append(
            Alternative(
                reader.choice(node.get("method"), f"{key}.method", METHODS),
                reader.choice(node.get("weighting"), f"{key}.weighting", WEIGHTINGS),
            )
        )
    for used in {weighting, *(a.weighting for a in alternatives)}:
        if used == "group_weights" and group_weights is None:
            reader.error(
                "group_weights",
                "missing-key",
                expected="加权方式 group_weights 要用群体权重",
                expected_en="the group_weights weighting needs the weights",
            )
        if used in {"poststrat", "rake"} and population is None and "population" not in raw:
            reader.error(
                "population",
                "missing-key",
                expected=f"加权方式 {used} 要用总体人数文件",
                expected_en=f"the {used} weighting needs a file of population totals",
            )
    if "score" in {method, *(a.method for a in alternatives)} and any(
        o.score is None for o in options if o.role in {"satisfied", "valid"}
    ):
        reader.error(
            "options",
            "empty",
            expected="score 方法要求 satisfied 和 valid 选项都写明 score",
            expected_en="the score method needs a score for every satisfied and valid option",
        )
    full_score = reader.number(raw.get("full_score", DEFAULTS["full_score"]), "full_score", 0)
    threshold = reader.number(raw.get("threshold", DEFAULTS["threshold"]), "threshold", 0)
    if threshold > 1:
        reader.error(
            "threshold",
            "out-of-range",
            threshold,
            "0 到 1 之间的小数，如 0.85 而不是 85",
            "a fraction between 0 and 1, such as 0.85 rather than 85",
        )
    report.raise_if_errors()
    return SurveyConfig(
        file=path.name,
        version=str(raw["version"]),
        sha256=hashlib.sha256(data).hexdigest(),
        threshold=threshold,
        method=method,
        weighting=weighting,
        full_score=full_score,
        options=options,
        codes=codes,
        group=question["group"],
        town=question.get("town"),
        submitted=question.get("submitted"),
        duration=question.get("duration"),
        groups=tuple(groups),
        towns=tuple(towns),
        town_en=tuple(town_en),
        items=tuple(items),
        quality_rules=tuple(rules),
        disclosure=disclosure,
        group_weights=group_weights,
        population=population,
        rake=rake,
        sensitivity=tuple(alternatives),
    )
