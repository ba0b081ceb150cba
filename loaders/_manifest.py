"""Reading county.toml: its syntax, its keys and the kind of each value, in staff's words.

Why apart from the package loader: every message about the settings file (a TOML slip, a
misspelt key, a year in quotes) is made here, the same way for every table of the file.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from loaders._errors import InputError, LoadReport
from loaders._limits import within_size
from loaders._paths import unsafe_error, unsafe_reason


def read_manifest(root: Path, report: LoadReport) -> dict | None:
    manifest = root / "county.toml"
    unsafe = unsafe_reason(root, "county.toml")
    if unsafe:  # a link out of the package, a FIFO or a device: never opened
        report.add(unsafe_error("county.toml", None, "county.toml", unsafe))
        return None
    if not manifest.is_file():
        report.add(InputError("county.toml", "file-missing", value=str(manifest)))
        return None
    if not within_size(manifest, "config", "county.toml", report):
        return None
    try:
        return tomllib.loads(manifest.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        report.add(InputError("county.toml", "bad-encoding"))
        return None
    except tomllib.TOMLDecodeError as exc:
        report.add(toml_syntax_error("county.toml", exc))
        return None


_TOML_AT = re.compile(r"\(at line (\d+), column (\d+)\)")


def toml_syntax_error(file: str, exc: tomllib.TOMLDecodeError) -> InputError:
    """Name the line and character of a TOML syntax error in plain words, not the parser's."""
    where = _TOML_AT.search(str(exc))
    line, column = (int(where[1]), int(where[2])) if where else (None, None)
    return InputError(
        file,
        "toml-syntax",
        row=line,
        detail=f"第 {line} 行第 {column} 个字符附近" if where else None,
        detail_en=f"near character {column} of line {line}" if where else None,
        expected="每行写成 键 = 值，文本加英文双引号，表名写在英文方括号中，如 [county]",
        expected_en="one key = value per line, text in straight double quotes, table names in "
        "square brackets such as [county]",
    )


def config_value(config: dict, dotted: str, kind: type, report: LoadReport, default=None):
    node: object = config
    for part in dotted.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    if node is None:
        if default is not None:
            return default
        zh, en = KIND_WORDS.get(kind, (kind.__name__, kind.__name__))
        report.add(
            InputError("county.toml", "missing-key", column=dotted, expected=zh, expected_en=en)
        )
        return None
    if not isinstance(node, kind) or (kind is int and isinstance(node, bool)):
        zh, en = KIND_WORDS.get(kind, (kind.__name__, kind.__name__))
        report.add(
            InputError(
                "county.toml",
                "bad-config",
                column=dotted,
                value=str(node),
                expected=zh,
                expected_en=en,
            )
        )
        return None
    return node


# the kinds of value county.toml holds, in the words of its readers (not Python's type names)
KIND_WORDS = {
    str: ('带英文双引号的文本，如 "柳河县"', 'text in straight double quotes, e.g. "Liuhe County"'),
    int: ("不带引号的整数，如 2025", "a whole number without quotes, e.g. 2025"),
    bool: ("true 或 false（不带引号）", "true or false (without quotes)"),
    list: ('方括号中的列表，如 ["a", "b"]', 'a list in square brackets, e.g. ["a", "b"]'),
}
# the keys each table of county.toml may hold ([files] and [site] are checked where they are read)
KNOWN_KEYS = {
    "": {"county", "files", "options", "site", "privacy", "report"},
    "county": {
        "code",
        "name_zh",
        "name_en",
        "report_year",
        "statistics_year",
        "demo",
        "kind",
        "reference_zh",
        "reference_en",
    },
    "options": {
        "split_rule",
        "exclude_small_points",
        "retention_formula",
        "q9_reading",
        "g4_exceptions",
    },
    "privacy": {"allowed"},  # public numbers and addresses that may be published (_personal_data)
}


def unknown_keys(config: dict, report: LoadReport) -> None:
    """Report a misspelt key (statistcs_year, split_rul): ignored, it would silently leave a
    default in place of what staff meant."""
    for table, known in KNOWN_KEYS.items():
        node = config.get(table, {}) if table else config
        if not isinstance(node, dict):
            continue
        for key in node:
            if key not in known:
                report.add(
                    InputError(
                        "county.toml",
                        "unknown-key",
                        column=f"{table}.{key}" if table else key,
                        expected=" / ".join(sorted(known)),
                    )
                )
