"""The limits a package's files must keep (loaders/schemas/limits.yaml), for the About page.

Why a table from the limits themselves: the page and the loaders can then never disagree.
"""

from __future__ import annotations

import pandas as pd

from loaders import limits
from publish._format import fmt_int
from publish._labels import label
from publish._results import Results
from publish._table_html import render_table

KINDS = ("table", "survey", "config")
MEASURES = ("bytes", "unzipped_bytes", "rows", "columns", "yaml_nodes")


def input_limits_table(results: Results, lang: str) -> str:
    """Return every limit in force: the kind of file, what is bounded, the bound."""
    rows = [
        {
            label("column.limit_files", lang): label(f"limits.{kind}", lang),
            label("column.limit_what", lang): label(f"limits.{measure}", lang),
            label("column.limit_value", lang): fmt_int(getattr(limits(kind), measure), lang),
        }
        for kind in KINDS
        for measure in MEASURES
        if getattr(limits(kind), measure)
    ]
    frame = pd.DataFrame(rows)
    return render_table(frame, dict.fromkeys(frame.columns, "text"), lang)
