"""Publishing the site: one atomic exchange, world-readable, leftovers cleaned, one build at a time.

Rendering is replaced by a stub that writes a few files (the real build is covered by
test_build.py); what is tested here is the folder handling around it, including builds
killed with SIGKILL at the two moments that matter.
"""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from publish import _build, _cli, _site_dir
from publish._site_dir import MARKER, build_lock, exchange, swap_in

ROOT = Path(__file__).resolve().parents[2]
PAGES = ("index.html", "en/index.html", "assets/site.css")


def write_pages(site_dir: Path, text: str) -> None:
    """Write the stub site, files 0600 and folders 0700, as a strict umask would leave them."""
    for name in PAGES:
        path = site_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.parent.chmod(0o700)
        path.write_text(text, encoding="utf-8")
        path.chmod(0o600)


def complete(site: Path, text: str) -> bool:
    return all(
        (site / n).is_file() and (site / n).read_text(encoding="utf-8") == text for n in PAGES
    )


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "project"
    (root / "docs").mkdir(parents=True)
    (root / "data" / "county").mkdir(parents=True)
    (root / "data" / "county" / "county.toml").write_text("[county]\n", encoding="utf-8")
    monkeypatch.setattr(_build, "precompute", lambda package, cache, draft=False: "results")
    monkeypatch.setattr(_build, "make_documents", lambda root, results: None)  # no report
    return root


def stub(monkeypatch: pytest.MonkeyPatch, text: str, ok: bool = True) -> None:
    def fake_build_site(root: Path, package: Path, site_dir: Path, results: str, *_) -> bool:
        write_pages(site_dir, text)
        return ok

    monkeypatch.setattr(_build, "build_site", fake_build_site)


def run(project: Path) -> int:
    return _build.build(project, project / "data" / "county", project / "build" / "site")


def test_the_published_site_is_world_readable(project, monkeypatch):
    stub(monkeypatch, "one")
    assert run(project) == 0
    site = project / "build" / "site"
    assert stat.S_IMODE(site.stat().st_mode) == 0o755  # mkdtemp made it 0700
    for path in site.rglob("*"):
        expected = 0o755 if path.is_dir() else 0o644
        assert stat.S_IMODE(path.stat().st_mode) == expected, path


def test_a_new_site_replaces_the_old_and_leaves_nothing_beside_it(project, monkeypatch):
    stub(monkeypatch, "one")
    assert run(project) == 0
    stub(monkeypatch, "two")
    assert run(project) == 0
    assert complete(project / "build" / "site", "two")
    assert sorted(p.name for p in (project / "build").iterdir()) == [".lock", "site"]


def test_a_failed_build_keeps_the_previous_site_and_its_staging_is_removed(project, monkeypatch):
    stub(monkeypatch, "one")
    assert run(project) == 0
    stub(monkeypatch, "broken", ok=False)
    assert run(project) == 1
    assert complete(project / "build" / "site", "one")
    assert not list((project / "build").glob(".site-*"))


