"""A county that is not the demo gets a site in its own words and with its own settings.

One build of a copy of 柳河县 (tests/fixtures/county_small) with a `[site]` table: every page
and the search index speak of 柳河县 / "the county" only, never of the demo (渝北, 示范县,
"demonstration") or of a 区; the title, canonical links, sitemap and footer follow `[site]`,
and every string from county.toml arrives escaped. English school names come from the register.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SMALL = ROOT / "tests" / "fixtures" / "county_small"
SITE_URL = "https://jyj.liuhe.example.cn/junheng/"
SITE_TABLE = f"""
[site]
title_en = "Liuhe County <open> data & figures"
site_url = "{SITE_URL}"
contact_zh = "柳河县教育局督导室 jyj@liuhe.example.cn"
contact_en = "Liuhe County Education Bureau, jyj@liuhe.example.cn"
icp = "湘ICP备00000000号-1"
source_url = "https://example.org/equity-site"
"""
# the demo's and a 区's words; " district" with its space, so "Subdistrict" in a town name passes
FOREIGN = re.compile(
    r"渝北|Yubei|示例|示范县|演示|demonstration|本区|全区|区教委|[Tt]he district| district"
)


@pytest.fixture(scope="module")
def county_site(tmp_path_factory: pytest.TempPathFactory, build_county) -> Path:
    package = tmp_path_factory.mktemp("county") / "liuhe"
    shutil.copytree(SMALL, package)
    manifest = package / "county.toml"
    text = manifest.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^demo\s*=.*\n", "", text)
    text = re.sub(r"(?m)^kind\s*=.*\n", "", text)
    text = text.replace('name_en = "Liuhe County"\n', 'name_en = "Liuhe County"\nkind = "县"\n')
    text = re.sub(r"(?ms)^\[site\].*?(?=^\[|\Z)", "", text) + SITE_TABLE
    manifest.write_text(text, encoding="utf-8")
    site = tmp_path_factory.mktemp("county-build") / "site"
    return build_county(package, site)


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_no_page_nor_the_search_index_speaks_of_the_demo_or_a_district(county_site):
    found = []
    for path in [*pages(county_site), *county_site.glob("search/*.json")]:
        text = path.read_text(encoding="utf-8")
        found += [
            f"{path.relative_to(county_site)}: …{text[max(m.start() - 40, 0) : m.end() + 40]}…"
            for m in FOREIGN.finditer(text)
        ]
    assert len(pages(county_site)) > 20 and list(county_site.glob("search/*.json"))
    assert not found, "\n".join(found[:20])


def test_no_demo_banner_nor_demo_section(county_site):
    for path in pages(county_site):
        assert "ec-demo-banner" not in path.read_text(encoding="utf-8"), path


@pytest.mark.parametrize(
    "page, words",
    [
        ("government/index.html", ["本县的计算结果", "柳河县"]),
        ("basic-facts/index.html", ["全县另有留守儿童"]),
        ("en/government/index.html", ["Computed status for the county:"]),
        ("en/basic-facts/index.html", ["The county also counts", "Liuhe County"]),
        ("en/about-data/index.html", ['"the county", "County-wide"']),
        ("en/schools/index.html", ["Liuhe No. 1 Primary School"]),
    ],
)
def test_the_county_name_and_word_appear(county_site, page, words):
    text = (county_site / page).read_text(encoding="utf-8")
    for word in words:
        assert word in text, (page, word)


def test_title_is_the_county_s_own_and_escaped(county_site):
    zh = (county_site / "index.html").read_text(encoding="utf-8")
    en = (county_site / "en" / "index.html").read_text(encoding="utf-8")
    assert "<title>柳河县义务教育优质均衡发展 · 公开数据</title>" in zh  # the default title
    assert "Liuhe County &lt;open&gt; data &amp; figures</title>" in en
    assert "<open>" not in en


def test_site_url_gives_canonical_links_and_a_sitemap(county_site):
    zh = (county_site / "schools" / "index.html").read_text(encoding="utf-8")
    en = (county_site / "en" / "schools" / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{SITE_URL}schools/">' in zh
    assert f'<link rel="canonical" href="{SITE_URL}en/schools/">' in en
    sitemap = (county_site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{SITE_URL}</loc>" in sitemap and "localhost" not in sitemap


def test_footer_shows_contact_licence_source_and_icp(county_site):
    zh = (county_site / "index.html").read_text(encoding="utf-8")
    en = (county_site / "en" / "index.html").read_text(encoding="utf-8")
    assert '<a href="mailto:jyj@liuhe.example.cn">jyj@liuhe.example.cn</a>' in zh
    assert "柳河县教育局督导室" in zh and "Liuhe County Education Bureau" in en
    assert '<a href="https://beian.miit.gov.cn/">湘ICP备00000000号-1</a>' in zh
    assert '<a href="https://example.org/equity-site">Source code</a>' in en
    assert 'Text and data licence: <a href="https://creativecommons.org/licenses/by/4.0/">' in en
