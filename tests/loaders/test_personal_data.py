"""Personal data typed into free text stops the load (README.md, Security).

The patterns first (property tests: what must be found, and the ordinary figures that must not
be), then whole packages: a copy of 柳河县 (tests/fixtures/county_small) with a mobile number, an
ID number or an e-mail address put where staff put them, located by file, row and column and
never repeated in full by the message that refuses it.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from loaders import InputErrors, LoadReport, load_county
from loaders._personal_data import allowing, find, id_check_character, scan_text

MOBILE = "13912345678"
ID_NUMBER = "11010519491231002X"  # a valid check character (GB 11643's own example)
EMAIL = "zhang.san@example.com"

# --- the patterns -------------------------------------------------------------------------

chinese = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), max_size=8)
regions = st.integers(100000, 999999).map(str)
birth_dates = st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31)).map(
    lambda day: day.strftime("%Y%m%d")
)
sequences = st.integers(0, 999).map(lambda n: f"{n:03d}")


@st.composite
def id_numbers(draw, valid: bool = True) -> str:
    first17 = draw(regions) + draw(birth_dates) + draw(sequences)
    check = id_check_character(first17)
    if not valid:
        check = draw(st.sampled_from([c for c in "0123456789X" if c != check]))
    return first17 + check


@st.composite
def mobiles(draw) -> tuple[str, str]:
    """Return (the number as staff type it, its eleven digits)."""
    digits = (
        "1" + draw(st.sampled_from("3456789")) + draw(st.text("0123456789", min_size=9, max_size=9))
    )
    separator = draw(st.sampled_from(["", " ", "-"]))
    prefix = draw(st.sampled_from(["", "+86 ", "+86-", "86", "+86"]))
    return f"{prefix}{digits[:3]}{separator}{digits[3:7]}{separator}{digits[7:]}", digits


@given(id_numbers(), chinese, chinese)
def test_a_valid_id_number_is_found_in_chinese_text(number, before, after):
    hits = find(f"{before}身份证号{number}{after}")
    assert [(h.kind, h.canonical) for h in hits] == [("id", number)]
    assert number not in hits[0].masked and hits[0].masked.endswith(number[-4:])


@given(id_numbers(valid=False), chinese)
def test_an_id_number_with_a_wrong_check_character_is_not_a_hit(number, before):
    assert find(f"{before}{number}") == []


@given(id_numbers())
def test_a_lower_case_x_is_the_same_check_character(number):
    assert [h.canonical for h in find(number.lower())] == [number]


@given(mobiles(), chinese, chinese)
def test_a_mobile_number_is_found_as_staff_type_it(typed, before, after):
    written, digits = typed
    hits = find(f"{before}联系电话：{written}{after}")
    assert [(h.kind, h.canonical) for h in hits] == [("mobile", digits)]
    assert hits[0].masked == f"{digits[:3]}****{digits[-4:]}"


@given(st.from_regex(r"[a-z][a-z0-9._]{0,10}@[a-z]{2,8}\.(com|cn|org)", fullmatch=True), chinese)
def test_an_email_address_is_found_and_masked(address, before):
    hits = find(f"{before}请发送至{address}。")
    assert [(h.kind, h.canonical) for h in hits] == [("email", address)]
    local, domain = address.split("@")
    assert hits[0].masked == f"{local[0]}***@{domain}"
    assert address not in hits[0].masked


ordinary = st.one_of(
    st.integers(0, 99999).map(lambda n: f"在校学生数 {n} 人"),  # student counts
    st.integers(1900, 2100).map(lambda y: f"{y} 年建成"),  # years
    st.dates(dt.date(1990, 1, 1), dt.date(2099, 12, 31)).map(lambda d: d.isoformat()),
    st.dates(dt.date(1990, 1, 1), dt.date(2099, 12, 31)).map(lambda d: d.strftime("%Y%m%d")),
    st.dates(dt.date(1990, 1, 1), dt.date(2099, 12, 31)).map(
        lambda d: f"{d.year}年{d.month}月{d.day}日"
    ),
    st.integers(1000000000, 9999999999).map(lambda n: f"学校标识码 {n}"),  # ten digits
    st.integers(10000000, 99999999).map(lambda n: f"学校代码 {n}"),
    st.integers(110000, 659999).map(lambda n: f"行政区划代码 {n}"),  # county codes
    st.tuples(st.integers(10, 999), st.integers(20000000, 89999999)).map(
        lambda t: f"0{t[0]}-{t[1]}"  # landlines with the area code
    ),
    st.integers(20000000, 89999999).map(lambda n: f"电话 {str(n)[:4]} {str(n)[4:]}"),
    st.floats(0, 100, allow_nan=False).map(repr),  # unrounded values such as 2.0173758793974
    st.integers(100000, 9999999).map(lambda n: f"经费 {n:,} 元"),
)


@settings(max_examples=300)
@given(ordinary, chinese)
def test_ordinary_figures_are_not_personal_data(text, words):
    assert find(f"{words}{text}") == []


@pytest.mark.parametrize(
    "text",
    [
        "1391234567",  # ten digits
        "139123456789",  # twelve
        "10912345678",  # 1[0-2] is no mobile prefix
        "11912345678",
        "12912345678",
        "0139123456780",  # inside a longer run
        "2.13912345678",  # the decimals of a number
        "13912345678.5",
        "11010519491231002",  # seventeen characters
        "110105194912310021",  # a wrong check digit
        "110105194913310028",  # a right check digit but no such month
        "user@localhost",  # no domain
    ],
)
def test_boundaries_are_not_hits(text):
    assert find(text) == [], text


def test_full_width_digits_and_at_sign_count_as_their_ascii_twins():
    assert [
        h.kind for h in find("手机１３９１２３４５６７８，邮箱ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ")
    ] == [
        "mobile",
        "email",
    ]


# --- whole packages -----------------------------------------------------------------------


def errors_of(package: Path) -> InputErrors:
    with pytest.raises(InputErrors) as caught:
        load_county(package)
    return caught.value


def located(errors: InputErrors) -> set[tuple]:
    return {(e.file, e.row, e.column, e.code) for e in errors.report.errors}


def assert_masked(errors: InputErrors, *full: str) -> None:
    """The rendered messages, in both languages, never hold a refused value in full."""
    for lang in ("zh", "en"):
        text = errors.render(lang)
        assert "personal-data" in text
        for value in full:
            assert value not in text and value.replace("-", "") not in text


def set_school_name(package: Path, row: int, name: str) -> None:
    workbook = load_workbook(package / "schools.xlsx")
    workbook.worksheets[0].cell(row=row, column=3, value=name)  # 学校名称
    workbook.save(package / "schools.xlsx")


def set_cell(package: Path, file: str, row: int, header: str, value: str) -> None:
    """Write `value` into a CSV cell at spreadsheet row `row` (the header is row 1)."""
    path = package / file
    rows = list(csv.reader(path.open(encoding="utf-8-sig")))
    rows[row - 1][rows[0].index(header)] = value
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)


def add_to_toml(package: Path, text: str) -> None:
    path = package / "county.toml"
    path.write_text(path.read_text(encoding="utf-8") + "\n" + text + "\n", encoding="utf-8")


def test_the_fixture_has_no_personal_data(package):
    load_county(package)


def test_a_mobile_number_in_a_school_name_is_located_and_masked(package):
    set_school_name(package, 3, "柳河县第一小学（校长 139-1234-5678）")
    errors = errors_of(package)
    assert located(errors) == {("schools.xlsx", 3, "学校名称", "personal-data")}
    (error,) = errors.report.errors
    assert error.value == "139****5678"
    assert "手机号码" in error.message("zh") and "mobile phone number" in error.message("en")
    assert "[privacy]" in error.message("zh") and "[privacy]" in error.message("en")
    assert_masked(errors, MOBILE, "139-1234-5678")


def test_an_id_number_in_a_remediation_note_is_located_and_masked(package):
    set_cell(package, "remediation.csv", 2, "进展", f"已联系家长（身份证 {ID_NUMBER}）")
    errors = errors_of(package)
    assert located(errors) == {("remediation.csv", 2, "进展", "personal-data")}
    assert errors.report.errors[0].value == "1101**********002X"
    assert "身份证号码" in errors.render("zh") and "resident ID number" in errors.render("en")
    assert_masked(errors, ID_NUMBER)


def test_an_email_in_a_declaration_reason_and_a_release_note(package):
    set_cell(package, "declarations.csv", 2, "理由", f"详见督导室邮件 {EMAIL}")
    set_cell(
        package, "releases.csv", 2, "英文说明", "First publication; write to li.si@example.org"
    )
    errors = errors_of(package)
    assert located(errors) == {
        ("declarations.csv", 2, "理由", "personal-data"),
        ("releases.csv", 2, "英文说明", "personal-data"),
    }
    assert {e.value for e in errors.report.errors} == {"z***@example.com", "l***@example.org"}
    assert_masked(errors, EMAIL, "li.si@example.org")


def test_county_toml_strings_are_scanned_by_key(package):
    add_to_toml(package, f'[site]\ncontact_zh = "值班手机 {MOBILE}"\ntitle_en = "Ask {EMAIL}"')
    errors = errors_of(package)
    assert located(errors) == {
        ("county.toml", None, "site.contact_zh", "personal-data"),
        ("county.toml", None, "site.title_en", "personal-data"),
    }
    assert '键「site.contact_zh」: "139****5678"' in errors.render("zh")
    assert_masked(errors, MOBILE, EMAIL)


def test_a_number_in_the_county_name(package):
    path = package / "county.toml"
    text = path.read_text(encoding="utf-8").replace(
        'name_en = "Liuhe County"', f'name_en = "Liuhe County, tel. {MOBILE}"'
    )
    path.write_text(text, encoding="utf-8")
    errors = errors_of(package)
    assert located(errors) == {("county.toml", None, "county.name_en", "personal-data")}
    assert_masked(errors, MOBILE)


def test_an_email_in_the_site_contact_is_the_published_contact(package):
    add_to_toml(
        package, '[site]\ncontact_zh = "jyj@example.gov.cn"\ncontact_en = "jyj@example.gov.cn"'
    )
    assert load_county(package).info.site.contact_zh == "jyj@example.gov.cn"


def test_the_survey_config_is_scanned_by_key(package):
    path = package / "survey.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "zh: 县教育督导室确定：", f"zh: 县教育督导室（联系人手机 {MOBILE}）确定："
    )
    path.write_text(text, encoding="utf-8")
    errors = errors_of(package)
    assert located(errors) == {("survey.yaml", None, "group_weights.source.zh", "personal-data")}
    assert_masked(errors, MOBILE)


def test_every_hit_of_every_file_in_one_run(package):
    set_school_name(package, 3, f"柳河县第一小学 {MOBILE}")
    set_cell(package, "remediation.csv", 2, "进展", f"身份证 {ID_NUMBER}")
    set_cell(package, "releases.csv", 2, "说明", f"首次发布。联系 {EMAIL}")
    add_to_toml(package, f'[site]\ncontact_en = "Mobile {MOBILE}"')
    assert located(errors_of(package)) == {
        ("schools.xlsx", 3, "学校名称", "personal-data"),
        ("remediation.csv", 2, "进展", "personal-data"),
        ("releases.csv", 2, "说明", "personal-data"),
        ("county.toml", None, "site.contact_en", "personal-data"),
    }


def test_a_listed_public_number_passes_wherever_it_appears(package):
    set_school_name(package, 3, "柳河县第一小学（咨询 139 1234 5678）")
    set_cell(package, "remediation.csv", 2, "进展", f"咨询电话 {MOBILE}")
    add_to_toml(package, '[privacy]\nallowed = ["+86 139-1234-5678", "023-67821234"]')
    load_county(package)


def test_an_unlisted_number_still_fails_beside_a_listed_one(package):
    set_school_name(package, 3, f"柳河县第一小学（咨询 {MOBILE}，校长 13887654321）")
    add_to_toml(package, f'[privacy]\nallowed = ["{MOBILE}"]')
    errors = errors_of(package)
    assert located(errors) == {("schools.xlsx", 3, "学校名称", "personal-data")}
    assert [e.value for e in errors.report.errors] == ["138****4321"]
    assert_masked(errors, "13887654321")


def test_the_allow_list_itself_is_not_scanned_and_its_mistakes_are_named(package):
    add_to_toml(package, f'[privacy]\nallowed = ["{MOBILE}", 5]\nalowed = []')
    assert located(errors_of(package)) == {
        ("county.toml", None, "privacy.allowed[1]", "bad-config"),
        ("county.toml", None, "privacy.alowed", "unknown-key"),
    }


def test_the_allow_list_must_be_a_list(package):
    add_to_toml(package, f'[privacy]\nallowed = "{MOBILE}"')
    assert located(errors_of(package)) == {("county.toml", None, "privacy.allowed", "bad-config")}


def test_allowing_is_undone_after_the_block():
    with allowing([MOBILE]):
        pass
    report = LoadReport()
    scan_text("a.csv", 2, "说明", MOBILE, report)
    assert [e.code for e in report.errors] == ["personal-data"]


def test_any_error_quoting_a_value_masks_the_personal_data_in_it():
    """A cell with a number and another problem: the other problem's message masks it too."""
    from loaders import InputError, LoadReport

    report = LoadReport()
    report.add(
        InputError("schools.csv", "empty", row=3, column="学校名称", value="一小 13912345678")
    )
    (error,) = report.errors
    assert error.value == "一小 139****5678"
    assert "13912345678" not in error.message("en")
