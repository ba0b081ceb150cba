"""The site's own settings from `county.toml` `[site]`: title, address, footer, licence.

Every string a county wrote is escaped here, in one place, before it reaches a template or a
page: MkDocs' theme templates do not escape, and `site_name` is written into every page as is.
"""

from __future__ import annotations

import re

from loaders import CountyInfo, county_kinds
from publish._escape import page_text, page_url
from publish._labels import label

ICP_URL = "https://beian.miit.gov.cn/"
# licence names the site links to without a `licence_url`
KNOWN_LICENCES = {
    "CC BY 4.0": "https://creativecommons.org/licenses/by/4.0/",
    "CC BY-SA 4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "CC0 1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
    "ODbL 1.0": "https://opendatacommons.org/licenses/odbl/1-0/",
}
_EMAIL = re.compile(r"[^@\s<>\"']+@[^@\s<>\"']+\.[A-Za-z]{2,}")


def site_title(county: CountyInfo, lang: str) -> str:
    """Return the site title in `lang`, as written (unescaped): `[site] title_*` or the default,
    the county's name followed by the site's name."""
    own = county.site.title_zh if lang == "zh" else county.site.title_en
    if own:
        return own
    name = county.name_zh if lang == "zh" else county.name_en
    return label("site.default_title", lang).format(name=name)


def mkdocs_environment(county: CountyInfo) -> dict[str, str]:
    """Return the environment variables mkdocs.yml reads (`!ENV`) for this county's site.

    Both `build` (MkDocs in-process) and `serve` (a subprocess) set them, so the preview and the
    published site have the same title and address. An empty EC_SITE_URL means no site_url: no
    canonical links and no sitemap, and every link stays relative.
    """
    return {
        "EC_SITE_NAME_ZH": page_text(site_title(county, "zh")),
        "EC_SITE_NAME_EN": page_text(site_title(county, "en")),
        "EC_SITE_URL": page_url(county.site.site_url or ""),
    }


def _link(url: str, text: str) -> str:
    return f'<a href="{page_text(url)}">{page_text(text)}</a>'


def _contact_html(text: str) -> str:
    """Escape a contact text; an e-mail address in it becomes a mailto link."""
    parts, last = [], 0
    for match in _EMAIL.finditer(text):
        parts.append(page_text(text[last : match.start()]))
        parts.append(_link(f"mailto:{match.group()}", match.group()))
        last = match.end()
    parts.append(page_text(text[last:]))
    return "".join(parts)


def datapackage_licence(county: CountyInfo) -> dict[str, str]:
    """Return the county's licence as a Frictionless `licenses` entry (name, and path if known).

    Frictionless names licences by their SPDX id (CC-BY-4.0), the site by their usual name
    (CC BY 4.0): spaces become hyphens, so a known licence gets its SPDX id.
    """
    site = county.site
    url = site.licence_url or KNOWN_LICENCES.get(site.licence)
    entry = {"name": site.licence.replace(" ", "-"), "title": site.licence}
    return entry | ({"path": url} if url else {})


def licence_html(county: CountyInfo, lang: str) -> str:
    """Return the licence of the site's text and data, linked where its address is known."""
    site = county.site
    url = site.licence_url or KNOWN_LICENCES.get(site.licence)
    return _link(url, site.licence) if url else page_text(site.licence)


def footer_html(county: CountyInfo, lang: str) -> str:
    """Return the footer line of the county's settings: contact, licence, source code, ICP."""
    site = county.site
    items = []
    contact = (site.contact_zh or site.contact_en) if lang == "zh" else site.contact_en
    contact = contact or site.contact_zh
    if contact:
        items.append(page_text(label("site.contact", lang)) + _contact_html(contact))
    items.append(page_text(label("site.licence", lang)) + licence_html(county, lang))
    if site.source_url:
        items.append(_link(site.source_url, label("site.source", lang)))
    if site.icp:
        items.append(_link(ICP_URL, site.icp))
    return " · ".join(items)


def kinds_list(lang: str) -> str:
    """Return the allowed `[county] kind` values, in Chinese (the words county.toml takes).

    Their English words are listed in the README and loaders/schemas/county_kinds.yaml, not on
    the page: a county's site speaks only of its own kind (county_word), never of "districts"."""
    kinds = [page_text(k) for k in county_kinds()]
    if lang == "zh":
        return "、".join(kinds)
    return ", ".join(f'<span lang="zh">{k}</span>' for k in kinds)
