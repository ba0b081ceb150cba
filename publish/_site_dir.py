"""Where a site may be published, and how it replaces the previous one without a gap.

The output folder is deleted and replaced on every build, so it must be a folder this tool
wrote (it carries a marker file) or a new or empty one, never the repository, the narrative
or a data package: `--site-dir .` once deleted a whole checkout. The new site is built beside
the published one and swapped in with one atomic exchange, so a web server (or a build killed
at any instant) always finds a complete site at the published path.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

MARKER = ".equity-site"
MARKER_TEXT = (
    "本文件夹由 python -m publish build 生成，每次构建都会被整体替换。\n"
    "This folder was written by `python -m publish build` and is replaced by every build.\n"
)
AT_FDCWD = -100
RENAME_EXCHANGE = 2  # linux/fs.h

PUBLISHED = "build/site"  # the site a build publishes, unless --site-dir says otherwise
DRAFT_DIR = "build/draft"  # where --draft writes: never the published site


def report_dir(site_dir: Path) -> Path:
    """Return where the staff's DOCX goes: beside the site, never in it (it is not published).

    `build/site` gives `build/report`; any other site folder its own `<name>-report`, so the
    builds of two counties into one folder never overwrite each other's documents.
    """
    name = "report" if site_dir.name == "site" else f"{site_dir.name}-report"
    return site_dir.parent / name


def is_site(folder: Path) -> bool:
    """Return whether `folder` is a site this tool wrote (it carries the marker)."""
    return (folder / MARKER).is_file()


def _refusal(site_dir: Path, zh: str, en: str) -> str:
    return (
        f"拒绝使用输出文件夹 {site_dir}：{zh}。没有删除任何文件。请用 --site-dir 指定一个新的"
        "或空的文件夹，或以前由本工具生成的网站文件夹（例如默认的 build/site）。\n"
        f"Refusing the output folder {site_dir}: {en}. Nothing was deleted. Pass --site-dir "
        "a new or empty folder, or a site this tool built before (such as the default "
        "build/site)."
    )


def check_site_dir(site_dir: Path, root: Path, package: Path) -> str | None:
    """Return why `site_dir` must not be replaced by a build (both languages), or None."""
    site_dir, root, package = site_dir.resolve(), root.resolve(), package.resolve()
    protected = {
        root: ("它是本项目的文件夹", "it is the project folder"),
        root / "docs": ("它是网站的正文文件夹 docs/", "it is the narrative folder docs/"),
        root / "data": ("它是数据文件夹 data/", "it is the data folder data/"),
        package: ("它是县的数据包", "it is the county's data package"),
    }
    for folder, (zh, en) in protected.items():
        if site_dir == folder:
            return _refusal(site_dir, zh, en)
        if folder.is_relative_to(site_dir):
            return _refusal(site_dir, f"它包含 {folder}", f"it contains {folder}")
    for folder in (root / "docs", root / "data", package):
        if site_dir.is_relative_to(folder):
            return _refusal(site_dir, f"它位于 {folder} 之内", f"it is inside {folder}")
    if not site_dir.exists():
        return None
    if not site_dir.is_dir():
        return _refusal(site_dir, "它是一个文件", "it is a file, not a folder")
    if not is_site(site_dir) and not _legacy_site(site_dir, root):
        if any(site_dir.iterdir()):
            return _refusal(
                site_dir,
                f"它不是空文件夹，也不是本工具生成的网站（没有 {MARKER} 标记文件）",
                f"it is neither empty nor a site this tool built (it has no {MARKER} marker)",
            )
        return None
    for name in ("county.toml", "mkdocs.yml"):
        found = next(site_dir.rglob(name), None)
        if found is not None:
            return _refusal(site_dir, f"它包含 {found}", f"it contains {found}")
    return None


def _legacy_site(site_dir: Path, root: Path) -> bool:
    """Return whether `site_dir` is the default build/site of a version without the marker.

    Only the default place, and only with the files every MkDocs site has, so a checkout
    updated from such a version builds as before instead of refusing its own site.
    """
    return site_dir == root / "build" / "site" and all(
        (site_dir / name).is_file() for name in ("index.html", "sitemap.xml", "404.html")
    )


@contextmanager
def build_lock(root: Path) -> Iterator[None]:
    """Hold the checkout's build lock: a second build here waits for the first to finish."""
    path = root / "build" / ".lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(
                "此项目中另一次构建正在进行，等待其结束……\n"
                "Another build is running in this project; waiting for it to finish …",
                file=sys.stderr,
                flush=True,
            )
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _staging_prefix(site_dir: Path) -> str:
    return f".site-{site_dir.name}."


def new_staging(site_dir: Path) -> Path:
    """Create the folder the next site is built in, beside `site_dir`, marked as a site."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=_staging_prefix(site_dir), dir=site_dir.parent))
    (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")  # MkDocs keeps dot-files
    return staging


def remove_stale_staging(site_dir: Path) -> list[Path]:
    """Delete the staging folders killed builds left beside `site_dir` (only marked ones)."""
    stale = [
        p
        for p in site_dir.parent.glob(_staging_prefix(site_dir) + "*")
        if p.is_dir() and not p.is_symlink() and is_site(p)
    ]
    for path in stale:
        shutil.rmtree(path, ignore_errors=True)
    return stale


def make_world_readable(folder: Path) -> None:
    """Folders 0755, files 0644: mkdtemp creates 0700, which a web server user cannot read."""
    folder.chmod(0o755)
    for parent, folders, files in os.walk(folder):
        for name in folders:
            os.chmod(os.path.join(parent, name), 0o755)
        for name in files:
            os.chmod(os.path.join(parent, name), 0o644)


def exchange(first: Path, second: Path) -> bool:
    """Atomically swap two existing paths (Linux renameat2, glibc ≥ 2.28); False if unsupported."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
    renameat2.argtypes += [ctypes.c_uint]
    if renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE):
        code = ctypes.get_errno()
        if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):  # kernel or filesystem lacks it
            return False
        raise OSError(code, os.strerror(code), str(first), None, str(second))
    return True


def swap_in(staging: Path, site_dir: Path) -> None:
    """Make the finished `staging` the published `site_dir`; the old site is deleted after."""
    (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    make_world_readable(staging)
    if not site_dir.exists():
        staging.rename(site_dir)
    elif exchange(staging, site_dir):
        # `staging` is now the previous site, already replaced: a failure to delete it (or a
        # kill) leaves it for the next build to delete, and this build has still succeeded
        with suppress(OSError):
            shutil.rmtree(staging)
    else:
        # Fallback where renameat2 is unavailable (not Linux, old glibc, a filesystem without
        # RENAME_EXCHANGE): two renames, with a moment without a site between them. The old site
        # keeps a staging name, so a build killed in between leaves it for the next to delete.
        old = Path(tempfile.mkdtemp(prefix=_staging_prefix(site_dir), dir=site_dir.parent))
        old.rmdir()
        site_dir.rename(old)
        staging.rename(site_dir)
        shutil.rmtree(old, ignore_errors=True)
