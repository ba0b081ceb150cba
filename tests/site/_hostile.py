"""A hostile copy of the small county: every free text of the package carries script, HTML,
Markdown and Jinja payloads (tests/site/test_payloads.py builds it and reads the site in Chromium).

Why prefixes: names that must match across files (a town in the register, the survey config and
the survey's answers; a group label and its answers; an option and its answers) are all
rewritten through one mapping, so the package stays valid and only the text changes. Every
value keeps its original text after the payload, so keys stay unique.

No digit run in the payloads looks like a phone or ID number, and none holds an e-mail address:
the personal-data scan of the registers must not refuse the package.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import yaml
from openpyxl import load_workbook

SOURCE = Path(__file__).resolve().parents[1] / "fixtures" / "county_small"

SCRIPT = "<script>alert(1)</script>"
IMAGE = "<img src=x onerror=alert(2)>"
ATTRIBUTE = '"><svg onload=alert(3)>'
LINK = "[点我](javascript:alert(4))"
JINJA = "{{ 7*191 }}"  # 1337 if it were ever evaluated
JINJA_BLOCK = "{% raw %}{{ config }}{# c #}"  # an unclosed raw block: a template would fail
MARKDOWN = "**粗体**<b>粗</b>"
PAYLOADS = (SCRIPT, IMAGE, ATTRIBUTE, LINK, JINJA, JINJA_BLOCK, MARKDOWN)
PAYLOAD = "".join(PAYLOADS)
# a web address the loader accepts (no spaces) that would break out of an href or a template
URL = 'https://example.org/x?q=<script>alert(5)</script>&r="><svg/onload=alert(6)>{{7*191}}'
SITE_URL = "https://example.org/junheng'\"><svg/onload=alert(7)>/"
# the survey export's file name, as county.toml names it: a backtick would end a code span
SURVEY_FILE = "问卷`<img src=x onerror=alert(8)>`{{ 7*191 }}[点我](javascript:alert(9)).csv"

COUNTY_NAMES = {"name_zh": "柳河县", "name_en": "Liuhe County"}
REFERENCES = {
    "reference_zh": "《柳河县义务教育优质均衡发展自评报告》",
    "reference_en": "Liuhe County self-evaluation report",
}
SITE_TEXTS = ("title_zh", "title_en", "contact_zh", "contact_en", "licence", "icp")
SITE_URLS = ("source_url", "licence_url", "report_url")
# the free-text columns of each CSV register, by the header staff wrote
CSV_TEXTS = {
    "declarations.csv": ("理由", "英文理由", "依据文件", "英文依据文件"),
    "remediation.csv": ("整改措施", "英文整改措施", "责任单位", "英文责任单位", "进展", "英文进展"),
    "releases.csv": ("说明", "英文说明"),
    "measures.csv": ("项目名称", "依据"),
    "monitoring.csv": ("科目", "英文科目名"),
}
SCHOOL_TEXTS = ("学校名称", "英文学校名称", "学部名称")
SURVEY_ANSWERS = (6, 7, 8, 9, 10, 11, 12, 13)  # 身份, 乡镇 and the six items, by position from 0


def hostile(text: object) -> str:
    """Return `text` with every payload before it."""
    return f"{PAYLOAD}{text}"


def hostile_package(target: Path) -> Path:
    """Copy the small county to `target` and put payloads into every text it holds."""
    shutil.copytree(SOURCE, target)
    renamed = _survey_config(target / "survey.yaml")
    _county_toml(target / "county.toml")
    _schools(target / "schools.xlsx", renamed)
    for name, columns in CSV_TEXTS.items():
        _csv_columns(target / name, columns)
    _survey_answers(target / "survey.csv", renamed)
    (target / "survey.csv").rename(target / SURVEY_FILE)
    return target


def _county_toml(path: Path) -> None:
    """Payloads in the county's names, its reference document and every `[site]` string."""
    text = path.read_text(encoding="utf-8")
    for key, value in COUNTY_NAMES.items():  # a line left behind would be a duplicate key
        text = text.replace(f"{key} = {_toml(value)}\n", "", 1)
    county = {key: hostile(value) for key, value in (COUNTY_NAMES | REFERENCES).items()}
    text = text.replace("[county]\n", "[county]\n" + _toml_lines("", county), 1)
    text = text.replace('survey = "survey.csv"', f"survey = {_toml(SURVEY_FILE)}", 1)
    site = {key: hostile(key) for key in SITE_TEXTS}
    site |= {key: URL for key in SITE_URLS} | {"site_url": SITE_URL}
    path.write_text(text + _toml_lines("[site]", site), encoding="utf-8")


def _toml(value: str) -> str:
    """Return `value` as a TOML basic string."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _toml_lines(table: str, values: dict[str, str]) -> str:
    lines = [table] if table else []
    return "\n".join(lines + [f"{key} = {_toml(value)}" for key, value in values.items()]) + "\n"


def _survey_config(path: Path) -> dict[str, str]:
    """Payloads in every label, English text and source of the scoring config; return the
    renamed answers (group, town and option labels), old → new, for the register and survey."""
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    renamed = {}
    for key in ("options", "groups", "towns"):
        for entry in config[key]:
            renamed[entry["label"]] = entry["label"] = hostile(entry["label"])
            entry["en"] = hostile(entry["en"])
    for item in config["items"]:
        item["zh"], item["en"] = hostile(item["zh"]), hostile(item["en"])
    source = config["group_weights"]["source"]
    source["zh"], source["en"] = hostile(source["zh"]), hostile(source["en"])
    config["version"] = hostile(config["version"])
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return renamed


def _schools(path: Path, renamed: dict[str, str]) -> None:
    """Payloads in the school, English and section names; towns renamed as in the config."""
    workbook = load_workbook(path)
    sheet = workbook.worksheets[0]
    header = [cell.value for cell in sheet[2]]
    texts = [header.index(name) for name in SCHOOL_TEXTS]
    town = header.index("镇街")
    for row in sheet.iter_rows(min_row=3):
        for index in texts:
            row[index].value = hostile(row[index].value)
        row[town].value = renamed[row[town].value]
    workbook.save(path)


def _read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def _write_csv(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)


def _csv_columns(path: Path, columns: tuple[str, ...]) -> None:
    """Payloads in the named text columns of every row (empty cells too: reasons, documents)."""
    rows = _read_csv(path)
    indices = [rows[0].index(name) for name in columns]
    for row in rows[1:]:
        for index in indices:
            row[index] = hostile(row[index])
    _write_csv(path, rows)


def _survey_answers(path: Path, renamed: dict[str, str]) -> None:
    """Rename the group, town and option answers as the config now names them."""
    rows = _read_csv(path)
    for row in rows[1:]:
        for index in SURVEY_ANSWERS:
            row[index] = renamed.get(row[index], row[index])
    _write_csv(path, rows)
