"""Read mutmut's results and write build/mutation/report.md (totals, kill rate, survivors)."""

from __future__ import annotations

import json
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

# mutmut's exit codes (mutmut.stats.status_by_exit_code), kept here so reading needs no mutmut
STATUS = {1: "killed", 3: "killed", 0: "survived", 5: "no tests", 33: "no tests", 34: "skipped"}
STATUS |= {36: "timeout", 24: "timeout", -24: "timeout", 152: "timeout", 255: "timeout"}
STATUS |= {37: "caught by type check", -11: "segfault", -9: "segfault", None: "not checked"}
# a mutant counts as killed when a test failed or it ran past its time limit (an endless loop
# is a visible failure too); "no tests" counts as a survivor: no test reaches that code
KILLED = ("killed", "timeout")


@dataclass(frozen=True)
class Mutant:
    """One mutant: its mutmut name (module.function__mutmut_N), source file and status."""

    name: str
    path: str
    status: str


def collect(mutants_dir: Path) -> list[Mutant]:
    """Return every mutant recorded in mutants/**/*.py.meta, in file and name order."""
    found = []
    for meta in sorted(mutants_dir.rglob("*.py.meta")):
        path = str(meta.relative_to(mutants_dir))[: -len(".meta")]
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        for name, code in sorted(codes.items(), key=lambda kv: _order(kv[0])):
            found.append(Mutant(name, path, STATUS.get(code, "suspicious")))
    return found


def _order(name: str) -> tuple[str, int]:
    stem, _, number = name.rpartition("__mutmut_")
    return stem, int(number) if number.isdigit() else 0


def _diff(mutant: Mutant) -> tuple[int | None, str]:
    """Return the mutated line's number in the original file and the change as `- old / + new`.

    Runs in the work directory (mutmut's diff reads mutants/<path> and <path>).
    """
    from mutmut.mutation.diff_apply import get_diff_for_mutant

    try:
        diff = get_diff_for_mutant(mutant.name, path=mutant.path)
    except Exception as error:  # a diff that cannot be made must not lose the report
        return None, f"(no diff: {error})"
    removed = [ln[1:] for ln in diff.splitlines() if ln.startswith("-") and not ln.startswith("--")]
    added = [ln[1:] for ln in diff.splitlines() if ln.startswith("+") and not ln.startswith("++")]
    line = None
    if removed:
        source = Path(mutant.path).read_text(encoding="utf-8").splitlines()
        function = mutant.name.rpartition("__mutmut_")[0].rpartition(".")[2]
        function = function.removeprefix("x_").split("ǁ")[-1]
        start = next((i for i, s in enumerate(source) if f"def {function}(" in s), 0)
        offset = _first_removed(diff)  # the line within the function, 1 = its `def` line
        if offset is not None and start + offset - 1 < len(source):
            line = start + offset
            if source[line - 1].strip() != removed[0].strip():  # the diff's text wins
                line = None
        if line is None:
            target = removed[0].strip()
            found = (i + 1 for i, s in enumerate(source) if i >= start and s.strip() == target)
            line = next(found, None)
    change = " / ".join(
        [*(f"`- {r.strip()}`" for r in removed), *(f"`+ {a.strip()}`" for a in added)]
    )
    return line, change.replace("|", "\\|")  # a table cell


def _first_removed(diff: str) -> int | None:
    """Return the function-relative number of the first line the mutation removes."""
    current = None
    for row in diff.splitlines():
        if row.startswith("@@"):
            current = int(row.split()[1].lstrip("-").split(",")[0])
        elif current is None or row.startswith(("---", "+++")):
            continue
        elif row.startswith("-"):
            return current
        elif not row.startswith("+"):
            current += 1
    return None


def _kills(path: Path) -> dict[str, str]:
    """Return mutant → the first test that failed on it (written by mutation/_plugin.py)."""
    kills: dict[str, str] = {}
    if path.exists():
        for row in path.read_text(encoding="utf-8").splitlines():
            mutant, _, test = row.partition("\t")
            kills.setdefault(mutant, test)
    return kills


def write_report(mutants: list[Mutant], baseline: set[str], out: Path, explained: Path) -> Path:
    """Write report.md: totals, kill rate per file, every survivor with file:line and why."""
    notes = tomllib.loads(explained.read_text(encoding="utf-8")) if explained.exists() else {}
    equivalent: dict[str, str] = notes.get("equivalent", {})
    kills = _kills(out / "kills.tsv")
    counts = Counter(m.status for m in mutants)
    killed = sum(counts[s] for s in KILLED)
    total = len(mutants)
    checked = total - counts["not checked"]
    rate = killed / checked if checked else 0.0
    lines = [
        "# Mutation testing: indicators/ and survey/",
        "",
        "`nox -s mutation` (mutmut, fast tests of tests/indicators and tests/survey, "
        '`-m "not slow"`). Kill rate = (killed + timeout) / checked mutants; a mutant no test '
        "reaches counts as a survivor; *not checked*: no verdict yet (a run stopped early).",
        "",
        f"**{total} mutants, {checked} checked, {killed} killed: kill rate {rate:.1%}** "
        "(target ≥ 90 %).",
        "",
        "| status | mutants |",
        "|---|---:|",
        *(f"| {status} | {n} |" for status, n in sorted(counts.items())),
        "",
        "## Per file",
        "",
        "| file | mutants | checked | killed | not killed | kill rate |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for path in sorted({m.path for m in mutants}):
        part = [m for m in mutants if m.path == path]
        k = sum(m.status in KILLED for m in part)
        done = sum(m.status != "not checked" for m in part)
        shown = f"{k / done:.1%}" if done else "—"
        lines.append(f"| {path} | {len(part)} | {done} | {k} | {done - k} | {shown} |")
    survivors = [m for m in mutants if m.status not in (*KILLED, "not checked")]
    lines += ["", f"## Surviving mutants ({len(survivors)})", ""]
    lines += ["| mutant | file:line | mutation | why it survives |", "|---|---|---|---|"]
    for m in survivors:
        line, change = _diff(m)
        why = equivalent.get(m.name, "**not explained**")
        lines.append(f"| `{m.name}` | {m.path}:{line or '?'} | {change} | {m.status}: {why} |")
    newly = [m for m in mutants if m.name in baseline and m.status in KILLED]
    lines += ["", f"## Survivors of the first run killed since ({len(newly)})", ""]
    lines += ["| mutant | file:line | mutation | killed by |", "|---|---|---|---|"]
    for m in newly:
        line, change = _diff(m)
        test = kills.get(m.name, "a test added since (not recorded)")
        lines.append(f"| `{m.name}` | {m.path}:{line or '?'} | {change} | {test} |")
    report = out / "report.md"
    report.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return report
