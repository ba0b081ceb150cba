"""The scoring config's checks that need two keys at once, on the typed (pydantic) values.

The models (`_survey_config_models`) check each key on its own; what is left needs the file as
a whole: a weight for a group that is not configured, a quality rule without its question, a
method that needs scores the options lack. Each problem is reported at its dotted key path, all
of them in one run. They run once the models have validated: before that the values they
compare are not known to be of the right type.
"""

from __future__ import annotations

from loaders._errors import InputError, LoadReport
from loaders._survey_config_models import ItemModel, QuestionModel, SurveyConfigModel

_WHERE = (
    "variable: SPSS 变量名或 CSV 列名，或 position: 第几列，从 1 数起",
    "variable: the SPSS variable name or CSV header, or position: the column number, "
    "counting from 1",
)
_LABEL = (
    "题目中的几个字，如 label: 身份；CSV 表头或 SPSS 变量标签须含有这几个字，以免列错位时算错题",
    "a few words of the question, e.g. label: 身份; the CSV header or SPSS variable label must "
    "contain them, so that a shifted column is caught",
)


class _Checks:
    """Collects the problems of one file, each at its key path."""

    def __init__(self, file: str, report: LoadReport):
        self.file, self.report = file, report

    def error(
        self,
        key: str,
        code: str,
        value: object = None,
        expected: str | None = None,
        expected_en: str | None = None,
    ) -> None:
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

    def duplicates(self, key: str, values: list) -> None:
        for value in sorted({v for v in values if values.count(v) > 1}, key=str):
            self.error(key, "duplicate-id", value)

    def question(self, question: QuestionModel | ItemModel, key: str, checked: bool) -> None:
        """A question needs a variable or a position; `checked` ones (group, town, items) a
        label too, so that a shifted or swapped column is an error, not silently wrong figures."""
        if question.variable is None and question.position is None:
            self.error(key, "missing-key", expected=_WHERE[0], expected_en=_WHERE[1])
        if checked and (question.label is None or question.label.strip() == ""):
            self.error(f"{key}.label", "missing-key", expected=_LABEL[0], expected_en=_LABEL[1])


def check(model: SurveyConfigModel, file: str, report: LoadReport) -> None:
    """Report every cross-key problem of a validated config."""
    checks = _Checks(file, report)
    _options(model, checks)
    if model.codes is not None:
        labels = [o.label for o in model.options]
        if not model.codes:
            checks.error("codes", "bad-config", "{}", "code: label")
        for code, label in model.codes.items():
            if label not in labels:
                checks.error(f"codes.{code}", "not-in-list", label, "、".join(labels))
    questions = {k: getattr(model.questions, k) for k in ("group", "town", "submitted", "duration")}
    for name, question in questions.items():
        if question is not None:
            checks.question(question, f"questions.{name}", checked=name in {"group", "town"})
    group_ids = [g.id for g in model.groups]
    if not model.groups:
        checks.error(
            "groups",
            "empty",
            expected="受访群体列表：{id: student, label: 学生, en: Students}",
            expected_en="the respondent groups: {id: student, label: 学生, en: Students}",
        )
    checks.duplicates("groups", group_ids)
    checks.duplicates("groups", _resolved_codes([g.code for g in model.groups]))
    checks.duplicates("towns", [t.label for t in model.towns])
    checks.duplicates("towns", _resolved_codes([t.code for t in model.towns]))
    if model.questions.town is not None and not model.towns:
        checks.error(
            "towns",
            "empty",
            expected="镇街题可能的每个答案：{label: 柳河镇, en: Liuhe Town}",
            expected_en="every answer of the town question: {label: 柳河镇, en: Liuhe Town}",
        )
    for index, item in enumerate(model.items):
        checks.question(item, f"items[{index}]", checked=True)
    if not model.items:
        checks.error(
            "items",
            "empty",
            expected="计分的满意度题目列表",
            expected_en="the list of scored satisfaction questions",
        )
    _rules(model, checks)
    for ident in model.disclosure.county_only:
        if ident not in group_ids:
            checks.error("disclosure.county_only", "unknown-reference", ident, ", ".join(group_ids))
    _weights(model, checks, group_ids)
    _variance(model, checks)
    if model.threshold > 1:
        checks.error(
            "threshold",
            "out-of-range",
            f"{model.threshold:g}",
            "0 到 1 之间的小数，如 0.85 而不是 85",
            "a fraction between 0 and 1, such as 0.85 rather than 85",
        )


