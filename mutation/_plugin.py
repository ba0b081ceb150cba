"""pytest plugin for mutant runs: fewer property examples, and a record of the killing test.

Why at most 10 examples (the suite asks for 40 to 100): every surviving mutant reruns every
test that reaches its function, and the survey's properties take a minute each at full size;
the worked examples and boundary tests do most of the killing. The properties still run, with a
fixed seed, so a run can be repeated.
"""

from __future__ import annotations

import os

from hypothesis import settings

MAX_EXAMPLES = 10
settings.register_profile("mutation", deadline=None, max_examples=MAX_EXAMPLES, derandomize=True)


def pytest_configure(config) -> None:
    """Load the profile after tests/conftest.py has loaded its own."""
    settings.load_profile("mutation")


def pytest_collection_modifyitems(items) -> None:
    """Cap the examples of properties that set their own `@settings(max_examples=…)` too."""
    for item in items:
        test = getattr(item, "obj", None)
        own = getattr(test, "_hypothesis_internal_use_settings", None)
        if own is not None and own.max_examples > MAX_EXAMPLES:
            test._hypothesis_internal_use_settings = settings(
                own, max_examples=MAX_EXAMPLES, derandomize=True, deadline=None
            )


def pytest_runtest_logreport(report) -> None:
    """Record which test killed which mutant (build/mutation/kills.tsv), for the report.

    mutmut stops a mutant's run at its first failure (`-x`), so the first failure is the test
    that killed it; the clean runs (no mutant active) record nothing.
    """
    mutant = os.environ.get("MUTANT_UNDER_TEST", "")
    target = os.environ.get("MUTATION_KILLS")
    if report.failed and target and "__mutmut_" in mutant:
        with open(target, "a", encoding="utf-8") as out:
            out.write(f"{mutant}\t{report.nodeid}\n")
