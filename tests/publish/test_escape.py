"""Package text reaches a page only through page_text (issue 15 §1): HTML, Markdown links and
Jinja in it are shown as typed, never run. Markdown is rendered here as MkDocs renders pages."""

from __future__ import annotations

import html
from urllib.parse import unquote, urlsplit

import markdown
import pytest

from publish._escape import page_text, page_url
from publish._facts import Fact, fact_html

PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    '" onmouseover="alert(1)',
    "[点我](javascript:alert(1))",
    "![x](http://example.invalid/x.png)",
    "{{ 7 * 7 }}",
    "{% raw %}x",
    "**粗体**",  # Markdown emphasis: shown as typed, not bold
    "`<b>粗</b>`",  # a backtick pair would make a code span
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_payload_inside_a_sentence_stays_text(payload):
    page = markdown.markdown(f"本县为 {page_text(payload)} 。")
    assert "<img" not in page and "<script" not in page and "<a " not in page
    assert "<strong" not in page and "<em" not in page and "<code" not in page
    assert "{{" not in page and "{%" not in page
    assert html.unescape(page.removeprefix("<p>").removesuffix("</p>")) == f"本县为 {payload} 。"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_payload_inside_an_attribute_cannot_close_it(payload):
    attribute = page_text(payload)
    assert '"' not in attribute and "<" not in attribute and ">" not in attribute


def test_ordinary_text_is_unchanged():
    assert (
        page_text("柳河县 (Liuhe County) survey_config 85%")
        == "柳河县 (Liuhe County) survey_config 85%"
    )


# the county's own words in a fact (the scoring config's version, its reference document) and
# the survey file's name, which the recognition page once set in a Markdown code span


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_text_fact_stays_text(payload):
    shown = fact_html(Fact(lambda results: payload, "text", ""), None, "zh")
    page = markdown.markdown(f"版本 {shown}。")
    assert "<img" not in page and "<script" not in page and "<a " not in page
    assert html.unescape(page.removeprefix("<p>").removesuffix("</p>")) == f"版本 {payload}。"


def test_a_file_name_with_a_backtick_stays_one_code_element():
    name = "问卷`<img src=x onerror=alert(1)>`{{ 7*191 }}.csv"
    page = markdown.markdown(
        f"问卷文件 {fact_html(Fact(lambda r: name, 'code', ''), None, 'zh')}。"
    )
    assert page.count("<code>") == 1 and "<img" not in page
    code = page.split("<code>")[1].split("</code>")[0]
    assert html.unescape(code) == name


def test_a_number_fact_is_unchanged():
    assert fact_html(Fact(lambda r: 0.4512, "percent1", ""), None, "en") == "45.1%"


# site_url: the theme writes it unescaped into a link and into a script string on every page


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/junheng'\"><svg/onload=alert(7)>/",
        "https://example.org/{{ 7*191 }}/</script><script>alert(1)</script>/",
        "https://example.org/a\\b`c/",
    ],
)
def test_a_hostile_site_url_cannot_leave_an_attribute_a_script_or_a_template(url):
    safe = page_url(url)
    assert not set(safe) & set("\"'<>`{}\\ ")
    assert urlsplit(safe).netloc == "example.org"
    assert unquote(safe) == url  # the same address, percent-encoded


@pytest.mark.parametrize(
    "url",
    [
        "https://jyj.example.gov.cn/junheng/",
        "https://例子.cn/数据/?a=1&b=2#x",
        "http://127.0.0.1:8000/a%20b/",
    ],
)
def test_an_ordinary_site_url_is_unchanged(url):
    assert page_url(url) == url
