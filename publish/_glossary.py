"""The bilingual glossary (`glossary.yaml`): one English word per recurring Chinese term.

Why data and not words typed into each label: the same Chinese term (社会认可度, 骨干教师 …)
appears in labels, indicator names and pages, and an English rendering typed in several places
drifts into calques; here it is chosen once, the glossary page lists it, and a test holds the
labels to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from loaders import load_yaml
from publish._labels import LANGUAGES
from publish._table_html import render_table

_FIELDS = {"zh", "en", "en_plural", "en_short", "def_zh", "def_en"}
_REQUIRED = {"zh", "en", "def_zh", "def_en"}


@dataclass(frozen=True)
class Term:
    """One glossary entry: the Chinese term, its English (singular, plural, short) and a
    one-sentence definition in each language."""

    key: str
    zh: str
    en: str  # singular, as in a sentence: lower case unless a name
    en_plural: str  # `en` + "s" unless the file says otherwise
    en_short: str | None  # an accepted short form, such as CV in a column header
    def_zh: str
    def_en: str


@cache
def _load() -> tuple[dict[str, dict[str, str]], dict[str, Term]]:
    raw = load_yaml(Path(__file__).with_name("glossary.yaml").read_text(encoding="utf-8"))
    terms = {}
    for key, entry in raw["terms"].items():
        unknown, missing = set(entry) - _FIELDS, _REQUIRED - set(entry)
        if unknown or missing:
            raise ValueError(
                f"glossary.yaml, term {key}: unknown {unknown or '-'}, missing {missing or '-'}"
            )
        terms[key] = Term(
            key=key,
            zh=entry["zh"],
            en=entry["en"],
            en_plural=entry.get("en_plural", entry["en"] + "s"),
            en_short=entry.get("en_short"),
            def_zh=entry["def_zh"],
            def_en=entry["def_en"],
        )
    return raw["headers"], terms


def glossary_terms() -> dict[str, Term]:
    """Return every term by key, in the file's order."""
    return _load()[1]


def term(key: str, lang: str, plural: bool = False, capital: bool = False) -> str:
    """Return a term in `lang`: the Chinese, or the English singular or plural; `capital=True`
    starts the English with a capital letter (a heading, the start of a sentence)."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; known: {', '.join(LANGUAGES)}")
    entry = glossary_terms()[key]
    if lang == "zh":
        return entry.zh
    words = entry.en_plural if plural else entry.en
    return words[:1].upper() + words[1:] if capital else words


def glossary_table(lang: str) -> str:
    """Return the glossary as an HTML table: the term in the page language, the other
    language beside it, and the definition; each row has the id `term-<key>` to link to."""
    headers, terms = _load()
    other = "en" if lang == "zh" else "zh"
    columns = [headers[c][lang] for c in ("term", "other", "definition")]
    rows = [
        [
            term(t.key, lang, capital=True),
            term(t.key, other, capital=True),
            getattr(t, f"def_{lang}"),
        ]
        for t in terms.values()
    ]
    frame = pd.DataFrame(rows, columns=columns)
    formats = dict.fromkeys(columns, "text")
    return render_table(
        frame, formats, lang, row_ids=[f"term-{k}" for k in terms], css_class="ec-glossary"
    )
