"""The survey scoring configuration as typed records, and the values its keys may take.

The records are what the scorer, the site and the About page read; the vocabularies (methods,
weightings, roles, quality rules) and the defaults of optional keys live beside them so that the
validator and the documentation name the same values.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass

METHODS = ("rate", "score")
WEIGHTINGS = ("none", "group_weights", "poststrat", "rake")
ROLES = ("satisfied", "valid", "dont_know", "skip")
QUALITY_RULES = ("duplicate_submissions", "min_duration", "no_valid_answers")
CLUSTERS = ("none", "town")  # sampling clusters the variance may declare (columns the file has)
INTERVALS = ("wilson", "normal")  # the 95 % interval of every published share
# what the platforms write for a question the respondent skipped or never saw: 问卷星's text
# export "(跳过)" (full- or half-width brackets), its numeric export −2 (skipped) and −3 (not
# shown by the questionnaire's logic); each means no answer, never a valid one
SKIP_MARKERS: tuple[str, ...] = ("(跳过)", "（跳过）", "-2", "-3")


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
    """Minimum published cell n, minimum effective n (else flagged), county-only groups.

    `min_n_uniform`: a cell whose valid answers are all satisfied or all not (0 % or 100 %) is
    published only from this many respondents: below it, knowing someone is in the cell tells
    their answers (attribute disclosure).
    """

    min_n: int = 10
    min_n_eff: float = 30.0
    county_only: tuple[str, ...] = ("principal", "npc_deputy", "cppcc_member")
    min_n_uniform: int = 30


@dataclass(frozen=True)
class VarianceOptions:
    """How the standard error and the interval follow the design (config `variance`).

    `fpc`: finite-population correction per respondent group, (1 − n_h / N_h) with N_h the
    group's population total (needs `population`); `cluster`: `town` takes each group × town
    cell as one sampling cluster (respondents of a town answer together), `none` takes
    respondents as independent; `interval`: `wilson` (default; Wilson's score interval on the
    design's effective n, never zero width at 0 % or 100 %) or `normal` (estimate ± 1.96 SE).
    """

    fpc: bool = False
    cluster: str = "none"
    interval: str = "wilson"


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
class Fieldwork:
    """Who ran the survey and when (the config's optional `fieldwork`): the self-evaluation
    states it and the site repeats it; nothing is scored from it.

    `issued`: questionnaires handed out (发放), None when not stated; those received are
    counted from the survey file itself.
    """

    year: int
    commissioned_by_zh: str
    commissioned_by_en: str
    conducted_by_zh: str = ""
    conducted_by_en: str = ""
    issued: int | None = None


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
    "disclosure.min_n_uniform": DisclosureRules.min_n_uniform,
    "variance.fpc": VarianceOptions.fpc,
    "variance.cluster": VarianceOptions.cluster,
    "variance.interval": VarianceOptions.interval,
    "rake.tolerance": RakeControl.tolerance,
    "rake.max_iterations": RakeControl.max_iterations,
    "skip_markers": SKIP_MARKERS,
}


@dataclass(frozen=True)
class SurveyConfig:
    """Everything that decides how the survey is scored; `sha256` hashes the file as read.

    `threshold`: the pass mark as a fraction (0.85 for 社会认可度 ≥ 85 %).
    `codes`: the expected code → label map (code_map) of the answers. In a numeric export
    (问卷星 "按选项序号") the answers are read through it, or by option order 1..n without it;
    for SPSS files the file's own value labels are read and checked against it.
    `skip_markers`: texts and codes that mean "skipped" or "not shown" (no answer).
    `group_codes`, `town_codes`: each group's and town's code in a numeric export.
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
    skip_markers: tuple[str, ...] = SKIP_MARKERS
    group_codes: tuple[int, ...] = ()  # code of each group in a numeric export; () = 1..n
    town_codes: tuple[int, ...] = ()  # code of each town in a numeric export; () = 1..n
    variance: VarianceOptions = VarianceOptions()
    fieldwork: Fieldwork | None = None  # who ran the survey and when, if stated

    def with_method(self, method: str, weighting: str) -> SurveyConfig:
        """Return a copy scored by another method and weighting (for the sensitivity table)."""
        return dataclasses.replace(self, method=method, weighting=weighting)

    @property
    def option_labels(self) -> tuple[str, ...]:
        return tuple(o.label for o in self.options)

    @property
    def group_ids(self) -> tuple[str, ...]:
        return tuple(g.id for g in self.groups)
