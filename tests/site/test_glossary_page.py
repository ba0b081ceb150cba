"""The glossary on the built site: its page in both languages, and the English pages in its words
(no calque it replaced, no full-width space or punctuation outside Chinese-marked elements)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from publish._glossary import glossary_terms
from tests.publish.test_glossary import BANNED


class _EnglishText(HTMLParser):
    """Collect the text a reader sees, leaving out Chinese-marked elements and code."""

    SKIP = frozenset({"script", "style", "svg", "code", "pre"})
    VOID = frozenset({"br", "img", "input", "meta", "link", "hr", "wbr", "col", "source"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[bool] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        marked = (dict(attrs).get("lang") or "").startswith("zh")
        self.stack.append(marked or tag in self.SKIP or bool(self.stack and self.stack[-1]))

    def handle_endtag(self, tag):
        if self.stack and tag not in self.VOID:
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]):
            self.text.append(data)


def _english_pages(site):
    for path in sorted((site / "en").rglob("index.html")):
        html = path.read_text(encoding="utf-8")
        parser = _EnglishText()
        parser.feed(html[html.index("<body") :])
        yield path.relative_to(site).as_posix(), " ".join(parser.text)


def test_the_glossary_page_lists_every_term_in_both_languages(built_site):
    for lang, base in (("zh", built_site), ("en", built_site / "en")):
        html = (base / "glossary" / "index.html").read_text(encoding="utf-8")
        for key, t in glossary_terms().items():
            row = re.search(rf'<tr id="term-{key}">(.*?)</tr>', html, flags=re.S)
            assert row, (lang, key)
            assert t.zh in row.group(1) and t.en[1:] in row.group(1), (lang, key)


def test_no_english_page_uses_a_banned_calque(built_site):
    found = [
        (page, name, re.search(pattern, text, re.I).group(0))
        for page, text in _english_pages(built_site)
        for name, pattern in BANNED.items()
        if re.search(pattern, text, re.I)
    ]
    assert found == []


def test_english_pages_hold_no_full_width_space_or_punctuation(built_site):
    found = [
        (page, text[max(0, m.start() - 40) : m.end() + 40])
        for page, text in _english_pages(built_site)
        for m in re.finditer(r"[\u3000，。]", text)
    ]
    assert found == []


def test_a_count_of_one_takes_the_singular(built_site):
    """Where an English page prints a count, 1 takes the singular: "1 section", not "1 sections"."""
    nouns = "sections|schools|classes|measures|indicators|teachers|students|subjects|methods|plans"
    found = [
        (page, m.group(0))
        for page, text in _english_pages(built_site)
        for m in re.finditer(rf"(?<![\d.,])\b1 ({nouns})\b", text)
    ]
    assert found == []
