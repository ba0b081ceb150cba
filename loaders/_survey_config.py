"""The survey scoring configuration (评分配置): a versioned YAML file, validated once at load.

No official formula for 社会认可度 exists and plausible definitions differ by about a percentage
point on the same data, so every choice — answer roles and scores, method, weighting, quality rules,
disclosure limits, population totals — is data in one file that the site states and hashes.
Unknown keys fail here, naming the file and the key: a typo such as `weigthing` must not fall
back silently to a default.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml

from loaders._errors import InputError, LoadReport
from loaders._survey_config_reader import _Reader
from loaders._survey_config_types import (
    DEFAULTS,
    METHODS,
    QUALITY_RULES,
    ROLES,
    WEIGHTINGS,
    Alternative,
    AnswerOption,
    DisclosureRules,
    GroupWeights,
    QualityRule,
    Question,
    RakeControl,
    RespondentGroup,
    SurveyConfig,
    SurveyItem,
)
from loaders._survey_population import _population

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
