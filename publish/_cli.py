"""`python -m publish build|serve|check|template`: read the command line, run one command.

Each command imports only what it needs: `check` and `template` never load the site generator,
the charts or the report document, so a data officer's check starts in a fraction of a second.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
from pathlib import Path

from publish._site_dir import DRAFT_DIR, PUBLISHED


def fail(message: str) -> int:
    """Print a message for staff on stderr; return the exit status of a failed command."""
    print(message, file=sys.stderr)
    return 1


# why a file operation failed, in Chinese (the English is the system's own text)
OS_REASONS_ZH = {
    errno.ENOSPC: "磁盘空间已满",
    errno.EDQUOT: "超出了磁盘配额",
    errno.EROFS: "文件系统是只读的",
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
}


def os_failure(error: OSError) -> str:
    """Say which file could not be written or read and why, in both languages, and that the
    published site is unchanged (every output is written beside it and swapped in at the end)."""
    where = error.filename or "build/"
    reason_zh = OS_REASONS_ZH.get(error.errno or 0, error.strerror or str(error))
    reason_en = error.strerror or str(error)
    return (
        f"无法写入或读取 {where}：{reason_zh}。请腾出磁盘空间或检查文件夹的权限后重新运行；"
        "已发布的网站保持不变。\n"
        f"Cannot write or read {where}: {reason_en}. Free some disk space or check the folder's "
        "permissions, then run the command again; the published site is unchanged."
    )


def main(argv: list[str] | None = None) -> int:
    """Run one command; a failing disk or folder is a message, never a traceback."""
    try:
        return _main(argv)
    except OSError as error:
        return fail(os_failure(error))


def _main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m publish", description=__doc__)
    parser.add_argument("command", choices=["build", "serve", "check", "template"])
    parser.add_argument(
        "--county",
        default=None,
        help="county data package folder (default: data/demo, the demonstration county; "
        "template: none, a blank workbook, or pre-filled from the package given)",
    )
    parser.add_argument(
        "--site-dir",
        default=None,
        help=f"output folder (default: {PUBLISHED}; with --draft: {DRAFT_DIR})",
    )
    parser.add_argument(
        "--draft",
        action="store_true",
        help="build whatever the present files allow (a school register is enough), with a "
        f"草稿 / DRAFT banner and a page of what is missing, into {DRAFT_DIR} (never published)",
    )
    parser.add_argument(
        "--cache-dir",
        default="build/cache",
        help="results cache (default: build/cache); a new folder computes from cold",
    )
    parser.add_argument(
        "--check-dir", default=None, help="check: report folder (default: build/check)"
    )
    parser.add_argument("--dev-addr", default="127.0.0.1:8000", help="serve: address to listen on")
    parser.add_argument(
        "--out",
        default=None,
        help="template: workbook to write (default: build/template/数据模板.xlsx)",
    )
    args = parser.parse_args(argv)
    root = Path.cwd()
    if not (root / "mkdocs.yml").is_file():
        return fail("run this from the project folder (where mkdocs.yml is)")
    if args.command == "template":
        from publish._template import DEFAULT_OUT, template  # openpyxl only for this command

        county = root / args.county if args.county else None
        return template(root / (args.out or DEFAULT_OUT), county)
    package = (root / (args.county or os.environ.get("COUNTY_PACKAGE", "data/demo"))).resolve()
    if args.command == "check":
        from publish._check import CHECK_DIR, check  # no MkDocs, no cache: validation only

        return check(package, (root / (args.check_dir or CHECK_DIR)).resolve())
    from publish import _build  # MkDocs, the charts and the report document: build and serve only

    if args.command == "build":
        site_dir = args.site_dir or (DRAFT_DIR if args.draft else PUBLISHED)
        cache_dir = (root / args.cache_dir).resolve()
        return _build.build(root, package, (root / site_dir).resolve(), args.draft, cache_dir)
    return _build.serve(root, package, args.dev_addr)
