"""Bounds on hostile files, checked before any parser runs (`schemas/limits.yaml`).

Why before: a 2 KB XLSX whose sheet claims the range A1:XFD1048576 makes the Rust reader abort
the process (no `except` catches it), a zip bomb inflates to gigabytes, one cell at AZ2000000
costs gigabytes of empty cells, a line of commas becomes millions of columns and a YAML alias
bomb expands exponentially. Each check reads at most the bytes its limit allows.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from loaders._errors import InputError, LoadReport
from loaders._schema import SCHEMA_DIR
from loaders._yaml import SAFE_LOADER, load_yaml

_ROW = re.compile(rb'<row [^>]*?r="(\d+)"')
_CELL = re.compile(rb'<c [^>]*?r="([A-Z]{1,4})(\d+)"')
_DIMENSION = re.compile(rb'<dimension ref="[A-Z]*\d*:?([A-Z]{1,4})(\d+)"')
CHUNK = 1 << 20


@dataclass(frozen=True)
class Limits:
    """The bounds of one kind of file (table, survey, config)."""

    kind: str
    bytes: int
    unzipped_bytes: int = 0
    rows: int = 0
    columns: int = 0
    yaml_nodes: int = 0


@cache
def limits(kind: str) -> Limits:
    raw = load_yaml((SCHEMA_DIR / "limits.yaml").read_text(encoding="utf-8"))
    return Limits(kind=kind, **raw[kind])


def _too_large(label: str, what_zh: str, what_en: str, found: int, limit: int) -> InputError:
    return InputError(
        label,
        "too-large",
        detail=f"{what_zh}为 {found:,}，超过上限 {limit:,}",
        detail_en=f"{what_en} is {found:,}, above the limit of {limit:,}",
    )


def within_size(path: Path, kind: str, label: str, report: LoadReport) -> bool:
    """Report a file larger than its kind allows; True when it is within."""
    size, bound = path.stat().st_size, limits(kind).bytes
    if size > bound:
        report.add(_too_large(label, "文件大小（字节）", "the file size in bytes", size, bound))
        return False
    return True


def column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


@dataclass(frozen=True)
class WorkbookScan:
    """What one streaming pass over an XLSX's sheets finds, before any reader opens it."""

    declared: int  # the unzipped size the zip's headers claim
    inflated: int  # the bytes of sheets actually decompressed (the pass stops past the bound)
    rows: int  # the largest used range of any sheet: declared, or the cells written
    columns: int
    formulas: bool  # a sheet holds a formula (<f>, not a data validation's <formula1>)
    percent_formats: bool  # the styles hold a percentage number format


@cache
def _scan(path: str, size: int, modified: int, bound: int) -> WorkbookScan:
    """Stream the sheets once, at most `bound` bytes; cached per file version, because every
    table county.toml points at a sheet of one workbook reads the same file."""
    rows = columns = inflated = 0
    formulas = percent = False
    with zipfile.ZipFile(path) as archive:
        declared = sum(info.file_size for info in archive.infolist())
        if declared > bound:
            return WorkbookScan(declared, 0, 0, 0, False, False)
        for info in archive.infolist():
            if info.filename == "xl/styles.xml":
                styles = archive.read(info)
                percent = any(f in styles for f in (b'numFmtId="9"', b'numFmtId="10"', b"%"))
            if not info.filename.startswith("xl/worksheets/"):
                continue
            tail = b""
            with archive.open(info) as member:
                while chunk := member.read(CHUNK):
                    inflated += len(chunk)
                    if inflated > bound:  # a size header that lies
                        return WorkbookScan(declared, inflated, rows, columns, formulas, percent)
                    text = tail + chunk
                    formulas = formulas or b"<f>" in text or b"<f " in text
                    for match in _DIMENSION.finditer(text):
                        columns = max(columns, column_number(match.group(1)))
                        rows = max(rows, int(match.group(2)))
                    rows = max([rows, *(int(m) for m in _ROW.findall(text))])
                    for letters, number in _CELL.findall(text):
                        columns = max(columns, column_number(letters))
                        rows = max(rows, int(number))
                    tail = text[-200:]
    return WorkbookScan(declared, inflated, rows, columns, formulas, percent)


