"""Package text reaches a page only through page_text (issue 15 §1): HTML, Markdown links and
Jinja in it are shown as typed, never run. Markdown is rendered here as MkDocs renders pages."""

from __future__ import annotations

import html

import markdown
import pytest

from publish._escape import page_text

PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    '" onmouseover="alert(1)',
    "[点我](javascript:alert(1))",
    "![x](http://example.invalid/x.png)",
    "{{ 7 * 7 }}",
    "{% raw %}x",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_payload_inside_a_sentence_stays_text(payload):
    page = markdown.markdown(f"本县为 {page_text(payload)} 。")
    assert "<img" not in page and "<script" not in page and "<a " not in page
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
