"""A second county, start to finish: 柳河县 (tests/fixtures/county_small) builds into its own site.

The package is small and hand-made, not derived from the demo: ten legal schools in three towns,
a nine-year school whose two sections share one campus, a village teaching point under 50
students, a special-education school, one primary class of 48 (limit 45) with a plan, and a
问卷星 text export of 644 questionnaires. Its site must speak only of 柳河县, its verdicts must be
the ones its data implies, and no build — successful, failed or killed — may change the package.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from functools import cache
from pathlib import Path

import openpyxl
import pytest

from publish import compute_results

ROOT = Path(__file__).resolve().parents[2]
SMALL = ROOT / "tests" / "fixtures" / "county_small"
# words that belong to the demonstration county or to a 区, never to 柳河县's site
FOREIGN = re.compile(
    r"渝北|Yubei|示例|示范县|演示|demonstration|本区|全区|区教委|\bdistricts?\b", re.IGNORECASE
)


def copy_package(tmp_path: Path, name: str = "liuhe") -> Path:
    target = tmp_path / name
    shutil.copytree(SMALL, target)
    return target


def edit_toml(package: Path, drop: tuple[str, ...] = (), replace: dict[str, str] | None = None):
    """Remove the `[files]` lines naming `drop`, and replace whole lines by their start."""
    manifest = package / "county.toml"
    lines = []
    for line in manifest.read_text(encoding="utf-8").splitlines():
        key = line.split("=")[0].strip()
        if key in drop:
            continue
        for start, new in (replace or {}).items():
            if line.startswith(start):
                line = new
        lines.append(line)
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")


def build_command(package: Path, site: Path, *extra: str) -> list[str]:
    command = [sys.executable, "-m", "publish", "build", "--county", str(package)]
    return [*command, "--site-dir", str(site), *extra]


def build(package: Path, site: Path, *extra: str, timeout: int = 300):
    return subprocess.run(
        build_command(package, site, *extra),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@cache
def small_results():
    return compute_results(SMALL)


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory, package_digest) -> tuple[Path, Path, dict]:
    """Build a copy of 柳河县 once; return (package, site, the package's digest before)."""
    package = copy_package(tmp_path_factory.mktemp("liuhe-package"))
    before = package_digest(package)
    site = tmp_path_factory.mktemp("liuhe-build") / "site"
    result = build(package, site)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return package, site, before


def site_texts(site: Path):
    for path in sorted(site.rglob("*")):
        if path.suffix in {".html", ".json", ".csv", ".xml", ".txt"}:
            yield path, path.read_text(encoding="utf-8-sig", errors="replace")


def test_build_leaves_the_package_byte_identical(small_site, package_digest):
    package, _site, before = small_site
    assert package_digest(package) == before


def test_no_page_speaks_of_another_county(small_site):
    _package, site, _before = small_site
    found = {
        f"{path.relative_to(site)}: {m.group(0)!r} in {text[max(m.start() - 40, 0) : m.end() + 40]}"
        for path, text in site_texts(site)
        for m in FOREIGN.finditer(text)
    }
    assert not found, "\n".join(sorted(found)[:30])


@pytest.mark.parametrize(
    "page, lang, words",
    [
        ("index.html", "zh", ["柳河县", "本县"]),
        ("en/index.html", "en", ["Liuhe County", "the county"]),
        ("basic-facts/index.html", "zh", ["柳河县", "全县"]),
        ("en/schools/index.html", "en", ["Liuhe Experimental School", "Dongshan Township"]),
    ],
)
def test_pages_name_the_county_in_its_own_words(small_site, page, lang, words):
    html = (small_site[1] / page).read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in html
    for word in words:
        assert word in html, word


def test_no_demo_banner_and_no_canonical_link_without_a_site_url(small_site):
    site = small_site[1]
    for page in ("index.html", "en/index.html", "schools/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert 'rel="canonical"' not in html
        assert "localhost" not in html and "127.0.0.1" not in html
    sitemap = site / "sitemap.xml"
    assert not sitemap.exists() or "localhost" not in sitemap.read_text(encoding="utf-8")


def test_search_index_finds_the_county_schools(small_site):
    index = json.loads((small_site[1] / "search" / "search_index.json").read_text("utf-8"))
    # Chinese is segmented at build time with zero-width spaces between words
    text = " ".join(doc["text"] + doc["title"] for doc in index["docs"]).replace("\u200b", "")
    assert "柳河县实验学校" in text and "东山乡花园村教学点" in text


# ---- the verdicts its data implies (computed directly; the pages show the same) ----


def test_resource_verdicts_follow_the_register():
    results = small_results()
    sections = results.resources.sections
    assert sorted(sections.index) == [f"LH{n:02d}" for n in (1, 2, 3, 4, 6, 7, 8, 9, 10)]
    # LH04's sports ground is 90 % of 7.5 m² per pupil: six standards met, the seventh ≥ 85 %
    assert sections.loc["LH04", "klass"] == "six_plus"
    assert (sections.drop("LH04")["klass"] == "all7").all()
    assert results.evaluation.indicators["R"].computed.status == "met"
    assert results.evaluation.indicators["B"].computed.status == "met"


def test_shared_campus_is_split_by_students():
    """LH06 (606 primary) and LH07 (402 junior) carry one school's totals: 606 : 402."""
    results = small_results()
    values = results.resources.sections
    import pandas as pd

    register = pd.read_excel(SMALL / "schools.xlsx", header=1, engine="calamine")
    total = register.loc[register["学部编号"] == "LH06", "教学及辅助用房面积（㎡）"].item()
    assert values.loc["LH06", "R4"] == pytest.approx(total * 606 / 1008 / 606)
    assert values.loc["LH07", "R4"] == pytest.approx(total * 402 / 1008 / 402)


def test_the_one_oversized_class_fails_g5_and_its_plan_covers_it():
    g5 = small_results().evaluation.indicators["G5"]
    assert g5.computed.status == "not_met"
    failing = g5.computed.failing
    assert list(failing["section_id"]) == ["LH02"]
    assert failing["largest"].tolist() == [48] and failing["oversized"].tolist() == [1]
    assert g5.declared == "met_after_remediation"
    assert [plan.section_id for plan in g5.plans] == ["LH02"]


def test_teaching_point_is_counted_in_the_totals_but_not_evaluated():
    results = small_results()
    assert "LH05" not in results.resources.sections.index
    # 905 + 1204 + 652 + 318 + 28 + 606 + 402 + 1105 + 812 + 356 students, the special school's
    # 46 aside (not a compulsory-education section of the register's levels)
    assert results.basic.students == 6388
    # G9 and G12 count every full-time teacher: 426 in the evaluated sections, 5 at the point
    g9 = {f.key: f.value for f in results.evaluation.indicators["G9"].computed.values}
    assert g9["teachers"] == 431 and g9["g9_trained_share"] == 1.0


def test_survey_scored_from_the_wenjuanxing_export():
    survey = small_results().survey
    assert survey is not None
    # 644 rows: 3 double submits, 1 row of only 不了解, and the short-duration rows are excluded
    assert survey.overall.passes and 0.88 < survey.overall.estimate < 0.95
    assert survey.overall.n < 644


# ---- variants: what counties really send ----


def test_a_failed_build_leaves_the_package_and_the_previous_site(
    tmp_path, small_site, package_digest
):
    package = copy_package(tmp_path)
    (package / "classes.csv").write_text(
        (package / "classes.csv")
        .read_text("utf-8-sig")
        .replace("LH01,1,1.01,44", "LH01,1,1.01,四十四"),
        encoding="utf-8-sig",
    )
    before = package_digest(package)
    site = tmp_path / "site"
    result = build(package, site)
    assert result.returncode == 1
    assert "classes.csv" in result.stderr and "四十四" in result.stderr
    assert "Traceback" not in result.stderr
    assert package_digest(package) == before
    assert not site.exists()


def test_a_killed_build_leaves_the_package_byte_identical(tmp_path, package_digest):
    package = copy_package(tmp_path)
    before = package_digest(package)
    process = subprocess.Popen(
        build_command(package, tmp_path / "site"),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(4)  # inside MkDocs, or computing: either way mid-build
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert package_digest(package) == before


def drop_register_rows(package: Path, sections: set[str]) -> None:
    """Remove sections from schools.xlsx (as staff would delete the rows) and their classes."""
    workbook = openpyxl.load_workbook(package / "schools.xlsx")
    sheet = workbook.active
    for row in range(sheet.max_row, 2, -1):
        if sheet.cell(row, 1).value in sections:
            sheet.delete_rows(row)
    workbook.save(package / "schools.xlsx")
    classes = (package / "classes.csv").read_text("utf-8-sig").splitlines()
    kept = [line for line in classes if line.split(",")[0] not in sections]
    (package / "classes.csv").write_text("\n".join(kept) + "\n", encoding="utf-8-sig")


def set_measures(package: Path, values: dict[str, int | None]) -> None:
    """Change (or, with None, delete) rows of measures.csv by 项目代码."""
    lines = (package / "measures.csv").read_text("utf-8-sig").splitlines()
    out = []
    for line in lines:
        cells = line.split(",")
        if len(cells) > 3 and cells[1] in values:
            if values[cells[1]] is None:
                continue
            cells[3] = str(values[cells[1]])
        out.append(",".join(cells))
    (package / "measures.csv").write_text("\n".join(out) + "\n", encoding="utf-8-sig")


def page_text(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


def built_variant(
    tmp_path: Path, package: Path, package_digest, *extra: str
) -> tuple[Path, object]:
    """Build a variant package (asserting success and an unchanged package); return the site
    and the results computed directly from the same package."""
    before = package_digest(package)
    site = tmp_path / "site"
    result = build(package, site, *extra)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    assert package_digest(package) == before
    return site, compute_results(package, draft="--draft" in extra)


@pytest.mark.slow
def test_a_county_without_a_survey_yet(tmp_path, package_digest):
    package = copy_package(tmp_path)
    edit_toml(package, drop=("survey", "survey_config"))
    (package / "survey.csv").unlink()
    site, results = built_variant(tmp_path, package, package_digest)
    evaluation = results.evaluation
    assert results.survey is None
    assert evaluation.indicators["S"].computed.status == "no_data"
    assert evaluation.veto["V7"].computed.status == "no_data"
    assert evaluation.indicators["S"].declared == "met"  # the declaration is still shown
    assert evaluation.areas["recognition"].computed == "no_data"
    recognition = page_text(site, "recognition/index.html")
    assert 'class="ec-chart"' not in recognition and "尚未" in recognition
    assert "not yet" in page_text(site, "en/recognition/index.html")
    assert not (site / "data" / "survey_by_group.csv").exists()


@pytest.mark.slow
def test_a_county_with_nothing_to_remediate_needs_no_plans_file(tmp_path, package_digest):
    package = copy_package(tmp_path)
    classes = (package / "classes.csv").read_text("utf-8-sig")
    # the 48-pupil class becomes 45, and the three go to the section's last class (41 → 44)
    classes = classes.replace("LH02,1,1.01,48", "LH02,1,1.01,45").replace(
        "LH02,6,6.27,41", "LH02,6,6.27,44"
    )
    (package / "classes.csv").write_text(classes, encoding="utf-8-sig")
    declarations = (package / "declarations.csv").read_text("utf-8-sig")
    (package / "declarations.csv").write_text(
        declarations.replace("G5,化解后达标", "G5,达标"), encoding="utf-8-sig"
    )
    edit_toml(package, drop=("remediation",))
    (package / "remediation.csv").unlink()
    site, results = built_variant(tmp_path, package, package_digest)
    assert results.evaluation.indicators["G5"].computed.status == "met"
    assert results.evaluation.plans == ()
    assert results.evaluation.overall_computed == "met"
    plans = (site / "data" / "remediation.csv").read_text("utf-8-sig").splitlines()
    assert len(plans) == 1  # the header: the table exists, with no plans in it
    assert "remediation" in page_text(site, "en/remediation/index.html").lower()


@pytest.mark.slow
def test_one_junior_section_and_no_special_school(tmp_path, package_digest):
    """A county whose only junior section is the nine-year school's, and no special school."""
    package = copy_package(tmp_path)
    drop_register_rows(package, {"LH08", "LH09", "LH10", "LH11"})
    teachers = 431 - 85 - 63 - 28  # the teaching point's 5 included
    set_measures(
        package,
        {
            "certified_teachers": teachers,
            "teachers_trained_360h": teachers,
            "schools_with_charter": 6,
            "schools_informatised": 6,
            "special_school_funds_yuan_per_student": None,
        },
    )
    site, results = built_variant(tmp_path, package, package_digest)
    cvs = results.resources.cvs.loc["junior"]
    assert cvs["cv"].isna().all() and (cvs["note"] == "one_section").all()
    assert not cvs["passes"].any()  # never "0.000, met"
    assert results.evaluation.indicators["B"].computed.status == "met"  # judged on primary
    assert results.evaluation.indicators["G7"].computed.status == "not_applicable"
    assert "Not meaningful with one section" in page_text(site, "en/balance/index.html")
    assert "仅一个学部" in page_text(site, "balance/index.html")


@pytest.mark.slow
def test_a_draft_from_a_school_register_alone(tmp_path, package_digest):
    package = tmp_path / "draft-package"
    package.mkdir()
    for name in ("county.toml", "schools.xlsx"):
        shutil.copy(SMALL / name, package / name)
    refused = build(package, tmp_path / "full")
    assert refused.returncode == 1 and "classes.csv" in refused.stderr
    assert "--draft" in refused.stderr  # the message says how to see a draft meanwhile
    site, results = built_variant(tmp_path, package, package_digest, "--draft")
    assert results.draft == (
        "classes",
        "measures",
        "monitoring",
        "declarations",
        "remediation",
        "releases",
        "survey",
        "survey_config",
        "narrative",
        "narrative_en",
        "narrative_figures",
    )
    assert results.resources.sections.loc["LH04", "klass"] == "six_plus"  # the register computes
    evaluation = results.evaluation
    assert evaluation.indicators["G5"].computed.status == "no_data"  # no class register yet
    assert all(i.declared == "undeclared" for i in evaluation.indicators.values())
    for page in ("index.html", "schools/index.html", "en/index.html", "en/balance/index.html"):
        assert 'class="ec-draft-banner"' in page_text(site, page), page
    missing = page_text(site, "en/draft/index.html")
    assert "classes.csv" in missing and "declarations.csv" in missing
    assert "schools.xlsx" not in missing


def test_a_full_build_has_no_draft_page_or_banner(small_site):
    site = small_site[1]
    assert not (site / "draft").exists() and not (site / "en" / "draft").exists()
    assert "ec-draft-banner" not in page_text(site, "index.html")


def test_a_draft_is_never_written_to_the_published_site(tmp_path):
    package = copy_package(tmp_path)
    result = build(package, ROOT / "build" / "site", "--draft")
    assert result.returncode == 1
    assert "build/site" in result.stderr and "草稿" in result.stderr


def test_teaching_point_is_in_the_directory_and_the_open_data(small_site):
    site = small_site[1]
    points = (site / "data" / "teaching_points.csv").read_text("utf-8-sig").splitlines()
    assert len(points) == 2 and points[1].startswith("LH05,43990005,东山乡花园村教学点,primary")
    assert "东山乡花园村教学点" in page_text(site, "schools/index.html")
    sections = (site / "data" / "sections.csv").read_text("utf-8-sig")
    assert "LH05" not in sections  # not evaluated: not among the sections' R1–R7


def test_methodology_page_works_the_shared_campus_split_through(small_site):
    """The worked example uses the package's own shared campus: 606 : 402 of the school's totals."""
    import pandas as pd

    register = pd.read_excel(SMALL / "schools.xlsx", header=1, engine="calamine")
    total = register.loc[register["学部编号"] == "LH06", "教学及辅助用房面积（㎡）"].item()
    primary = f"{total:,.2f} → {total * 606 / 1008:,.2f}"
    for page in ("methodology/index.html", "en/methodology/index.html"):
        html = page_text(small_site[1], page)
        assert primary in html and "60.12%" in html, page


def test_builds_are_byte_identical_cold_or_from_the_cache(tmp_path, package_digest):
    """With SOURCE_DATE_EPOCH two builds give the same bytes: one computing the results, one
    reading them back from the JSON cache, into folders of other names."""
    package = copy_package(tmp_path)
    cache_dir = tmp_path / "cache"
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    sites = []
    for name in ("first", "second"):
        command = build_command(package, tmp_path / name / "site", "--cache-dir", str(cache_dir))
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env)
        assert done.returncode == 0, done.stderr[-3000:]
        sites.append(package_digest(tmp_path / name / "site"))
    assert len(list(cache_dir.glob("results-*.json"))) == 1  # the second build read it
    assert sites[0] == sites[1]
    assert len(sites[0]) > 100
