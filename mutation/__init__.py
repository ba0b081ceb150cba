"""Mutation testing of the rules (`nox -s mutation`): do the tests catch a wrong rule?

Not in CI: a complete run takes hours on two cores. `python -m mutation` copies the code and the
fast tests into build/mutation/work/, runs mutmut over indicators/ and survey/ there and writes
build/mutation/report.md (totals, kill rate, every surviving mutant with its explanation from
`explained.toml`).
"""
