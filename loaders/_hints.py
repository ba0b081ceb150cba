"""What to do about each kind of input error, in both languages (schemas/error_hints.yaml).

Why apart from the messages: a message says what is wrong and is printed on every build; a hint
says what staff do about it in Excel, WPS or county.toml, and is shown in the check report.
"""

from __future__ import annotations

from functools import cache

from loaders._schema import SCHEMA_DIR
from loaders._yaml import load_yaml


@cache
def error_hints() -> dict[str, dict[str, str]]:
    """Return {code: {"zh": …, "en": …}} as written in schemas/error_hints.yaml."""
    text = (SCHEMA_DIR / "error_hints.yaml").read_text(encoding="utf-8")
    return load_yaml(text)


def hint(code: str, lang: str) -> str:
    """Return the hint for an error code, or "" for a code without one."""
    return error_hints().get(code, {}).get(lang, "")
