"""The patched search worker in overrides/ matches the installed Material for MkDocs.

Material names its worker by a hash of its content, so after an upgrade the override would sit
unused under the old name and Chinese search would silently lose its fix. The browser test
(test_chinese_search_shows_the_school_among_the_first_results) would notice; this one says why.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "overrides" / "search_worker.py"


def test_search_worker_override_is_current():
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
