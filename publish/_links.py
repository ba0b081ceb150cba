"""Relative links between files of the site, computed the way the site generator does.

Why our own: the macros and the document must not import the site generator, and a page's
links must be relative (the site works from any folder or sub-path, with no site_url).
"""

from __future__ import annotations

import posixpath


def relative_url(target: str, page_url: str) -> str:
    """Return the link from the page at `page_url` ("resources/", "en/index.html") to `target`.

    A page address ending in a file name is resolved from its folder; a target ending in "/"
    keeps its slash (MkDocs' `get_relative_url` answers the same: tests/publish/test_links.py).
    """
    base = page_url
    if base != ".":
        folder, last = posixpath.split(base)
        base = folder if "." in last else base
    link = posixpath.relpath("/" + target, "/" + base)
    return link + "/" if target.endswith("/") else link
