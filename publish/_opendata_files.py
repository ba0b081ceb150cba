"""The open-data files: each table as CSV and JSON plus datapackage.json, and the page's list.

CSV is UTF-8 with a BOM, JSON has null for every missing value, and datapackage.json describes
the CSV files; the open-data page lists the same tables with their download links and row counts.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from publish._csv_safe import spreadsheet_safe
from publish._escape import page_text
from publish._opendata import published_names, published_table
from publish._opendata_dictionary import dictionary, table_schema
from publish._results import Results
from publish._site import datapackage_licence
from publish._table_html import format_cell, header_cells, table_html

DATA_DIR = "data"


def _json_value(value: object) -> object:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if value is pd.NA:
        return None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def write_open_data(results: Results, site_dir: Path) -> list[Path]:
    """Write every table as CSV and JSON and the datapackage.json under `site_dir/data/`."""
    folder = Path(site_dir) / DATA_DIR
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    resources = []
    for name in published_names(results):
        spec = dictionary()[name]
        frame = published_table(results, name)
        csv_path, json_path = folder / f"{name}.csv", folder / f"{name}.json"
        spreadsheet_safe(frame).to_csv(
            csv_path, index=False, encoding="utf-8-sig", lineterminator="\n"
        )
        records = [{k: _json_value(v) for k, v in row.items()} for row in frame.to_dict("records")]
        json_path.write_text(
            json.dumps(records, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        written += [csv_path, json_path]
        resources.append(
            {
                "name": name.replace("_", "-"),
                "path": csv_path.name,
                "title": f"{spec.title_zh} / {spec.title_en}",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig",
                "schema": table_schema(spec),
            }
        )
    county = results.county
    package = {
        "name": f"county-equity-{county.code}",
        "title": f"{county.name_zh} 义务教育优质均衡发展 / {county.name_en} compulsory education",
        "description": "评估结果由县级数据按教督〔2017〕6号规则计算 / Results computed from the "
        f"{county.kind_en}'s data by the rules of 教督〔2017〕6号",
        "version": results.provenance.data_version,
        "licenses": [datapackage_licence(results.county)],
        "resources": resources,
    }
    path = folder / "datapackage.json"
    path.write_text(json.dumps(package, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return [*written, path]


def files_table(results: Results, lang: str, link: Callable[[str], str]) -> str:
    """Return the list of published tables with their CSV and JSON links and row counts.

    Table names may break after an underscore and the two links sit one under the other on a
    phone (docs/assets/site.css), so the table fits a 375-px screen with its links in view.
    """
    rows = []
    for name in published_names(results):
        spec = dictionary()[name]
        count = len(published_table(results, name))
        title = spec.title_zh if lang == "zh" else spec.title_en
        breakable = name.replace("_", "_<wbr>")
        rows.append(
            f'<tr><th scope="row">{page_text(title)}</th><td><code>{breakable}</code></td>'
            f"<td>{format_cell(count, 'int', lang)}</td>"
            f'<td><a href="{link(f"{DATA_DIR}/{name}.csv")}" download>CSV</a>'
            '<span class="ec-files__sep" aria-hidden="true"> · </span>'
            f'<a href="{link(f"{DATA_DIR}/{name}.json")}" download>JSON</a></td></tr>'
        )
    head = header_cells(
        ("column.contents", "column.dataset", "column.rows", "column.download"), lang
    )
    body = "".join(rows)
    return table_html(head, body, "ec-files")
