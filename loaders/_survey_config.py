"""The survey scoring configuration (评分配置): a versioned YAML file, validated once at load.

No official formula for 社会认可度 exists and plausible definitions differ by about a percentage
point on the same data, so every choice — answer roles and scores, method, weighting, quality rules,
disclosure limits, population totals — is data in one file that the site states and hashes.
Validation is in three steps: the typed pydantic models check each key (`_survey_config_models`:
unknown keys fail, naming the file and the key, so a typo such as `weigthing` never falls back
silently to a default); the cross-key checks run on the typed values (`_survey_config_checks`);
then the frozen dataclasses the rest of the code reads are built here. Why keep the dataclasses:
the scorer, the site and the cache read them, and they should not depend on a validation library.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml
from pydantic import ValidationError

from loaders._errors import InputError, LoadReport
from loaders._limits import aliases_within_limit, within_size
from loaders._personal_data import scan_config
from loaders._survey_config_checks import _resolved_codes, check
from loaders._survey_config_models import FieldworkModel, QuestionModel, SurveyConfigModel
from loaders._survey_config_reader import translate
from loaders._survey_config_types import (
    Alternative,
    AnswerOption,
    DisclosureRules,
    Fieldwork,
    GroupWeights,
    QualityRule,
    Question,
    RakeControl,
    RespondentGroup,
    SurveyConfig,
    SurveyItem,
    VarianceOptions,
)
from loaders._survey_population import _population
from loaders._yaml import load_yaml


def _question(node: QuestionModel | None) -> Question | None:
    if node is None:
        return None
    return Question(variable=node.variable, position=node.position, label=node.label)


def _validated(path: Path, data: bytes, report: LoadReport) -> SurveyConfigModel | None:
    """Return the typed config, or None after reporting every problem at its key path."""
    try:
        text = data.decode("utf-8")
        if not aliases_within_limit(text, path.name, report):  # an alias bomb: never expanded
            return None
        raw = load_yaml(text)
    except UnicodeDecodeError:
        report.add(InputError(path.name, "bad-encoding", expected="UTF-8", expected_en="UTF-8"))
        return None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        report.add(
            InputError(
                path.name,
                "bad-config",
                row=None if mark is None else mark.line + 1,
                expected="YAML 的写法：每行“键: 值”，下一级缩进两个空格，列表项以 - 开头",
                expected_en="YAML: one `key: value` a line, two spaces deeper for each level, "
                "list items after -",
            )
        )
        return None
    scan_config(path.name, raw, report)  # labels, sources, names: everything the site may show
    try:
        model = SurveyConfigModel.model_validate(raw)
    except ValidationError as exc:
        translate(exc, SurveyConfigModel, path.name, report)
        return None
    check(model, path.name, report)
    return model


def load_survey_config(path: Path | str) -> SurveyConfig:
    """Read and validate a scoring config; raise `InputErrors` naming the file and every key."""
    path = Path(path)
    report = LoadReport()
    if not path.is_file():
        report.add(InputError(path.name, "file-missing", value=str(path)))
        report.raise_if_errors()
    if not within_size(path, "config", path.name, report):
        report.raise_if_errors()
    data = path.read_bytes()
    model = _validated(path, data, report)
    report.raise_if_errors()
    assert model is not None
    groups = tuple(RespondentGroup(id=g.id, label=g.label, en=g.en) for g in model.groups)
    towns = tuple(t.label for t in model.towns)
    population = _population(model.population, path.parent, groups, towns, report, path.name)
    report.raise_if_errors()
    weights = model.group_weights
    return SurveyConfig(
        file=path.name,
        version=model.version,
        sha256=hashlib.sha256(data).hexdigest(),
        threshold=model.threshold,
        method=model.method,
        weighting=model.weighting,
        full_score=model.full_score,
        options=tuple(
            AnswerOption(label=o.label, en=o.en, role=o.role, score=o.score) for o in model.options
        ),
        codes=None if model.codes is None else dict(model.codes),
        group=_question(model.questions.group),  # type: ignore[arg-type]
        town=_question(model.questions.town),
        submitted=_question(model.questions.submitted),
        duration=_question(model.questions.duration),
        groups=groups,
        towns=towns,
        town_en=tuple(t.en for t in model.towns),
        items=tuple(
            SurveyItem(
                id=i.id,
                zh=i.zh,
                en=i.en,
                question=Question(variable=i.variable, position=i.position, label=i.label),
            )
            for i in model.items
        ),
        quality_rules=tuple(QualityRule(r.rule, r.seconds) for r in model.quality_rules),
        disclosure=DisclosureRules(
            min_n=int(model.disclosure.min_n),
            min_n_eff=model.disclosure.min_n_eff,
            county_only=tuple(model.disclosure.county_only),
            min_n_uniform=int(model.disclosure.min_n_uniform),
        ),
        group_weights=(
            None
            if weights is None
            else GroupWeights(dict(weights.weights), weights.source.zh, weights.source.en)
        ),
        population=population,
        rake=RakeControl(
            tolerance=model.rake.tolerance, max_iterations=int(model.rake.max_iterations)
        ),
        sensitivity=tuple(Alternative(a.method, a.weighting) for a in model.sensitivity),
        skip_markers=tuple(model.skip_markers),
        group_codes=tuple(_resolved_codes([g.code for g in model.groups])),
        town_codes=tuple(_resolved_codes([t.code for t in model.towns])),
        variance=VarianceOptions(
            fpc=model.variance.fpc,
            cluster=model.variance.cluster,
            interval=model.variance.interval,
        ),
        fieldwork=_fieldwork(model.fieldwork),
    )


def _fieldwork(node: FieldworkModel | None) -> Fieldwork | None:
    if node is None:
        return None
    conducted = node.conducted_by
    return Fieldwork(
        year=node.year,
        commissioned_by_zh=node.commissioned_by.zh,
        commissioned_by_en=node.commissioned_by.en,
        conducted_by_zh=conducted.zh if conducted else "",
        conducted_by_en=conducted.en if conducted else "",
        issued=node.issued,
    )
