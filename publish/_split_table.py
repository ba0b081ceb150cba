"""The split of shared campuses, as a worked example on the methodology page.

Each section that shares its school's buildings (资源是否共用 = 是) gets the share of the school's
totals that `split_rule` gives it; the table shows the share and, for every shared total, the
school's figure and the section's part, so a reader can redo the multiplication.
"""

from __future__ import annotations

import pandas as pd

from loaders import load_schema
from publish._escape import page_text
from publish._format import fmt_decimal, fmt_int, fmt_percent
from publish._labels import label, section_words
from publish._names import school_names
from publish._results import Results
from publish._table_html import render_table


def shared_split_table(results: Results, lang: str) -> str:
    """Return the table of every shared section's share and split totals (none: a sentence)."""
    split = results.shared_split
    if split.empty:
        return f"<p>{page_text(label('split.none', lang))}</p>"
    headers = {
        c.name: c.zh if lang == "zh" else c.en[:1].upper() + c.en[1:]
        for c in load_schema("schools").columns
    }
    columns = [c[: -len("_section")] for c in split.columns if c.endswith("_section")]
    sections = [section_words(n, lang) for n in split["section_name"]]
    frame = pd.DataFrame(
        {
            label("column.section_id", lang): split["section_id"],
            label("column.school_name", lang): school_names(split["school_name"], results, lang),
            label("column.section_name", lang): sections,
            label("column.students", lang): [fmt_int(v, lang) for v in split["students"]],
            label("split.share", lang): [fmt_percent(v, 2, lang) for v in split["share"]],
        }
        | {
            f"{headers[c]}{label('split.school_to_section', lang)}": [
                f"{fmt_decimal(whole, 2, lang)} → {fmt_decimal(part, 2, lang)}"
                for whole, part in zip(split[c], split[f"{c}_section"], strict=True)
            ]
            for c in columns
        }
    )
    return render_table(frame, dict.fromkeys(frame.columns, "text"), lang)
