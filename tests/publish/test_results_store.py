"""The results cache cannot run code, and a changed byte is recomputed, never served.

The cache used to be a pickle: a crafted file ran code at the next build, and a one-bit flip
made a school show 4,920 students instead of 824 with no warning. These tests write the small
county's results, then tamper with the file in the ways that matter.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import os
import pickle
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import publish._results as results_module
from publish import _results_store as store
from publish._results import Results, cached_results, compute_results

SMALL = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "county_small"


def assert_same(a: object, b: object, path: str = "results") -> None:
    """Assert two objects are equal value for value and type for type (frames exactly)."""
    assert type(a) is type(b), (path, type(a), type(b))
    if isinstance(a, pd.DataFrame):
        pd.testing.assert_frame_equal(a, b, check_exact=True)
        assert a.attrs == b.attrs, path
    elif isinstance(a, pd.Series):
        pd.testing.assert_series_equal(a, b, check_exact=True)
    elif dataclasses.is_dataclass(a):
        for field in dataclasses.fields(a):
            assert_same(getattr(a, field.name), getattr(b, field.name), f"{path}.{field.name}")
    elif isinstance(a, dict):
        assert list(a) == list(b), path
        for key in a:
            assert_same(a[key], b[key], f"{path}[{key!r}]")
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b), path
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            assert_same(x, y, f"{path}[{i}]")
    elif isinstance(a, float) and math.isnan(a):
        assert math.isnan(b), path
    else:
        assert a == b, (path, a, b)


@pytest.fixture(scope="module")
def small_results() -> Results:
    return compute_results(SMALL)


@pytest.fixture
def cache(tmp_path: Path, small_results: Results, monkeypatch) -> Path:
    """A cache folder holding the small county's results; computing again is counted."""
    folder = tmp_path / "cache"
    monkeypatch.setattr(results_module, "compute_results", lambda *a, **k: small_results)
    cached_results(SMALL, folder)
    return folder


def entry(cache: Path) -> Path:
    (path,) = cache.glob("results-*.json")
    return path


def count_computations(monkeypatch, small_results: Results) -> list[int]:
    computed: list[int] = []
    monkeypatch.setattr(
        results_module, "compute_results", lambda *a, **k: computed.append(1) or small_results
    )
    return computed


def test_the_results_come_back_exactly_type_for_type(small_results, tmp_path):
    path = tmp_path / "results.json"
    store.write(path, small_results)
    assert_same(small_results, store.read(path, Results))


def test_a_draft_comes_back_exactly(tmp_path):
    draft = compute_results(SMALL, draft=True)
    assert draft.draft is not None
    store.write(tmp_path / "draft.json", draft)
    assert_same(draft, store.read(tmp_path / "draft.json", Results))


def test_the_cache_is_json_with_its_hash_beside_it(cache):
    path = entry(cache)
    document = json.loads(path.read_bytes())  # plain JSON text, no pickle
    assert document["format"] == store.FORMAT
    digest = store.digest_path(path).read_text(encoding="ascii").strip()
    assert digest == hashlib.sha256(path.read_bytes()).hexdigest()
    assert not list(cache.glob("*.pickle"))


def test_an_unchanged_cache_is_served_without_computing(cache, monkeypatch, small_results):
    computed = count_computations(monkeypatch, small_results)
    assert_same(cached_results(SMALL, cache), small_results)
    assert computed == []


def test_a_changed_figure_is_recomputed_not_served(cache, monkeypatch, small_results):
    """Change one school's student count in the file (the JSON stays valid): the hash no
    longer matches, so the results are computed again and the true figure is shown."""
    path = entry(cache)
    text = path.read_text(encoding="utf-8")
    students = int(small_results.resources.sections["students"].iloc[0])
    needle = f'"dtype":"int64","values":[{students},'
    assert needle in text
    path.write_text(text.replace(needle, needle.replace(str(students), "4920"), 1), "utf-8")
    computed = count_computations(monkeypatch, small_results)
    served = cached_results(SMALL, cache)
    assert computed == [1]
    assert int(served.resources.sections["students"].iloc[0]) == students


def test_a_one_bit_flip_is_recomputed(cache, monkeypatch, small_results):
    path = entry(cache)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    computed = count_computations(monkeypatch, small_results)
    cached_results(SMALL, cache)
    assert computed == [1]


def _rewrite_with_hash(path: Path, document: object) -> None:
    """Tamper the way an attacker who can write the folder would: hash included."""
    data = json.dumps(document).encode()
    path.write_bytes(data)
    store.digest_path(path).write_text(hashlib.sha256(data).hexdigest(), encoding="ascii")


