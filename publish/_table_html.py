"""The table primitives every page table is made of: one cell formatted, a frame rendered.

Why apart from the page tables: cards, charts, the directory and the open-data page all build
on these, and a formatter must not depend on the tables that use it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd

from publish._escape import page_text
from publish._format import fmt_decimal, fmt_int, fmt_percent, mark_chinese
from publish._labels import label


def format_cell(value: object, kind: str, lang: str) -> str:
    """Return one cell as text: kinds text, int, decimal0–decimal3, percent0–percent2.

    A missing number (None or NaN: a measure left empty, or a draft without its file) is "—".
    """
    if kind != "text" and (value is None or (isinstance(value, float) and math.isnan(value))):
        return "—"
    if kind == "int":
        return fmt_int(float(value), lang)
    if kind.startswith("decimal"):
        return fmt_decimal(float(value), int(kind[-1]), lang)
    if kind.startswith("percent"):
        return fmt_percent(float(value), int(kind[-1]), lang)
    return str(value)


def render_table(
    frame: pd.DataFrame,
    formats: Mapping[str, str],
    lang: str,
    *,
    cell_classes: pd.DataFrame | None = None,
    row_ids: list[str] | None = None,
    css_class: str = "",
) -> str:
    """Return a one-line HTML table with header cells; the first column heads the rows."""
    head = "".join(f'<th scope="col">{page_text(str(c))}</th>' for c in frame.columns)
    rows = []
    for n, (index, row) in enumerate(frame.iterrows()):
        cells = []
        for i, column in enumerate(frame.columns):
            text = mark_chinese(page_text(format_cell(row[column], formats[column], lang)), lang)
            extra = ""
            if (
                cell_classes is not None
                and column in cell_classes
                and cell_classes.loc[index, column]
            ):
                extra = f' class="{cell_classes.loc[index, column]}"'
            tag = 'th scope="row"' if i == 0 else "td"
            cells.append(f"<{tag}{extra}>{text}</{tag.split()[0]}>")
        row_id = f' id="{page_text(row_ids[n])}"' if row_ids else ""
        rows.append(f"<tr{row_id}>" + "".join(cells) + "</tr>")
    return table_html(head, "".join(rows), css_class)


def header_cells(keys: tuple[str, ...], lang: str) -> str:
    """Return column-header cells for label keys, in the page language."""
    return "".join(f'<th scope="col">{page_text(label(k, lang))}</th>' for k in keys)


def table_html(head: str, body: str, css_class: str = "") -> str:
    """Return a table from its header cells and body rows, inside a div carrying `css_class`.

    Why the wrapper: Material styles only tables without a class attribute, so our classes go
    on the wrapper and the table keeps the theme's look (and its horizontal scrolling).
    """
    table = f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    return f'<div class="ec-table {css_class}">{table}</div>' if css_class else table


def exact_places(value: float, at_least: int, at_most: int = 6) -> int:
    """Return the fewest decimals, at least `at_least`, that show `value` without rounding it.

    Why: a floor shown rounded (1.955 as "1.95") would let a value that fails it look as if it
    reached it.
    """
    for places in range(at_least, at_most):
        if math.isclose(value, round(value, places), rel_tol=0, abs_tol=1e-9):
            return places
    return at_most
