"""The Lighthouse bench's pure parts: reading a report, picking the lowest page, gzip serving."""

from __future__ import annotations

import copy
import gzip
import json
import urllib.request
from pathlib import Path

import pytest

from bench import _lighthouse, _report

# the overview page's mobile report from Lighthouse 12.8.2, trimmed to the fields the bench reads
REPORT = json.loads((Path(__file__).parent / "lighthouse_overview.json").read_text("utf-8"))


def test_summarize_reads_scores_metrics_and_the_lcp_element():
    found = _lighthouse.summarize("/", REPORT)
    assert (found["performance"], found["accessibility"]) == (93, 100)
    assert (found["lcp_ms"], found["tbt_ms"], found["transfer_kb"]) == (1053, 331, 518)
    assert found["lcp_element"].endswith("article.md-content__inner > p")
    assert found["lighthouse"] == "12.8.2"


def test_points_lost_weighs_each_failed_audit_by_its_share_of_the_category():
    # TBT weighs 30 of 100 and scored 0.75: a quarter of 30 points
    assert _lighthouse.points_lost(REPORT, "performance") == [("total-blocking-time", 7.5)]
    assert _lighthouse.points_lost(REPORT, "accessibility") == []
    failed = copy.deepcopy(REPORT)
    failed["audits"]["color-contrast"]["score"] = 0
    lost = _lighthouse.points_lost(failed, "accessibility")
    assert [name for name, _ in lost] == ["color-contrast"] and 0 < lost[0][1] < 100


def test_hints_and_scripts_name_what_costs_time():
    found = _lighthouse.summarize("/", REPORT)
    assert [name for name, _ in found["opportunities"]][:2] == [
        "render-blocking-resources",
        "unused-javascript",
    ]
    names = [name for name, _ in found["heaviest_scripts"]]
    assert names == ["bundle.a5f9d56c.min.js", "/", "charts.js"]  # "Unattributable" is skipped


def test_lowest_page_and_verdicts():
    pages = [
        {"page": "/", "performance": 97, "accessibility": 100},
        {"page": "a/", "performance": 91, "accessibility": 100},
        {"page": "b/", "performance": 91, "accessibility": 96},
        {"page": "c/", "performance": None, "accessibility": None},
    ]
    found = _lighthouse.verdicts(pages)
    assert found["lowest_performance"]["page"] == "a/"  # the first of equals
    assert found["lowest_accessibility"]["page"] == "b/"
    assert not found["performance_passes"] and not found["accessibility_passes"]
    assert _lighthouse.verdicts(pages[:1])["performance_passes"]
    assert _lighthouse.lowest(pages[3:], "performance") is None


def test_report_rows_show_the_lowest_pages_against_the_targets():
    page = _lighthouse.summarize("schools/", REPORT)
    rows = _report.summary_rows({"lighthouse": {"pages": [page], **_lighthouse.verdicts([page])}})
    assert rows == [
        ("Lighthouse mobile, gzip: lowest performance", "93 (schools/)", "≥ 95", "FAIL"),
        ("Lighthouse mobile, gzip: lowest accessibility", "100 (schools/)", "100", "PASS"),
    ]


def test_site_pages_lists_chinese_then_english(tmp_path):
    for folder in ("", "schools", "en", "en/schools", "assets"):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
        if folder != "assets":
            (tmp_path / folder / "index.html").write_text("<p>x</p>")
    assert _lighthouse.site_pages(tmp_path) == ["", "schools/", "en/", "en/schools/"]


def _get(url: str, encoding: str | None) -> tuple[str | None, bytes]:
    headers = {"Accept-Encoding": encoding} if encoding else {}
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as response:
        return response.headers.get("Content-Encoding"), response.read()


@pytest.fixture
def served(tmp_path):
    (tmp_path / "schools").mkdir()
    (tmp_path / "schools" / "index.html").write_text("<p>学校</p>" * 200, encoding="utf-8")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG" + bytes(300))
    with _lighthouse.serve(tmp_path) as base:
        yield tmp_path, base


def test_server_gzips_text_when_the_client_accepts_it(served):
    site, base = served
    html = (site / "schools" / "index.html").read_bytes()
    encoding, body = _get(base + "schools/", "gzip, deflate")
    assert encoding == "gzip" and len(body) < len(html) and gzip.decompress(body) == html
    assert _get(base + "schools/", None) == (None, html)
    assert _get(base + "logo.png", "gzip") == (None, (site / "logo.png").read_bytes())
