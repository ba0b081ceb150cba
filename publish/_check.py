"""`python -m publish check`: validate a county package without building the site.

Why a command of its own: staff fix their spreadsheets many times before the first build, and a
build (MkDocs, both languages) takes long and says only "errors". The check reads every file,
lists every problem in one run, and writes into build/check/ a report page they can open from
the file system and a copy of each XLSX input with the problem cells marked. When the data are
valid, the report shows what they compute for every indicator, so declarations and remediation
plans can be written before the first build. It writes nothing into the package.
"""

from __future__ import annotations

import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import loaders
from loaders import InputError, InputErrors, LoadReport
from publish._annotate import annotate_workbook
from publish._check_report import plural, write_report
from publish._report_pages import page_errors
from publish._results import Results, results_from_package

DOCS = Path(__file__).resolve().parents[1] / "docs"  # the site's pages, which [report] names

CHECK_DIR = "build/check"
REPORT = "report.html"
WRITTEN = ".equity-check"  # the files the last check wrote, so the next removes only those


@dataclass
class CheckOutcome:
    """What a check found: input errors, or valid data with what they compute and any
    declaration that disagrees with it (`notes`)."""

    errors: list[InputError] = field(default_factory=list)
    left_out: list[tuple[str, str | None, int]] = field(default_factory=list)
    results: Results | None = None
    notes: list[InputError] = field(default_factory=list)
    files: dict[str, Path] = field(default_factory=dict)  # every input file, by its name
    county: tuple[str, str] = ("", "")  # the names in county.toml, when it can be read

    @property
    def ok(self) -> bool:
        return not self.errors and not self.notes


def in_reading_order(errors: list[InputError]) -> list[InputError]:
    """Sort by file (in the order first met) and row, as staff read a spreadsheet top down."""
    files = {name: i for i, name in enumerate(dict.fromkeys(e.file for e in errors))}
    return sorted(errors, key=lambda e: (files[e.file], e.row or 0))


def _undeclared(results: Results, file: str) -> list[InputError]:
    """The indicators without a declared status: a full build refuses them."""
    evaluation = results.evaluation
    return [
        InputError(file, "undeclared", column="指标编号", value=ident)
        for ident, outcome in {**evaluation.indicators, **evaluation.veto}.items()
        if outcome.declared == "undeclared"
    ]


def _county_names(package_dir: Path) -> tuple[str, str]:
    """Return the county's names for the report's title, even when other files are wrong."""
    try:
        county = tomllib.loads((package_dir / "county.toml").read_text("utf-8")).get("county")
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return ("", "")
    names = [county.get(k) if isinstance(county, dict) else None for k in ("name_zh", "name_en")]
    # a name carrying a phone number is an error the report lists masked; not in its title
    return tuple(  # type: ignore[return-value]
        n if isinstance(n, str) and not loaders.has_personal_data(n) else "" for n in names
    )


def run_check(package_dir: Path) -> CheckOutcome:
    """Load and evaluate the package, collecting every problem instead of stopping at one."""
    outcome = CheckOutcome(
        files={p.name: p for p in loaders.package_files(package_dir)},
        county=_county_names(package_dir),
    )
    try:
        package = loaders.load_county(package_dir)
        if pages := page_errors(DOCS, package.info):  # as the build would refuse them
            raise InputErrors(LoadReport(errors=pages))
        results = results_from_package(package, declarations_as_notes=True)
    except InputErrors as errors:
        outcome.errors = in_reading_order(errors.report.errors)
        outcome.left_out = errors.report.left_out()
        return outcome
    outcome.results = results
    notes = LoadReport()
    for note in (
        *results.evaluation.draft_notes,
        *_undeclared(results, package.files.get("declarations", "declarations.csv")),
    ):
        notes.add(note)
    outcome.notes = in_reading_order(notes.errors)
    outcome.left_out = notes.left_out()
    return outcome


def _clear(out_dir: Path) -> None:
    """Remove the files the previous check wrote here (listed in WRITTEN), and nothing else:
    a folder given with --check-dir may hold staff's own files."""
    out_dir.mkdir(parents=True, exist_ok=True)
    listed = out_dir / WRITTEN
    names = listed.read_text(encoding="utf-8").splitlines() if listed.is_file() else []
    for name in names:
        old = out_dir / name
        if "/" not in name and old.is_file():
            old.unlink()
    listed.unlink(missing_ok=True)


def _terminal_text(outcome: CheckOutcome, report: Path) -> str:
    problems = outcome.errors or outcome.notes
    rendered = {lang: [e.message(lang) for e in problems] for lang in ("zh", "en")}
    for lang in ("zh", "en"):
        rendered[lang] += [loaders.left_out(f, c, n, lang) for f, c, n in outcome.left_out]
    if outcome.ok:
        head_zh, head_en = "数据包检查通过，没有发现问题。", "The data package passed the check."
    elif outcome.errors:
        head_zh = f"数据包有 {len(problems)} 处问题："
        head_en = f"The data package has {plural(len(problems), 'problem')}:"
    else:
        head_zh = f"数据有效，但有 {len(problems)} 项自评结论须补充理由或化解方案："
        needs = "needs" if len(problems) == 1 else "need"
        head_en = (
            f"The data are valid, but {plural(len(problems), 'declaration')} {needs} a reason "
            "or a remediation plan:"
        )
    parts = [head_zh, *rendered["zh"], "", head_en, *rendered["en"], ""]
    parts.append(f"检查报告 / Check report: {report}")
    return "\n".join(parts)


def check(package_dir: Path, out_dir: Path) -> int:
    """Run the check, write `out_dir` (build/check/), print the problems; 0 when there are none."""
    if out_dir.resolve().is_relative_to(package_dir.resolve()):
        print(
            f"{out_dir} 位于数据包内：检查从不写入数据包，请另选 --check-dir。\n"
            f"{out_dir} is inside the package: the check never writes into a package; "
            "choose another --check-dir.",
            file=sys.stderr,
        )
        return 1
    outcome = run_check(package_dir)
    _clear(out_dir)
    annotated = {}
    for name, path in outcome.files.items():
        problems = [e for e in outcome.errors if loaders.split_label(e.file)[0] == name]
        if problems and path.suffix.lower() == ".xlsx":
            target = out_dir / f"{path.stem}.annotated.xlsx"
            if annotate_workbook(path, problems, target):
                annotated.update({e.file: target.name for e in problems})
    report = write_report(outcome, annotated, out_dir / REPORT, str(package_dir.resolve()))
    written = [REPORT, *annotated.values()]
    (out_dir / WRITTEN).write_text("\n".join(written) + "\n", encoding="utf-8")
    print(_terminal_text(outcome, report), file=sys.stdout if outcome.ok else sys.stderr)
    return 0 if outcome.ok else 1
