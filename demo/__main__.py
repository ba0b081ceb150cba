"""`python -m demo`: complete the shipped demo package before a build (the nox sessions run it).

    python -m demo                   generate whatever data/demo lacks (the git-ignored survey on
                                     a fresh clone, a file a crash truncated); quick when whole
    python -m demo --force [FOLDER]  regenerate every file (default: data/demo); a folder that is
                                     a county's data package (has a county.toml) is refused

The survey (survey.sav, survey.csv) is scored with `FOLDER/survey.yaml` while it is generated,
so it is written only where that config exists.
"""

import argparse
import sys
from pathlib import Path

from demo import (
    BUILTIN,
    DemoTargetError,
    build_survey,
    ensure_builtin_demo,
    write_demo,
    write_survey,
)
from loaders import load_survey_config


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m demo", description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=BUILTIN)
    parser.add_argument("--force", action="store_true", help="regenerate every file")
    args = parser.parse_args(argv)
    try:
        if not args.force:
            written = ensure_builtin_demo(args.folder)
        else:
            written = write_demo(args.folder)
            if (args.folder / "survey.yaml").is_file():
                config = load_survey_config(args.folder / "survey.yaml")
                written += write_survey(build_survey(config), args.folder)
    except DemoTargetError as error:
        print(error, file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    return 0


sys.exit(main())
