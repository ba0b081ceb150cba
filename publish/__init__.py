"""Publishing: the macros module, charts, formatting and the build command."""

from publish._format import fmt_decimal, fmt_int, fmt_percent
from publish._results import Results, cached_results, compute_results

__all__ = ["Results", "cached_results", "compute_results", "fmt_decimal", "fmt_int", "fmt_percent"]