def scan_workbook(path: Path, kind: str) -> WorkbookScan:
    """Return the scan of an XLSX (a zip) within the unzipped bound of its kind of file."""
    stat = path.stat()
    return _scan(str(path), stat.st_size, stat.st_mtime_ns, limits(kind).unzipped_bytes)


def workbook_within_limits(path: Path, kind: str, label: str, report: LoadReport) -> bool:
    """Check an XLSX's unzipped size and every sheet's used range before calamine opens it.

    The sheets are decompressed as a stream, at most `unzipped_bytes` in all, and scanned for
    the declared range and the last row and column actually used (a file may declare none).
    """
    if not within_size(path, kind, label, report):
        return False
    if not zipfile.is_zipfile(path):
        return True  # .xls / .ods or not a workbook at all: the reader says so
    bound, scan = limits(kind), scan_workbook(path, kind)
    unzipped = max(scan.declared, scan.inflated)
    if unzipped > bound.unzipped_bytes:
        words = ("解压后的大小（字节）", "its unzipped size in bytes")
        report.add(_too_large(label, *words, unzipped, bound.unzipped_bytes))
        return False
    if scan.rows > bound.rows or scan.columns > bound.columns:
        over_rows = scan.rows > bound.rows
        found, limit = (scan.rows, bound.rows) if over_rows else (scan.columns, bound.columns)
        words = ("工作表的行数", "its rows") if over_rows else ("工作表的列数", "its columns")
        report.add(_too_large(label, *words, found, limit))
        return False
    return True


def text_within_limits(text: str, kind: str, label: str, report: LoadReport) -> bool:
    """Check a CSV's lines and the fields of its widest line before it is split into cells."""
    bound = limits(kind)
    lines = text.count("\n") + 1
    if lines > bound.rows:
        report.add(_too_large(label, "行数", "its number of lines", lines, bound.rows))
        return False
    widest = max((line.count(",") + 1 for line in text.splitlines()), default=0)
    if widest > bound.columns:
        report.add(
            _too_large(
                label, "一行中的列数", "the fields of its widest line", widest, bound.columns
            )
        )
        return False
    return True


def yaml_expanded_size(text: str) -> int:
    """Return how many nodes the YAML holds once every `*alias` is expanded, without expanding
    it: the composed graph shares an aliased node, so each node's size is counted once."""
    sizes: dict[int, int] = {}

    def size(node: yaml.Node) -> int:
        if id(node) not in sizes:
            sizes[id(node)] = 0  # a recursive alias counts as one while it is being measured
            if isinstance(node, yaml.SequenceNode):
                children = node.value
            elif isinstance(node, yaml.MappingNode):
                children = [part for pair in node.value for part in pair]
            else:
                children = []
            sizes[id(node)] = 1 + sum(size(child) for child in children)
        return sizes[id(node)]

    root = yaml.compose(text, Loader=SAFE_LOADER)
    return 0 if root is None else size(root)


def aliases_within_limit(text: str, label: str, report: LoadReport) -> bool:
    """Report a package's YAML that would expand past the limit (an alias bomb), before it
    is built into Python objects."""
    bound = limits("config").yaml_nodes
    nodes = yaml_expanded_size(text)
    if nodes > bound:
        report.add(
            _too_large(
                label,
                "YAML 展开别名（*引用）后的项数",
                "its items once YAML aliases (*refs) are expanded",
                nodes,
                bound,
            )
        )
        return False
    return True


def survey_within_limits(path: Path, label: str, report: LoadReport) -> bool:
    """Check a survey export's size, an XLSX's unzipped size and range, a CSV's header width."""
    if zipfile.is_zipfile(path):
        return workbook_within_limits(path, "survey", label, report)
    if not within_size(path, "survey", label, report):
        return False
    bound = limits("survey")
    with path.open("rb") as handle:
        head = handle.read(bound.columns * 256)  # a header of `columns` long question texts
    line = head.split(b"\n", 1)[0]
    fields = line.count(b",") + 1
    if fields > bound.columns or (b"\n" not in head and len(head) == bound.columns * 256):
        report.add(
            _too_large(
                label, "表头行的列数", "the fields of its header line", fields, bound.columns
            )
        )
        return False
    return True
