"""A measuring adapter: our macros under Zensical's macros shim, given the two things it lacks.

Why: Zensical's shim hands `define_env` a plain dict as `env.conf` (no `config_file_path`) and a
page without `file.locale`, so `publish._mkdocs` stops at its first line (the as-is build of
`python -m bench._zensical` records that). To measure everything behind that first error (i18n,
search, overrides, pages), the probe build registers this module instead: it wraps the env in the
two MkDocs attributes our macros read and then calls `publish._mkdocs.define_env` unchanged. It
exists for the report only; nothing in the site uses it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from publish import _mkdocs

# the project folder, set by bench._zensical (zensical-i18n stages the pages in a work folder)
ROOT_VARIABLE = "EC_ZENSICAL_ROOT"


class _Conf(dict):
    """Zensical's config dict with MkDocs' `config_file_path` attribute (a shallow copy: the
    nested dicts, such as `extra`, stay the ones Zensical holds)."""

    def __init__(self, conf: dict[str, Any], config_file_path: str) -> None:
        super().__init__(conf)
        self.config_file_path = config_file_path


class _File:
    def __init__(self, locale: str) -> None:
        self.locale = locale


class _Page:
    """Zensical's page (url, path, title, meta) with MkDocs' `file.locale`."""

    def __init__(self, page: Any, locale: str) -> None:
        self._page = page
        self.file = _File(locale)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._page, name)


class _Env:
    """Zensical's MacroEnv with the MkDocs-shaped `conf` and `page` our macros read."""

    def __init__(self, env: Any) -> None:
        self._env = env
        root = os.environ.get(ROOT_VARIABLE) or env.conf.get("root_dir", ".")
        self.conf = _Conf(env.conf, str(Path(root) / "mkdocs.yml"))
        locale = str(env.conf.get("theme", {}).get("language") or "zh")
        self.page = _Page(env.page, locale) if env.page is not None else None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._env, name)


def define_env(env: Any) -> None:
    """Register the project's macros through the adapter."""
    _mkdocs.define_env(_Env(env))
