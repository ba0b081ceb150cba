"""`python -m demo [folder]`: regenerate the demo registers and survey (default: data/demo).

The survey (survey.sav, survey.csv) is scored with `folder/survey.yaml` while it is generated,
so it is written only where that config exists.
"""

import sys
from pathlib import Path

from demo import build_survey, write_demo, write_survey
from loaders import load_survey_config

folder = Path(sys.argv[1] if len(sys.argv) > 1 else "data/demo")
for path in write_demo(folder):
    print(f"wrote {path}")
if (folder / "survey.yaml").is_file():
    for path in write_survey(build_survey(load_survey_config(folder / "survey.yaml")), folder):
        print(f"wrote {path}")