def test_the_exchange_swaps_two_folders_atomically(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    write_pages(first, "first")
    write_pages(second, "second")
    assert exchange(first, second)  # renameat2 with RENAME_EXCHANGE: Linux, glibc 2.36 here
    assert complete(first, "second") and complete(second, "first")


def test_an_error_after_the_exchange_leaves_the_new_site_published(project, monkeypatch):
    """Deleting the replaced site fails (a disk error): the new site is published, the build
    succeeds, and the next build removes what was left."""
    stub(monkeypatch, "one")
    assert run(project) == 0
    stub(monkeypatch, "two")
    real_rmtree = _site_dir.shutil.rmtree

    def fail(path, *args, **kwargs):
        raise OSError("disk error while deleting the old site")

    monkeypatch.setattr(_site_dir.shutil, "rmtree", fail)
    assert run(project) == 0
    assert complete(project / "build" / "site", "two")
    (left,) = (project / "build").glob(".site-*")
    assert complete(left, "one")  # the replaced site, left beside
    monkeypatch.setattr(_site_dir.shutil, "rmtree", real_rmtree)
    assert run(project) == 0
    assert not list((project / "build").glob(".site-*"))


def test_without_renameat2_the_two_renames_still_publish_the_new_site(project, monkeypatch):
    stub(monkeypatch, "one")
    assert run(project) == 0
    stub(monkeypatch, "two")
    monkeypatch.setattr(_site_dir, "exchange", lambda first, second: False)
    assert run(project) == 0
    assert complete(project / "build" / "site", "two")
    assert not list((project / "build").glob(".site-*"))


KILLED_BUILD = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from publish import _build, _site_dir

    root, moment = Path(sys.argv[1]), sys.argv[2]
    kill = lambda *args, **kwargs: os.kill(os.getpid(), signal.SIGKILL)

    def build_site(root, package, site_dir, results, *_):
        (site_dir / "index.html").write_text("half", encoding="utf-8")
        if moment == "while building":
            kill()
        for name in ("index.html", "en/index.html", "assets/site.css"):
            (site_dir / name).parent.mkdir(parents=True, exist_ok=True)
            (site_dir / name).write_text("two", encoding="utf-8")
        return True

    _build.precompute = lambda package, cache, draft=False: "results"
    _build.make_documents = lambda root, results: None
    _build.build_site = build_site
    if moment == "after the exchange":
        _site_dir.shutil.rmtree = kill
    _build.build(root, root / "data" / "county", root / "build" / "site")
    """
)


@pytest.mark.parametrize(
    "moment, published", [("while building", "one"), ("after the exchange", "two")]
)
def test_a_killed_build_leaves_a_complete_site_and_the_next_build_cleans_up(
    project, monkeypatch, moment, published
):
    stub(monkeypatch, "one")
    assert run(project) == 0
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_BUILD, str(project), moment], cwd=ROOT, capture_output=True
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]
    assert complete(project / "build" / "site", published)
    left = list((project / "build").glob(".site-*"))
    assert len(left) == 1 and (left[0] / MARKER).is_file()  # the killed build's folder
    unmarked = project / "build" / ".site-site.not-ours"
    unmarked.mkdir()
    stub(monkeypatch, "three")
    assert run(project) == 0
    assert complete(project / "build" / "site", "three")
    assert list((project / "build").glob(".site-*")) == [unmarked]  # only marked ones go


def test_a_second_build_waits_for_the_first(project, monkeypatch, capsys):
    stub(monkeypatch, "one")
    codes: list[int] = []
    with build_lock(project):  # a build in progress
        second = threading.Thread(target=lambda: codes.append(run(project)))
        second.start()
        time.sleep(1.0)
        assert second.is_alive() and not (project / "build" / "site").exists()
    second.join(timeout=30)
    assert codes == [0] and complete(project / "build" / "site", "one")
    message = capsys.readouterr().err
    assert "另一次构建正在进行" in message and "Another build is running" in message


def test_swap_in_publishes_into_a_new_path(tmp_path):
    staging = tmp_path / ".site-site.x"
    write_pages(staging, "new")
    swap_in(staging, tmp_path / "site")
    assert complete(tmp_path / "site", "new") and not staging.exists()
    assert oct(stat.S_IMODE(os.stat(tmp_path / "site").st_mode)) == oct(0o755)


def _main_in(project: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    (project / "mkdocs.yml").write_text("site_name: stub\n", encoding="utf-8")
    monkeypatch.chdir(project)
    return _cli.main(["build", "--county", "data/county"])


@pytest.mark.parametrize(
    "where, code, reason_zh, reason_en",
    [
        ("pages", errno.ENOSPC, "磁盘空间已满", "No space left on device"),
        ("staging", errno.EROFS, "文件系统是只读的", "Read-only file system"),
        ("lock", errno.EACCES, "没有权限", "Permission denied"),
    ],
)
def test_a_full_disk_or_a_read_only_build_folder_is_a_message_not_a_traceback(
    project, monkeypatch, capsys, where, code, reason_zh, reason_en
):
    """The failure is named with its file and cause in both languages, the published site is
    the previous one, complete, and no staging folder is left behind."""
    stub(monkeypatch, "one")
    assert _main_in(project, monkeypatch) == 0
    target = str(project / "build" / "site" / "index.html")

    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code), target)

    if where == "pages":
        monkeypatch.setattr(_build, "build_site", fail)
    elif where == "staging":
        monkeypatch.setattr(_build, "new_staging", fail)
    else:
        monkeypatch.setattr(_site_dir.fcntl, "flock", fail)
    capsys.readouterr()
    assert _main_in(project, monkeypatch) == 1
    message = capsys.readouterr().err
    assert reason_zh in message and reason_en in message and target in message
    assert "已发布的网站保持不变" in message and "the published site is unchanged" in message
    assert "Traceback" not in message
    assert complete(project / "build" / "site", "one")
    assert not list((project / "build").glob(".site-*"))


def test_the_preview_listens_on_this_machine_only(project, monkeypatch):
    """`nox -s serve` starts MkDocs bound to 127.0.0.1, so the draft narrative and the data
    are not served to the network the machine is on."""
    commands: list[list[str]] = []
    monkeypatch.setattr(_build, "mkdocs_environment", lambda county: {})
    monkeypatch.setattr(
        _build.subprocess,
        "run",
        lambda command, **kwargs: commands.append(command) or subprocess.CompletedProcess([], 0),
    )
    (project / "mkdocs.yml").write_text("site_name: stub\n", encoding="utf-8")
    monkeypatch.chdir(project)
    monkeypatch.setattr(_build, "precompute", lambda *args, **kwargs: type("R", (), {"county": 0}))
    assert _cli.main(["serve", "--county", "data/county"]) == 0
    (command,) = commands
    address = command[command.index("--dev-addr") + 1]
    assert address.split(":")[0] == "127.0.0.1"
