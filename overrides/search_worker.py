"""Write Material's search worker, with one fix for Chinese queries, into the theme overrides.

Why: Material for MkDocs segments the Chinese text of the pages at build time (jieba, words
joined by U+200B), but its search worker segments the *query* with its own `segment()`, which
never tries a word that ends at the end of the query, so it drops the last word: 示例第五小学 was
searched as 示例* 第五*. Every term also gets a trailing wildcard, and Lunr ranks a prefix
expansion by that word's own rarity, so 第五十一 (one school) outranked the exact 第五: the school
named in full sat eleventh, folded away under "more results". No setting reaches this code (the
search plugin's options are the separator, languages, pipeline and jieba dictionaries), and the
bug is still in Material's source, so the site ships a patched copy of the worker under the same
file name; MkDocs takes a theme file from `custom_dir` before Material's own.

The patch replaces `segment()` only. Each run of Chinese characters is cut into the words of
the search index, longest first, keeping every reading where two words overlap, as Material's
does. Unlike Material's, it also tries words that end the query, keeps characters that begin no
word as typed (so a half-typed 示例第五小 still finds 小学 by prefix), and asks for each word
twice, exactly with a boost and as a prefix, so a page with the words the reader typed ranks
above pages with longer words that merely start with them.

Material names the worker by a hash of its content. After a Material upgrade the override would
be left behind under the old name, unused: `--check` (run by tests/site/test_search_worker.py)
fails then, and so does re-running this script if the upgraded worker no longer contains the
code being replaced. Re-run it after every Material upgrade:

    python overrides/search_worker.py          # write the override
    python overrides/search_worker.py --check  # exit 1 if the override is missing or stale

MkDocs does not copy `*.py` files from a theme directory, so this script stays out of the site.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import sys
from pathlib import Path

import material

WORKERS = Path(material.__file__).parent / "templates/assets/javascripts/workers"
OVERRIDES = Path(__file__).parent / "assets/javascripts/workers"
EXACT_BOOST = 10  # an exact word outweighs its prefix expansions (Lunr adds both)

# Material 9.8's `segment()` as minified (src/.../search/query/segment/index.ts).
UPSTREAM_SEGMENT = (
    "function fe(t,e){let r=new Set,n=new Uint16Array(t.length);"
    "for(let s=0;s<t.length;s++)for(let o=s+1;o<t.length;o++)t.slice(s,o)in e&&(n[s]=o-s);"
    "let i=[0];for(let s=i.length;s>0;){let o=i[--s];"
    "for(let u=1;u<n[o];u++)n[o+u]>n[o]-u&&(r.add(t.slice(o,o+u)),i[s++]=o+u);"
    "let a=o+n[o];n[a]&&a<t.length-1&&(i[s++]=a),r.add(t.slice(o,a))}"
    'return r.has("")?new Set([t]):r}'
)
# Returns the query text for one run of Chinese characters, e.g. 示例第五小学 →
# "示例^10 示例 第五^10 第五 小学^10 小学"; Material's query transform then adds the wildcard
# to each unboosted word.
SEGMENT = (
    """function fe(run, index) {
  const longest = new Uint16Array(run.length + 1);  // longest indexed word starting at i
  for (let i = 0; i < run.length; i++)
    for (let j = i + 1; j <= run.length; j++)
      if (run.slice(i, j) in index) longest[i] = j - i;
  const pieces = new Map(), todo = [0], seen = new Set();
  const add = (start, end, word) => {
    const text = run.slice(start, end);
    if (!pieces.has(text)) pieces.set(text, { start, word });
  };
  while (todo.length) {
    const p = todo.pop();
    if (p >= run.length || seen.has(p)) continue;
    seen.add(p);
    if (!longest[p]) {  // no word starts here: keep the characters up to the next word as typed
      let q = p + 1;
      while (q < run.length && !longest[q]) q++;
      add(p, q, false);
      todo.push(q);
      continue;
    }
    add(p, p + longest[p], true);
    todo.push(p + longest[p]);
    for (let k = 1; k < longest[p]; k++)  // a shorter word whose end starts a longer overlap
      if (longest[p + k] > longest[p] - k && run.slice(p, p + k) in index) {
        add(p, p + k, true);
        todo.push(p + k);
      }
  }
  return [...pieces].sort((a, b) => a[1].start - b[1].start)
    .map(([text, { word }]) => word ? `${text}^"""
    + str(EXACT_BOOST)
    + """ ${text}` : text).join(" ");
}"""
)
UPSTREAM_CALL = '[...fe(s,this.index.invertedIndex)].join("* ")'
CALL = "fe(s,this.index.invertedIndex)"
PATCHES = [(UPSTREAM_SEGMENT, SEGMENT), (UPSTREAM_CALL, CALL)]


def upstream_worker() -> Path:
    """Return the installed Material's search worker (one file, named by its content hash)."""
    found = sorted(WORKERS.glob("search.*.min.js"))
    if len(found) != 1:
        raise SystemExit(f"expected one search worker in {WORKERS}, found {found}")
    return found[0]


def patched(source: str, version: str) -> str:
    """Return the worker with the patches applied; each replaced snippet must occur once."""
    for old, new in PATCHES:
        if source.count(old) != 1:
            raise SystemExit(
                f"Material {version}: the search worker no longer contains, exactly once:\n"
                f"{old}\nRead the upgraded src/.../search/query/segment/index.ts and adapt "
                "overrides/search_worker.py (or drop the override if Material fixed the bug)."
            )
        source = source.replace(old, new)
    lines = [line for line in source.splitlines() if not line.startswith("//# sourceMappingURL")]
    header = (
        f"/* Material for MkDocs {version} search worker (MIT License, (c) Martin Donath),\n"
        "   patched for this site by overrides/search_worker.py: Chinese queries keep their last\n"
        "   word and prefer exact words. Generated: edit the script, not this file. */\n"
    )
    return header + "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    source = upstream_worker()
    version = importlib.metadata.version("mkdocs-material")
    wanted = patched(source.read_text(encoding="utf-8"), version)
    target = OVERRIDES / source.name
    stale = [p for p in OVERRIDES.glob("search.*.min.js") if p.name != source.name]
    if args.check:
        problems = [f"stale override for another Material version: {p}" for p in stale]
        if not target.is_file() or target.read_text(encoding="utf-8") != wanted:
            problems.append(f"{target} is missing or out of date")
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            print("run: python overrides/search_worker.py", file=sys.stderr)
        return 1 if problems else 0
    for path in stale:
        path.unlink()
    OVERRIDES.mkdir(parents=True, exist_ok=True)
    target.write_text(wanted, encoding="utf-8")
    print(f"wrote {target} (Material {version})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
