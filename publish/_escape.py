"""Text from a package reaches a page only through `page_text`: the one place it is escaped.

Why more than `html.escape`: a macro's output inside a sentence is read by Markdown after the
macros run, so a county name such as `[点我](javascript:…)` would become a link and `**粗体**`
bold; a backtick would open a code span; and `{{`, `{%` must stay text even if a page were
rendered again. So HTML's specials, Markdown's brackets, stars and backticks, and Jinja's braces
become character references, which every browser shows as the characters. (Underscores stay:
Markdown ignores them inside words, and names such as survey_config must stay readable.)

A web address the theme writes itself (site_url: canonical links, the base of every script)
cannot carry character references into a script, so `page_url` percent-encodes instead.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote as percent_encode

_MARKUP = {c: f"&#{ord(c)};" for c in "[]{}*`"}  # links and images [ ], templates { }, * `
_TABLE = str.maketrans(_MARKUP)
# what an address may not keep as typed: quotes and angle brackets end an attribute or a script,
# a backslash escapes in a script string, braces open a template; spaces and controls end it
_URL_UNSAFE = re.compile(r"[\"'<>`{}\[\]|\\^\s\x00-\x1f\x7f]")


def page_text(text: object, quote: bool = True) -> str:
    """Return `text` safe in HTML content and attributes, and inert to Markdown and Jinja."""
    return html.escape(str(text), quote=quote).translate(_TABLE)


def page_url(url: str) -> str:
    """Return `url` with every character that could leave an attribute, a script string or a
    template percent-encoded (`"` → %22, `<` → %3C, `{` → %7B …): safe wherever a theme writes
    it unescaped, and still the same address to a browser."""
    return _URL_UNSAFE.sub(lambda m: percent_encode(m[0], safe=""), url)
