"""The results cache: keyed by every input, the configuration and the code, never stale."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from loaders import InputErrors
from publish._results import cache_key, cached_results

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo"
SURVEY_FILES = ("survey.sav", "survey.csv")


@pytest.fixture
def package(demo_copy: Path) -> Path:
    """A copy of the demo package; the large survey files are linked, not copied."""
    return demo_copy


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8-sig") + text, encoding="utf-8")


@pytest.mark.parametrize(
    "name",
    [
        "county.toml",
        "schools.csv",
        "declarations.csv",
        "survey.yaml",
        "survey_population.csv",  # named by survey.yaml, not by county.toml
    ],
)
def test_changing_any_input_changes_the_key(package, name):
    before = cache_key(package, "code")
    _append(package / name, "\n# edited\n" if name.endswith((".toml", ".yaml")) else "\n")
    assert cache_key(package, "code") != before


def test_same_inputs_and_code_give_the_same_key(package):
    assert cache_key(package, "code") == cache_key(package, "code")
    assert cache_key(package, "code") != cache_key(package, "other code")


def test_replacing_the_survey_file_is_noticed(package, tmp_path):
    before = cache_key(package, "code")
    (package / "survey.sav").unlink()
    shutil.copy(DEMO / "survey.sav", package / "survey.sav")
    assert cache_key(package, "code") == before  # same bytes, same key
    with (package / "survey.sav").open("ab") as handle:
        handle.write(b"\0")
    assert cache_key(package, "code") != before


def test_a_changed_option_is_recomputed_not_served_from_the_cache(package, tmp_path):
    cache = tmp_path / "cache"
    first = cached_results(package, cache)
    assert first.options.split_rule == "students"
    manifest = package / "county.toml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace('split_rule = "students"', 'split_rule = "weighted"'))
    second = cached_results(package, cache)
    assert second.options.split_rule == "weighted"
    assert len(list(cache.glob("results-*.json"))) == 1  # the stale entry is removed


def test_a_survey_method_that_fails_the_pass_mark_needs_a_justification(package, tmp_path):
    """Scored by mean points the demo survey falls below 85 %: declared 达标 without a reason
    must stop the build, naming the indicator."""
    config = package / "survey.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("method: rate ", "method: score"), encoding="utf-8")
    with pytest.raises(InputErrors) as caught:
        cached_results(package, tmp_path / "cache")
    problems = {(e.code, str(e.value).split(":")[0]) for e in caught.value.report.errors}
    assert ("unjustified", "S") in problems
    assert ("unjustified", "V7") in problems


SMALL = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "county_small"


@pytest.mark.parametrize(
    "library, version", [("pandas", "99.0.0"), ("numpy", "0.1"), ("python-calamine", "0.0.1")]
)
def test_upgrading_a_computing_library_recomputes(tmp_path, monkeypatch, library, version):
    from importlib import metadata

    import publish._results as results_module

    cache = tmp_path / "cache"
    first = cached_results(SMALL, cache)
    key = cache_key(SMALL, "code")
    real = metadata.version
    monkeypatch.setattr(
        results_module.metadata,
        "version",
        lambda name: version if name == library else real(name),
    )
    assert cache_key(SMALL, "code") != key
    computed = []
    monkeypatch.setattr(
        results_module,
        "compute_results",
        lambda *args, **kwargs: computed.append(1) or first,
    )
    cached_results(SMALL, cache)
    assert computed == [1]  # not served from the cache written under the other version


def test_another_python_version_changes_the_key(monkeypatch):
    import publish._results as results_module

    key = cache_key(SMALL, "code")
    monkeypatch.setattr(results_module.platform, "python_version", lambda: "3.99.0")
    assert cache_key(SMALL, "code") != key


def test_the_demo_results_come_back_from_the_cache_exactly(package, tmp_path):
    """The demo exercises every table the site has (a survey with weights, 56 plans …)."""
    from publish._results_store import encode  # tags every type: equal encodings, same objects

    cache = tmp_path / "cache"
    computed = cached_results(package, cache)
    assert encode(cached_results(package, cache)) == encode(computed)
    assert len(list(cache.glob("results-*.json"))) == 1
