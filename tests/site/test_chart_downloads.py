"""Each chart's downloads on the built site (issue 17 §4): its numbers as CSV, its image as SVG
and PNG on a white canvas, and a link to the figure itself that a reader can share."""

from __future__ import annotations

import re
import struct
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin

import pytest

from tests.site.test_build import PAGES, page_path

FIGURE = re.compile(r'<figure class="ec-chart" id="(chart-[a-z_]+)">(.*?)</figure>', re.S)
DOWNLOAD = re.compile(r'<a class="ec-chart__download" href="([^"]+)" download>')
LINK = re.compile(r'<a class="ec-chart__download ec-chart__link" href="([^"]+)">')


def _figures(site: Path, lang: str) -> list[tuple[Path, str, str]]:
    found = []
    for page in PAGES:
        path = page_path(site, page, lang)
        found += [(path, ident, body) for ident, body in FIGURE.findall(path.read_text("utf-8"))]
    return found


def _svg_size(svg: bytes) -> tuple[float, float]:
    root = ET.fromstring(svg)
    return float(root.get("width")), float(root.get("height"))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_chart_offers_its_csv_svg_and_png_and_each_file_is_there(built_site, lang):
    figures = _figures(built_site, lang)
    assert len({ident for _, ident, _ in figures}) >= 7  # every chart the pages draw
    for path, ident, body in figures:
        hrefs = DOWNLOAD.findall(body)
        assert [h.rsplit(".", 1)[1] for h in hrefs] == ["csv", "svg", "png"], (path, ident)
        stems = {h.rsplit(".", 1)[0] for h in hrefs}
        assert len(stems) == 1 and stems.pop().endswith(f"data/charts/{ident[6:]}"), ident
        base = path.relative_to(built_site).as_posix()
        for href in hrefs:
            target = built_site / urljoin(base, href)
            assert target.is_file(), (path, href)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_downloaded_images_are_the_chart_on_white_the_png_at_twice_its_size(built_site, lang):
    prefix = built_site if lang == "zh" else built_site / "en"
    svgs = sorted((prefix / "data" / "charts").glob("*.svg"))
    assert len(svgs) >= 7
    for svg_path in svgs:
        svg = svg_path.read_bytes()
        width, height = _svg_size(svg)
        root = ET.fromstring(svg)
        first_rect = next(root.iter("{http://www.w3.org/2000/svg}rect"))
        # the canvas is painted: outside the page a transparent chart shows black or checked
        assert first_rect.get("fill") == "#ffffff", svg_path
        assert float(first_rect.get("width")) == width, svg_path
        png = svg_path.with_suffix(".png").read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n", svg_path
        png_width, png_height = struct.unpack(">II", png[16:24])  # the IHDR chunk
        assert (png_width, png_height) == (round(2 * width), round(2 * height)), svg_path


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_chart_links_to_itself_by_a_name_that_stays(built_site, lang):
    for path, ident, body in _figures(built_site, lang):
        assert LINK.findall(body) == [f"#{ident}"], (path, ident)
        text = path.read_text("utf-8")
        assert text.count(f'id="{ident}"') == 1, (path, ident)  # the address opens one figure
