"""The bench's memory figure is the measured process's own peak, not its parent's."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench._chunked import peak_mb

ROOT = Path(__file__).resolve().parents[2]

STATUS = """Name:\tpython
VmPeak:\t  900000 kB
VmHWM:\t  204800 kB
VmRSS:\t  102400 kB
"""

# A parent that holds about 600 MB, then runs a child that measures itself both ways.
PARENT = """
import subprocess, sys
ballast = bytearray(600 * 1024 * 1024)
for i in range(0, len(ballast), 4096):
    ballast[i] = 1
child = '''
import json, resource
from bench._chunked import peak_mb
maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"vmhwm": peak_mb(), "maxrss": maxrss}))
'''
done = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, check=True)
print(done.stdout)
"""


def test_peak_is_read_from_vmhwm_in_megabytes():
    assert peak_mb(STATUS) == pytest.approx(200.0)


def test_missing_vmhwm_is_an_error_not_zero():
    with pytest.raises(RuntimeError, match="VmHWM"):
        peak_mb("Name:\tpython\n")


def test_child_of_a_large_parent_reports_its_own_peak():
    done = subprocess.run(
        [sys.executable, "-c", PARENT], cwd=ROOT, capture_output=True, text=True, check=True
    )
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert figures["vmhwm"] < 300  # the child itself: an interpreter and one import
    # what the old measure said: the parent's 600 MB carried across exec (why it was replaced)
    assert figures["maxrss"] > 550
