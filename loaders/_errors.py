"""Input errors in the staff's own terms: file, row as the spreadsheet shows it, header, value.

Why a report and not the first exception: staff fix a whole spreadsheet at once, so every loader
collects every problem (capped per file) and the caller fails once (CONTRIBUTING.md, code style).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum

from loaders._schema import english_header

MAX_ERRORS_PER_FILE = 200
MAX_REPEATS_PER_COLUMN = 20
# configuration files: their `column` is a dotted key path (questions.group.label), not a header
CONFIG_SUFFIXES = (".toml", ".yaml", ".yml")
# text files have lines, not rows: "line 11" in English (第 11 行 reads right for both)
LINE_SUFFIXES = (*CONFIG_SUFFIXES, ".md", ".markdown", ".txt")

# Messages are templates keyed by a stable English code; zh first, en second.
MESSAGES: dict[str, dict[str, str]] = {
    "file-missing": {"zh": "找不到文件", "en": "file not found"},
    "file-unreadable": {"zh": "无法读取文件", "en": "cannot read the file"},
    "bad-encoding": {
        "zh": "文件编码无法识别（应为 UTF-8 或 GB18030）",
        "en": "unrecognised text encoding (expected UTF-8 or GB18030)",
    },
    "bad-config": {"zh": "配置有误", "en": "invalid configuration"},
    "toml-syntax": {
        "zh": "配置文件的写法有误，无法读取",
        "en": "the configuration file is not valid TOML",
    },
    "total-row": {
        "zh": "这一行是合计行，不是一所学校或一条记录：请删除合计、总计、小计行",
        "en": "this is a total row, not a record: delete the 合计 / 总计 / 小计 rows",
    },
    "data-on-other-sheet": {
        "zh": "表格不在第一个工作表中",
        "en": "the table is not on the first sheet of the workbook",
    },
    "narrative-template": {
        "zh": "正文中有无法识别的插入标记",
        "en": "the text holds an insertion mark that is not recognised",
    },
    "too-large": {
        "zh": "文件超出了允许的大小，未读取",
        "en": "the file exceeds the allowed size and was not read",
    },
    "outside-package": {
        "zh": "文件不在数据包文件夹之内",
        "en": "the file is outside the package folder",
    },
    "not-regular-file": {
        "zh": "不是普通文件",
        "en": "not an ordinary file",
    },
    "sheet-missing": {
        "zh": "工作簿中没有 county.toml 指定的工作表",
        "en": "the workbook has no sheet of the name county.toml gives",
    },
    "formula-no-value": {
        "zh": "表中的公式没有计算结果（文件由程序生成，未在 Excel 或 WPS 中打开保存过）",
        "en": "the formulas in the sheet have no results (the file was written by a program "
        "and never opened and saved in Excel or WPS)",
    },
    "merged-cells": {
        "zh": "合并单元格无法确定每一行的取值",
        "en": "merged cells leave the value of each row undetermined",
    },
    "leading-zeros-lost": {
        "zh": "编号前面的 0 丢失了（如 0101 变成了 101）",
        "en": "the identifiers lost their leading zeros (0101 became 101)",
    },
    "wrong-separator": {
        "zh": "CSV 文件不是用逗号分隔的（用了分号或制表符）",
        "en": "the CSV file is not separated by commas (semicolons or tabs are used)",
    },
    "missing-column": {"zh": "缺少列", "en": "column missing"},
    "duplicate-column": {"zh": "列名重复", "en": "column appears twice"},
    "not-integer": {"zh": "不是整数", "en": "not a whole number"},
    "not-number": {"zh": "不是数字", "en": "not a number"},
    "wrong-unit": {
        "zh": "表头中的单位与本列要求的单位不同",
        "en": "the unit in the header is not the column's unit",
    },
    "number-with-unit": {
        "zh": "数字中带有单位或文字，请只填数字",
        "en": "a unit or text was typed into a number cell; enter the number only",
    },
    "out-of-range": {"zh": "数值超出允许范围", "en": "value out of the allowed range"},
    "not-in-list": {"zh": "不是允许的取值", "en": "not one of the allowed values"},
    "empty": {"zh": "不能为空", "en": "must not be empty"},
    "duplicate-id": {"zh": "编号重复", "en": "duplicate identifier"},
    "unknown-reference": {
        "zh": "引用了不存在的编号",
        "en": "refers to an identifier that does not exist",
    },
    "inconsistent": {"zh": "数据前后矛盾", "en": "inconsistent values"},
    "exceeds-whole": {"zh": "部分超过总数", "en": "a part exceeds its whole"},
    "shared-totals-differ": {
        "zh": "资源共用的学校各学部填写不一致",
        "en": "the sections of a shared campus are filled in differently",
    },
    "town-mismatch": {
        "zh": "镇街名称与问卷配置中的镇街不一致",
        "en": "the town is spelled differently in the school register and the survey config",
    },
    "missing-measure": {"zh": "缺少必填的指标数据项", "en": "a required measure is missing"},
    "bad-date": {"zh": "日期无法识别", "en": "unrecognised date"},
    "unknown-indicator": {"zh": "不是评估办法中的指标编号", "en": "not an indicator of the rules"},
    "undeclared": {"zh": "缺少该指标的自评结论", "en": "no declared status for this indicator"},
    "unjustified": {
        "zh": "自评结论与计算结果不一致，且未说明理由或提供化解方案",
        "en": "the declared status differs from the computed one without a justification",
    },
    "plans-incomplete": {
        "zh": "化解方案未覆盖所有未达标的学校或班级",
        "en": "the remediation plans do not cover every failing school or class",
    },
    "missing-document": {
        "zh": "定性指标须注明依据文件",
        "en": "a qualitative indicator must cite its document",
    },
    "unknown-key": {"zh": "配置中有未知的键", "en": "unknown configuration key"},
    "missing-key": {"zh": "缺少必填的键", "en": "a required key is missing"},
    "unknown-code": {
        "zh": "取值没有对应的值标签",
        "en": "a code the file's value labels do not define",
    },
    "unknown-label": {
        "zh": "选项不在评分配置中",
        "en": "an answer the scoring configuration does not define",
    },
    "label-mismatch": {
        "zh": "值标签与评分配置中的编码不一致",
        "en": "the value label differs from the code map of the scoring configuration",
    },
    "question-mismatch": {
        "zh": "该位置的题目与配置不符",
        "en": "the question at this position is not the one configured",
    },
    "empty-cell": {
        "zh": "加权单元有总体人数但没有受访者",
        "en": "a weighting cell has a population but no respondents",
    },
    "absent-from-population": {
        "zh": "有受访者的加权单元缺少总体人数",
        "en": "a weighting cell has respondents but no population total",
    },
    "inconsistent-margins": {
        "zh": "各边际的总人数不一致",
        "en": "the margins do not add up to the same total",
    },
    "no-questionnaires": {
        "zh": "问卷文件中没有问卷（只有表头行）",
        "en": "the survey file has no questionnaires (only a header row)",
    },
    "empty-file": {
        "zh": "文件是空的（0 字节），其中没有问卷",
        "en": "the file is empty (0 bytes): it has no questionnaires",
    },
    "not-converged": {
        "zh": "迭代加权未收敛",
        "en": "raking did not converge",
    },
    "not-spss": {
        "zh": "这个文件不是 SPSS 数据文件",
        "en": "the file is not an SPSS data file",
    },
    "not-excel": {
        "zh": "这个文件不是 Excel 工作簿",
        "en": "the file is not an Excel workbook",
    },
    "not-csv": {
        "zh": "这个文件不是 CSV 文本文件",
        "en": "the file is not a CSV text file",
    },
    "file-truncated": {
        "zh": "文件不完整（可能下载中断）",
        "en": "the file is incomplete (the download may have been interrupted)",
    },
    "personal-data": {
        "zh": "文字中有个人信息，不能公开发布",
        "en": "the text holds personal data, which must not be published",
    },
    "spss-no-labels": {
        "zh": "该 SPSS 文件没有值标签：请在问卷星导出时选择带值标签的 SPSS 格式，"
        "或改为下载“按选项文本”的 Excel 文件",
        "en": "the SPSS file has no value labels: export it from the survey platform as SPSS "
        "with value labels, or download the Excel file of option texts instead",
    },
}

# The codes as an enumeration made from the one table above, so a code has one spelling:
# ErrorCode.FILE_MISSING == "file-missing"; an InputError with any other code fails at once.
ErrorCode = StrEnum("ErrorCode", {code.upper().replace("-", "_"): code for code in MESSAGES})


@dataclass(frozen=True)
class InputError:
    """One problem in one input file, located the way a spreadsheet user would look for it."""

    file: str
    code: str
    row: int | None = None  # header = row 1, as Excel numbers it
    column: str | None = None  # the header as written in the file; in a config file, the key
    value: str | None = None
    expected: str | None = None  # what would have been accepted, in plain words (中文)
    expected_en: str | None = None  # the same in English, where it differs
    detail: str | None = None  # the facts in one sentence, e.g. both numbers of a part > whole
    detail_en: str | None = None

    def __post_init__(self) -> None:
        # a misspelt code would print as itself, untranslated: refuse it where it is made
        object.__setattr__(self, "code", ErrorCode(self.code))

    def problem(self, lang: str = "zh") -> str:
        """Return what is wrong, without the location: the message and its detail."""
        text = MESSAGES.get(self.code, {}).get(lang, self.code)
        detail = self.detail_en if lang == "en" and self.detail_en else self.detail
        return (
            f"{text}：{detail}"
            if detail and lang == "zh"
            else (f"{text}: {detail}" if detail else text)
        )

    def expectation(self, lang: str = "zh") -> str | None:
        """Return what would have been accepted, in the page's language."""
        return self.expected_en if lang == "en" and self.expected_en else self.expected

    def message(self, lang: str = "zh") -> str:
        """Return a one-line message such as `schools.csv, 第 14 行, 列「学生数」: "—" 应为整数`."""
        where = [self.file]
        if self.row is not None:
            noun = "line" if self.file.endswith(LINE_SUFFIXES) else "row"
            where.append(f"第 {self.row} 行" if lang == "zh" else f"{noun} {self.row}")
        if self.column is not None and self.file.endswith(CONFIG_SUFFIXES):  # a key, not a column
            where.append(f"键「{self.column}」" if lang == "zh" else f'key "{self.column}"')
        elif self.column is not None and lang == "zh":
            where.append(f"列「{self.column}」")
        elif self.column is not None:
            english = english_header(self.column)
            where.append(f'column "{self.column}"' + (f" ({english})" if english else ""))
        text = ", ".join(where) + ": "
        if self.value is not None:
            text += f'"{self.value}" '
        text += self.problem(lang)
        expected = self.expectation(lang)
        if expected:
            text += f"（应为 {expected}）" if lang == "zh" else f" (expected {expected})"
        return f"{text} [{self.code}]"


