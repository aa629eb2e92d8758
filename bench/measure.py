"""Run a command and measure it: wall time, CPU time and peak memory of its process tree.

Memory is sampled every 20 ms: the peak resident set of the main process and the
peak of the whole tree's *proportional* set size (PSS, which counts memory the
forked workers share with their parent once, not once per process). Used by the
other bench scripts; plain Python, no test framework.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

__all__ = [
    "PYTHON",
    "ROOT",
    "Run",
    "check",
    "env_with_root",
    "fmt_mb",
    "run_measured",
    "snapshot",
]

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


@dataclass
class Run:
    """What one measured command took."""

    wall: float  # seconds
    cpu: float  # user + system seconds of the command and every process it waited for
    peak_rss: int  # bytes, main process
    peak_pss: int  # bytes, whole process tree (proportional)
    returncode: int
    stdout: str
    stderr: str


def _pss(proc: psutil.Process) -> int:
    try:
        return proc.memory_full_info().pss
    except (psutil.Error, AttributeError):
        try:
            return proc.memory_info().rss
        except psutil.Error:
            return 0


def run_measured(cmd: list[str], *, cwd: str | Path = ROOT, env: dict | None = None) -> Run:
    """Run ``cmd`` to completion and return its :class:`Run`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    peak = {"rss": 0, "pss": 0}
    done = threading.Event()

    def sample() -> None:
        try:
            main = psutil.Process(proc.pid)
        except psutil.Error:
            return
        while not done.is_set():
            try:
                rss = main.memory_info().rss
                tree = _pss(main) + sum(_pss(c) for c in main.children(recursive=True))
            except psutil.Error:
                break
            peak["rss"] = max(peak["rss"], rss)
            peak["pss"] = max(peak["pss"], tree)
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(wall, cpu, peak["rss"], peak["pss"], proc.returncode, out, err)


def fmt_mb(n: int) -> str:
    """Bytes as megabytes with no decimals."""
    return f"{n / 1e6:.0f} MB"


def check(run: Run, what: str) -> Run:
    """Exit with the command's stderr when it failed."""
    if run.returncode != 0:
        sys.stderr.write(f"{what} failed (exit {run.returncode}):\n{run.stderr}\n")
        sys.exit(1)
    return run


def env_with_root(root: str | Path = ROOT) -> dict[str, str]:
    """The environment with Relate (from ``root``) importable."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(root) + (
        os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else ""
    )
    return env


def snapshot(work: str | Path, root: str | Path = ROOT) -> Path:
    """Copy the code, vocabulary and curation file into ``work/src`` and return it.

    The cache fingerprint hashes the extractor's source, so a benchmark run from
    the live tree while someone edits it would see every article as changed; a
    snapshot keeps the code fixed for the whole run.
    """
    src, root = Path(work) / "src", Path(root)
    if src.exists():
        shutil.rmtree(src)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(root / "graph", src / "graph", ignore=ignore)
    shutil.copytree(root / "data" / "vocab", src / "data" / "vocab", ignore=ignore)
    curation = root / "data" / "curation.yaml"
    if curation.exists():
        shutil.copy2(curation, src / "data" / "curation.yaml")
    (src / "bench").mkdir()
    shutil.copy2(ROOT / "bench" / "raw_pipe.py", src / "bench" / "raw_pipe.py")
    return src