def _resolved_codes(codes: list[int | None]) -> list[int]:
    """Return each entry's code in a numeric export: its own `code`, else its place from 1."""
    return [index + 1 if code is None else code for index, code in enumerate(codes)]


def _options(model: SurveyConfigModel, checks: _Checks) -> None:
    if not model.options:
        checks.error(
            "options",
            "empty",
            expected="选项列表，每个选项一行："
            "{label: 满意, en: Satisfied, role: satisfied, score: 100}",
            expected_en="a list of answer options, one a line: "
            "{label: 满意, en: Satisfied, role: satisfied, score: 100}",
        )
        return
    for index, option in enumerate(model.options):
        if option.role not in {"satisfied", "valid"} and option.score is not None:
            checks.error(
                f"options[{index}].score",
                "inconsistent",
                f"{option.score:g}",
                "不了解 / 跳过 选项不写分数",
                "no score for dont_know / skip",
            )
    checks.duplicates("options", [o.label for o in model.options])
    if not any(o.role == "satisfied" for o in model.options):
        checks.error(
            "options",
            "empty",
            expected="至少一个 role: satisfied 的选项",
            expected_en="at least one option with role: satisfied",
        )
    methods = {model.method, *(a.method for a in model.sensitivity)}
    if "score" in methods and any(
        o.score is None for o in model.options if o.role in {"satisfied", "valid"}
    ):
        checks.error(
            "options",
            "empty",
            expected="score 方法要求 satisfied 和 valid 选项都写明 score",
            expected_en="the score method needs a score for every satisfied and valid option",
        )


def _rules(model: SurveyConfigModel, checks: _Checks) -> None:
    for index, rule in enumerate(model.quality_rules):
        if rule.rule == "min_duration":
            if rule.seconds is None:
                checks.error(f"quality_rules[{index}].seconds", "missing-key")
            if model.questions.duration is None:
                checks.error(
                    "questions.duration",
                    "missing-key",
                    expected="质量规则 min_duration 要用答题用时",
                    expected_en="the min_duration rule needs the duration question",
                )
        elif rule.seconds is not None:
            checks.error(
                f"quality_rules[{index}].seconds",
                "inconsistent",
                f"{rule.seconds:g}",
                "只有 min_duration 规则写 seconds",
                "seconds belong to the min_duration rule only",
            )
        if rule.rule == "duplicate_submissions" and model.questions.submitted is None:
            checks.error(
                "questions.submitted",
                "missing-key",
                expected="质量规则 duplicate_submissions 要用提交时间",
                expected_en="the duplicate_submissions rule needs the submission-time question",
            )


def _weights(model: SurveyConfigModel, checks: _Checks, group_ids: list[str]) -> None:
    if model.group_weights is not None:
        weights = model.group_weights.weights
        for ident in weights:
            if ident not in group_ids:
                checks.error(f"group_weights.weights.{ident}", "unknown-reference", ident)
        if weights and abs(sum(weights.values()) - 1) > 1e-9:
            checks.error("group_weights.weights", "inconsistent", sum(weights.values()), "sum 1")
    for used in sorted({model.weighting, *(a.weighting for a in model.sensitivity)}):
        if used == "group_weights" and model.group_weights is None:
            checks.error(
                "group_weights",
                "missing-key",
                expected="加权方式 group_weights 要用群体权重",
                expected_en="the group_weights weighting needs the weights",
            )
        if used in {"poststrat", "rake"} and model.population is None:
            checks.error(
                "population",
                "missing-key",
                expected=f"加权方式 {used} 要用总体人数文件",
                expected_en=f"the {used} weighting needs a file of population totals",
            )


def _variance(model: SurveyConfigModel, checks: _Checks) -> None:
    """The design options need what they read: N_h for the correction, towns for clusters."""
    variance = model.variance
    if variance.fpc and model.population is None:
        checks.error(
            "population",
            "missing-key",
            expected="有限总体校正（variance.fpc）要用总体人数文件",
            expected_en="the finite-population correction (variance.fpc) needs the population file",
        )
    if variance.cluster == "town" and model.questions.town is None:
        checks.error(
            "questions.town",
            "missing-key",
            expected="以镇街为抽样群（variance.cluster: town）要有镇街题",
            expected_en="towns as clusters (variance.cluster: town) need the town question",
        )
    if variance.fpc and variance.cluster != "none":
        checks.error(
            "variance.fpc",
            "inconsistent",
            "true",
            "有限总体校正只用于不分群的设计（cluster: none）",
            "the finite-population correction applies to the design without clusters "
            "(cluster: none)",
        )
