"""The check report: one self-contained HTML page, Chinese first and English beside it.

Why one file with its style inside: staff open it from the file system (double-click) on an
office computer, often without a network; it must need nothing else and ask no server for
anything. Every text from the package is escaped, since a package is untrusted input.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING

import indicators
from loaders import InputError, hint, left_out
from publish._escape import page_text
from publish._labels import label
from publish._results import software_version

if TYPE_CHECKING:
    from publish._check import CheckOutcome

UNITS_SHOWN = 20
STYLE = """
body{font-family:system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:1.5rem;
color:#1b1b1b;line-height:1.5;max-width:80rem;overflow-wrap:anywhere}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem}
.en{color:#444}table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
th,td{border:1px solid #bbb;padding:.3rem .5rem;text-align:left;vertical-align:top}
.wide{overflow-x:auto;max-width:100%}table{min-width:48rem}
th{background:#eee}td.n{text-align:right;white-space:nowrap}
.ok{background:#e6f4ea;border-left:.4rem solid #1e7b34;padding:.6rem 1rem}
.bad{background:#fdecea;border-left:.4rem solid #b3261e;padding:.6rem 1rem}
.mark{font-weight:bold}code{background:#f3f3f3;padding:0 .2rem}
@media (prefers-color-scheme:dark){body{background:#121212;color:#e8e8e8}.en{color:#bbb}
th{background:#2a2a2a}.ok{background:#12301b}.bad{background:#3b1411}code{background:#2a2a2a}}
"""


def plural(count: int, noun: str) -> str:
    """Return "1 problem", "2 problems"."""
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _both(zh: str, en: str) -> str:
    """Chinese, then English on its own line (both already escaped)."""
    return f'{zh}<br><span class="en" lang="en">{en}</span>'


def _each(words, *args) -> str:
    """Escape `words(*args, lang)` for each language and put them together as `_both` does."""
    return _both(page_text(words(*args, "zh")), page_text(words(*args, "en")))


def _text(value: object) -> str:
    return "—" if value is None or value == "" else page_text(str(value))


def _problem_rows(errors: list[InputError]) -> str:
    rows = []
    for e in errors:
        expected = _both(_text(e.expectation("zh")), _text(e.expectation("en")))
        rows.append(
            "<tr>"
            f'<td class="n">{_text(e.row)}</td><td>{_text(e.column)}</td><td>{_text(e.value)}</td>'
            f"<td>{_both(page_text(e.problem('zh')), page_text(e.problem('en')))}</td>"
            f"<td>{expected if e.expectation('zh') else '—'}</td>"
            f"<td>{_both(page_text(hint(e.code, 'zh')), page_text(hint(e.code, 'en')))}</td>"
            f"<td><code>{page_text(e.code)}</code></td></tr>"
        )
    head = (
        "<tr><th>行<br>Row</th><th>列（或键）<br>Column (or key)</th><th>值<br>Value</th>"
        "<th>问题<br>Problem</th><th>应为<br>Expected</th><th>怎么改<br>What to do</th>"
        "<th>代码<br>Code</th></tr>"
    )
    return f'<div class="wide"><table>{head}{"".join(rows)}</table></div>'


def _by_file(errors: list[InputError], annotated: dict[str, str], caps) -> str:
    parts = []
    for name in dict.fromkeys(e.file for e in errors):
        in_file = [e for e in errors if e.file == name]
        n = len(in_file)
        parts.append(f"<h2>{page_text(name)}（{n} 处 / {plural(n, 'problem')}）</h2>")
        if name in annotated:
            link = page_text(annotated[name])
            parts.append(
                "<p>"
                + _both(
                    f'已标出问题单元格的副本：<a href="{link}">{link}</a>（原文件未改动）',
                    f'A copy with the problem cells marked: <a href="{link}">{link}</a> '
                    "(the original is unchanged)",
                )
                + "</p>"
            )
        parts.append(_problem_rows(in_file))
        for file, column, count in caps:
            if file == name:
                parts.append(f"<p>{_each(left_out, file, column, count)}</p>")
    return "".join(parts)


def _status(kind: str, status: str, lang: str) -> str:
    try:
        return label(f"{kind}.{status}", lang)
    except KeyError:
        return status


def _indicator_table(outcome: CheckOutcome) -> str:
    results = outcome.results
    assert results is not None
    rules = results.evaluation_rules
    rows = []
    everything = {**results.evaluation.indicators, **results.evaluation.veto}
    for ident, result in everything.items():
        rule = rules.indicators.get(ident)
        veto = rules.veto.get(ident)
        name_zh = rule.name_zh if rule else veto.zh if veto else ident
        name_en = rule.name_en if rule else veto.en if veto else ident
        units = indicators.failing_units(result.computed)
        shown = "".join(
            f"<li>{_both(page_text(u.zh), page_text(u.en))}</li>" for u in units[:UNITS_SHOWN]
        )
        more = len(units) - UNITS_SHOWN
        if more > 0:
            shown += f"<li>{_both(f'另有 {more} 个', f'and {more} more')}</li>"
        computed = result.computed.status
        mark = ' class="mark"' if computed == "not_met" else ""
        rows.append(
            f"<tr><td><code>{page_text(ident)}</code></td>"
            f"<td>{_both(page_text(name_zh), page_text(name_en))}</td>"
            f"<td{mark}>{_each(_status, 'computed', computed)}</td>"
            f"<td>{_each(_status, 'declared', result.declared)}</td>"
            f"<td>{'<ul>' + shown + '</ul>' if shown else '—'}</td></tr>"
        )
    head = (
        "<tr><th>编号<br>Code</th><th>指标<br>Indicator</th><th>数据计算结果<br>Computed</th>"
        "<th>自评结论<br>Declared</th><th>未达标的学校、班级或数值<br>What falls short</th></tr>"
    )
    return f'<div class="wide"><table>{head}{"".join(rows)}</table></div>'


def _summary(outcome: CheckOutcome) -> str:
    if outcome.ok:
        return (
            '<p class="ok">'
            + _both(
                "数据包检查通过：所有文件有效，自评结论与数据一致。可以构建网站。",
                "The package passed: every file is valid and the declarations agree with the data. "
                "The site can be built.",
            )
            + "</p>"
        )
    if outcome.errors:
        files = len({e.file for e in outcome.errors})
        count = len(outcome.errors)
        return (
            '<p class="bad">'
            + _both(
                f"发现 {count} 处问题，涉及 {files} 个文件，下表按文件列出。改正后再检查："
                "各文件之间的核对和自评结论的核对，要在这些问题改正后才能进行。",
                f"{plural(count, 'problem')} in {plural(files, 'file')}, listed below by file. "
                "Correct them and check again: the checks across files and of the declarations "
                "run once these are corrected.",
            )
            + "</p>"
        )
    count = len(outcome.notes)
    return (
        '<p class="bad">'
        + _both(
            f"所有文件有效，但有 {count} 项自评结论与数据不一致或缺少依据，须补充理由或化解方案。",
            f"Every file is valid, but {plural(count, 'declaration')} "
            + (
                "disagrees with the data or lacks its basis: it needs"
                if count == 1
                else "disagree with the data or lack their basis: they need"
            )
            + " a reason or a remediation plan.",
        )
        + "</p>"
    )


def write_report(
    outcome: CheckOutcome, annotated: dict[str, str], target: Path, package_name: str
) -> Path:
    """Write the report page to `target` (atomically) and return its path."""
    name_zh, name_en = outcome.county
    title_zh = f"{name_zh} 数据包检查报告" if name_zh else "数据包检查报告"
    title_en = f"Data package check: {name_en}" if name_en else "Data package check"
    checked = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M")
    body = [
        f"<h1>{_both(page_text(title_zh), page_text(title_en))}</h1>",
        "<p>"
        + _both(
            f"数据包文件夹：{page_text(package_name)}；检查时间：{checked}；软件版本：{page_text(software_version())}",
            f"Package folder: {page_text(package_name)}; checked {checked}; software version "
            f"{page_text(software_version())}",
        )
        + "</p>",
        _summary(outcome),
    ]
    if outcome.errors:
        body.append(_by_file(outcome.errors, annotated, outcome.left_out))
    if outcome.results is not None:
        if outcome.notes:
            body.append(
                "<h2>"
                + _both(
                    "须补充理由或化解方案的自评结论", "Declarations that need a reason or a plan"
                )
                + "</h2>"
            )
            body.append(_by_file(outcome.notes, {}, outcome.left_out))
        body.append(
            "<h2>"
            + _both("数据计算的各项指标结果", "What the data compute, indicator by indicator")
            + "</h2>"
        )
        body.append(
            "<p>"
            + _both(
                "按评估办法由数据包计算；自评结论须与之一致，不一致时须说明理由或提供化解方案。",
                "Computed from the package by the rules; a declared status must agree, or give "
                "a reason or a remediation plan.",
            )
            + "</p>"
        )
        body.append(_indicator_table(outcome))
    page = (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{page_text(title_zh)} / {page_text(title_en)}</title><style>{STYLE}</style></head>"
        f"<body>{''.join(body)}</body></html>\n"
    )
    partial = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    partial.write_text(page, encoding="utf-8")
    partial.replace(target)
    return target
