"""`county.toml` `[county] kind` and `[site]`: validated, defaulted, escaped (issue 13 §2)."""

from __future__ import annotations

import pytest

from loaders import CountyInfo, LoadReport, SiteSettings
from loaders._site import county_kind, site_settings
from publish import _labels
from publish._labels import label, use_county_word
from publish._macros import county_kind_word
from publish._site import (
    MEASURES_URL,
    citation_html,
    footer_html,
    licence_html,
    mkdocs_environment,
    reference_html,
    site_title,
    when_text,
)


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


@pytest.mark.parametrize(
    "value, ok",
    [
        ("2026-06", True),
        ("2026-06-30", True),
        ("2026-02-29", False),  # not a leap year
        ("2026-13", False),
        ("2026年6月", False),
        ("2026-6", False),
        ("next spring", False),
    ],
)
def test_next_update_is_a_real_month_or_date(value, ok):
    report = LoadReport()
    site = site_settings({"site": {"next_update": value}}, report)
    assert (site.next_update == value) == ok
    assert [(e.code, e.column) for e in report.errors] == (
        [] if ok else [("bad-config", "site.next_update")]
    )


def test_report_url_must_be_a_web_address():
    report = LoadReport()
    site = site_settings({"site": {"report_url": "报告.pdf"}}, report)
    assert site.report_url is None
    assert [(e.code, e.column) for e in report.errors] == [("bad-config", "site.report_url")]


@pytest.mark.parametrize(
    "value, zh, en",
    [
        ("2026-06", "2026 年 6 月", "June 2026"),
        ("2027-01-05", "2027 年 1 月 5 日", "5 January 2027"),
    ],
)
def test_next_update_is_written_as_each_language_writes_dates(value, zh, en):
    assert (when_text(value, "zh"), when_text(value, "en")) == (zh, en)


def test_the_reference_line_states_the_year_the_rules_the_report_and_the_next_update(monkeypatch):
    monkeypatch.setattr(_labels, "_COUNTY_WORD", {"zh": "县", "en": "county"})  # 柳河县's words
    plain = info()
    zh, en = reference_html(plain, "zh"), reference_html(plain, "en")
    assert "2024 年统计数据，用于 2025 年自评" in zh
    assert "the statistics of 2024, for the 2025 self-evaluation" in en
    assert zh.count(MEASURES_URL) == en.count(MEASURES_URL) == 1
    assert f'评估依据：<a href="{MEASURES_URL}">《县域义务教育优质均衡发展督导评估办法》' in zh
    assert f'Rules: <a href="{MEASURES_URL}">Measures for the Supervision and Evaluation' in en
    assert '<span lang="zh">教督〔2017〕6号</span>' in en and "教督〔2017〕6号" in zh
    assert "下次更新：尚未确定" in zh and "Next update: not yet scheduled" in en
    assert "自查自评报告原文" not in zh  # no link to a report the county has not given
    own = info(report_url="https://jyj.example.gov.cn/report.pdf", next_update="2026-06")
    zh, en = reference_html(own, "zh"), reference_html(own, "en")
    assert '<a href="https://jyj.example.gov.cn/report.pdf">本县自查自评报告原文</a>' in zh
    assert '<a href="https://jyj.example.gov.cn/report.pdf">The county&#x27;s own' in en
    assert "下次更新：2026 年 6 月" in zh and "Next update: June 2026" in en


def test_the_citation_names_the_data_version_and_the_address_when_given():
    assert citation_html(info(), "abc123", "zh") == (
        "柳河县义务教育优质均衡发展 · 公开数据（2024 年统计数据，数据版本 abc123）。"
    )
    cited = citation_html(info(site_url="https://x.example/"), "abc123", "en")
    assert cited.startswith("Liuhe County · Balanced Compulsory Education · Open Data (2024 ")
    assert cited.endswith('Available at <a href="https://x.example/">https://x.example/</a>')
