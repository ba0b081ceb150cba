"""Pydantic's validation errors as our InputErrors: the dotted key path, a code, plain words.

pydantic says `options.0.role: Input should be 'satisfied', 'valid', 'dont_know' or 'skip'
[type=literal_error]`; staff read `small.yaml, 键「options[0].role」: "happy" 不是允许的取值
（应为 satisfied / valid / dont_know / skip）[not-in-list]`. Each pydantic error type maps to
one of our codes (a table, not a chain of ifs); the key path is the file's own (`towns[1].en`,
`questions.group.label`); the allowed keys and values come from the models themselves, so the
words cannot drift from what is checked. No pydantic text reaches the screen.
"""

from __future__ import annotations

import typing

from pydantic import BaseModel, ValidationError

from loaders._errors import InputError, LoadReport
from loaders._survey_config_types import METHODS, QUALITY_RULES, ROLES, WEIGHTINGS

# pydantic error type → our code; what is not here is `bad-config`
CODES = {
    "missing": "missing-key",
    "extra_forbidden": "unknown-key",
    "literal_error": "not-in-list",
    "float_type": "not-number",
    "float_parsing": "not-number",
    "finite_number": "not-number",
    "int_type": "not-integer",
    "int_parsing": "not-integer",
    "int_from_float": "not-integer",
    "greater_than_equal": "out-of-range",
    "less_than_equal": "out-of-range",
    "string_type": "empty",
    "empty": "empty",
}
CHOICES = {"method": METHODS, "weighting": WEIGHTINGS, "role": ROLES, "rule": QUALITY_RULES}
POSITION = "position"  # a column number: "≥ 1" and whole, said as not-integer either way


def key_path(loc: tuple) -> str:
    """Return ('towns', 1, 'en') as `towns[1].en`, and a dict key's loc as the key itself."""
    text = ""
    for part in loc:
        if part == "[key]":
            continue
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """Return the model class that holds the key at `loc` (for the keys allowed there)."""
    current: object = model
    for part in loc:
        if isinstance(part, int) or part == "[key]":
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(str(part))
        if field is None:
            return None
        current = _inner_model(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: object) -> object:
    """Return the model inside `X | None` or `list[X]`, else the annotation itself."""
    for arg in (annotation, *typing.get_args(annotation)):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
        inner = typing.get_args(arg)
        if inner and isinstance(inner[0], type) and issubclass(inner[0], BaseModel):
            return inner[0]
    return annotation


def _keys(model: type[BaseModel] | None) -> list[str]:
    return sorted(model.model_fields) if model is not None else []


def translate(exc: ValidationError, root: type[BaseModel], file: str, report: LoadReport) -> None:
    """Add one InputError per pydantic error, located by its dotted key path."""
    for error in exc.errors():
        loc, kind, given = tuple(error["loc"]), error["type"], error.get("input")
        key = key_path(loc)
        name = str(loc[-1]) if loc else ""
        code = CODES.get(kind, "bad-config")
        value = None if given is None or isinstance(given, dict | list) else str(given)
        expected = expected_en = None
        if kind == "extra_forbidden":
            allowed = _keys(_model_at(root, loc[:-1]))
            value = name
            expected = "可用的键：" + "、".join(allowed)
            expected_en = "one of " + ", ".join(allowed)
        elif kind == "literal_error":
            expected = " / ".join(CHOICES.get(name, ()))
        elif name == POSITION and code in {"out-of-range", "not-integer"}:
            code, expected = "not-integer", "≥ 1"
        elif kind == "greater_than_equal":
            expected = f"≥ {error['ctx']['ge']:g}"
        elif kind == "less_than_equal":
            expected = f"≤ {error['ctx']['le']:g}"
        elif kind == "missing":
            value = None
        elif code == "bad-config":
            allowed = _keys(_model_at(root, loc))
            if allowed:  # a mapping was wanted
                expected = "写成“键: 值”的形式，可用的键：" + "、".join(allowed)
                expected_en = "key: value pairs, with the keys " + ", ".join(allowed)
            elif kind == "list_type":
                expected, expected_en = (
                    "列表，每项一行，以 - 开头",
                    "a list, one item a line after -",
                )
            elif kind == "dict_type":
                expected, expected_en = "写成“键: 值”的形式", "key: value pairs"
        report.add(
            InputError(
                file,
                code,
                column=key or None,
                value=value,
                expected=expected,
                expected_en=expected_en,
            )
        )
