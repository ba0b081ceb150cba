"""The county's narrative (主要举措及成效): only the two figure marks, known codes, no personal
data, both languages, bounded in size; each problem named by file and line."""

from __future__ import annotations

import pytest

from loaders import InputErrors, load_county


def _errors(package) -> list:
    with pytest.raises(InputErrors) as caught:
        load_county(package)
    return caught.value.report.errors


def test_the_small_countys_narrative_loads_with_its_figures(package):
    narrative = load_county(package).narrative
    assert '{{ figure("rebuilt_schools") }}' in narrative.zh
    assert narrative.en.startswith("# Better school buildings")
    assert narrative.figures.loc["new_places", "value"] == 1350
    assert narrative.figures.loc["rebuilt_schools", "unit_en"] == "schools"


@pytest.mark.parametrize(
    "line",
    [
        "{{ 7*191 }}",
        "{% include 'x' %}",
        "{# a comment #}",
        '{{ figure("new_places") | safe }}',
        "{{ config }}",
        "半个标记 }} 也不行",
    ],
)
def test_any_other_template_syntax_is_refused_with_its_line(package, line):
    path = package / "narrative.md"
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    errors = [e for e in _errors(package) if e.code == "narrative-template"]
    lines = path.read_text(encoding="utf-8").split("\n")
    assert [(e.file, e.row) for e in errors] == [("narrative.md", lines.index(line) + 1)]
    assert "figure" in errors[0].expectation("en")


def test_unknown_codes_are_named_with_what_is_allowed(package):
    path = package / "narrative.en.md"
    path.write_text('{{ figure("new_place") }} and {{ measure("teacher_pay") }}\n', "utf-8")
    errors = sorted(_errors(package), key=lambda e: e.value)
    assert [(e.code, e.file, e.row, e.value) for e in errors] == [
        ("not-in-list", "narrative.en.md", 1, 'figure("new_place")'),
        ("not-in-list", "narrative.en.md", 1, 'measure("teacher_pay")'),
    ]
    assert "new_places" in errors[0].expected and "teacher_pay_yuan" in errors[1].expected


def test_personal_data_in_the_text_stops_the_load(package):
    path = package / "narrative.md"
    path.write_text("联系人电话 13912345678。\n", encoding="utf-8")
    errors = _errors(package)
    assert [(e.file, e.row) for e in errors] == [("narrative.md", 1)]
    assert "13912345678" not in str(errors[0].value)  # masked in the message too


def test_one_language_alone_says_both_or_neither_and_how(package):
    manifest = package / "county.toml"
    text = manifest.read_text(encoding="utf-8").replace('narrative_en = "narrative.en.md"\n', "")
    manifest.write_text(text, encoding="utf-8")
    errors = _errors(package)
    assert [(e.file, e.code, e.column) for e in errors] == [
        ("county.toml", "missing-key", "files.narrative_en")  # absent, not "must not be empty"
    ]
    en = errors[0].message("en")
    assert 'narrative_en = "narrative.en.md"' in en
    assert "delete both the narrative and the narrative_en lines" in en
    assert "两行都删除" in errors[0].message("zh")


def test_a_text_past_its_size_limit_is_not_read(package):
    (package / "narrative.md").write_text("好" * 200_000, encoding="utf-8")  # 600,000 bytes
    errors = _errors(package)
    assert [e.code for e in errors] == ["too-large"]


def test_a_narrative_figure_needs_a_number_and_a_source(package):
    path = package / "narrative_figures.csv"
    path.write_text(
        "代码,名称,英文名称,数值,单位,英文单位,依据\nnew_places,新增学位,places,很多,个,places,\n"
        "rebuilt_schools,改扩建,rebuilt,4,所,schools,台账\n",
        encoding="utf-8-sig",
    )
    errors = _errors(package)
    assert {(e.file, e.row, e.column) for e in errors} >= {("narrative_figures.csv", 2, "数值")}


def test_a_bad_figures_file_is_reported_alone_not_again_at_every_mark(package):
    path = package / "narrative_figures.csv"
    text = path.read_text(encoding="utf-8-sig").replace("1350", "四")
    path.write_text(text, encoding="utf-8-sig")
    errors = _errors(package)
    assert [(e.file, e.row, e.code) for e in errors] == [
        ("narrative_figures.csv", 3, "not-number")  # no false unknown code per figure mark
    ]


def test_a_bad_figures_file_still_lets_wrong_measures_and_marks_be_found(package):
    (package / "narrative_figures.csv").write_text(
        "代码,名称,英文名称,数值,单位,英文单位,依据\nnew_places,新增学位,places,很多,个,places,台账\n",
        encoding="utf-8-sig",
    )
    path = package / "narrative.en.md"
    path.write_text('{{ measure("teacher_pay") }} {{ figure("new_places") }} {{ 1 }}\n', "utf-8")
    errors = _errors(package)
    assert sorted((e.file, e.code) for e in errors) == [
        ("narrative.en.md", "narrative-template"),
        ("narrative.en.md", "not-in-list"),
        ("narrative_figures.csv", "not-number"),
    ]


def test_spaces_and_single_quotes_in_a_mark_are_accepted(package):
    path = package / "narrative.md"
    path.write_text(
        "新增 {{figure('new_places')}}，{{  measure( 'teacher_pay_yuan' )  }}。\n", "utf-8"
    )
    assert load_county(package).narrative.zh.startswith("新增 {{figure('new_places')}}")


@pytest.mark.parametrize(
    ("mark", "why"),
    [
        ("{{ figure(“new_places”) }}", "straight double quotes"),
        ('{{ figure（"new_places"） }}', "brackets must be plain"),
    ],
)
def test_a_mark_in_chinese_punctuation_is_shown_whole_with_the_mark_to_type(package, mark, why):
    path = package / "narrative.md"
    path.write_text(f"近三年新增学位{'很多' * 40}，共 {mark}。\n", "utf-8")
    [error] = _errors(package)
    assert (error.code, error.row, error.value) == ("narrative-template", 1, mark)
    assert error.expectation("en") == '{{ figure("new_places") }}'
    assert why in error.message("en")


def test_half_a_mark_is_named_with_the_words_around_it(package):
    path = package / "narrative.md"
    path.write_text('教师工资 {{ measure("teacher_pay_yuan") }} 元 }}\n', "utf-8")
    [error] = _errors(package)
    assert error.value.endswith("元 }}") and '"}}" lacks its other half' in error.message("en")


def test_a_markdown_file_is_located_by_line_not_row(package):
    path = package / "narrative.en.md"
    path.write_text("Intro\n\n{{ config }}\n", "utf-8")
    [error] = _errors(package)
    assert error.message("en").startswith('narrative.en.md, line 3: "{{ config }}"')
    assert error.message("zh").startswith("narrative.en.md, 第 3 行")
