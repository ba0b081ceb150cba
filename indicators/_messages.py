"""What a declaration needs (its justification), and the words of the errors when it lacks it."""

from __future__ import annotations

from loaders import load_schema

# the declared status a computed one corresponds to; other pairs are differences
# (not applicable: nothing to fail, so 达标 is what a county declares, e.g. G7 without a
# special school)
AGREES = {"met": "met", "not_met": "not_met", "not_applicable": "met"}


def declared_words(status: str) -> str:
    """Return a declared status as staff write it (达标, 化解后达标 …), for messages."""
    return load_schema("declarations").column("status").choices[status][0]


def expected_words(problem: str, computed: str, lang: str = "zh", has_plan: bool = False) -> str:
    """Return what a declaration with `problem` should say instead, in `lang`.

    `has_plan`: the remediation file already holds a plan for the indicator, so declaring
    化解后达标 is all that is missing (staff should not be sent to write a second plan).
    """
    if problem == "unjustified" and computed == "not_met" and has_plan:
        return (
            "整改计划中已有该指标的化解方案：把自评结论改为 化解后达标 即可"
            if lang == "zh"
            else "a remediation plan for it is already in the remediation file: declare 化解后达标"
        )
    zh = {
        "missing-document": "在「依据文件」中注明文件名称",
        "not-in-list": "达标（不存在该情形）或 不达标（存在）",
        "unjustified": {
            "not_met": "计算结果为不达标：请填 化解后达标（并在整改计划中列出化解方案）、"
            "综合评定达标（并填写理由）或 不达标",
        }.get(computed, "填写理由；化解后达标须在整改计划中列出化解方案"),
    }
    en = {
        "missing-document": "the document named in 依据文件",
        "not-in-list": "达标 (does not occur) or 不达标 (occurs)",
        "unjustified": {
            "not_met": "the data say not met: declare 化解后达标 with a remediation plan, "
            "综合评定达标 with a reason, or 不达标",
        }.get(computed, "a reason; 化解后达标 needs a remediation plan"),
    }
    return (zh if lang == "zh" else en)[problem]


def justification_problem(
    kind: str,
    computed: str,
    declared: str,
    has_reason: bool,
    has_plan: bool,
    has_document: bool,
) -> str | None:
    """Return the error code that stops the build, or None when the declaration stands.

    - a qualitative item must cite its document: an indicator judged by documents, and a veto
      item the data cannot show (V1–V6), whose declared absence is only as good as its basis;
    - a declaration that agrees with the data needs nothing more;
    - 达标 against a computed *not met* cannot be justified: the data contradict it;
    - 化解后达标 needs a remediation plan, any other difference a stated reason.
    """
    if kind == "qualitative":
        return None if has_document else "missing-document"
    if AGREES.get(computed) == declared:
        return None
    if declared == "met" and computed == "not_met":
        return "unjustified"
    if declared == "met_after_remediation":
        return None if has_plan else "unjustified"
    return None if has_reason else "unjustified"
