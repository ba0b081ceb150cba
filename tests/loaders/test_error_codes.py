"""Error codes are one enumeration (issue 14 §5): every code the code base writes is a member,
every member has its message and hint in both languages, and a misspelt code is refused."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from loaders import ErrorCode, InputError, hint
from loaders._errors import MESSAGES

ROOT = Path(__file__).resolve().parents[2]


def written_codes() -> set[tuple[str, str]]:
    """Return (module, code) for every literal code given to InputError in the packages."""
    found = set()
    for package in ("loaders", "indicators", "survey", "publish"):
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (
                    isinstance(node, ast.Call)
                    and getattr(node.func, "id", getattr(node.func, "attr", None)) == "InputError"
                    and len(node.args) >= 2
                    and isinstance(node.args[1], ast.Constant)
                ):
                    found.add((path.relative_to(ROOT).as_posix(), node.args[1].value))
    return found


def test_every_code_written_is_a_member():
    codes = written_codes()
    assert len(codes) > 40  # the walk finds the calls
    assert {(module, code) for module, code in codes if code not in set(ErrorCode)} == set()


def test_every_member_has_words_and_a_hint_in_both_languages():
    for code in ErrorCode:
        assert MESSAGES[code]["zh"] and MESSAGES[code]["en"]
        assert hint(code, "zh") and hint(code, "en"), code


def test_a_misspelt_code_is_refused_where_it_is_made():
    assert InputError("a.csv", "file-missing").code is ErrorCode.FILE_MISSING
    with pytest.raises(ValueError, match="file-mising"):
        InputError("a.csv", "file-mising")


def test_an_english_message_names_the_column_by_its_own_english_name():
    error = InputError("declarations.csv", "empty", row=3, column="依据文件")
    assert 'column "依据文件" (document)' in error.message("en")
