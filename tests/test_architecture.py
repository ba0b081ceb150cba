"""Contracts of the code base: imports follow the data flow; labels exist in both languages."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from publish._labels import LANGUAGES, load_labels

ROOT = Path(__file__).resolve().parents[1]
# package → packages it must never import (style.md rule 1)
FORBIDDEN = {
    "loaders": {"indicators", "survey", "publish", "demo", "mkdocs", "jinja2", "altair"},
    "indicators": {"survey", "publish", "demo", "mkdocs", "jinja2", "altair"},
    "survey": {"indicators", "publish", "demo", "mkdocs", "jinja2", "altair"},
    "demo": {"publish", "mkdocs", "jinja2", "altair"},
}


def imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_imports_point_downstream_only(package):
    wrong = {
        f"{path.relative_to(ROOT)} imports {name}"
        for path in (ROOT / package).rglob("*.py")
        for name in imported_packages(path) & FORBIDDEN[package]
    }
    assert not wrong


def _leaves(node, key=""):
    """Yield every label: a mapping that names a language (a stray key beside zh/en is caught)."""
    if isinstance(node, dict) and set(node) & set(LANGUAGES):
        yield key, node
    elif isinstance(node, dict):
        for k, v in node.items():
            yield from _leaves(v, f"{key}.{k}" if key else str(k))


def test_every_label_has_both_languages():
    missing = [
        key
        for key, node in _leaves(load_labels())
        if set(node) != set(LANGUAGES) or not all(node.values())
    ]
    assert not missing


def test_every_page_has_its_twin():
    docs = ROOT / "docs"
    zh = {p.name[:-3] for p in docs.glob("*.md") if not p.name.endswith(".en.md")}
    en = {p.name[:-6] for p in docs.glob("*.en.md")}
    assert zh == en and len(zh) == 14
