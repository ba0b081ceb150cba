"""Text from a package reaches a page only through `page_text`: the one place it is escaped.

Why more than `html.escape`: a macro's output inside a sentence is read by Markdown after the
macros run, so a county name such as `[点我](javascript:…)` would become a link; and `{{`, `{%`
must stay text even if a page were rendered again. So HTML's specials, Markdown's brackets and
Jinja's braces become character references, which every browser shows as the characters.
"""

from __future__ import annotations

import html

_MARKUP = {c: f"&#{ord(c)};" for c in "[]{}"}  # links and images need [ ], templates { }
_TABLE = str.maketrans(_MARKUP)


def page_text(text: object, quote: bool = True) -> str:
    """Return `text` safe in HTML content and attributes, and inert to Markdown and Jinja."""
    return html.escape(str(text), quote=quote).translate(_TABLE)
