"""The 社会认可度 page follows the county's own scoring configuration: a config without quality
rules, without `min_duration`, without group weights or without a sensitivity list still builds,
and the page says only what that configuration does (柳河县, tests/fixtures/county_small)."""

from __future__ import annotations

import dataclasses
import html
import re
import shutil
from pathlib import Path

import pytest

from publish import compute_results
from publish._recognition import sensitivity_summary
from publish._survey_doc import alternatives, config_default, config_values, uses_method, uses_rule

ROOT = Path(__file__).resolve().parents[2]
SMALL = ROOT / "tests" / "fixtures" / "county_small"


def _without(text: str, *keys: str) -> str:
    """Return a YAML text without the top-level blocks `keys` (the key line and its indented
    or list lines below it)."""
    kept, skipping = [], False
    for line in text.splitlines():
        top = line[:1] not in {" ", "-", "#", ""}
        if top:
            skipping = line.split(":")[0] in keys
        if not skipping:
            kept.append(line)
    return "\n".join(kept) + "\n"


def package(folder: Path, *drop: str, rules: str | None = None) -> Path:
    """Copy 柳河县 into `folder` with top-level blocks of survey.yaml dropped or rules replaced."""
    target = folder / "liuhe"
    shutil.copytree(SMALL, target)
    config = target / "survey.yaml"
    text = _without(config.read_text(encoding="utf-8"), *drop, *(["quality_rules"] * bool(rules)))
    for key in drop:
        assert f"\n{key}:" not in text
    config.write_text(text + (rules or ""), encoding="utf-8")
    return target


def page_text(site: Path, lang: str) -> str:
    page = site / ("" if lang == "zh" else "en") / "recognition" / "index.html"
    body = page.read_text(encoding="utf-8")
    body = body[body.index("<article") : body.index("</article>")]
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


@pytest.fixture(scope="module")
def bare_site(tmp_path_factory, build_county):
    """柳河县 with no quality rule, no group weights and no sensitivity list, built."""
    folder = tmp_path_factory.mktemp("bare")
    site = folder / "site"
    build_county(package(folder, "quality_rules", "group_weights", "sensitivity"), site)
    return site


def test_the_fixture_config_has_what_the_variants_remove():
    results = compute_results(SMALL)
    assert uses_rule(results, "min_duration") and uses_method(results, "group_weights")
    assert alternatives(results) == 2


def test_a_config_without_quality_rules_builds_and_says_none_are_set(bare_site):
    zh, en = page_text(bare_site, "zh"), page_text(bare_site, "en")
    assert "评分配置没有设置质量规则，收回的问卷全部纳入分析" in zh
    assert "sets no quality rule, so every questionnaire received is analysed" in en
    for text in ("下列规则依次执行", "答题用时少于", "重复提交指"):
        assert text not in zh
    assert "completed in under" not in en and "The rules below run" not in en


def test_with_one_method_the_page_says_there_is_nothing_to_compare(bare_site):
    zh, en = page_text(bare_site, "zh"), page_text(bare_site, "en")
    assert "没有其他算法可以比较" in zh and "在 1 种算法中" not in zh
    assert "不取决于算法" not in zh and "下表把同一批问卷按每种算法各算一遍" not in zh
    assert "there is no other method to compare it with" in en
    assert "Of 1 methods" not in en and "does not depend" not in en
    assert "each method, so readers" not in en


def test_without_group_weights_no_sentence_refers_to_a_weights_table(bare_site):
    zh, en = page_text(bare_site, "zh"), page_text(bare_site, "en")
    assert "按下表的权重" not in zh and "按群体固定权重合成" not in zh
    assert "weights below" not in en and "Fixed weights per respondent group" not in en
    assert "满意度得分" not in zh.split("方法不同，结论是否不同")[1]  # score is not compared
    assert "事后分层加权" not in zh and "Post-stratified" not in en


def test_rules_without_min_duration_leave_out_the_duration_sentence(tmp_path, build_county):
    rules = "quality_rules:\n  - {rule: duplicate_submissions}\n  - {rule: no_valid_answers}\n"
    site = tmp_path / "site"
    build_county(package(tmp_path, rules=rules), site)
    zh, en = page_text(site, "zh"), page_text(site, "en")
    assert "下列规则依次执行" in zh and "重复提交指" in zh and "没有可计分的答案" in zh
    assert "答题用时少于" not in zh and "completed in under" not in en
    assert "A duplicate submission has" in en and "has nothing to score" in en


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_one_computable_method_among_uncomputable_ones_is_not_called_robust(lang):
    # the alternatives of 柳河县 all compute, so mark them not computable on the results
    results = compute_results(SMALL)
    table = results.survey.sensitivity.copy()
    table.loc[~table["configured"], "computable"] = False
    changed = dataclasses.replace(
        results, survey=dataclasses.replace(results.survey, sensitivity=table)
    )
    text = sensitivity_summary(changed, lang)
    if lang == "zh":
        assert "其他 2 种算法在本县的数据上都无法计算" in text and "不取决于" not in text
    else:
        assert "None of the other methods" in text and "does not depend" not in text
    assert text == sensitivity_summary(changed, lang, conclusion_only=True)


@pytest.mark.parametrize("lang, sep", [("zh", "、"), ("en", ", ")])
def test_the_about_page_reference_lists_the_loaders_own_values(lang, sep):
    assert config_values("roles", lang) == sep.join(
        f"<code>{r}</code>" for r in ("satisfied", "valid", "dont_know", "skip")
    )
    assert "<code>min_duration</code>" in config_values("quality_rules", lang)
    assert config_default("threshold", lang) == "<code>0.85</code>"
    assert config_default("rake.tolerance", lang) == "<code>1.0e-10</code>"
    assert "<code>npc_deputy</code>" in config_default("disclosure.county_only", lang)
    with pytest.raises(KeyError):
        config_values("colours", lang)


@pytest.mark.parametrize(
    "key, written", [("method", "<code>rate</code>"), ("weighting", "<code>none</code>")]
)
def test_text_defaults_are_written_as_they_are(key, written):
    """A word with an "e" in it is not a number in scientific notation (it read "rat.0e")."""
    from publish._survey_doc import config_default

    assert config_default(key, "en") == written
