"""Contracts of the code base: imports follow the data flow, packages keep their privates,
modules stay short, labels exist in both languages, the code cites only what the repository has."""

from __future__ import annotations

import ast
import re
import subprocess
from pathlib import Path

import pytest

from publish._labels import LANGUAGES, load_labels

ROOT = Path(__file__).resolve().parents[1]
# package → packages it must never import: the data flows loaders → indicators / survey →
# publish, and only publish talks to the site generator (ARCHITECTURE.md)
FORBIDDEN = {
    "loaders": {"indicators", "survey", "publish", "demo", "mkdocs", "jinja2", "altair"},
    "indicators": {"survey", "publish", "demo", "mkdocs", "jinja2", "altair"},
    "survey": {"indicators", "publish", "demo", "mkdocs", "jinja2", "altair"},
    "demo": {"publish", "mkdocs", "jinja2", "altair"},
    # the build must never generate data: only `python -m demo` writes, into data/demo only
    "publish": {"demo"},
    # the maintainers' benchmarks may use everything, but nothing may use them
    "bench": set(),
    # `nox -s mutation`'s driver (mutmut in a copy of the tree): a maintainer tool like bench
    "mutation": set(),
}
PACKAGES = sorted(FORBIDDEN)
MAX_LINES = 400
# modules already over MAX_LINES when the limit became a test, at their length then: each may
# only shrink (split it when you touch it); any other module over the limit fails
OVER_THE_LIMIT: dict[str, int] = {}
DESIGN_NOTES = re.compile(r"\b(rules|style|site|survey|security|demo-county)\.md\b")
DYNAMIC = {"__import__", "import_module"}  # importlib.import_module("demo") counts too


def imported_packages(path: Path) -> set[str]:
    """Return the top-level packages a module imports anywhere (also inside functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            function = node.func
            called = function.attr if isinstance(function, ast.Attribute) else None
            called = function.id if isinstance(function, ast.Name) else called
            if called in DYNAMIC and isinstance(node.args[0].value, str):
                names.add(node.args[0].value.split(".")[0])
    return names


def violations(folder: Path, forbidden: set[str]) -> set[str]:
    """Return "file imports package" for every forbidden import under `folder`."""
    return {
        f"{path.relative_to(folder.parent)} imports {name}"
        for path in folder.rglob("*.py")
        for name in imported_packages(path) & forbidden
    }


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_imports_point_downstream_only(package):
    assert not violations(ROOT / package, FORBIDDEN[package])


# the site generator and its plugins: reached through one adapter module only, so the project can
# move to MkDocs' successor by rewriting that module (Material reached end of life 2026-11-05)
SITE_GENERATOR = {"mkdocs", "material", "mkdocs_macros", "mkdocs_static_i18n"}
ADAPTER = "publish/_mkdocs.py"


def test_only_the_adapter_imports_the_site_generator():
    importers = {
        str(path.relative_to(ROOT))
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if imported_packages(path) & SITE_GENERATOR and package != "bench"
    }
    assert importers == {ADAPTER}


def test_the_site_generator_loads_the_adapter_as_its_macros_module():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "modules: [publish._mkdocs]" in config


@pytest.mark.parametrize(
    "source",
    [
        "from demo import write_demo\n",
        "import demo._survey as survey\n",
        "def ensure(folder):\n    from demo import ensure_demo_survey  # lazy\n",
        "import importlib\nGENERATOR = importlib.import_module('demo')\n",
        "CODE = [__import__(name) for name in ('loaders',)] + [__import__('demo')]\n",
    ],
)
def test_a_publish_module_importing_demo_is_caught(tmp_path, source):
    fake = tmp_path / "publish"
    fake.mkdir()
    (fake / "_clean.py").write_text("import loaders\nfrom publish import _format\n")
    (fake / "_results.py").write_text(source, encoding="utf-8")
    assert violations(fake, FORBIDDEN["publish"]) == {"publish/_results.py imports demo"}


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
    assert zh == en and len(zh) == 17  # 16 pages and the draft-only page


def test_every_package_has_a_row_in_the_import_rules():
    """A new top-level package gets a FORBIDDEN row (publish lacked one, which let demo in)."""
    packages = {p.parent.name for p in ROOT.glob("*/__init__.py")}
    assert packages == set(PACKAGES)


@pytest.mark.parametrize("package", PACKAGES)
def test_no_package_imports_another_packages_private_module(package):
    wrong = []
    for path in (ROOT / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                top, *rest = node.module.split(".")
                if top != package and top in FORBIDDEN and any(p.startswith("_") for p in rest):
                    wrong.append(f"{path.relative_to(ROOT)}: from {node.module}")
    assert not wrong


def tracked_python_files() -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", "*.py"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return [name for name in listed.stdout.split() if not name.startswith("tests/")]


def test_modules_stay_within_the_line_limit():
    lengths = {
        name: len((ROOT / name).read_text(encoding="utf-8").splitlines())
        for name in tracked_python_files()
        if (ROOT / name).is_file()
    }
    over = {name: n for name, n in lengths.items() if n > MAX_LINES}
    grown = {n: lengths[n] for n in OVER_THE_LIMIT if lengths.get(n, 0) > OVER_THE_LIMIT[n]}
    assert set(over) <= set(OVER_THE_LIMIT), set(over) - set(OVER_THE_LIMIT)
    assert not grown


def test_the_code_cites_no_design_note_outside_the_repository():
    """Docstrings say what they need to, or point at a file the repository has."""
    listed = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    suffixes = {".py", ".yaml", ".toml", ".html", ".css", ".js"}
    found = [
        f"{name}:{number}"
        for name in listed
        if Path(name).suffix in suffixes and (ROOT / name).is_file()
        for number, line in enumerate((ROOT / name).read_text(encoding="utf-8").splitlines(), 1)
        if DESIGN_NOTES.search(line) and name != "tests/test_architecture.py"
    ]
    assert not found
