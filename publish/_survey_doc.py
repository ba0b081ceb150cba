"""What the pages may say about a county's own scoring configuration, read from the loader.

The About page documents the config's keys: its allowed values and defaults come from the
loader's own tables, so the reference cannot drift from what the loader accepts. The 社会认可度
page mentions a quality rule or a method only when the county's config uses it.
"""

from __future__ import annotations

from loaders import SURVEY_CONFIG_DEFAULTS as DEFAULTS
from loaders import SURVEY_METHODS as METHODS
from loaders import SURVEY_QUALITY_RULES as QUALITY_RULES
from loaders import SURVEY_ROLES as ROLES
from loaders import SURVEY_WEIGHTINGS as WEIGHTINGS
from publish._escape import page_text
from publish._results import Results

CHOICES = {
    "roles": ROLES,
    "methods": METHODS,
    "weightings": WEIGHTINGS,
    "quality_rules": QUALITY_RULES,
}


def _code(text: object) -> str:
    return f"<code>{page_text(str(text))}</code>"


def config_values(name: str, lang: str) -> str:
    """Return the values a config key accepts (roles, methods …) as code, in list punctuation."""
    if name not in CHOICES:
        raise KeyError(f"unknown survey config choice {name!r}; known: {', '.join(CHOICES)}")
    return ("、" if lang == "zh" else ", ").join(_code(v) for v in CHOICES[name])


def config_default(key: str, lang: str) -> str:
    """Return the value an optional key takes when left out, as it would be written."""
    if key not in DEFAULTS:
        raise KeyError(f"no default for {key!r}; keys with defaults: {', '.join(DEFAULTS)}")
    value = DEFAULTS[key]
    if isinstance(value, tuple):
        return ("、" if lang == "zh" else ", ").join(_code(v) for v in value)
    if isinstance(value, bool):  # as YAML writes it
        return _code("true" if value else "false")
    text = f"{value:g}" if isinstance(value, float) else str(value)
    if isinstance(value, float) and "e" in text and "." not in text:
        text = text.replace("e", ".0e", 1)  # YAML reads 1e-10 as text: write 1.0e-10
    return _code(text)


def uses_rule(results: Results, rule: str) -> bool:
    """True when the county's config applies quality rule `rule` (False without a survey)."""
    if rule not in QUALITY_RULES:
        raise KeyError(f"unknown quality rule {rule!r}; known: {', '.join(QUALITY_RULES)}")
    survey = results.survey
    return survey is not None and any(q.rule == rule for q in survey.config.quality_rules)


DESIGN_OPTIONS = ("fpc", "cluster", "wilson")  # the config's `variance` options, by name


def uses_method(results: Results, name: str) -> bool:
    """True when a row of the sensitivity table uses method or weighting `name`, or when the
    config's `variance` turns on design option `name` (fpc, cluster, wilson): the methodology
    page says which the site's intervals rest on."""
    if name not in METHODS + WEIGHTINGS + DESIGN_OPTIONS:
        raise KeyError(f"unknown method, weighting or design option {name!r}")
    if results.survey is None:
        return False
    if name in DESIGN_OPTIONS:
        variance = results.survey.config.variance
        return {
            "fpc": variance.fpc,
            "cluster": variance.cluster != "none",
            "wilson": variance.interval == "wilson",
        }[name]
    table = results.survey.sensitivity
    return bool(((table["method"] == name) | (table["weighting"] == name)).any())


def alternatives(results: Results) -> int:
    """Return how many rows of the sensitivity table are alternatives to the configured method."""
    if results.survey is None:
        return 0
    return int((~results.survey.sensitivity["configured"].astype(bool)).sum())
