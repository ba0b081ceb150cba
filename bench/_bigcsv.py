"""A large 问卷星-style CSV (GB18030) for the chunked-scoring benchmark, cached by row count.

Written block by block from `demo.survey_blocks`, so generating it never holds the whole file.
The blocks can come out a little short of the size asked for (the generator caps NPC deputies
and CPPCC members at their seats), so blocks are drawn until the row count is reached exactly.
"""

from __future__ import annotations

from pathlib import Path

from demo import survey_blocks

BLOCK = 250_000


def big_csv_path(folder: Path, rows: int) -> Path:
    return folder / f"survey-{rows}.csv"


def ensure_big_csv(folder: Path, rows: int) -> tuple[Path, bool]:
    """Return (path, whether it was generated now); an existing file of that size is reused."""
    path = big_csv_path(folder, rows)
    if path.is_file():
        return path, False
    folder.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    written = 0
    with partial.open("w", encoding="gb18030", newline="") as handle:
        for frame in survey_blocks(rows, BLOCK):
            frame.to_csv(handle, header=written == 0, index=False, lineterminator="\r\n")
            written += len(frame)
    if written != rows:
        raise RuntimeError(f"the generator wrote {written:,} rows, not {rows:,}")
    partial.replace(path)
    return path, True
