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
    check = results.get("check")
    if check:
        rows.append(_ratio_row(check))
        rows.append(
            (
                "check: wall time (fastest run)",
                f"{check['candidate_s']:.2f} s",
                f"< {check['absolute_target_s']:.0f} s",
                _verdict(check["absolute_passes"]),
            )
        )
    document = results.get("document")
    if document:
        rows.append(_ratio_row(document))
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
                f"{preview['median_s']:.2f} s (MkDocs rebuilds: "
                + ", ".join(f"{s:.1f}" for s in preview["rebuild_s"])
                + " s)",
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
    lighthouse = results.get("lighthouse")
    if lighthouse:
        rows += _lighthouse_rows(lighthouse)
    return rows


def _lighthouse_rows(lighthouse: dict) -> list[tuple[str, str, str, str]]:
    rows = []
    for key, target in (("performance", "≥ 95"), ("accessibility", "100")):
        page = lighthouse[f"lowest_{key}"]
        value = f"{page[key]} ({page['page']})" if page else "no page scored"
        verdict = _verdict(lighthouse[f"{key}_passes"])
        rows.append((f"Lighthouse mobile, gzip: lowest {key}", value, target, verdict))
    return rows


def _table(header: tuple[str, ...], rows: list[tuple]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(x) for x in row) + " |" for row in rows]
    return "\n".join(lines)


def _pages_section(pages: dict) -> list[str]:
    visit = pages["overview"]
    files = {**visit["referenced"]["files"], **visit["search_on_load"]["files"]}
    charted = [p for p in pages["pages"] if p["scripts"] or p["charts"]]
    return [
        "## Overview page, first visit",
        f"Referenced by the page: {_mb(visit['referenced']['bytes'])}; fetched by the theme's "
        f"search on load: {_mb(visit['search_on_load']['bytes'])}.",
        _table(("file", "bytes"), sorted(files.items(), key=lambda x: -x[1])),
        "## Pages with charts or a chart library",
        _table(
            ("page", "charts", "chart scripts"),
            [(p["page"], p["charts"], ", ".join(p["scripts"])) for p in charted],
        ),
    ]


def _lighthouse_section(lighthouse: dict) -> list[str]:
    pages = lighthouse["pages"]
    index = {p["benchmark_index"] for p in pages if p.get("benchmark_index")}
    return [
        "## Lighthouse, every page (mobile: simulated slow 4G, 375-px phone; served with gzip)",
        f"Lighthouse {pages[0]['lighthouse'] if pages else '?'}; its CPU benchmark index ran "
        f"{min(index, default=0):.0f}–{max(index, default=0):.0f} (a loaded machine scores "
        "lower and inflates TBT). Reports in build/bench/lighthouse-reports/.",
        _table(
            ("page", "performance", "accessibility", "LCP", "TBT", "transferred"),
            [
                (
                    p["page"],
                    p["performance"],
                    p["accessibility"],
                    f"{p['lcp_ms'] / 1000:.1f} s",
                    f"{p['tbt_ms']} ms",
                    f"{p['transfer_kb']} KB",
                )
                for p in pages
            ],
        ),
        "Where the points went (points of 100 per audit), and the busiest scripts:",
        _table(
            (
                "page",
                "performance lost",
                "accessibility failed",
                "LCP element",
                "scripts (ms)",
                "hints",
            ),
            [
                (
                    p["page"],
                    ", ".join(f"{name} {lost}" for name, lost in p["performance_lost"]) or "—",
                    ", ".join(p["accessibility_failed"]) or "—",
                    f"`{p['lcp_element']}`" if p["lcp_element"] else "—",
                    ", ".join(f"{name} {ms}" for name, ms in p["heaviest_scripts"]),
                    "; ".join(f"{name}: {text}" for name, text in p["opportunities"]) or "—",
                )
                for p in pages
            ],
        ),
    ]


def _profile_section(profile: dict) -> list[str]:
    cold, bare = profile["cold_build_s"], profile["bare_build_s"]
    totals = profile["profiled_total_s"]

    def cell(value: float | None, total: float) -> str:
        return "—" if value is None else f"{value:.2f} s ({value / total:.0%})"

    imports = ", ".join(f"{name} {s:.2f} s" for name, s in profile["top_imports_s"])
    return [
        "## Where the time goes (cProfile; details in build/bench/profile.txt)",
        "Seconds under the profiler (inflated, pure Python most) and their share of the "
        "profiled process.",
        _table(
            ("step", "cold build", "bare build"),
            [(k, cell(cold[k], totals["cold"]), cell(bare[k], totals["bare"])) for k in cold],
        ),
        f"Imports in the cold build: {profile['imports_s']:.2f} s in all; largest own times: "
        f"{imports}.",
    ]


def _build_note(build: dict) -> str:
    cold, warm = build["cold"]["candidate_s"], build["warm"]["candidate_s"]
    bare = build["cold"]["baseline_s"]
    return (
        f"Build medians without a profiler: bare {bare:.2f} s, warm {warm:.2f} s, cold "
        f"{cold:.2f} s. Recomputing the results and the Vega bundle (cold − warm): "
        f"{cold - warm:.2f} s; the publish command around MkDocs (warm − bare): "
        f"{warm - bare:.2f} s."
    )


def _bytecode_note(bytecode: dict) -> str:
    return (
        f"Bytecode: this venv holds {bytecode['venv_pyc_files']:,} .pyc for "
        f"{bytecode['venv_py_files']:,} .py files; PYTHONDONTWRITEBYTECODE="
        f"{bytecode['PYTHONDONTWRITEBYTECODE'] or '(unset)'}."
    )


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
    if "pages" in results:
        parts += _pages_section(results["pages"])
    if "lighthouse" in results:
        parts += _lighthouse_section(results["lighthouse"])
    if "build" in results:
        parts += ["## Builds", _build_note(results["build"])]
        parts.append(_bytecode_note(results["build"]["bytecode"]))
    if "profile" in results:
        parts += _profile_section(results["profile"])
    if results["errors"]:
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
