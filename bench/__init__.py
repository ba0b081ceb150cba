"""Benchmarks of issue 5 §7 (survey speed) and issue 7 (build speed, preview, page weight).

`nox -s bench` runs them all; bench/README.md says how to read the report.
"""
