"""The release notes: published versions and corrections, newest first, and this build's data."""

from __future__ import annotations

from publish._escape import page_text
from publish._format import text_html
from publish._labels import label
from publish._results import Results
from publish._table_html import header_cells, table_html


def releases_table(results: Results, lang: str) -> str:
    """Return the releases table and a line naming the data version of this build."""
    rows = []
    for _, release in results.releases.iloc[::-1].iterrows():
        english = lang == "en" and isinstance(release.get("notes_en"), str)
        notes = release["notes_en"] if english else release["notes"]
        kind = label(f"release_kind.{release['kind']}", lang)
        rows.append(
            f'<tr><th scope="row">{page_text(str(release["version"]))}</th>'
            f"<td>{page_text(str(release['date']))}</td>"
            f"<td>{page_text(kind)}</td>"
            f"<td>{text_html(str(notes), lang)}</td></tr>"
        )
    head = header_cells(("column.version", "column.date", "column.kind", "column.notes"), lang)
    current = (
        f'<p class="ec-current-version">{page_text(label("ui.current_data_version", lang))}'
        f"{'：' if lang == 'zh' else ': '}<code>{results.provenance.data_version}</code></p>"
    )
    body = "".join(rows)
    table = table_html(head, body, "ec-releases")
    return current + table
