"""YAML reading in one place: the C parser when PyYAML has it, always the safe loader.

Why one place: the rule and label files are read at every start, and the pure-Python parser
spends over a second on them where libyaml takes a tenth; and a county's own YAML (the survey
config) is untrusted, so every read must be a safe load.
"""

from __future__ import annotations

import yaml

SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str | bytes) -> object:
    """Parse YAML text with the safe loader (no Python objects, ever)."""
    return yaml.load(text, Loader=SAFE_LOADER)
