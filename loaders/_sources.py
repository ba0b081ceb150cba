"""Where a table comes from: a file of the package, and the sheet of it that holds the table."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class NamedFile:
    """A file county.toml names, and the sheet of it that holds the table (None: the first).

    Why a sheet: a filled-in template is one workbook whose sheets are the package's tables
    (`schools = { file = "数据模板.xlsx", sheet = "学校名册" }`); staff need not split it.
    """

    path: Path
    sheet: str | None = None

    @property
    def name(self) -> str:
        """The file as messages name it: with its sheet when one is configured."""
        return sheet_label(self.path.name, self.sheet)


def sheet_label(name: str, sheet: str | None) -> str:
    """Return `数据模板.xlsx [学校名册]`: the way Excel itself names a sheet of a workbook."""
    return f"{name} [{sheet}]" if sheet else name


def split_label(label: str) -> tuple[str, str | None]:
    """Return (file name, sheet or None) of a label made by `sheet_label`."""
    if label.endswith("]") and " [" in label:
        name, sheet = label[:-1].rsplit(" [", 1)
        return name, sheet
    return label, None
