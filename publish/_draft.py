"""The files of a county package as tables: all of them (about-data page), or those a draft lacks.

A draft (`python -m publish build --draft`) is for the data officer who has a school register and
wants to see what it computes before the rest of the package exists. It is never published, so
its page says plainly what is missing instead of hiding the gaps.
"""

from __future__ import annotations

from loaders import PACKAGE_FILES
from publish._escape import page_text
from publish._labels import label


def draft_banner(lang: str) -> str:
    return label("ui.draft_banner", lang)


def package_files_table(lang: str, only: tuple[str, ...] | None = None) -> str:
    """Return the table of county.toml [files] keys, in `PACKAGE_FILES` order (`only`: those).

    Each row gives the key, an example file name, what the file holds and whether a full build
    needs it; it is generated from loaders' one list, so the docs and the loader cannot differ.
    """
    head = "".join(
        f"<th>{page_text(label(f'draft.{key}', lang))}</th>"
        for key in ("key", "example", "holds", "needed")
    )
    rows = []
    for spec in PACKAGE_FILES:
        if only is not None and spec.key not in only:
            continue
        needed = label("draft.required" if spec.required else "draft.optional", lang)
        cells = (
            f"<code>{page_text(spec.key)}</code>",
            f"<code>{page_text(spec.example)}</code>",
            page_text(spec.zh if lang == "zh" else spec.en),
            page_text(needed),
        )
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return (
        '<div class="ec-table-wrap"><table>\n'
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody></table></div>"
    )


def missing_files_table(missing: tuple[str, ...], lang: str) -> str:
    """Return the table of the package files a draft lacks (none: a sentence saying so)."""
    if not missing:
        return f"<p>{page_text(label('draft.nothing_missing', lang))}</p>"
    return package_files_table(lang, only=missing)


def draft_notes_list(notes: tuple, lang: str, declared: bool = True) -> str:
    """Return, as a list, the declaration problems that would stop a full build (none: a
    sentence saying so). `notes`: `InputError`s from `indicators.evaluate(draft=True)`;
    `declared`: False when the draft has no declarations file yet."""
    if not declared:
        return f"<p>{page_text(label('draft.no_declarations', lang))}</p>"
    if not notes:
        return f"<p>{page_text(label('draft.no_notes', lang))}</p>"
    items = "\n".join(f"<li>{page_text(note.message(lang))}</li>" for note in notes)
    return f"<ul>\n{items}\n</ul>"
