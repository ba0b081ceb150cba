"""The county's own narrative (主要举措及成效) and the figures it inserts.

Why so strict: the text is written by staff in Markdown and shown on the site and in the report,
so it is untrusted input. It may insert numbers only through two marks, `{{ figure("code") }}`
(a row of narrative_figures, with its unit and source) and `{{ measure("code") }}` (a county
measure): any other template syntax is refused here, naming the line, so no text can run as a
template, and no figure in the prose is typed by hand. HTML in the text is shown as text
(publish/_narrative.py); personal data stops the load like anywhere else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from loaders._errors import InputError, LoadReport
from loaders._evaluation import measure_items
from loaders._limits import within_size
from loaders._personal_data import scan_text
from loaders._schema import load_schema
from loaders._sources import NamedFile
from loaders._table import decode_text, read_table

# the two marks the text may hold: {{ figure("code") }} and {{ measure("code") }}
NARRATIVE_MARK = re.compile(r"\{\{\s*(figure|measure)\(\s*\"([A-Za-z0-9_]+)\"\s*\)\s*\}\}")
TEMPLATE_SYNTAX = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")


@dataclass(frozen=True)
class Narrative:
    """The text in both languages and its figures, indexed by code (label, label_en, value,
    unit, unit_en, source)."""

    zh: str
    en: str
    figures: pd.DataFrame = field(default_factory=pd.DataFrame)

    def text(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


def read_figures(path: NamedFile | None, report: LoadReport) -> pd.DataFrame:
    """Return the narrative's figures by code; empty when the package has none."""
    schema = load_schema("narrative_figures")
    empty = pd.DataFrame(columns=[c.name for c in schema.columns if c.name != "key"])
    if path is None:
        return empty
    table = read_table(path, schema, report)
    if table is None:
        return empty
    for column in ("unit", "unit_en"):
        if column not in table:
            table[column] = ""
    return table.set_index("key")


def _read_text(path: NamedFile, report: LoadReport) -> str | None:
    if not within_size(path.path, "narrative", path.name, report):
        return None
    decoded = decode_text(path.path.read_bytes())
    if decoded is None:
        report.add(InputError(path.name, "bad-encoding"))
        return None
    return decoded[0].replace("\r\n", "\n")


def check_text(name: str, text: str, figures: pd.DataFrame, report: LoadReport) -> None:
    """Report, by line, marks other than the two allowed, unknown codes and personal data."""
    measures = measure_items()
    for number, line in enumerate(text.split("\n"), start=1):
        for kind, code in NARRATIVE_MARK.findall(line):
            known = figures.index if kind == "figure" else measures
            if code not in known:
                source = "narrative_figures 代码" if kind == "figure" else "measure_items 项目代码"
                report.add(
                    InputError(
                        name,
                        "not-in-list",
                        row=number,
                        value=f'{kind}("{code}")',
                        expected=f"{source}：{', '.join(map(str, known)) or '（无）'}",
                        expected_en=f"a code of {source.split()[0]}",
                    )
                )
        rest = NARRATIVE_MARK.sub("", line)
        if TEMPLATE_SYNTAX.search(rest):
            report.add(
                InputError(
                    name,
                    "narrative-template",
                    row=number,
                    value=line.strip()[:80],
                    expected='{{ figure("代码") }} 或 {{ measure("代码") }}',
                    expected_en='{{ figure("code") }} or {{ measure("code") }}',
                )
            )
        scan_text(name, number, None, line, report)


def read_narrative(paths: dict[str, NamedFile | None], report: LoadReport) -> Narrative | None:
    """Return the narrative when the package has one (both languages: `with` in the package
    files), else None."""
    figures = read_figures(paths.get("narrative_figures"), report)
    given = [key for key in ("narrative", "narrative_en") if paths.get(key) is not None]
    if len(given) == 1:  # one language alone would leave the other site without the section
        missing = "narrative_en" if given == ["narrative"] else "narrative"
        report.add(
            InputError(
                "county.toml",
                "empty",
                column=f"files.{missing}",
                expected="narrative 与 narrative_en 须同时填写（中文和英文正文）",
                expected_en="name both narrative and narrative_en (the Chinese and English text)",
            )
        )
        return None
    texts = {}
    for lang, key in (("zh", "narrative"), ("en", "narrative_en")):
        path = paths.get(key)
        if path is None:
            return None
        text = _read_text(path, report)
        if text is None:
            return None
        check_text(path.name, text, figures, report)
        texts[lang] = text
    return Narrative(texts["zh"], texts["en"], figures)
