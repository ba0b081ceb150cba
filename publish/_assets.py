"""Static assets written into the built site: the offline Vega bundle and the chart script."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import vl_convert

from publish._figure import VEGALITE_VERSION

BUNDLE_PATH = "assets/javascripts/vega-bundle.js"
CHARTS_JS_PATH = "assets/javascripts/charts.js"


def chart_scripts(link: Callable[[str], str]) -> str:
    """Return the script tag a page with charts needs once, linked relative to the page.

    Only the small chart script, deferred: the figures already hold their build-time SVG, and
    the script fetches the Vega bundle (named in data-bundle) when a figure nears the screen.
    """
    charts, bundle = link(CHARTS_JS_PATH), link(BUNDLE_PATH)
    return f'<script defer src="{charts}" data-bundle="{bundle}"></script>\n'


def vega_bundle(cache_dir: Path) -> Path:
    """Return the cached Vega + Vega-Lite + vega-embed bundle, generating it once per version."""
    version = vl_convert.get_vega_embed_version() + "-" + VEGALITE_VERSION
    path = Path(cache_dir) / f"vega-bundle-{version}.js"
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(
            vl_convert.javascript_bundle(vl_version=VEGALITE_VERSION), encoding="utf-8"
        )
        temporary.replace(path)
    return path


def write_chart_assets(site_dir: Path, cache_dir: Path) -> None:
    """Copy the bundle and chart script into the site (idempotent: each language pass calls it)."""
    targets = {
        BUNDLE_PATH: vega_bundle(cache_dir),
        CHARTS_JS_PATH: Path(__file__).parent / "assets" / "charts.js",
    }
    for relative, source in targets.items():
        target = Path(site_dir) / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
