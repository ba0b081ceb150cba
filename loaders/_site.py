"""What `county.toml` says about the county's word for itself and about its website.

Kept apart from `_county.py` because these settings shape only the published site (titles,
footer, canonical links), never a figure: a wrong one is still an input error, named in the
staff's terms, but nothing here touches the evaluation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from loaders._errors import InputError, LoadReport
from loaders._yaml import load_yaml

SITE_KEYS = (
    "title_zh",
    "title_en",
    "site_url",
    "contact_zh",
    "contact_en",
    "licence",
    "licence_url",
    "icp",
    "source_url",
    "report_url",
    "next_update",
)
DEFAULT_LICENCE = "CC BY 4.0"
_URL = re.compile(r"https?://[^\s/]+(/\S*)?")
_MONTH_OR_DATE = re.compile(r"\d{4}-\d{2}(-\d{2})?")


@cache
def county_kinds() -> dict[str, str]:
    """Return the allowed county kinds (区, 县, 市 …) with their English words."""
    path = Path(__file__).with_name("schemas") / "county_kinds.yaml"
    kinds = load_yaml(path.read_text(encoding="utf-8"))["kinds"]
    return {zh: entry["en"] for zh, entry in kinds.items()}


@dataclass(frozen=True)
class SiteSettings:
    """The `[site]` table of `county.toml`; None = not set (the site then shows nothing, or the
    default the docs name: the title from the county's name, the licence CC BY 4.0)."""

    title_zh: str | None = None
    title_en: str | None = None
    site_url: str | None = None  # with a trailing "/"; None: no canonical links, no sitemap
    contact_zh: str | None = None
    contact_en: str | None = None
    licence: str = DEFAULT_LICENCE
    licence_url: str | None = None
    icp: str | None = None  # ICP 备案号, shown in the footer linked to beian.miit.gov.cn
    source_url: str | None = None
    report_url: str | None = None  # the county's own self-evaluation report, where published
    next_update: str | None = None  # "2026-06" or "2026-06-30": the footer's next-update line


def county_kind(county: dict, name_zh: object, report: LoadReport) -> tuple[str, str]:
    """Return the county's word for itself and its English, from `kind` or the name's end."""
    kinds = county_kinds()
    allowed = " / ".join(kinds)
    kind = county.get("kind")
    if kind is None:
        name = str(name_zh or "")
        found = max((k for k in kinds if name.endswith(k)), key=len, default=None)
        if found is None:
            report.add(
                InputError(
                    "county.toml",
                    "empty",
                    column="county.kind",
                    value=name,
                    expected=f"县名不以 {allowed} 结尾，请填写 kind（{allowed}）",
                    expected_en=f"the name does not end in {allowed}; set kind ({allowed})",
                )
            )
            return "区", "district"
        return found, kinds[found]
    if kind not in kinds:
        report.add(
            InputError(
                "county.toml",
                "not-in-list",
                column="county.kind",
                value=str(kind),
                expected=allowed,
                expected_en=f"{allowed} (add a new kind to loaders/schemas/county_kinds.yaml)",
            )
        )
        return "区", "district"
    return kind, kinds[kind]


def _is_month_or_date(text: str) -> bool:
    """Say whether `text` is a real year-month (2026-06) or date (2026-06-30)."""
    if not _MONTH_OR_DATE.fullmatch(text):
        return False
    try:
        date.fromisoformat(text if len(text) == 10 else f"{text}-01")
    except ValueError:
        return False
    return True


def site_settings(config: dict, report: LoadReport) -> SiteSettings:
    """Read and validate the optional `[site]` table; an unknown key is an error naming it."""
    table = config.get("site", {})
    if not isinstance(table, dict):
        report.add(InputError("county.toml", "bad-config", column="site", expected="[site] 表"))
        return SiteSettings()
    values: dict[str, str] = {}
    for key, value in table.items():
        column = f"site.{key}"
        if key not in SITE_KEYS:
            report.add(
                InputError(
                    "county.toml",
                    "unknown-key",
                    column=column,
                    expected=" / ".join(SITE_KEYS),
                )
            )
        elif not isinstance(value, str) or not value.strip():
            report.add(
                InputError(
                    "county.toml",
                    "bad-config",
                    column=column,
                    value=str(value),
                    expected="文字",
                    expected_en="text",
                )
            )
        else:
            values[key] = value.strip()
    if "next_update" in values and not _is_month_or_date(values["next_update"]):
        report.add(
            InputError(
                "county.toml",
                "bad-config",
                column="site.next_update",
                value=values.pop("next_update"),
                expected="年-月或年-月-日，如 2026-06 或 2026-06-30",
                expected_en="a year and month or a date, such as 2026-06 or 2026-06-30",
            )
        )
    for key in ("site_url", "source_url", "licence_url", "report_url"):
        if key in values and not _URL.fullmatch(values[key]):
            report.add(
                InputError(
                    "county.toml",
                    "bad-config",
                    column=f"site.{key}",
                    value=values.pop(key),
                    expected="以 http:// 或 https:// 开头的网址",
                    expected_en="a web address starting with http:// or https://",
                )
            )
    if "site_url" in values and not values["site_url"].endswith("/"):
        values["site_url"] += "/"
    return SiteSettings(**values)
