"""Towns (镇街) spelled the same in the school register and the survey config.

Why an error: the survey's town answers and population totals are matched to schools by the
exact name, so 柳河镇 in the register and 柳河乡 in the config would leave one town without
schools and the other without respondents — silently, in every town-level figure.
"""

from __future__ import annotations

import difflib

import pandas as pd

from loaders._errors import InputError, LoadReport
from loaders._schema import load_schema
from loaders._survey_config_types import SurveyConfig


def _closest(name: str, candidates: list[str]) -> str | None:
    """Return the spelling in `candidates` nearest to `name`, if any is reasonably close."""
    found = difflib.get_close_matches(name, candidates, n=1, cutoff=0.5)
    return found[0] if found else None


def _hint(name: str, candidates: list[str]) -> tuple[str, str]:
    """Return the closest spelling from the other list as a hint, in zh and en."""
    closest = _closest(name, candidates)
    if closest is not None:
        return f"，最接近的是「{closest}」", f'; the closest it has is "{closest}"'
    return "，也没有相近的名称", "; nor any similar name"


def check_towns(
    schools: pd.DataFrame, schools_file: str, config: SurveyConfig, report: LoadReport
) -> None:
    """Report every register town missing from the config's `towns`, and every config town
    without a school. Only when the config lists towns (a survey without a town question has
    nothing to match). A register town is reported at the row of its first school, in 镇街.
    """
    if not config.towns:
        return
    configured = list(config.towns)
    first_rows = schools.reset_index().groupby("town", sort=False)["row"].min()
    registered = list(first_rows.index)
    column = load_schema("schools").column("town").zh
    for town, row in first_rows.items():
        if town in config.towns:
            continue
        zh, en = _hint(town, configured)
        report.add(
            InputError(
                schools_file,
                "town-mismatch",
                row=int(row),
                column=column,
                value=town,
                detail=f"问卷配置 {config.file} 的 towns 中没有这个镇街{zh}",
                detail_en=f"the survey config {config.file} lists no such town{en}",
                expected="与问卷配置中的镇街名称完全一致",
                expected_en="exactly the spelling of the survey config",
            )
        )
    for index, town in enumerate(configured):
        if town in first_rows.index:
            continue
        zh, en = _hint(town, registered)
        report.add(
            InputError(
                config.file,
                "town-mismatch",
                column=f"towns[{index}].label",
                value=town,
                detail=f"学校名册 {schools_file} 中没有位于这个镇街的学校{zh}",
                detail_en=f"the school register {schools_file} has no school in this town{en}",
                expected="学校名册中的镇街名称",
                expected_en="a town of the school register",
            )
        )