@dataclass
class LoadReport:
    """Every error found in one load, capped so a wholly wrong file stays readable.

    The cap is per column (MAX_REPEATS_PER_COLUMN of one file's column, e.g. the first 20
    bad cells of 学生数) and per file (MAX_ERRORS_PER_FILE), so one bad column cannot hide the
    problems of the next; what is left out is counted, by file and column, and said.
    """

    errors: list[InputError] = field(default_factory=list)
    truncated: dict[str, int] = field(default_factory=dict)
    truncated_columns: dict[tuple[str, str | None], int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    def add(self, error: InputError) -> None:
        if error.value:  # printed and written to the check report: never personal data in full
            from loaders._personal_data import masked_text  # imports this module

            value = masked_text(error.value)
            if value != error.value:
                error = replace(error, value=value)
        in_file = sum(e.file == error.file for e in self.errors)
        in_column = sum(e.file == error.file and e.column == error.column for e in self.errors)
        if in_file >= MAX_ERRORS_PER_FILE or in_column >= MAX_REPEATS_PER_COLUMN:
            self.truncated[error.file] = self.truncated.get(error.file, 0) + 1
            key = (error.file, error.column)
            self.truncated_columns[key] = self.truncated_columns.get(key, 0) + 1
            return
        self.errors.append(error)

    def extend(self, other: LoadReport) -> None:
        for error in other.errors:
            self.add(error)
        for name, count in other.truncated.items():
            self.truncated[name] = self.truncated.get(name, 0) + count
        for key, count in other.truncated_columns.items():
            self.truncated_columns[key] = self.truncated_columns.get(key, 0) + count

    def left_out(self) -> list[tuple[str, str | None, int]]:
        """Return (file, column or None, count) of what the caps left out of the list."""
        rows = [(f, c, n) for (f, c), n in self.truncated_columns.items()]
        for name, count in self.truncated.items():
            rest = count - sum(n for f, _, n in rows if f == name)
            if rest > 0:  # counted by a reader that caps its own rows (the survey's)
                rows.append((name, None, rest))
        return rows

    def raise_if_errors(self) -> None:
        if self.errors:
            raise InputErrors(self)


def left_out(file: str, column: str | None, count: int, lang: str) -> str:
    """Say how many more problems of one file's column were not listed (the cap)."""
    if lang == "zh":
        where = f"{file}，列「{column}」" if column else file
        return f"{where}：另有 {count} 处问题未列出（每列最多列出 {MAX_REPEATS_PER_COLUMN} 处）"
    where = f'{file}, column "{column}"' if column else file
    return (
        f"{where}: {count} more problems not listed "
        f"(at most {MAX_REPEATS_PER_COLUMN} are listed per column)"
    )


class InputErrors(Exception):
    """Raised once per load with the whole report; the build prints it without a traceback."""

    def __init__(self, report: LoadReport):
        self.report = report
        super().__init__(self.render("en"))

    def render(self, lang: str = "zh") -> str:
        lines = [e.message(lang) for e in self.report.errors]
        for name, column, count in self.report.left_out():
            lines.append(left_out(name, column, count, lang))
        return "\n".join(lines)
