"""`county.toml` `[county] kind` and `[site]`: validated, defaulted, escaped (issue 13 §2)."""

from __future__ import annotations

import pytest

from loaders import CountyInfo, LoadReport, SiteSettings
from loaders._site import county_kind, site_settings
from publish import _labels
from publish._labels import label, use_county_word
from publish._macros import county_kind_word
from publish._site import footer_html, licence_html, mkdocs_environment, site_title


def info(**site) -> CountyInfo:
    return CountyInfo(
        "431199", "柳河县", "Liuhe County", 2025, 2024, False, "县", "county", SiteSettings(**site)
    )


@pytest.mark.parametrize(
    "name, kind, english",
    [
        ("柳河县", "县", "county"),
        ("某某区", "区", "district"),
        ("某某自治县", "自治县", "autonomous county"),  # the longest kind the name ends in
        ("神农架林区", "林区", "forestry district"),
        ("某某旗", "旗", "banner"),
    ],
)
def test_kind_is_derived_from_the_end_of_the_name(name, kind, english):
    report = LoadReport()
    assert county_kind({}, name, report) == (kind, english)
    assert not report.errors


def test_an_explicit_kind_wins_and_an_unknown_one_is_an_error():
    report = LoadReport()
    assert county_kind({"kind": "市"}, "渝北区（示例）", report) == ("市", "city")
    assert county_kind({"kind": "乡"}, "柳河县", report)
    assert [(e.code, e.column, e.value) for e in report.errors] == [
        ("not-in-list", "county.kind", "乡")
    ]


def test_a_name_without_a_known_ending_asks_for_kind():
    report = LoadReport()
    county_kind({}, "渝北区（示例）", report)
    (error,) = report.errors
    assert error.column == "county.kind" and "kind" in error.message("zh")
    assert "set kind" in error.message("en")


def test_site_defaults_and_unknown_keys():
    report = LoadReport()
    assert site_settings({}, report) == SiteSettings()
    assert SiteSettings().licence == "CC BY 4.0" and SiteSettings().site_url is None
    site_settings({"site": {"title": "x", "icp": "京ICP备1号"}}, report)
    assert [(e.code, e.column) for e in report.errors] == [("unknown-key", "site.title")]


def test_site_url_must_be_a_web_address_and_gets_a_trailing_slash():
    report = LoadReport()
    site = site_settings({"site": {"site_url": "https://example.gov.cn/junheng"}}, report)
    assert site.site_url == "https://example.gov.cn/junheng/" and not report.errors
    site = site_settings({"site": {"site_url": "localhost:8000", "source_url": 3}}, report)
    assert site.site_url is None and site.source_url is None
    assert sorted(e.column for e in report.errors) == ["site.site_url", "site.source_url"]


def test_default_title_is_the_county_name_and_the_site_name():
    assert site_title(info(), "zh") == "柳河县义务教育优质均衡发展 · 公开数据"
    assert site_title(info(), "en") == "Liuhe County · Balanced Compulsory Education · Open Data"
    assert site_title(info(title_en="Liuhe open data"), "en") == "Liuhe open data"


def test_no_site_url_means_an_empty_site_url_never_localhost():
    env = mkdocs_environment(info())
    assert env["EC_SITE_URL"] == ""
    assert mkdocs_environment(info(site_url="https://a.cn/"))["EC_SITE_URL"] == "https://a.cn/"


def test_every_county_string_is_escaped():
    county = info(
        title_zh="<b>柳河</b>",
        contact_zh='教育局 <script>alert(1)</script> "jyj@liuhe.gov.cn"',
        icp="湘ICP备<1>号",
        source_url="https://example.org/a?b=1&c=2",
    )
    assert mkdocs_environment(county)["EC_SITE_NAME_ZH"] == "&lt;b&gt;柳河&lt;/b&gt;"
    footer = footer_html(county, "zh")
    assert "<script>" not in footer and "&lt;script&gt;" in footer
    assert '<a href="mailto:jyj@liuhe.gov.cn">jyj@liuhe.gov.cn</a>' in footer
    assert '<a href="https://beian.miit.gov.cn/">湘ICP备&lt;1&gt;号</a>' in footer
    assert 'href="https://example.org/a?b=1&amp;c=2"' in footer


def test_footer_shows_only_what_is_set():
    bare = footer_html(info(), "en")
    assert "beian" not in bare and "Contact" not in bare and "Source code" not in bare
    assert 'Text and data licence: <a href="https://creativecommons.org/licenses/by/4.0/">' in bare
    both = footer_html(info(contact_zh="柳河县教育局"), "en")
    assert "Contact: " in both and "柳河县教育局" in both  # one contact serves both languages
    own = licence_html(info(licence="政府数据开放许可"), "zh")
    assert own == "政府数据开放许可"  # an unknown licence without licence_url: not linked


def test_county_word_fills_labels_and_capitalises():
    county = info()
    assert county_kind_word(county, "zh") == "县"
    assert county_kind_word(county, "en", capital=True) == "County"
    saved = dict(_labels._COUNTY_WORD)
    try:
        use_county_word({"zh": "县", "en": "county"})
        assert label("ui.county_wide", "zh") == "全县"
        assert label("ui.county_wide", "en") == "County-wide"
        assert "whether the county passes" in label("survey.sensitivity.depends_one", "en")
        use_county_word({"zh": "旗", "en": "banner"})
        assert label("survey.sensitivity.robust", "zh").startswith("所有算法")
        assert "本旗" in label("survey.sensitivity.robust", "zh")
    finally:
        use_county_word(saved)
