"""`--site-dir` is deleted and replaced by every build: only a site this tool wrote may be.

`--site-dir .` once deleted a whole checkout. Each case runs the real command line in a small
project folder; computing and rendering are replaced by a stub (the checks come first, so a
refused folder never gets that far), and the whole project is compared before and after.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from publish import _build, _cli
from publish._site_dir import MARKER, check_site_dir, report_dir


def tree(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        if p.is_file()
        else "folder"
        for p in sorted(folder.rglob("*"))
    }


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder: mkdocs.yml, docs/, a county package under data/; builds are stubbed."""
    root = tmp_path / "project"
    (root / "docs").mkdir(parents=True)
    (root / "mkdocs.yml").write_text("site_name: test\n", encoding="utf-8")
    (root / "docs" / "index.md").write_text("# 首页\n", encoding="utf-8")
    (root / "data" / "county").mkdir(parents=True)
    (root / "data" / "county" / "county.toml").write_text("[county]\n", encoding="utf-8")
    (root / "data" / "county" / "schools.csv").write_text("学校\n", encoding="utf-8")
    monkeypatch.chdir(root)
    monkeypatch.setattr(_build, "precompute", lambda package, cache, draft=False: "results")
    monkeypatch.setattr(_build, "make_documents", lambda root, results: None)  # no report

    def fake_build_site(root: Path, package: Path, site_dir: Path, results: str, *_) -> bool:
        (site_dir / "index.html").write_text("<html lang='zh'>new</html>", encoding="utf-8")
        return True

    monkeypatch.setattr(_build, "build_site", fake_build_site)
    return root


def build(site_dir: str) -> int:
    return _cli.main(["build", "--county", "data/county", "--site-dir", site_dir])


@pytest.mark.parametrize(
    "site_dir",
    [".", "..", "docs", "data", "data/county", "data/county/site", "docs/site", "data/new"],
)
def test_the_project_its_narrative_and_its_data_are_refused(project, capsys, site_dir):
    before = tree(project.parent)
    assert build(site_dir) == 1
    message = capsys.readouterr().err
    assert "拒绝使用输出文件夹" in message and "Refusing the output folder" in message
    assert "Nothing was deleted" in message and "Traceback" not in message
    assert tree(project.parent) == before


def test_a_folder_that_is_not_a_site_is_refused(project, capsys):
    (project / "notes").mkdir()
    (project / "notes" / "plan.txt").write_text("keep me", encoding="utf-8")
    before = tree(project)
    assert build("notes") == 1
    assert f"it has no {MARKER} marker" in capsys.readouterr().err
    assert tree(project) == before


def test_a_file_is_refused(project, capsys):
    (project / "site.html").write_text("x", encoding="utf-8")
    assert build("site.html") == 1
    assert "it is a file" in capsys.readouterr().err
    assert (project / "site.html").read_text(encoding="utf-8") == "x"


def test_a_marked_folder_holding_a_data_package_is_refused(project, tmp_path, capsys):
    fake = tmp_path / "elsewhere"
    (fake / "county").mkdir(parents=True)
    (fake / MARKER).write_text("copied marker", encoding="utf-8")
    (fake / "county" / "county.toml").write_text("[county]\n", encoding="utf-8")
    assert build(str(fake)) == 1
    assert "county.toml" in capsys.readouterr().err
    assert (fake / "county" / "county.toml").is_file()


def test_the_parent_of_a_package_outside_the_project_is_refused(project, tmp_path):
    package = tmp_path / "counties" / "mine"
    package.mkdir(parents=True)
    (package / "county.toml").write_text("[county]\n", encoding="utf-8")
    assert check_site_dir(tmp_path / "counties", project, package) is not None
    assert check_site_dir(package, project, package) is not None
    assert check_site_dir(tmp_path / "site", project, package) is None


@pytest.mark.parametrize("existing", [False, True])
def test_a_new_or_empty_folder_is_accepted_and_marked(project, existing):
    site = project / "build" / "new-site"
    if existing:
        site.mkdir(parents=True)
    assert build("build/new-site") == 0
    assert (site / "index.html").read_text(encoding="utf-8") == "<html lang='zh'>new</html>"
    assert (site / MARKER).is_file()


def test_a_previous_site_is_accepted_and_replaced(project, tmp_path):
    site = tmp_path / "published"
    assert build(str(site)) == 0
    (site / "stale.html").write_text("from the previous build", encoding="utf-8")
    assert build(str(site)) == 0
    assert sorted(p.name for p in site.iterdir()) == [MARKER, "index.html"]


def test_the_default_site_of_a_version_without_the_marker_is_accepted(project):
    site = project / "build" / "site"
    site.mkdir(parents=True)
    for name in ("index.html", "sitemap.xml", "404.html"):
        (site / name).write_text("old", encoding="utf-8")
    assert build("build/site") == 0
    assert (site / MARKER).is_file() and not (site / "404.html").exists()
    moved = project / "build" / "elsewhere"
    moved.mkdir()
    for name in ("index.html", "sitemap.xml", "404.html"):  # the same files, elsewhere: no
        (moved / name).write_text("old", encoding="utf-8")
    assert build("build/elsewhere") == 1


@pytest.mark.parametrize(
    "site, report",
    [
        ("build/site", "build/report"),
        ("build/liuhe", "build/liuhe-report"),
        ("/srv/www/county-a/site", "/srv/www/county-a/report"),
    ],
)
def test_the_staff_document_goes_beside_the_site_and_each_site_has_its_own(site, report):
    """The DOCX is never published, so never inside the site; two counties' sites built into
    one folder do not share (and overwrite) one report folder."""
    assert report_dir(Path(site)) == Path(report)
    assert not Path(report).is_relative_to(Path(site))
