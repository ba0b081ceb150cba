"""Personal data in free text: mainland mobile numbers, resident ID numbers, e-mail addresses.

Why a scan at load time: a number typed into a school name or a remediation note would be
published on many pages and files, and nothing downstream can tell it from an ordinary name.
So every free-text cell of every table (the schema's `text` columns), every string of
county.toml and every string of the survey's scoring config is scanned as it is read, and each
hit is an input error that names where it is and shows the hit masked (138****5678): the
message is printed and written to the check report, so it must not repeat what it refuses.

What counts as a hit, chosen to stay silent on the figures a package is full of:
- a mobile number: eleven digits 1[3-9]…, written whole or 3-4-4 with spaces or hyphens,
  optionally after +86 / 0086 / 86; never inside a longer run of digits or a decimal number, so
  school codes, county codes, years, dates and eight-digit landlines are not hits;
- an 18-character resident ID number (GB 11643) whose check character is right (ISO 7064
  MOD 11-2, last character 0-9 or X) and whose digits 7-14 are a real date from 1900 to 2099:
  a wrong check character is not a hit (a 1 in 11 chance for an arbitrary figure);
- an e-mail address (local@domain.tld).
Text is read after NFKC, so full-width digits, ＠ and － count as their ASCII twins.

Exceptions: county.toml's `[privacy] allowed` lists public numbers and addresses that may be
published (a school's switchboard, the bureau's hotline); a listed value is allowed wherever it
appears, compared with its separators and +86 prefix removed. The list's own strings are not
scanned. E-mail addresses in `[site] contact_zh` / `contact_en` are allowed without listing:
those keys exist to publish the site's contact address. A mobile number there still needs the
allow-list, since a personal mobile is the likeliest slip.

Why a context variable for the allow-list: it lives in county.toml, but the cells are seen by
the table reader and the survey-config reader several calls below `load_county`; threading a
parameter through every reader would change every signature for one set of strings. Outside
`allowing(...)` (a reader called on its own) nothing is allowed: the strict default.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

import pandas as pd

from loaders._errors import InputError, LoadReport
from loaders._schema import TableSchema

ALLOW_TABLE, ALLOW_KEY = "privacy", "allowed"
# keys whose e-mail addresses are the site's published contact (see the module docstring)
CONTACT_KEYS = frozenset({"site.contact_zh", "site.contact_en"})

# not after a digit or a decimal point, not before a digit or a decimal part
_MOBILE = re.compile(
    r"(?<![0-9])(?<![0-9][.])(?:(?:\+|00)?86[ -]?)?"
    r"(1[3-9][0-9])[ -]?([0-9]{4})[ -]?([0-9]{4})(?![0-9])(?![.][0-9])"
)
_ID = re.compile(r"(?<![0-9])(?<![0-9][.])([1-9][0-9]{5})([0-9]{8})([0-9]{3})([0-9X])(?![0-9])")
_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])([A-Za-z0-9._%+-]+)@((?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,})(?![A-Za-z0-9-])"
)
# a cell with neither three digits in a row nor an @ cannot hold a hit: most cells stop here
_MAYBE = re.compile(r"\d{3}|[@＠]")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"

# kind → what it is (zh, en) and when listing it is right instead of deleting it (zh, en)
KINDS = {
    "mobile": (
        "手机号码",
        "a mobile phone number",
        "如果它是可以公开的单位号码",
        "if it is a public number that may be published",
    ),
    "id": (
        "身份证号码",
        "a resident ID number",
        "如果它不是身份证号码，只是恰好符合校验规则的其他编号",
        "if it is no ID number but another code that happens to pass the ID check",
    ),
    "email": (
        "电子邮箱地址",
        "an e-mail address",
        "如果它是可以公开的单位邮箱",
        "if it is a public address that may be published",
    ),
}


@dataclass(frozen=True)
class Hit:
    """One piece of personal data found in a text: its kind, a canonical form, a masked form."""

    kind: str  # mobile | id | email
    canonical: str  # 11 digits, 18 characters with X upper-case, or the address in lower case
    masked: str


def id_check_character(first17: str) -> str:
    """Return the check character of a resident ID number's first 17 digits (GB 11643)."""
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def _plausible_birth_date(text: str) -> bool:
    try:
        born = dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return False
    return 1900 <= born.year <= 2099


def _mask_email(local: str, domain: str) -> str:
    return f"{local[0]}***@{domain}"


def _located(plain: str) -> list[tuple[int, int, Hit]]:
    """Return (start, end, hit) of the personal data in an NFKC-normalised text, in order."""
    hits: list[tuple[int, int, Hit]] = []
    for match in _MOBILE.finditer(plain):
        digits = "".join(match.groups())
        masked = f"{digits[:3]}****{digits[-4:]}"
        hits.append((match.start(), match.end(), Hit("mobile", digits, masked)))
    for match in _ID.finditer(plain.replace("x", "X")):
        number = "".join(match.groups())
        if id_check_character(number[:17]) == number[17] and _plausible_birth_date(number[6:14]):
            masked = f"{number[:4]}{'*' * 10}{number[-4:]}"
            hits.append((match.start(), match.end(), Hit("id", number, masked)))
    for match in _EMAIL.finditer(plain):
        local, domain = match.groups()
        address = f"{local}@{domain}".lower()
        hits.append((match.start(), match.end(), Hit("email", address, _mask_email(local, domain))))
    return sorted(hits, key=lambda located: located[0])


def find(text: str) -> list[Hit]:
    """Return the personal data in `text`, in the order it appears."""
    if not _MAYBE.search(text):
        return []
    return [hit for _, _, hit in _located(unicodedata.normalize("NFKC", text))]


