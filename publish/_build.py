"""`python -m publish build|serve`: compute the results, then build the site.

The results are computed (and cached) before MkDocs starts, so bad input stops the build with
the staff-facing error list and no traceback. MkDocs then runs in this same process and the
macros receive the results in memory: a second interpreter would import pandas, the rules and
the theme again and read the cache back, which cost about a second of every build. MkDocs writes
into a fresh folder beside `build/site/`, which replaces the previous site only when the whole
build succeeded, by one atomic exchange (publish/_site_dir.py, which also refuses an output
folder that is not a site this tool wrote).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from loaders import InputErrors
from publish._cli import fail
from publish._document_build import make_documents, write_docx, write_pdfs
from publish._mkdocs import run_build, serve_command
from publish._results import Results, cached_results
from publish._site import mkdocs_environment
from publish._site_dir import (
    PUBLISHED,
    build_lock,
    check_site_dir,
    new_staging,
    remove_stale_staging,
    report_dir,
    swap_in,
)

DRAFT_PAGES = (
    "draft.md\ndraft.en.md"  # gitignore-style patterns: the draft's page of what is missing
)


def precompute(package: Path, cache_dir: Path, draft: bool = False) -> Results | None:
    """Compute and cache the results; on bad input print the errors in both languages."""
    try:
        return cached_results(package, cache_dir, draft=draft)
    except InputErrors as errors:
        fail(
            "数据包有错误，网站未发布（原网站保持不变）：\n"
            + errors.render("zh")
            + "\n\nThe data package has errors; nothing was published"
            + " (the previous site is kept):\n"
            + errors.render("en")
        )
        return None


def build_site(
    root: Path, package: Path, site_dir: Path, results: Results, reports: dict[str, str]
) -> bool:
    """Build the site's pages with MkDocs (through its one adapter); False on failure.

    The page listing what a draft lacks (docs/draft.md) is left out of every full build;
    `reports` are the report PDFs the pages link (language → path under the site root).
    """
    os.environ["COUNTY_PACKAGE"] = str(package)
    os.environ.update(mkdocs_environment(results.county))  # title and site_url (county.toml)
    draft = results.draft is not None
    return run_build(root / "mkdocs.yml", package, site_dir, results, DRAFT_PAGES, draft, reports)


def build(
    root: Path, package: Path, site_dir: Path, draft: bool = False, cache_dir: Path | None = None
) -> int:
    """Build into a staging folder beside the site and swap it in only on success.

    The output folder is checked first (it is replaced, so it must be a site this tool wrote),
    and the whole build holds the checkout's lock, so two builds never share a staging folder
    or the results cache.
    """
    refusal = check_site_dir(site_dir, root, package)
    if refusal is None and draft and site_dir == (root / PUBLISHED).resolve():
        refusal = (
            f"草稿不会写入正式网站目录 {PUBLISHED}；请去掉 --site-dir 或另选目录。\n"
            f"A draft is never written to the published {PUBLISHED}; leave out --site-dir "
            "(drafts go to build/draft) or choose another folder."
        )
    if refusal is not None:
        return fail(refusal)
    with build_lock(root):
        remove_stale_staging(site_dir)
        results = precompute(package, cache_dir or root / "build" / "cache", draft=draft)
        if results is None:
            return 1
        documents = None if draft else make_documents(root, results)
        if isinstance(documents, list):  # a [report] page the site lacks, or a page's error
            kept = f"the previous {site_dir} is unchanged" if site_dir.exists() else "nothing"
            return fail(
                "\n".join(documents)
                + "\n\n报告文档无法生成，网站未发布；原网站保持不变。"
                + f"\nThe report document could not be made, so nothing was published; {kept}."
            )
        staging = new_staging(site_dir)
        try:
            links = documents.links if documents else {}
            built = build_site(root, package, staging, results, links)
            if built and documents:
                write_pdfs(documents, staging)
            if built:
                swap_in(staging, site_dir)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    if not built:
        shutil.rmtree(staging, ignore_errors=True)
        kept = (
            f"the previous {site_dir} is unchanged" if site_dir.exists() else "no site was written"
        )
        return fail(
            "\n网站构建失败（见上方信息）；原网站保持不变。"
            f"\nThe site build failed (see above); {kept}."
        )
    print(f"site written to {site_dir}")
    if documents:
        for message in documents.skipped:
            print(message, file=sys.stderr)
        for relative in documents.links.values():
            print(f"报告 / report published at {site_dir / relative}")
        for path in write_docx(documents, report_dir(site_dir)):
            print(f"报告 / report written to {path}")
    return 0


def serve(root: Path, package: Path, address: str) -> int:
    """Live preview for narrative editing; results come from the cache, not recomputed.

    Only the edited page is rebuilt (`--dirty`: about a second instead of the whole site in
    both languages), which MkDocs warns may leave the navigation slightly stale, hence not
    strict; a macro error is shown in the page instead of stopping the server. Publishing
    always goes through `build`, which is strict and complete.
    """
    with build_lock(root):  # not while a build writes the results cache
        results = precompute(package, root / "build" / "cache")
    if results is None:
        return 1
    env = {
        **os.environ,
        **mkdocs_environment(results.county),  # the same title and site_url as `build`
        "COUNTY_PACKAGE": str(package),
        "NO_MKDOCS_2_WARNING": "1",
        "MACROS_ON_ERROR_FAIL": "false",
    }
    command = serve_command(root / "mkdocs.yml", address)
    return subprocess.run(command, env=env, cwd=root).returncode
