"""The Zensical report's pure parts: the derived config, the page diff, links, the verdict."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench._zensical_compare import (
    Finding,
    Section,
    article_text,
    broken_links,
    derive_config,
    page_diff,
    render_report,
    resolve_link,
    site_files,
    verdict,
)

CONFIG = """site_name: !ENV [EC_SITE_NAME_ZH, 示例]
site_dir: build/site
theme:
  name: material
  custom_dir: overrides
plugins:
  - macros:
      modules: [publish._mkdocs]
"""


def test_derive_config_changes_only_the_named_lines_and_keeps_tags():
    derived = derive_config(CONFIG, "site-probe", "bench._zensical_probe", "overrides-nosearch")
    assert "site_dir: site-probe\n" in derived
    assert "build/site" not in derived
    assert "modules: [bench._zensical_probe]" in derived
    assert "  custom_dir: overrides-nosearch\n" in derived
    assert derived.startswith("site_name: !ENV [EC_SITE_NAME_ZH, 示例]\n")
    assert derive_config(CONFIG, "s") == CONFIG.replace("site_dir: build/site", "site_dir: s")


def test_derive_config_refuses_a_config_without_the_line_it_must_change():
    with pytest.raises(ValueError, match="site_dir"):
        derive_config(CONFIG.replace("site_dir: build/site\n", ""), "site")
    with pytest.raises(ValueError, match="publish"):
        derive_config(CONFIG.replace("publish._mkdocs", "other"), "site", "probe")


def test_page_diff_counts_html_pages_only():
    baseline = {"index.html", "en/index.html", "data/a.csv", "gone/index.html"}
    candidate = {"index.html", "en/index.html", "draft/index.html"}
    assert page_diff(baseline, candidate) == (["gone/index.html"], ["draft/index.html"])


def test_article_text_drops_tags_scripts_and_folds_whitespace():
    page = (
        "<nav>menu</nav><article class='md'><h1>标题</h1>\n"
        "<script>x()</script><p>a &amp; b</p></article>"
    )
    assert article_text(page) == "标题 a & b"
    assert article_text("<p>no article</p>") == ""


@pytest.mark.parametrize(
    ("page", "link", "target"),
    [
        ("en/balance/index.html", "../data/charts/cvs.csv", "en/data/charts/cvs.csv"),
        ("en/balance/index.html", "../../en/data/x.csv?v=1#top", "en/data/x.csv"),
        ("index.html", "./", "index.html"),
        ("index.html", "basic-facts/", "basic-facts/index.html"),
        ("a/index.html", "../..", "index.html"),  # above the root stays at the root
        ("index.html", "#anchor", None),
        ("index.html", "https://example.org/", None),
        ("index.html", "mailto:a@b", None),
    ],
)
def test_resolve_link(page, link, target):
    assert resolve_link(page, link) == target


def test_broken_links_names_each_missing_target_and_its_pages(tmp_path: Path):
    (tmp_path / "en").mkdir()
    (tmp_path / "index.html").write_text('<a href="en/">en</a> <script src="x.js"></script>')
    (tmp_path / "en/index.html").write_text('<a href="../">zh</a><img src="../x.js">')
    (tmp_path / ".hidden").write_text("not a site file")
    assert site_files(tmp_path) == {"index.html", "en/index.html"}
    assert broken_links(tmp_path) == {"x.js": ["en/index.html", "index.html"]}
    (tmp_path / "x.js").write_text("")
    assert broken_links(tmp_path) == {}


def test_finding_refuses_an_unknown_status():
    with pytest.raises(ValueError, match="status"):
        Finding("fine", "text")


def test_verdict_moves_only_when_nothing_breaks_and_counts_breaks_per_section():
    works = Section("I18n", "i18n", [Finding("works", "ok"), Finding("differs", "look")])
    assert verdict([works], "9.9").startswith("**Move**")
    broken = Section("Macros", "macros", [Finding("breaks", "a"), Finding("breaks", "b")])
    text = verdict([works, broken], "9.9")
    assert text.startswith("**Not yet** (Zensical 9.9), because 2 measured items break")
    assert "macros 2" in text
    assert "i18n" not in text


def test_render_report_numbers_sections_and_marks_each_finding():
    sections = [Section("Search", "search", [Finding("breaks", "no box")])]
    report = render_report(["Measured today."], sections, "**Not yet**.")
    assert "## 1. Search\n\n- **BREAKS**: no box\n" in report
    assert report.index("Measured today.") < report.index("## 1.") < report.index("## Verdict")
    assert report.rstrip().endswith("**Not yet**.")
