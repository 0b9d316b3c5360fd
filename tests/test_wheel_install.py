"""The wheel carries the engine, the scorer and the scenario library: a fresh virtual
environment, outside the repository, lists the built-in scenarios and grades a line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_installs_into_a_fresh_venv_and_runs_outside_the_repo(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)],
        check=True, capture_output=True, timeout=600,
    )
    [wheel] = list(dist.glob("collectsim-*.whl"))

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", str(wheel)], check=True, capture_output=True, timeout=900
    )

    outside = tmp_path / "elsewhere"
    outside.mkdir()
    clean_env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME"}}
    collectsim = env_dir / "bin" / "collectsim"

    listed = subprocess.run(
        [str(collectsim), "scenarios", "list", "--json"],
        cwd=outside, env=clean_env, capture_output=True, text=True, timeout=120,
    )
    assert listed.returncode == 0, listed.stderr
    scenarios = json.loads(listed.stdout)
    ids = {s["id"] for s in scenarios}
    assert {"us-job-loss", "cn-job-loss"} <= ids
    assert all(Path(s["path"]).is_file() and str(env_dir) in s["path"] for s in scenarios)

    checked = subprocess.run(
        [str(python), "-m", "simulator", "check", "We will send the police to arrest you.", "--lang", "en",
         "--json"],
        cwd=outside, env=clean_env, capture_output=True, text=True, timeout=120,
    )
    assert checked.returncode == 0, checked.stderr
    assert "threat_arrest" in {f["category"] for f in json.loads(checked.stdout)["findings"]}
