"""Preview latency (issue 7): from saving a narrative page to the served page showing the edit.

Runs `python -m publish serve` on a free local port in the project copy, appends a unique
HTML comment to docs/index.md (the copy's, restored afterwards), and polls the served overview
until the comment appears. The server's process group is ended when done.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

TARGET_S = 3.0
START_TIMEOUT_S = 240.0
EDIT_TIMEOUT_S = 60.0
BUILT = re.compile(r"Documentation built in ([\d.]+) seconds")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    """Return the page body, or None while the server is not answering yet."""
    try:
        with urllib.request.urlopen(url, timeout=EDIT_TIMEOUT_S) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, test, timeout: float, server: subprocess.Popen) -> float:
    """Return seconds until `test(body)` holds; raise if the server exits or time runs out."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if server.poll() is not None:
            raise RuntimeError(f"the preview server exited with {server.returncode}")
        body = fetch(url)
        if body is not None and test(body):
            return time.perf_counter() - start
        time.sleep(0.05)
    raise TimeoutError(f"{url} did not show the change within {timeout:.0f} s")


def measure(project: Path, package: Path, log: Path, edits: int = 3) -> dict:
    """Return seconds from each save to the served page showing it, and their median."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    args = [sys.executable, "-m", "publish", "serve", "--county", str(package)]
    with log.open("w") as output:
        server = subprocess.Popen(
            [*args, "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, ended below
        )
    try:
        startup = wait_for(url, lambda body: "</html>" in body, START_TIMEOUT_S, server)
        page = project / "docs" / "index.md"
        original = page.read_bytes()
        samples = []
        try:
            for _ in range(edits):  # each save replaces the previous marker: one rebuild each
                marker = f"bench-{uuid.uuid4().hex[:12]}"
                page.write_bytes(original + f"\n\n<!-- {marker} -->\n".encode())
                samples.append(wait_for(url, lambda b, m=marker: m in b, EDIT_TIMEOUT_S, server))
        finally:
            page.write_bytes(original)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    median = statistics.median(samples)
    builds = [float(x) for x in BUILT.findall(log.read_text(encoding="utf-8", errors="replace"))]
    return {
        "startup_s": startup,
        "edit_to_visible_s": samples,
        "rebuild_s": builds[1:],  # as MkDocs logs them; the first is the startup build
        "median_s": median,
        "target_s": TARGET_S,
        "passes": median < TARGET_S,
    }
