"""The document bench's timed build script names only what the build modules define.

The script is run only by `nox -s bench` (not in CI), so a renamed function would otherwise
be found the next time someone measures.
"""

from __future__ import annotations

import ast
import importlib

from bench._document import RUN


def test_the_timed_build_script_uses_only_names_the_build_modules_define():
    tree = ast.parse(RUN)
    modules = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules.update(
                {a.asname or a.name: importlib.import_module(a.name) for a in node.names}
            )
        elif isinstance(node, ast.ImportFrom):
            module = importlib.import_module(node.module)
            for alias in node.names:
                assert hasattr(module, alias.name), f"{node.module}.{alias.name}"
    used = {
        (node.value.id, node.attr)
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
    }
    missing = [
        f"{name}.{attr}"
        for name, attr in used
        if name in modules and not hasattr(modules[name], attr)
    ]
    assert ("build", "make_documents") in used and not missing
