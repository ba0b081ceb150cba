"""The report: a summary table of ratios and verdicts, then details; JSON and Markdown."""

from __future__ import annotations

import json
from pathlib import Path


def _verdict(passes: bool | None) -> str:
    return "—" if passes is None else "PASS" if passes else "FAIL"


def _mb(size: float) -> str:
    return f"{size / 1e6:.2f} MB"


def _ratio_row(c: dict, info: bool = False) -> tuple[str, str, str, str]:
    value = (
        f"{c['ratio']:.2f}× ({c['statistic']} {c['candidate_s']:.2f} s / {c['baseline_s']:.2f} s)"
    )
    if info:
        return (c["name"], value, "(information)", "—")
    return (c["name"], value, f"≤ {c['target']:.2f}×", _verdict(c["passes"]))


def summary_rows(results: dict) -> list[tuple[str, str, str, str]]:
    """Return (measure, value, target, verdict) for every figure measured."""
    rows = []
    for fmt in ("sav", "csv"):
        if fmt in results.get("survey", {}):
            bare, same = results["survey"][fmt]
            rows += [_ratio_row(bare), _ratio_row(same, info=True)]
    chunked = results.get("survey", {}).get("chunked")
    if chunked:
        rows.append(
            (
                f"survey: {chunked['rows']:,} CSV rows scored in chunks, peak RSS",
                f"{chunked['peak_rss_mb']:.0f} MB ({chunked['seconds']:.1f} s)",
                f"< {chunked['limit_mb']} MB",
                _verdict(chunked["passes"]),
            )
        )
    build = results.get("build", {})
    rows += [_ratio_row(build[k]) for k in ("cold", "warm") if k in build]
    if "bytecode" in build and "cold" in build:
        without = build["bytecode"]["bare_without_bytecode_s"]
        bare = build["cold"]["baseline_s"]
        rows.append(
            (
                "build: bare without bytecode / bare",
                f"{without / bare:.2f}× ({without:.2f} s / {bare:.2f} s)",
                "(information)",
                "—",
            )
        )
    preview = results.get("preview")
    if preview:
        rows.append(
            (
                f"preview: save → visible (median of {len(preview['edit_to_visible_s'])})",
                f"{preview['median_s']:.2f} s",
                f"< {preview['target_s']:.0f} s",
                _verdict(preview["passes"]),
            )
        )
    pages = results.get("pages")
    if pages:
        for key in ("overview", "overview_en"):
            visit = pages[key]
            rows.append(
                (
                    f"page weight: first visit to {visit['page']}",
                    f"{_mb(visit['bytes'])} ({_mb(visit['gzip_bytes'])} gzip)",
                    "reported",
                    "—",
                )
            )
        stray = pages["library_without_charts"]
        rows.append(
            (
                "pages without charts that load a chart library",
                ", ".join(stray) or "none",
                "none",
                _verdict(pages["passes"]),
            )
        )
    return rows


def _table(header: tuple[str, ...], rows: list[tuple]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(x) for x in row) + " |" for row in rows]
    return "\n".join(lines)


def markdown(results: dict) -> str:
    """Return the whole report as Markdown (also what the terminal shows)."""
    machine = results["machine"]
    parts = [
        "# Benchmark report",
        f"{results['created']} · Python {machine['python']} · {machine['cpus']} CPUs · load "
        f"average {machine['load_before']:.1f} before, {machine['load_after']:.1f} after · "
        f"{results['total_s']:.0f} s in all. Ratios compare runs interleaved in this one run "
        "(see bench/README.md).",
        _table(("measure", "value", "target", "verdict"), summary_rows(results)),
    ]
    pages = results.get("pages")
    if pages:
        visit = pages["overview"]
        files = {**visit["referenced"]["files"], **visit["search_on_load"]["files"]}
        parts += [
            "## Overview page, first visit",
            f"Referenced by the page: {_mb(visit['referenced']['bytes'])}; fetched by the "
            f"theme's search on load: {_mb(visit['search_on_load']['bytes'])}.",
            _table(("file", "bytes"), sorted(files.items(), key=lambda x: -x[1])),
            "## Pages that load the chart library",
            _table(
                ("page", "charts", "chart scripts"),
                [
                    (p["page"], p["charts"], ", ".join(p["scripts"]))
                    for p in pages["pages"]
                    if p["scripts"] or p["charts"]
                ],
            ),
        ]
    profile = results.get("profile")
    if profile:

        def fmt(value: float | None) -> str:
            return "—" if value is None else f"{value:.2f} s"

        cold, bare = profile["cold_build_s"], profile["bare_build_s"]
        imports = ", ".join(f"{name} {s:.2f} s" for name, s in profile["top_imports_s"])
        parts += [
            "## Where the time goes (under the profilers; details in build/bench/profile.txt)",
            _table(
                ("step", "cold build", "bare build"),
                [(label, fmt(cold[label]), fmt(bare[label])) for label in cold],
            ),
            f"Imports in the cold build: {profile['imports_s']:.2f} s in all; largest own "
            f"times: {imports}.",
        ]
    build = results.get("build", {})
    if "bytecode" in build:
        b = build["bytecode"]
        parts.append(
            f"Bytecode: this venv holds {b['venv_pyc_files']:,} .pyc for "
            f"{b['venv_py_files']:,} .py files; PYTHONDONTWRITEBYTECODE="
            f"{b['PYTHONDONTWRITEBYTECODE'] or '(unset)'}."
        )
    if results.get("errors"):
        parts += ["## Errors", "\n".join(f"- {e}" for e in results["errors"])]
    return "\n\n".join(parts) + "\n"


def write(results: dict, out: Path) -> str:
    """Write report.json and report.md into `out`; return the Markdown."""
    text = markdown(results)
    (out / "report.json").write_text(
        json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8"
    )
    (out / "report.md").write_text(text, encoding="utf-8")
    return text
