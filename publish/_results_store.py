"""The results cache on disk as plain JSON: data that can be read back without running any code.

Why not pickle: loading a pickle runs whatever the file says, so a crafted cache file would run
code in the next build, and a flipped bit is served as a figure (a school of 824 students showed
4,920). Here a file is JSON text; the only objects made from it are the project's own dataclasses
(looked up among modules already imported, never imported by name from the file), pandas frames
and a few plain value types. Each file has a SHA-256 of its bytes beside it, and the loaded
object must be of the expected type: any mismatch means recompute.

Every value is tagged with its type so that a round trip gives back the same types (a numpy
float stays a numpy float, a tuple a tuple, an index an index), hence byte-identical pages. A type
the encoder does not know is an error when writing (a test round-trips the demo's results), never
a silent change of type.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import json
import math
import sys
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import pandas as pd

# the only modules whose dataclasses a cache file may name: the project's own
OWN_PACKAGES = ("loaders", "indicators", "survey", "publish")
FORMAT = "equity-site results 1"
T = TypeVar("T")


class CacheFormatError(ValueError):
    """The file is not a results cache this code wrote: recompute."""


# --- encoding ---------------------------------------------------------------------------------


def _float(value: float) -> object:
    """JSON has no NaN or infinity; spell them out."""
    return value if math.isfinite(value) else {"float": repr(value)}


def _column(values: pd.Series | pd.Index) -> dict:
    dtype = str(values.dtype)
    if dtype in ("object", "category") or dtype.startswith(("datetime", "timedelta")):
        if dtype != "object":
            raise TypeError(f"the results cache cannot store a {dtype} column")
        return {"dtype": dtype, "values": [encode(v) for v in values]}
    if dtype in ("str", "string"):
        cells = [
            None if v is None or v is pd.NA or (isinstance(v, float) and v != v) else v
            for v in values.tolist()
        ]
    else:
        cells = [None if v is pd.NA else v for v in values.tolist()]
    return {"dtype": dtype, "values": [_float(v) if isinstance(v, float) else v for v in cells]}


def _index(index: pd.Index) -> dict:
    if isinstance(index, pd.RangeIndex):
        return {"range": [index.start, index.stop, index.step], "name": encode(index.name)}
    if isinstance(index, pd.MultiIndex):
        return {
            "multi": [_index(index.get_level_values(i)) for i in range(index.nlevels)],
            "names": [encode(name) for name in index.names],
        }
    return {"values": _column(index), "name": encode(index.name)}


def _frame(frame: pd.DataFrame) -> dict:
    if not frame.columns.is_unique:
        raise TypeError("the results cache cannot store a frame with repeated column names")
    return {
        "columns": _index(frame.columns),
        "data": [_column(frame.iloc[:, i]) for i in range(frame.shape[1])],
        "index": _index(frame.index),
        "attrs": encode(dict(frame.attrs)),
    }


def encode(value: Any) -> Any:
    """Return `value` as JSON-ready data, every non-JSON type tagged."""
    kind = type(value)  # exact types: a subclass (an enum, a Timestamp) would come back changed
    if value is None or kind in (bool, str, int):
        return value
    if isinstance(value, np.generic):
        return {"numpy": value.dtype.str, "value": encode(value.item())}
    if kind is float:
        return _float(value)
    if kind is tuple:
        return {"tuple": [encode(v) for v in value]}
    if kind is list:
        return [encode(v) for v in value]
    if kind in (set, frozenset):
        return {kind.__name__: [encode(v) for v in sorted(value, key=repr)]}
    if kind is dict:
        return {"dict": [[encode(k), encode(v)] for k, v in value.items()]}
    if kind is datetime.datetime:
        return {"datetime": value.isoformat()}
    if kind is datetime.date:
        return {"date": value.isoformat()}
    if isinstance(value, pd.DataFrame):
        return {"frame": _frame(value)}
    if isinstance(value, pd.Series):
        return {"series": _column(value), "index": _index(value.index), "name": encode(value.name)}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"dataclass": f"{kind.__module__}:{kind.__qualname__}", "fields": fields}
    if value is pd.NA:
        return {"na": True}
    raise TypeError(f"the results cache cannot store a {type(value).__qualname__}")


# --- decoding ---------------------------------------------------------------------------------


def _own_dataclass(name: str) -> type:
    """Return one of the project's dataclasses by its `module:qualname`, from the modules already
    imported (a cache file never makes Python import anything)."""
    module_name, _, qualname = name.partition(":")
    if module_name.split(".")[0] not in OWN_PACKAGES or module_name not in sys.modules:
        raise CacheFormatError(f"not a class of this project: {name}")
    found: object = sys.modules[module_name]
    for part in qualname.split("."):
        found = getattr(found, part, None)
    if not (isinstance(found, type) and dataclasses.is_dataclass(found)):
        raise CacheFormatError(f"not a dataclass of this project: {name}")
    return found


def _make_dataclass(name: str, fields: dict) -> object:
    """Rebuild a dataclass as pickle would: fields set directly, no __init__ or checks run."""
    kind = _own_dataclass(name)
    names = {f.name for f in dataclasses.fields(kind)}
    if set(fields) != names:
        raise CacheFormatError(f"the fields of {name} differ from this code's")
    instance = object.__new__(kind)
    for key, item in fields.items():
        object.__setattr__(instance, key, decode(item))
    return instance


def _values(column: dict) -> list:
    return [decode(v) if isinstance(v, dict) else v for v in column["values"]]


def _decoded_column(column: dict) -> pd.Series:
    dtype = column["dtype"]
    if dtype == "object":
        return pd.Series(_values(column), dtype=object)
    return pd.Series(pd.array(_values(column), dtype=dtype))


def _decoded_index(data: dict) -> pd.Index:
    if "range" in data:
        return pd.RangeIndex(*data["range"], name=decode(data["name"]))
    if "multi" in data:
        levels = [_decoded_index(level) for level in data["multi"]]
        return pd.MultiIndex.from_arrays(levels, names=[decode(n) for n in data["names"]])
    return pd.Index(_decoded_column(data["values"]), name=decode(data["name"]))


def _decoded_frame(data: dict) -> pd.DataFrame:
    columns = _decoded_index(data["columns"])
    index = _decoded_index(data["index"])
    cells = {i: _decoded_column(c).set_axis(index) for i, c in enumerate(data["data"])}
    frame = pd.DataFrame(cells, index=index) if cells else pd.DataFrame(index=index)
    frame.columns = columns
    frame.attrs.update(decode(data["attrs"]))
    return frame


def decode(value: Any) -> Any:
    """Return the object `encode` was given; a tag this code does not know is an error."""
    if isinstance(value, list):
        return [decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    tags = value.keys()
    if "dataclass" in tags:
        return _make_dataclass(value["dataclass"], value["fields"])
    if "frame" in tags:
        return _decoded_frame(value["frame"])
    if "series" in tags:
        series = _decoded_column(value["series"]).set_axis(_decoded_index(value["index"]))
        return series.rename(decode(value["name"]))
    if "numpy" in tags:
        return np.dtype(value["numpy"]).type(decode(value["value"]))
    simple = {
        "tuple": lambda items: tuple(decode(v) for v in items),
        "set": lambda items: {decode(v) for v in items},
        "frozenset": lambda items: frozenset(decode(v) for v in items),
        "dict": lambda pairs: {decode(k): decode(v) for k, v in pairs},
        "float": float,
        "datetime": datetime.datetime.fromisoformat,
        "date": datetime.date.fromisoformat,
        "na": lambda _: pd.NA,
    }
    if len(value) == 1 and next(iter(tags)) in simple:
        tag, item = next(iter(value.items()))
        return simple[tag](item)
    raise CacheFormatError(f"unknown entry in the results cache: {sorted(tags)}")


# --- files ------------------------------------------------------------------------------------


def digest_path(path: Path) -> Path:
    return path.with_name(path.name + ".sha256")


def write(path: Path, value: object) -> None:
    """Write `value` and the SHA-256 of the bytes beside it, each by a rename (no torn file)."""
    data = json.dumps(
        {"format": FORMAT, "value": encode(value)}, ensure_ascii=False, separators=(",", ":")
    ).encode()
    for target, content in ((path, data), (digest_path(path), hashlib.sha256(data).hexdigest())):
        temporary = target.with_name(target.name + ".tmp")
        temporary.write_bytes(content if isinstance(content, bytes) else content.encode())
        temporary.replace(target)


def read(path: Path, expected: type[T]) -> T:
    """Return the cached object if its bytes match their hash and it is an `expected`;
    raise CacheFormatError (or OSError) otherwise."""
    data = path.read_bytes()
    if digest_path(path).read_text(encoding="ascii").strip() != hashlib.sha256(data).hexdigest():
        raise CacheFormatError("the cache file does not match its hash")
    try:
        document = json.loads(data)
    except ValueError as error:
        raise CacheFormatError(f"not JSON: {error}") from error
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise CacheFormatError("not a results cache of this format")
    try:
        value = decode(document["value"])
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise CacheFormatError(f"malformed cache entry: {error}") from error
    if not isinstance(value, expected):
        raise CacheFormatError(f"the cache holds a {type(value).__qualname__}")
    return value