def masked_text(text: str) -> str:
    """Return `text` with each piece of personal data masked, for messages that quote a value
    (an error about another problem of the same cell must not print the number in full)."""
    if not _MAYBE.search(text):
        return text
    plain = unicodedata.normalize("NFKC", text)
    located = _located(plain)
    if not located:
        return text
    for start, end, hit in reversed(located):
        plain = plain[:start] + hit.masked + plain[end:]
    return plain


def has_personal_data(text: str) -> bool:
    """Whether `text` holds a mobile number, an ID number or an e-mail address (any allowed)."""
    return bool(find(text))


def canonical(value: str) -> frozenset[str]:
    """Return the forms under which an allow-list entry matches a hit.

    The hits found in it (so "+86 138-0000-0000" allows 13800000000), and the entry itself
    without spaces, hyphens and brackets, in lower case, for a number that is never a hit.
    """
    plain = unicodedata.normalize("NFKC", value)
    forms = {hit.canonical for hit in find(plain)}
    forms.add(re.sub(r"[\s()\-]", "", plain).lower())
    return frozenset(forms)


_ALLOWED: ContextVar[frozenset[str]] = ContextVar("personal_data_allowed", default=frozenset())


@contextmanager
def allowing(values: Iterable[str]) -> Iterator[None]:
    """Within the block, the listed public numbers and addresses are not hits."""
    token = _ALLOWED.set(frozenset().union(*(canonical(v) for v in values)))
    try:
        yield
    finally:
        _ALLOWED.reset(token)


def _error(file: str, row: int | None, column: str | None, hit: Hit) -> InputError:
    zh, en, unless_zh, unless_en = KINDS[hit.kind]
    return InputError(
        file,
        "personal-data",
        row=row,
        column=column,
        value=hit.masked,
        detail=f"疑似{zh}",
        detail_en=f"what looks like {en}",
        expected=f"不含个人信息的文字：请删除它；{unless_zh}，"
        f"请把它列入 county.toml 中 [{ALLOW_TABLE}] 表的 {ALLOW_KEY}",
        expected_en=f"text without personal data: delete it, or, {unless_en}, list it under "
        f"{ALLOW_KEY} in the [{ALLOW_TABLE}] table of county.toml",
    )


def scan_text(
    file: str,
    row: int | None,
    column: str | None,
    text: str,
    report: LoadReport,
    emails_allowed: bool = False,
) -> None:
    """Report each hit in one text that the allow-list does not list."""
    allowed = _ALLOWED.get()
    for hit in find(text):
        if hit.canonical in allowed or (emails_allowed and hit.kind == "email"):
            continue
        report.add(_error(file, row, column, hit))


def scan_table(
    file: str,
    body: pd.DataFrame,
    headers: pd.Series,
    positions: Mapping[str, int],
    schema: TableSchema,
    report: LoadReport,
) -> None:
    """Scan the free-text columns of a table's rows as read (cells as strings, index + 1 = the
    spreadsheet row), each located by the header as staff wrote it."""
    for spec in schema.columns:
        if spec.type != "text" or spec.name not in positions:
            continue
        position = positions[spec.name]
        header = str(headers.iloc[position])
        for index, text in body.iloc[:, position].items():
            if text:
                scan_text(file, int(index) + 1, header, str(text), report)


def _strings(node: object, path: str) -> Iterator[tuple[str, str]]:
    """Yield (key path, text) for every string in a parsed TOML or YAML document; the path is
    written as the messages write keys: `county.name_zh`, `towns[1].en`."""
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, Mapping):
        for key, value in node.items():
            yield from _strings(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list | tuple):
        for position, value in enumerate(node):
            yield from _strings(value, f"{path}[{position}]")


def scan_config(file: str, config: object, report: LoadReport) -> None:
    """Scan every string of a configuration file except the allow-list itself."""
    for path, text in _strings(config, ""):
        if path == ALLOW_TABLE or path.startswith(f"{ALLOW_TABLE}."):
            continue
        scan_text(file, None, path, text, report, emails_allowed=path in CONTACT_KEYS)


def allow_list(config: Mapping, report: LoadReport) -> tuple[str, ...]:
    """Return county.toml's `[privacy] allowed` (none when left out), reporting a wrong shape."""
    table = config.get(ALLOW_TABLE, {})
    if not isinstance(table, Mapping):
        report.add(
            InputError(
                "county.toml",
                "bad-config",
                column=ALLOW_TABLE,
                expected=f'[{ALLOW_TABLE}] 表，如 {ALLOW_KEY} = ["单位电话"]',
                expected_en=f'a [{ALLOW_TABLE}] table, e.g. {ALLOW_KEY} = ["office phone"]',
            )
        )
        return ()
    values = table.get(ALLOW_KEY, [])
    if not isinstance(values, list):
        report.add(
            InputError(
                "county.toml",
                "bad-config",
                column=f"{ALLOW_TABLE}.{ALLOW_KEY}",
                expected='方括号中的列表，如 ["023-12345678"]',
                expected_en='a list in square brackets, e.g. ["023-12345678"]',
            )
        )
        return ()
    kept = []
    for position, value in enumerate(values):
        if isinstance(value, str) and value.strip():
            kept.append(value)
            continue
        report.add(
            InputError(
                "county.toml",
                "bad-config",
                column=f"{ALLOW_TABLE}.{ALLOW_KEY}[{position}]",
                value=str(value),
                expected='方括号中带英文双引号的号码或地址，如 ["023-12345678"]',
                expected_en="numbers or addresses in straight double quotes inside square "
                'brackets, e.g. ["023-12345678"]',
            )
        )
    return tuple(kept)
