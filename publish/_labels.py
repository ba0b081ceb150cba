"""Interface words from `labels.yaml`, looked up by dotted key and page language."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

LANGUAGES = ("zh", "en")


@cache
def load_labels() -> dict:
    return yaml.safe_load(Path(__file__).with_name("labels.yaml").read_text(encoding="utf-8"))


def label(key: str, lang: str) -> str:
    """Return the label at a dotted key ("level.primary") in the page language."""
    node = load_labels()
    for part in key.split("."):
        node = node[part]
    return node[lang]