class RunsCode:
    """Unpickling this creates a file: proof that a pickle executes what it carries."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def test_a_pickle_in_the_cache_is_never_run(cache, monkeypatch, small_results, tmp_path):
    marker = tmp_path / "code-ran"
    payload = pickle.dumps(RunsCode(marker))
    path = entry(cache)
    path.write_bytes(payload)
    store.digest_path(path).write_text(hashlib.sha256(payload).hexdigest(), encoding="ascii")
    computed = count_computations(monkeypatch, small_results)
    cached_results(SMALL, cache)
    assert computed == [1]
    assert not marker.exists()
    pickle.loads(payload)  # the same bytes as a pickle do run code: the test could fail
    assert marker.exists()


@pytest.mark.parametrize(
    "name",
    [
        "os:system",  # not a project module
        "subprocess:Popen",
        "publish._results:cached_results",  # the project's, but a function, not a dataclass
        "publish.not_imported_module:Thing",  # never imported on a cache file's say-so
        "loaders._errors:InputErrors",  # a class, not a dataclass
    ],
)
def test_a_cache_naming_anything_but_the_projects_dataclasses_is_refused(
    cache, monkeypatch, small_results, name
):
    path = entry(cache)
    document = json.loads(path.read_bytes())
    document["value"]["dataclass"] = name
    _rewrite_with_hash(path, document)
    with pytest.raises(store.CacheFormatError):
        store.read(path, Results)
    computed = count_computations(monkeypatch, small_results)
    cached_results(SMALL, cache)
    assert computed == [1]


def test_a_cache_holding_another_type_is_refused(cache, small_results):
    path = entry(cache)
    store.write(path, small_results.county)  # a valid file and hash, of a CountyInfo
    with pytest.raises(store.CacheFormatError, match="CountyInfo"):
        store.read(path, Results)


def test_a_cache_whose_fields_differ_from_the_code_is_refused(cache):
    path = entry(cache)
    document = json.loads(path.read_bytes())
    document["value"]["fields"]["surprise"] = 1
    _rewrite_with_hash(path, document)
    with pytest.raises(store.CacheFormatError, match="fields"):
        store.read(path, Results)


@pytest.mark.parametrize("content", [b"", b"\x80garbage", b"[]", b'{"format": "other"}'])
def test_garbage_and_a_missing_hash_are_recomputed(cache, monkeypatch, small_results, content):
    path = entry(cache)
    path.write_bytes(content)
    computed = count_computations(monkeypatch, small_results)
    cached_results(SMALL, cache)
    assert computed == [1]
    store.digest_path(entry(cache)).unlink()  # a hash file removed: recomputed too
    cached_results(SMALL, cache)
    assert computed == [1, 1]


def test_a_type_the_cache_cannot_store_is_an_error_when_writing(tmp_path):
    with pytest.raises(TypeError, match="cannot store"):
        store.write(tmp_path / "x.json", {"when": pd.Timestamp("2025-01-01")})
    assert not (tmp_path / "x.json").exists()


cells = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**62), max_value=2**62),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=8),
)
values = st.recursive(
    cells,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(inner, max_size=4).map(tuple),
        st.dictionaries(st.one_of(st.text(max_size=4), st.integers()), inner, max_size=4),
    ),
    max_leaves=20,
)


@given(values)
def test_plain_values_round_trip_type_for_type(value):
    assert_same(store.decode(json.loads(json.dumps(store.encode(value)))), value)


@given(
    st.lists(
        st.tuples(st.text(max_size=5), st.floats(), st.integers(-1000, 1000), st.booleans()),
        max_size=6,
    )
)
def test_frames_round_trip_exactly(rows):
    frame = pd.DataFrame(rows, columns=["name", "value", "count", "flag"])
    frame["name"] = frame["name"].astype("str")
    frame["count_or_none"] = pd.array([r[2] if r[3] else None for r in rows], dtype="Int64")
    frame["mixed"] = pd.Series([r[0] if r[3] else None for r in rows], dtype=object)
    frame.index = pd.Index([f"k{i}" for i in range(len(rows))], dtype="str", name="key")
    back = store.decode(json.loads(json.dumps(store.encode(frame))))
    assert_same(back, frame)
    assert_same(store.decode(store.encode(frame["value"])), frame["value"])


def test_numpy_scalars_and_multi_indexes_keep_their_types():
    frame = pd.DataFrame(
        {"cv": [0.1, 0.2]},
        index=pd.MultiIndex.from_tuples([("小学", "R1"), ("初中", "R1")], names=["level", "ind"]),
    )
    for value in (np.float64(0.5), np.int64(3), np.bool_(True), frame):
        assert_same(store.decode(json.loads(json.dumps(store.encode(value)))), value)


def test_the_writer_leaves_no_temporary_file(tmp_path, small_results):
    store.write(tmp_path / "r.json", small_results)
    assert sorted(os.listdir(tmp_path)) == ["r.json", "r.json.sha256"]
