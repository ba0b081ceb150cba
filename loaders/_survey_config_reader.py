"""The walker that validates the scoring config's YAML tree, one dotted key path at a time.

Every problem is reported at its key path (questions.group.label), once, and reading goes on
with a harmless stand-in, so staff see every mistake of the file in one run.
"""

from __future__ import annotations

from loaders._errors import InputError, LoadReport
from loaders._survey_config_types import Question


class _Reader:
    """Walks the YAML tree, reporting each problem at its dotted key path, once."""

    def __init__(self, file: str, report: LoadReport):
        self.file, self.report = file, report

    def error(
        self,
        key: str,
        code: str,
        value: object = None,
        expected: str | None = None,
        expected_en: str | None = None,
    ):
        self.report.add(
            InputError(
                self.file,
                code,
                column=key,
                value=None if value is None else str(value),
                expected=expected,
                expected_en=expected_en,
            )
        )

    def mapping(self, node: object, key: str, allowed: set[str], required=()) -> dict:
        names = sorted(allowed)
        if not isinstance(node, dict):
            self.error(
                key,
                "bad-config",
                node,
                "写成“键: 值”的形式，可用的键：" + "、".join(names),
                "key: value pairs, with the keys " + ", ".join(names),
            )
            return {}
        for name in node:
            if name not in allowed:
                self.error(
                    f"{key}.{name}" if key else str(name),
                    "unknown-key",
                    name,
                    "可用的键：" + "、".join(names),
                    "one of " + ", ".join(names),
                )
        for name in required:
            if name not in node:
                self.error(f"{key}.{name}" if key else name, "missing-key")
        return node

    def choice(self, node: object, key: str, allowed: tuple[str, ...]) -> str:
        if node not in allowed:
            self.error(key, "not-in-list", node, " / ".join(allowed))
            return allowed[0]
        return str(node)

    def number(self, node: object, key: str, low: float | None = None) -> float:
        if isinstance(node, bool) or not isinstance(node, int | float):
            self.error(key, "not-number", node)
            return 0.0
        if low is not None and node < low:
            self.error(key, "out-of-range", node, f"≥ {low:g}")
        return float(node)

    def text(self, node: object, key: str) -> str:
        """Return a required text; a missing key was reported by `mapping` already."""
        if node is None:
            return ""
        if not isinstance(node, str | int) or str(node).strip() == "":
            self.error(key, "empty", node)
            return ""
        return str(node)

    def question(self, node: object, key: str, checked: bool = False) -> Question:
        """Read where one question is; `checked`: its `label` is required (group, town, items),
        so that a shifted or swapped column is an error, not silently wrong figures."""
        raw = self.mapping(node, key, {"variable", "position", "label"})
        if "variable" not in raw and "position" not in raw:
            self.error(
                key,
                "missing-key",
                expected="variable: SPSS 变量名或 CSV 列名，或 position: 第几列，从 1 数起",
                expected_en="variable: the SPSS variable name or CSV header, or position: the "
                "column number, counting from 1",
            )
        if checked and (raw.get("label") is None or str(raw["label"]).strip() == ""):
            self.error(
                f"{key}.label",
                "missing-key",
                expected="题目中的几个字，如 label: 身份；CSV 表头或 SPSS 变量标签须含有这几个字，"
                "以免列错位时算错题",
                expected_en="a few words of the question, e.g. label: 身份; the CSV header or SPSS "
                "variable label must contain them, so that a shifted column is caught",
            )
        position = raw.get("position")
        if position is not None and (not isinstance(position, int) or position < 1):
            self.error(f"{key}.position", "not-integer", position, "≥ 1")
            position = None
        return Question(
            variable=None if raw.get("variable") is None else str(raw["variable"]),
            position=position,
            label=None if raw.get("label") is None else str(raw["label"]),
        )

    def source(self, node: object, key: str) -> tuple[str, str]:
        raw = self.mapping(node, key, {"zh", "en"}, required=("zh", "en"))
        return self.text(raw.get("zh"), f"{key}.zh"), self.text(raw.get("en"), f"{key}.en")
