"""What a build computes once per results and reuses: macro outputs and chart figures.

Why: the report document renders the site's pages just before MkDocs does, with the same
macros and the same results, so every table, card and chart would be made twice. Macros are
pure functions of (results, page language, page address, arguments), so their outputs are kept
for the one results object of the build (held here, so its identity cannot be reused by another)
and handed to the second rendering.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from publish._results import Results

_STORE: dict[str, Any] = {"results": None, "outputs": {}}
# macros whose output depends on more than (results, page, arguments): the report links differ
# between the document and the site, and a chart writes its CSV beside the page (it keeps its
# own figure in `outputs` instead); a page names itself differently in the document
NOT_REMEMBERED = {"chart", "report_downloads", "in_report", "we"}


def outputs(results: Results) -> dict:
    """Return the outputs kept for `results` (a fresh store when the results change)."""
    if _STORE["results"] is not results:
        _STORE["results"], _STORE["outputs"] = results, {}
    return _STORE["outputs"]


def remembered(results: Results, name: str, function: Callable, where: Callable) -> Callable:
    """Return `function` answering each (arguments, page) once; `where()` gives the page's
    (language, address)."""
    if name in NOT_REMEMBERED:
        return function

    def call(*args: object, **kwargs: object) -> object:
        key = ("macro", name, args, tuple(sorted(kwargs.items())), *where())
        kept = outputs(results)
        if key not in kept:
            kept[key] = function(*args, **kwargs)
        return kept[key]

    call.__doc__ = function.__doc__
    return call
