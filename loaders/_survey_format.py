"""What a survey file really is, from its first bytes, whatever its name says.

Staff rename files: an Excel download saved as "问卷.sav", a CSV renamed .sav, a download cut
off half way. The readers' own errors ("ReadstatError: …", "ZipError: …") mean nothing to
them, so the kind is sniffed first and a mismatch is said in plain words: "this is not an SPSS
data file (it looks like an Excel workbook)", and a file of the right kind that the reader
cannot finish is "incomplete (the download may have been interrupted)".
"""

from __future__ import annotations

from pathlib import Path

from loaders._errors import InputError

SPSS_SUFFIXES = {".sav", ".zsav"}
EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls"}
SNIFF = 4096

# kind → (zh, en) for "it looks like …"
KINDS: dict[str, tuple[str, str]] = {
    "spss": ("SPSS 数据文件", "an SPSS data file"),
    "xlsx": ("Excel 工作簿", "an Excel workbook"),
    "xls": ("旧版 Excel 工作簿（.xls）", "an old-style Excel workbook (.xls)"),
    "zip": ("ZIP 压缩包", "a ZIP archive"),
    "text": ("文本文件（如 CSV）", "a text file (such as a CSV)"),
    "unknown": ("无法识别的文件", "a file of no known kind"),
}
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff(path: Path) -> str:
    """Return spss | xlsx | xls | zip | text | unknown from the file's first bytes.

    SPSS files start "$FL2" (.sav) or "$FL3" (.zsav); an .xlsx is a ZIP archive that holds
    "[Content_Types].xml" and an "xl/" folder; an .xls is an OLE2 compound file. Text is what
    decodes as UTF-8, UTF-16 or GB18030 without control bytes.
    """
    with path.open("rb") as handle:
        head = handle.read(SNIFF)
    if head[:4] in (b"$FL2", b"$FL3"):
        return "spss"
    if head.startswith(b"PK\x03\x04"):
        return "xlsx" if b"[Content_Types].xml" in head or b"xl/" in head else "zip"
    if head.startswith(_OLE2):
        return "xls"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "text"
    for encoding in ("utf-8", "gb18030"):
        try:
            text = head.decode(encoding)
        except UnicodeDecodeError as exc:
            if exc.start < len(head) - 4:  # not merely a character cut by the sample's end
                continue
            text = head[: exc.start].decode(encoding)
        if not any(ord(c) < 32 and c not in "\t\r\n\f" for c in text):
            return "text"
    return "unknown"


def expected_kind(suffix: str) -> str:
    """Return the kind a file name promises: spss for .sav/.zsav, a workbook, else text."""
    if suffix in SPSS_SUFFIXES:
        return "spss"
    if suffix in EXCEL_SUFFIXES:
        return "xls" if suffix == ".xls" else "xlsx"
    return "text"


def wrong_kind(path: Path) -> InputError | None:
    """Return the error of a file whose content is not what its name says, or None."""
    promised, found = expected_kind(path.suffix.lower()), sniff(path)
    if found == promised or {found, promised} <= {"xlsx", "xls"}:
        return None  # calamine reads either workbook format, whatever the extension says
    if promised == "text" and found == "unknown":
        return None  # a CSV in an unknown encoding: the CSV reader says "bad encoding"
    code = {"spss": "not-spss", "xlsx": "not-excel", "xls": "not-excel"}.get(promised, "not-csv")
    zh, en = KINDS[found]
    return InputError(
        path.name,
        code,
        detail=f"看起来是{zh}",
        detail_en=f"it looks like {en}",
        expected=_advice(found)[0],
        expected_en=_advice(found)[1],
    )


def _advice(found: str) -> tuple[str | None, str | None]:
    """Say which extension the file's content would be read under, when it is a survey kind."""
    if found == "spss":
        return "扩展名 .sav（或 .zsav）", "the extension .sav (or .zsav)"
    if found in {"xlsx", "xls"}:
        return f"扩展名 .{found}", f"the extension .{found}"
    if found == "text":
        return "扩展名 .csv", "the extension .csv"
    return None, None


def truncated(path: Path, what: str = "") -> InputError:
    """Return the error of a file of the right kind that its reader cannot read to the end."""
    return InputError(
        path.name,
        "file-truncated",
        value=what or None,
        expected="重新从问卷平台下载完整的文件",
        expected_en="the complete file, downloaded again from the survey platform",
    )
