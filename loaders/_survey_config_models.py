"""The scoring config's YAML shape as typed pydantic models: keys, types and ranges, checked once.

Each model forbids unknown keys (a typo such as `weigthing` must not fall back silently to a
default) and constrains its values: strict numbers (YAML `true` is not 1), whole positions from
1, texts that are not blank, choices from the closed vocabularies of `_survey_config_types`.
What needs two keys at once (a weight per configured group, a rule that needs a question) is
checked after, in `_survey_config_checks`, on these typed values. The models never reach the
rest of the code: `_survey_config` builds the frozen dataclasses from them, and
`_survey_config_reader` turns pydantic's errors into our InputErrors (no pydantic text on screen).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StrictInt,
)
from pydantic_core import PydanticCustomError

from loaders._survey_config_types import (
    CLUSTERS,
    DEFAULTS,
    INTERVALS,
    METHODS,
    QUALITY_RULES,
    ROLES,
    SKIP_MARKERS,
    WEIGHTINGS,
    DisclosureRules,
    VarianceOptions,
)


def _as_text(value: object) -> object:
    """YAML reads `2025.1`, `12` or `-2` as numbers; where a text is wanted, they are its text."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


def _not_blank(value: str) -> str:
    if value.strip() == "":
        raise PydanticCustomError("empty", "blank")
    return value


def _texts(value: object) -> object:
    """A list of texts or numbers (skip markers: "(跳过)", -2) becomes a list of texts."""
    return [_as_text(v) for v in value] if isinstance(value, list) else value


Text = Annotated[str, Strict(), BeforeValidator(_as_text), AfterValidator(_not_blank)]
Label = Annotated[str, Strict(), BeforeValidator(_as_text)]  # blank: said by the checks
NonNegative = Annotated[float, Strict(), Field(ge=0)]
Position = Annotated[StrictInt, Field(ge=1)]
Method = Literal[METHODS]  # type: ignore[valid-type]
Weighting = Literal[WEIGHTINGS]  # type: ignore[valid-type]
Role = Literal[ROLES]  # type: ignore[valid-type]
Rule = Literal[QUALITY_RULES]  # type: ignore[valid-type]
Cluster = Literal[CLUSTERS]  # type: ignore[valid-type]
Interval = Literal[INTERVALS]  # type: ignore[valid-type]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class OptionModel(_Model):
    label: Text
    en: Text
    role: Role
    score: NonNegative | None = None


class QuestionModel(_Model):
    variable: Text | None = None
    position: Position | None = None
    label: Label | None = None


class QuestionsModel(_Model):
    group: QuestionModel
    town: QuestionModel | None = None
    submitted: QuestionModel | None = None
    duration: QuestionModel | None = None


class GroupModel(_Model):
    id: Text
    label: Text
    en: Text
    code: StrictInt | None = None  # its code in a numeric export; default: its place, from 1


class TownModel(_Model):
    label: Text
    en: Text
    code: StrictInt | None = None


class ItemModel(_Model):
    id: Text
    zh: Text
    en: Text
    variable: Text | None = None
    position: Position | None = None
    label: Label | None = None


class QualityRuleModel(_Model):
    rule: Rule
    seconds: NonNegative | None = None


class DisclosureModel(_Model):
    min_n: Annotated[float, Strict(), Field(ge=1)] = DisclosureRules.min_n
    min_n_eff: NonNegative = DisclosureRules.min_n_eff
    county_only: list[Text] = list(DisclosureRules.county_only)
    min_n_uniform: Annotated[float, Strict(), Field(ge=1)] = DisclosureRules.min_n_uniform


class VarianceModel(_Model):
    fpc: Annotated[bool, Strict()] = VarianceOptions.fpc
    cluster: Cluster = VarianceOptions.cluster  # type: ignore[assignment]
    interval: Interval = VarianceOptions.interval  # type: ignore[assignment]


class SourceModel(_Model):
    zh: Text
    en: Text


class FieldworkModel(_Model):
    """Who ran the survey and when, as the self-evaluation states it: shown, never scored."""

    year: Annotated[StrictInt, Field(ge=1990, le=2100)]
    commissioned_by: SourceModel
    conducted_by: SourceModel | None = None
    issued: Annotated[StrictInt, Field(ge=1)] | None = None  # 发放; those received: the file


class GroupWeightsModel(_Model):
    weights: dict[str, NonNegative]
    source: SourceModel


class PopulationModel(_Model):
    file: Text
    source: SourceModel


class RakeModel(_Model):
    tolerance: NonNegative = DEFAULTS["rake.tolerance"]  # type: ignore[assignment]
    max_iterations: Annotated[float, Strict(), Field(ge=1)] = DEFAULTS["rake.max_iterations"]  # type: ignore[assignment]


class AlternativeModel(_Model):
    method: Method
    weighting: Weighting


class SurveyConfigModel(_Model):
    """The whole file; the required keys are those without a default."""

    version: Text
    threshold: NonNegative = DEFAULTS["threshold"]  # type: ignore[assignment]
    method: Method = DEFAULTS["method"]  # type: ignore[assignment]
    weighting: Weighting = DEFAULTS["weighting"]  # type: ignore[assignment]
    full_score: NonNegative = DEFAULTS["full_score"]  # type: ignore[assignment]
    options: list[OptionModel]
    codes: dict[StrictInt, Text] | None = None
    skip_markers: Annotated[list[Text], BeforeValidator(_texts)] = list(SKIP_MARKERS)
    questions: QuestionsModel
    groups: list[GroupModel]
    towns: list[TownModel] = []
    items: list[ItemModel]
    quality_rules: list[QualityRuleModel] = []
    disclosure: DisclosureModel = DisclosureModel()
    group_weights: GroupWeightsModel | None = None
    population: PopulationModel | None = None
    rake: RakeModel = RakeModel()
    variance: VarianceModel = VarianceModel()
    sensitivity: list[AlternativeModel] = []
    fieldwork: FieldworkModel | None = None
