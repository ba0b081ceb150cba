"""The county's own narrative (主要举措及成效) and the figures it inserts.

Why so strict: the text is written by staff in Markdown and shown on the site and in the report,
so it is untrusted input. It may insert numbers only through two marks, `{{ figure("code") }}`
(a row of narrative_figures, with its unit and source) and `{{ measure("code") }}` (a county
measure): any other template syntax is refused here, naming the line and the mark as typed, so
no text can run as a template, and no figure in the prose is typed by hand. HTML in the text is
shown as text (publish/_narrative.py); personal data stops the load like anywhere else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from loaders._errors import InputError, LoadReport
from loaders._evaluation import measure_items
from loaders._files import PACKAGE_FILES
from loaders._limits import within_size
from loaders._personal_data import scan_text
from loaders._schema import load_schema
from loaders._sources import NamedFile
from loaders._table import decode_text, read_table

# the two marks the text may hold: {{ figure("code") }} and {{ measure("code") }}; spaces and
# single quotes are harmless variants of the same mark, so they are accepted
NARRATIVE_MARK = re.compile(
    r"\{\{\s*(?P<kind>figure|measure)\s*\(\s*(?P<quote>[\"'])(?P<code>[A-Za-z0-9_]+)"
    r"(?P=quote)\s*\)\s*\}\}"
)
TEMPLATE_SYNTAX = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")
# a mark as typed, braces to braces, so a message shows all of it and never cuts it in two
TYPED_MARK = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}")
# what a wrong mark most likely meant: its kind and code, whatever quotes or brackets it has
MEANT = re.compile(r"(figure|measure)\s*[(（]\s*[\"'“”‘’「」＂＇]?\s*([A-Za-z0-9_]+)")
WIDE_QUOTES, WIDE_BRACKETS = set("“”‘’「」＂＇"), set("（）")
EITHER_MARK = (
    '{{ figure("代码") }} 或 {{ measure("代码") }}',
    '{{ figure("code") }} or {{ measure("code") }}',
)
MAX_SHOWN = 200  # a "mark" longer than this is not one: show its start


@dataclass(frozen=True)
class Narrative:
    """The text in both languages and its figures, indexed by code (label, label_en, value,
    unit, unit_en, source)."""

    zh: str
    en: str
    figures: pd.DataFrame = field(default_factory=pd.DataFrame)

    def text(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


def _no_figures() -> pd.DataFrame:
    schema = load_schema("narrative_figures")
    return pd.DataFrame(columns=[c.name for c in schema.columns if c.name != "key"])


def read_figures(path: NamedFile | None, report: LoadReport) -> pd.DataFrame | None:
    """Return the narrative's figures by code: empty when the package has none, None when the
    file has errors (reported), so no mark is checked against a table that was not read."""
    if path is None:
        return _no_figures()
    table = read_table(path, load_schema("narrative_figures"), report)
    if table is None:
        return None
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


def _unknown_code(name: str, number: int, kind: str, code: str, known: list[str]) -> InputError:
    source = "narrative_figures" if kind == "figure" else "measure_items"
    codes = ", ".join(map(str, known))
    return InputError(
        name,
        "not-in-list",
        row=number,
        value=f'{kind}("{code}")',
        expected=f"{source} 中的代码：{codes or '（表中没有代码）'}",
        expected_en=f"a code of {source}: {codes or '(the table has none)'}",
    )


def _wrong_mark(name: str, number: int, typed: str) -> InputError:
    """Name a wrong mark as typed and, when its intent is plain, the mark to type instead."""
    meant = MEANT.search(typed)
    zh, en = [], []
    if meant and WIDE_QUOTES & set(typed):
        zh.append('引号须用半角双引号 "，不能用中文引号')
        en.append('the quotes must be straight double quotes ("), not Chinese quotes')
    if meant and WIDE_BRACKETS & set(typed):
        zh.append("括号须用半角括号 ( )，不能用中文括号")
        en.append("the brackets must be plain ( ), not Chinese brackets")
    return InputError(
        name,
        "narrative-template",
        row=number,
        value=typed if len(typed) <= MAX_SHOWN else typed[:MAX_SHOWN] + "…",
        expected=f'{{{{ {meant[1]}("{meant[2]}") }}}}' if meant else EITHER_MARK[0],
        expected_en=None if meant else EITHER_MARK[1],
        detail="；".join(zh) or None,
        detail_en="; ".join(en) or None,
    )


def _check_syntax(name: str, number: int, line: str, report: LoadReport) -> None:
    """Report the template syntax left in a line once its good marks are taken out: each wrong
    mark whole, then a stray delimiter (half a mark) with the words around it."""
    rest = NARRATIVE_MARK.sub(lambda m: "\0" * len(m[0]), line)  # keeps the positions
    for typed in TYPED_MARK.finditer(rest):
        report.add(_wrong_mark(name, number, line[typed.start() : typed.end()]))
    stray = TEMPLATE_SYNTAX.search(TYPED_MARK.sub(lambda m: "\0" * len(m[0]), rest))
    if stray:
        report.add(
            InputError(
                name,
                "narrative-template",
                row=number,
                value=line[max(0, stray.start() - 40) : stray.end() + 40].strip(),
                expected=EITHER_MARK[0],
                expected_en=EITHER_MARK[1],
                detail=f"「{stray[0]}」缺少与之成对的另一半",
                detail_en=f'"{stray[0]}" lacks its other half',
            )
        )


def check_text(name: str, text: str, figures: pd.DataFrame | None, report: LoadReport) -> None:
    """Report, by line, marks other than the two allowed, unknown codes and personal data.

    `figures` None: the figures file has errors of its own, so figure codes are not checked
    against it (each would be a false "unknown code")."""
    measures = list(measure_items())
    for number, line in enumerate(text.split("\n"), start=1):
        for mark in NARRATIVE_MARK.finditer(line):
            kind, code = mark["kind"], mark["code"]
            if kind == "figure" and figures is None:
                continue
            known = list(figures.index) if kind == "figure" else measures
            if code not in known:
                report.add(_unknown_code(name, number, kind, code, known))
        _check_syntax(name, number, line, report)
        scan_text(name, number, None, line, report)


def _one_language(missing: str) -> InputError:
    """The text given in one language only: both languages or neither, and how to get there."""
    given = "narrative_en" if missing == "narrative" else "narrative"
    example = next(f.example for f in PACKAGE_FILES if f.key == missing)
    zh_given, zh_missing = ("中文", "英文") if missing == "narrative_en" else ("英文", "中文")
    en_given, en_missing = (
        ("Chinese", "English") if missing == "narrative_en" else ("English", "Chinese")
    )
    return InputError(
        "county.toml",
        "missing-key",
        column=f"files.{missing}",
        detail=f"files.{given} 给出了{zh_given}正文，{zh_missing}正文 files.{missing} 也须给出："
        f'正文须中英文都有，或都没有。请加入 {missing} = "{example}" 并把该文件放入数据包，'
        f"或把 {given} 和 {missing} 两行都删除",
        detail_en=f"files.{given} gives the {en_given} text, so files.{missing} must give the "
        f"{en_missing} text: the narrative comes in both languages or in neither. Add "
        f'{missing} = "{example}" and put that file in the package, or delete both the '
        f"{given} and the {missing} lines",
    )


def read_narrative(paths: dict[str, NamedFile | None], report: LoadReport) -> Narrative | None:
    """Return the narrative when the package has one (both languages: `with` in the package
    files), else None."""
    figures = read_figures(paths.get("narrative_figures"), report)
    given = [key for key in ("narrative", "narrative_en") if paths.get(key) is not None]
    if len(given) == 1:  # one language alone would leave the other site without the section
        report.add(_one_language("narrative_en" if given == ["narrative"] else "narrative"))
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
    return Narrative(texts["zh"], texts["en"], _no_figures() if figures is None else figures)
