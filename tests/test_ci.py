"""CI cannot pass by skipping: ``.ci/run`` fails without ../shared or Chromium, and a test
that would skip under ``RELATE_NO_SKIP`` fails with its reason.

``.ci/run`` is run from a copy in a temporary project folder, with a stand-in
``apt-get`` that fails, so nothing here installs anything or touches the machine.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _project(tmp_path: Path, *, shared: bool) -> Path:
    """A folder with a copy of .ci/run, and ../shared beside it when asked."""
    project = tmp_path / "relate"
    (project / ".ci").mkdir(parents=True)
    shutil.copy2(ROOT / ".ci" / "run", project / ".ci" / "run")
    if shared:
        (tmp_path / "shared").mkdir()
    return project


def _run_ci(project: Path, tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    fake = tmp_path / "bin"
    fake.mkdir(exist_ok=True)
    apt = fake / "apt-get"
    apt.write_text("#!/bin/sh\necho 'E: no network' >&2\nexit 100\n")
    apt.chmod(0o755)
    environ = {**os.environ, "PATH": f"{fake}{os.pathsep}{os.environ['PATH']}", **env}
    return subprocess.run(
        ["bash", str(project / ".ci" / "run")],
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_ci_fails_without_shared(tmp_path):
    proc = _run_ci(_project(tmp_path, shared=False), tmp_path)
    assert proc.returncode == 1
    assert proc.stderr.splitlines()[-1].startswith("ci: ../shared is missing beside the project")


def test_ci_fails_when_chromium_cannot_be_installed(tmp_path):
    missing = str(tmp_path / "no-chromium")
    proc = _run_ci(_project(tmp_path, shared=True), tmp_path, CI_CHROMIUM=missing)
    assert proc.returncode == 1
    assert proc.stderr.splitlines()[-1] == (
        f"ci: chromium could not be installed (apt-get install chromium); "
        f"the browser tests need {missing}"
    )


def test_a_skip_fails_under_relate_no_skip(tmp_path):
    (tmp_path / "test_gone.py").write_text(
        "import pytest\n\n\ndef test_gone():\n    pytest.skip('no widget here')\n\n\n"
        "def test_here():\n    pass\n\n\n@pytest.mark.ci_may_skip('test_here covers it')\n"
        "def test_elsewhere():\n    pytest.skip('not on this machine')\n"
    )
    cmd = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-rs",
        "-p",
        "no:cacheprovider",
        "-p",
        "conftest",
        str(tmp_path / "test_gone.py"),
    ]
    env = {**os.environ, "PYTHONPATH": f"{ROOT / 'tests'}{os.pathsep}{ROOT}"}
    env.pop("RELATE_NO_SKIP", None)
    lenient = subprocess.run(
        cmd, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert lenient.returncode == 0 and "1 passed, 2 skipped" in lenient.stdout
    assert "no widget here" in lenient.stdout  # -rs shows the reason
    strict = subprocess.run(
        cmd,
        cwd=tmp_path,
        env={**env, "RELATE_NO_SKIP": "1"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert strict.returncode == 1
    assert "skipped, but RELATE_NO_SKIP is set: Skipped: no widget here" in strict.stdout
    assert "1 failed, 1 passed, 1 skipped" in strict.stdout  # the marked one may skip
