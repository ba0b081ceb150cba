"""The files of a county package: which are required, which optional (`schemas/package_files.yaml`).

Why one table: the loader's checks and the docs' list of files must not drift apart; a test
can generate or check the docs from `PACKAGE_FILES`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from loaders._errors import InputError, LoadReport
from loaders._paths import unsafe_error, unsafe_reason
from loaders._schema import SCHEMA_DIR, load_schema
from loaders._sources import NamedFile
from loaders._table import read_table
from loaders._yaml import load_yaml


@dataclass(frozen=True)
class PackageFile:
    """One key of county.toml [files]: whether it is required, an example name, what it holds.

    `with_key`: an optional file that needs another (survey and survey_config: both or neither).
    """

    key: str
    required: bool
    example: str
    zh: str
    en: str
    with_key: str | None = None


def _load() -> tuple[PackageFile, ...]:
    path = SCHEMA_DIR / "package_files.yaml"
    raw = load_yaml(path.read_text(encoding="utf-8"))["files"]
    allowed = {"required", "example", "zh", "en", "with"}
    files = []
    for key, item in raw.items():
        if set(item) - allowed or not isinstance(item.get("required"), bool):
            raise ValueError(f"{path}: files.{key}: unknown keys or no required: true/false")
        files.append(
            PackageFile(
                key=key,
                required=item["required"],
                example=item["example"],
                zh=item["zh"],
                en=item["en"],
                with_key=item.get("with"),
            )
        )
    return tuple(files)


PACKAGE_FILES: tuple[PackageFile, ...] = _load()


FILE_ENTRY_KEYS = ("file", "sheet")


def file_entry(value: object) -> tuple[object, object]:
    """Return (file name, sheet) of one [files] value: a name, or { file = …, sheet = … }."""
    if isinstance(value, dict):
        return value.get("file"), value.get("sheet")
    return value, None


def draft_files(root: Path, files: dict) -> tuple[dict, tuple[str, ...]]:
    """Return county.toml [files] as a draft build reads it, and the keys a draft does without.

    A draft (`build --draft`) needs only the school register: every other file that is not named,
    or named but not there yet, is left out and listed, so the draft can say what is missing.
    A survey without its config (or the reverse) is left out as a pair. Unknown keys stay, so a
    typo is still reported.
    """
    known = {f.key: f for f in PACKAGE_FILES}
    present = {
        key: name
        for key, name in files.items()
        if key not in known
        or key == "schools"
        or (isinstance(file_entry(name)[0], str) and _present(root, str(file_entry(name)[0])))
    }
    for spec in PACKAGE_FILES:
        if spec.with_key and (spec.key in present) != (spec.with_key in present):
            present.pop(spec.key, None)
    missing = tuple(f.key for f in PACKAGE_FILES if f.key not in present)
    return present, missing


def _present(root: Path, name: str) -> bool:
    """A name a draft may use: unsafe names stay, to be refused by `named_files`."""
    return unsafe_reason(root, name) is not None or (root / name).is_file()


def named_files(
    root: Path, files: dict, report: LoadReport, draft: bool = False
) -> dict[str, NamedFile | None]:
    """Return each file county.toml names, with its sheet (None for an optional file left out).

    Reports, against county.toml and the key: a required key left out, an unknown key (a typo
    such as `remediaton` would otherwise drop a file silently), and a named file that does not
    exist — saying whether the key is optional, so staff know they may delete the line instead.
    """
    known = {f.key: f for f in PACKAGE_FILES}
    for key in files:
        if key not in known:
            report.add(
                InputError(
                    "county.toml",
                    "unknown-key",
                    column=f"files.{key}",
                    value=_as_toml(files[key]),
                    expected=" / ".join(known),
                )
            )
    paths: dict[str, NamedFile | None] = {}
    for key, spec in known.items():
        name, sheet = file_entry(files.get(key))
        if isinstance(files.get(key), dict) and not _entry_ok(key, files[key], report):
            paths[key] = None
            continue
        if name is None or name == "":
            paths[key] = None
            if spec.required and not (draft and key != "schools"):
                report.add(
                    InputError(
                        "county.toml",
                        "empty",
                        column=f"files.{key}",
                        expected=f"必需的文件，如 {spec.example}（{spec.zh}）",
                        expected_en=f"a required file, e.g. {spec.example} ({spec.en})",
                    )
                )
            continue
        if not isinstance(name, str):
            report.add(
                InputError(
                    "county.toml",
                    "bad-config",
                    column=f"files.{key}",
                    value=str(name),
                    expected="文件名（带引号的文本）",
                    expected_en="a file name in quotes",
                )
            )
            paths[key] = None
            continue
        unsafe = unsafe_reason(root, name)
        if unsafe:  # refused before anything reads it
            report.add(unsafe_error("county.toml", f"files.{key}", name, unsafe))
            paths[key] = None
            continue
        path = root / name
        paths[key] = NamedFile(path, sheet if isinstance(sheet, str) and sheet else None)
        if not path.is_file():
            report.add(_missing(key, name, spec))
    return paths


def _as_toml(value: object) -> str:
    """Show a [files] value as county.toml writes it, not as Python prints it."""
    if isinstance(value, dict):
        return "{ " + ", ".join(f'{k} = "{v}"' for k, v in value.items()) + " }"
    return str(value)


def _entry_ok(key: str, entry: dict, report: LoadReport) -> bool:
    """Report an inline [files] table that is not { file = "…", sheet = "…" }."""
    wrong = [k for k in entry if k not in FILE_ENTRY_KEYS] + [
        k for k in FILE_ENTRY_KEYS if k in entry and not isinstance(entry[k], str)
    ]
    if not wrong and isinstance(entry.get("file"), str):
        return True
    report.add(
        InputError(
            "county.toml",
            "bad-config",
            column=f"files.{key}",
            value=", ".join(f"{k} = {entry[k]!r}" for k in entry) or "{ }",
            expected='{ file = "文件名.xlsx", sheet = "工作表名" }',
            expected_en='{ file = "name.xlsx", sheet = "sheet name" }',
        )
    )
    return False


def _missing(key: str, name: str, spec: PackageFile) -> InputError:
    if spec.required:
        zh = (
            f"files.{key} 指向的文件不存在；该文件是必需的，请放入数据包或改正文件名"
            "（文件未齐时可先用 --draft 生成草稿查看）"
        )
        en = (
            f"files.{key} names a file that does not exist; it is required: add it to the "
            "package or correct the name (until every file is there, --draft builds a draft)"
        )
    elif spec.with_key:
        zh = (
            f"files.{key} 指向的文件不存在；该文件可选，但须与 files.{spec.with_key} 同时提供："
            f"放入文件、改正文件名，或将 {key} 与 {spec.with_key} 两行一并删除"
        )
        en = (
            f"files.{key} names a file that does not exist; it is optional only together with "
            f"files.{spec.with_key}: add the file, correct the name, or delete both lines "
            f"({key} and {spec.with_key}) from county.toml"
        )
    else:
        zh = (
            f"files.{key} 指向的文件不存在；该文件是可选的：放入文件、改正文件名，"
            f"或删除 county.toml 中 {key} 这一行"
        )
        en = (
            f"files.{key} names a file that does not exist; it is optional: add it, correct "
            f"the name, or delete the {key} line from county.toml"
        )
    return InputError(
        "county.toml", "file-missing", column=f"files.{key}", value=name, detail=zh, detail_en=en
    )


def empty_table(schema_name: str) -> pd.DataFrame:
    """Return a table with every column of the schema and no rows (an optional file left out)."""
    columns = [c.name for c in load_schema(schema_name).columns]
    return pd.DataFrame(columns=columns, index=pd.Index([], name="row", dtype=int), dtype=object)


def read_optional(
    path: NamedFile | None,
    schema_name: str,
    reader: Callable[[NamedFile, LoadReport], pd.DataFrame | None],
    report: LoadReport,
) -> pd.DataFrame | None:
    """Return an optional table: empty when left out of county.toml or when the file holds
    nothing at all (not even a header), else what `reader` makes of it.

    Why a blank file is accepted here and not for required tables: for an optional table "no
    rows" is a valid answer, while a blank required table is a mistake its missing-column
    errors name.
    """
    if path is None:
        return empty_table(schema_name)
    raw = path.path
    if raw.suffix.lower() == ".csv" and not raw.read_bytes().strip(b"\xef\xbb\xbf \t\r\n"):
        return empty_table(schema_name)
    return reader(path, report)


def read_or_empty(
    path: NamedFile | None,
    schema_name: str,
    report: LoadReport,
    reader: Callable[[NamedFile, LoadReport], pd.DataFrame | None] | None = None,
) -> pd.DataFrame | None:
    """Return a required table, or an empty one when a draft build goes without it (path None)."""
    if path is None:
        return empty_table(schema_name)
    if reader is None:
        return read_table(path, load_schema(schema_name), report)
    return reader(path, report)
