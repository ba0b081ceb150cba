"""A site page rendered to HTML for the report document, with the site's own macros.

Why not the built site's HTML: the document is made in the same build, from the page sources,
with the same macros (publish/_macros.py) and the same Markdown settings (mkdocs.yml, read by
the adapter), so every table and sentence is the site's and none is written twice; it also keeps
the document independent of the theme's page furniture (menus, search, scripts).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import jinja2
import markdown

from publish._macros import macro_functions
from publish._mkdocs import page_settings
from publish._page import Page, page_variables
from publish._report_pages import page_source
from publish._results import Results

FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)


@cache
def _settings(config_file: Path) -> tuple[list[str], dict[str, dict], dict[str, str]]:
    return page_settings(config_file)


def render_page(root: Path, name: str, lang: str, results: Results) -> str:
    """Return the HTML of page `name` in `lang`, as the site's page body shows it."""
    extensions, configs, markers = _settings(root / "mkdocs.yml")
    source = page_source(root / "docs", name, lang).read_text(encoding="utf-8")
    source = FRONT_MATTER.sub("", source)
    page = Page(lang, f"{name}/" if lang == "zh" else f"{lang}/{name}/", meta={"report": True})
    environment = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False, **markers)
    environment.globals.update(page_variables(results))
    environment.globals.update(macro_functions(results, lambda: page))
    text = environment.from_string(source).render()
    configs = {**configs, "toc": {**configs.get("toc", {}), "permalink": False}}
    return markdown.markdown(text, extensions=extensions, extension_configs=configs)
