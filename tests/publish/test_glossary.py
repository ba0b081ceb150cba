"""The bilingual glossary (publish/_glossary.py): both languages for every term, the labels and
indicator names held to its English, and the calques it replaced kept out of the sources."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from loaders import load_yaml
from publish._glossary import glossary_table, glossary_terms, term
from publish._labels import load_labels

ROOT = Path(__file__).resolve().parents[2]

# the literal renderings the glossary replaced (issue 17 §5), and the pattern each is found by
BANNED = {
    "government guarantee": r"\bgovernment guarantee",
    "social recognition": r"\bsocial recognition",
    "veto item": r"\bveto items?\b",
    "backbone teacher": r"\bbackbone\b",
    "legal schools": r"\blegal schools\b",
    "informatised": r"\binformati[sz](ed|ation)\b",
    "public funds (公用经费)": r"\bpublic[ -]funds\b",
    "disabled children": r"\bdisabled children\b",
    "of which the others": r"\bof which the others\b",
}
# terms whose English must appear wherever their Chinese does (a label, an indicator name)
ALWAYS_SAID = ("leading_teacher", "public_satisfaction", "disqualifying_condition")


def _bilingual(node, path: str = ""):
    """Yield (path, {zh, en}) for every bilingual entry of a YAML tree."""
    if (
        isinstance(node, dict)
        and isinstance(node.get("zh"), str)
        and isinstance(node.get("en"), str)
    ):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _bilingual(value, f"{path}.{key}" if path else str(key))


def _yaml(relative: str):
    return load_yaml((ROOT / relative).read_text(encoding="utf-8"))


def _entries():
    """Every bilingual label, indicator name, rule and standard the site shows."""
    yield from _bilingual(load_labels(), "labels")
    yield from _bilingual(_yaml("indicators/evaluation.yaml"), "evaluation")
    yield from _bilingual(_yaml("indicators/standards.yaml"), "standards")


def _forms(key: str) -> set[str]:
    t = glossary_terms()[key]
    return {w.lower() for w in (t.en, t.en_plural, t.en_short) if w}


def test_every_term_has_both_languages_and_a_definition_in_each():
    terms = glossary_terms()
    assert len(terms) >= 30
    for key, t in terms.items():
        assert re.search(r"[\u4e00-\u9fff]", t.zh), key
        assert t.en and not re.search(r"[\u4e00-\u9fff]", t.en + t.en_plural), key
        assert t.def_zh.endswith("。") and t.def_en.endswith("."), key
        assert not re.search(r"[\u4e00-\u9fff\u3000，。]", t.def_en), key
    assert len({t.zh for t in terms.values()}) == len(terms)  # one English per Chinese term


@pytest.mark.parametrize(
    "key, lang, plural, capital, expected",
    [
        ("section", "en", False, False, "section"),
        ("section", "en", True, False, "sections"),
        ("migrant_children", "en", True, True, "Migrant children"),
        ("coefficient_of_variation", "en", True, False, "coefficients of variation"),
        ("public_satisfaction", "en", True, False, "public satisfaction"),  # no plural
        ("leading_teacher", "zh", True, True, "骨干教师"),  # Chinese has no plural or capitals
        ("disqualifying_condition", "en", False, True, "Disqualifying condition"),
    ],
)
def test_term_gives_singular_plural_and_capital(key, lang, plural, capital, expected):
    assert term(key, lang, plural=plural, capital=capital) == expected


def test_an_unknown_language_or_term_is_an_error():
    with pytest.raises(ValueError, match="unknown language"):
        term("section", "fr")
    with pytest.raises(KeyError):
        term("no_such_term", "en")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_glossary_table_lists_every_term_in_both_languages(lang):
    html = glossary_table(lang)
    for key, t in glossary_terms().items():
        row = re.search(rf'<tr id="term-{key}">(.*?)</tr>', html)
        assert row, key
        assert t.zh in row.group(1) and t.en[1:] in row.group(1), key
        definition = t.def_zh if lang == "zh" else t.def_en
        assert definition.replace("'", "&#x27;").replace('"', "&quot;") in row.group(1), key
    if lang == "en":  # the Chinese column is marked, so screen readers and checks know it
        assert html.count('<span lang="zh">') == len(glossary_terms())


def test_a_label_with_a_terms_chinese_gives_that_terms_english():
    """A label, area or indicator whose Chinese is exactly a glossary term says the glossary's
    English (singular, plural or its short form), so the two cannot drift apart."""
    by_zh = {t.zh: t.key for t in glossary_terms().values()}
    drift = [
        (path, entry["en"])
        for path, entry in _entries()
        if entry["zh"] in by_zh and entry["en"].strip().lower() not in _forms(by_zh[entry["zh"]])
    ]
    assert not drift
    matched = [path for path, entry in _entries() if entry["zh"] in by_zh]
    assert len(matched) >= 10  # the check has something to hold


@pytest.mark.parametrize("key", ALWAYS_SAID)
def test_a_key_term_is_said_in_the_glossarys_words_wherever_it_appears(key):
    zh = glossary_terms()[key].zh
    found = [(p, e["en"]) for p, e in _entries() if zh in e["zh"]]
    assert found
    assert [(p, en) for p, en in found if not any(f in en.lower() for f in _forms(key))] == []


def test_the_navigation_names_the_areas_in_the_glossarys_words():
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    pairs = dict(re.findall(r"^ {12}(\S+): (.+)$", text, flags=re.M))
    assert pairs["社会认可度"] == term("public_satisfaction", "en", capital=True)
    assert pairs["一票否决"] == term("disqualifying_condition", "en", plural=True, capital=True)
    assert pairs["资源配置"] == term("resource_provision", "en", capital=True)
    assert pairs["政府保障"] == term("government_support", "en", capital=True)
    assert pairs["术语表"] == "Glossary"


ENGLISH_SOURCES = [
    *sorted((ROOT / "docs").glob("*.en.md")),
    ROOT / "publish" / "glossary.yaml",
]


@pytest.mark.parametrize("path", ENGLISH_SOURCES, ids=lambda p: p.name)
def test_no_english_page_source_uses_a_banned_calque(path):
    text = path.read_text(encoding="utf-8")
    assert [name for name, pattern in BANNED.items() if re.search(pattern, text, re.I)] == []


def test_no_label_or_indicator_name_uses_a_banned_calque():
    opendata = _bilingual(_yaml("publish/opendata.yaml"), "opendata")
    found = [
        (path, name)
        for path, entry in [*_entries(), *opendata]
        for name, pattern in BANNED.items()
        if re.search(pattern, entry["en"], re.I)
    ]
    assert found == []


def test_english_labels_hold_no_full_width_space_or_punctuation():
    found = [(p, e["en"]) for p, e in _entries() if re.search(r"[\u3000，。；：]", e["en"])]
    assert found == []


def test_the_measures_are_named_in_full_with_the_chinese_beside_them():
    title = (
        "Measures for the Supervision and Evaluation of High-Quality Balanced Development of "
        "Compulsory Education in Counties (县域义务教育优质均衡发展督导评估办法, 教督〔2017〕6号)"
    )
    assert _yaml("indicators/evaluation.yaml")["source"]["en"] == title
    assert title in _yaml("indicators/standards.yaml")["source"]["en"]
