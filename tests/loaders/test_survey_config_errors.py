"""The scoring config is validated by typed pydantic models (issue 14 §5); every problem is still
one InputError at its dotted key path, in our words, with no pydantic text on screen.

Each case applies one mistake to tests/fixtures/survey/small.yaml and asserts the whole list of
(key, code) with `==`, so a spurious extra error (a cascade) fails too.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from loaders import InputErrors, load_survey_config

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "survey"
TOWN = "  - {label: 乙街道, en: Yi Subdistrict}"
PYDANTIC_WORDS = ("Input should", "type=", "pydantic", "Field required", "Extra inputs")


def config_errors(tmp_path: Path, old: str, new: str) -> list:
    text = (FIXTURES / "small.yaml").read_text(encoding="utf-8")
    assert old in text
    shutil.copy(FIXTURES / "small_population.csv", tmp_path)
    (tmp_path / "small.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(InputErrors) as caught:
        load_survey_config(tmp_path / "small.yaml")
    return caught.value.report.errors


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("weighting:", "weigthing:", [("weigthing", "unknown-key")]),
        ("threshold: 0.85", "threshold: true", [("threshold", "not-number")]),
        ("threshold: 0.85", "threshold: '0.85'", [("threshold", "not-number")]),
        ("method: rate", "method: ratio", [("method", "not-in-list")]),
        (TOWN, "  - {label: 乙街道}", [("towns[1].en", "missing-key")]),
        (TOWN, "  - {label: 乙街道, en: ' '}", [("towns[1].en", "empty")]),
        (TOWN, "  - {label: 乙街道, en: }", [("towns[1].en", "empty")]),
        (TOWN, "  - 乙街道", [("towns[1]", "bad-config")]),
        (TOWN, "  - {label: 甲镇, en: Jia Town}", [("towns", "duplicate-id")]),
        (TOWN, "  - {label: 乙街道, en: Yi, code: 1}", [("towns", "duplicate-id")]),
        (TOWN, "  - {label: 乙街道, en: Yi, code: two}", [("towns[1].code", "not-integer")]),
        (
            "position: 6, label: 镇街",
            "position: 0, label: 镇街",
            [("questions.town.position", "not-integer")],
        ),
        (
            "position: 6, label: 镇街",
            "position: 1.5, label: 镇街",
            [("questions.town.position", "not-integer")],
        ),
        (
            "town: {variable: Q2, position: 6, label: 镇街}",
            "town: {label: 镇街}",
            [("questions.town", "missing-key")],
        ),
        (
            "role: satisfied, score: 100}",
            "role: happy, score: 100}",
            [("options[0].role", "not-in-list")],
        ),
        (
            "role: satisfied, score: 100}",
            "role: satisfied, score: -1}",
            [("options[0].score", "out-of-range")],
        ),
        ("role: dont_know}", "role: dont_know, score: 5}", [("options[4].score", "inconsistent")]),
        ("questions:", "codes: {1: 满意, x: 不满意}\nquestions:", [("codes.x", "not-integer")]),
        ("questions:", "codes: {1: 满意, 2: 很满意}\nquestions:", [("codes.2", "not-in-list")]),
        ("questions:", "skip_markers: 跳过\nquestions:", [("skip_markers", "bad-config")]),
        (
            "county_only: [teacher]",
            "county_only: [teachers]",
            [("disclosure.county_only", "unknown-reference")],
        ),
        ("min_n: 3", "min_n: 0", [("disclosure.min_n", "out-of-range")]),
        ("teacher: 0.2}", "teacher: 0.3}", [("group_weights.weights", "inconsistent")]),
        (
            "source: {zh: 测试用权重, en: Weights for tests}",
            "source: {zh: 测试用权重}",
            [("group_weights.source.en", "missing-key")],
        ),
        (
            "  - {rule: min_duration, seconds: 60}",
            "  - {rule: min_duration}",
            [("quality_rules[1].seconds", "missing-key")],
        ),
        (
            "  - {rule: min_duration, seconds: 60}",
            "  - {rule: fastest, seconds: 60}",
            [("quality_rules[1].rule", "not-in-list")],
        ),
        (
            "  duration: {variable: 所用时间, position: 3}\n",
            "",
            [("questions.duration", "missing-key")],
        ),
        ("max_iterations: 200", "max_iterations: 0", [("rake.max_iterations", "out-of-range")]),
        (
            "  - {method: score, weighting: none}",
            "  - {method: score}",
            [("sensitivity[3].weighting", "missing-key")],
        ),
        ('version: "test-1"\n', "", [("version", "missing-key")]),
        ("group_weights:", "group_weightz:", [("group_weightz", "unknown-key")]),
        (
            "disclosure: {min_n: 3, min_n_eff: 5, county_only: [teacher]}",
            "disclosure: 3",
            [("disclosure", "bad-config")],
        ),
    ],
)
def test_each_mistake_is_one_error_at_its_key(tmp_path, old, new, expected):
    found = config_errors(tmp_path, old, new)
    assert [(e.file, e.column, e.code) for e in found] == [("small.yaml", *x) for x in expected]
    for error in found:
        for lang in ("zh", "en"):
            message = error.message(lang)
            assert not any(word in message for word in PYDANTIC_WORDS), message
            assert message.startswith(
                f"small.yaml, 键「{error.column}」"
                if lang == "zh"
                else f'small.yaml, key "{error.column}"'
            )


def test_a_wrong_choice_names_the_allowed_values(tmp_path):
    [error] = config_errors(tmp_path, "role: satisfied, score: 100}", "role: happy, score: 100}")
    assert error.value == "happy"
    assert error.expected == "satisfied / valid / dont_know / skip"


def test_an_unknown_nested_key_names_the_keys_allowed_there(tmp_path):
    [error] = config_errors(
        tmp_path, "label: 家长, en: Parents}", "label: 家长, en: Parents, x: 1}"
    )
    assert (error.column, error.code, error.value) == ("groups[1].x", "unknown-key", "x")
    assert error.expected_en == "one of code, en, id, label"


def test_a_yaml_syntax_error_names_the_line_not_the_parser(tmp_path):
    [error] = config_errors(tmp_path, 'version: "test-1"', 'version: "test-1"\n  bad: [indent')
    assert (error.file, error.row, error.code) == ("small.yaml", 3, "bad-config")
    assert "yaml." not in error.message("en") and "mapping values" not in error.message("en")


def test_skip_markers_default_to_the_platforms_markers():
    config = load_survey_config(FIXTURES / "small.yaml")
    assert config.skip_markers == ("(跳过)", "（跳过）", "-2", "-3")
    assert config.group_codes == (1, 2, 3) and config.town_codes == (1, 2, 3)
