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
# 教育部关于印发《县域义务教育优质均衡发展督导评估办法》的通知（教督〔2017〕6号）
MEASURES_URL = "http://www.moe.gov.cn/srcsite/A11/s7057/201705/t20170512_304462.html"
MEASURES_NUMBER = "教督〔2017〕6号"
# not calendar.month_name: it follows the machine's locale, and a Chinese one would print 六月
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
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


def when_text(month_or_date: str, lang: str) -> str:
    """Write 2026-06 as 2026 年 6 月 / June 2026, and 2026-06-30 as 2026 年 6 月 30 日 /
    30 June 2026 (the loader has checked that it is a real month or date)."""
    year, month, *day = (int(part) for part in month_or_date.split("-"))
    if lang == "zh":
        return f"{year} 年 {month} 月" + (f" {day[0]} 日" if day else "")
    return (f"{day[0]} " if day else "") + f"{MONTHS_EN[month - 1]} {year}"


def reference_html(county: CountyInfo, lang: str) -> str:
    """Return the footer line every statistics site carries: the data's reference year, the
    rules with a link to the measures, the county's own report where published, next update."""
    site = county.site
    year = label("footer.data_year", lang).format(
        year=county.statistics_year, report=county.report_year
    )
    measures = page_text(label("footer.measures", lang))
    if lang != "zh":
        measures += f' (<span lang="zh">{MEASURES_NUMBER}</span>)'
    rules = page_text(label("footer.rules", lang)) + f'<a href="{MEASURES_URL}">{measures}</a>'
    items = [page_text(year), rules]
    if site.report_url:
        items.append(_link(site.report_url, label("footer.own_report", lang)))
    if site.next_update:
        when = when_text(site.next_update, lang)
        items.append(page_text(label("footer.next_update", lang).format(when=when)))
    else:
        items.append(page_text(label("footer.next_update_unset", lang)))
    return " · ".join(items)


# pages one click away from every page
ABOUT_PAGES = (("open-data/#cite", "footer.cite"), ("glossary/", "footer.glossary"))


def about_links(lang: str) -> list[dict[str, str]]:
    """Return the footer's links to the site's own pages (path under the site root, text); the
    theme makes each path relative to the page it is on."""
    prefix = "" if lang == "zh" else f"{lang}/"
    return [{"path": prefix + path, "text": label(key, lang)} for path, key in ABOUT_PAGES]


def citation_html(county: CountyInfo, data_version: str, lang: str) -> str:
    """Return how to cite the site: its title, the statistics' year, the data version (which
    names the exact data cited) and, where the county gave it, the site's address."""
    text = label("cite.text", lang).format(
        title=site_title(county, lang), year=county.statistics_year, version=data_version
    )
    html = page_text(text)
    if county.site.site_url:
        before, _, after = label("cite.url", lang).partition("{url}")
        address = _link(county.site.site_url, county.site.site_url)
        html += " " + page_text(before) + address + page_text(after)
    return html


def kinds_list(lang: str) -> str:
    """Return the allowed `[county] kind` values, in Chinese (the words county.toml takes).

    Their English words are listed in the README and loaders/schemas/county_kinds.yaml, not on
    the page: a county's site speaks only of its own kind (county_word), never of "districts"."""
    kinds = [page_text(k) for k in county_kinds()]
    if lang == "zh":
        return "、".join(kinds)
    return ", ".join(f'<span lang="zh">{k}</span>' for k in kinds)
