"""The layering rules of the architecture, proven rather than promised.

- scoring/ never imports simulator/ or textual (it grades any transcript, simulated or real);
- the engine and the headless commands (check, score, run, scenarios) never load textual.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("path", sorted((ROOT / "scoring").rglob("*.py")), ids=lambda p: p.name)
def test_scoring_imports_neither_simulator_nor_textual(path: Path) -> None:
    assert not (_imported_roots(path) & {"simulator", "textual"})


def test_engine_modules_do_not_import_textual_statically() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "simulator").rglob("*.py")
        if "tui" not in p.relative_to(ROOT).parts and "textual" in _imported_roots(p)
    ]
    assert offenders == []


HEADLESS_RUN = r"""
import json, sys
from click.testing import CliRunner
from simulator.cli import main

runner = CliRunner()
results = {}
for args, stdin in [
    (["check", "If you don't pay we'll have you arrested", "--lang", "en", "--json"], None),
    (["check", "-", "--lang", "zh", "--jurisdiction", "cn", "--json"], "不还钱就让你坐牢\n您好\n"),
    (["scenarios", "list", "--json"], None),
    (["run", "us-job-loss", "--script", "-", "--json", "--seed", "1"],
     "Hi, this is Alex from Northbank. Am I speaking with Maria Lopez?\n"),
]:
    res = runner.invoke(main, args, input=stdin)
    results[args[0]] = res.exit_code
results["textual_loaded"] = sorted(m for m in sys.modules if m.split(".")[0] == "textual")
print(json.dumps(results))
"""


def test_headless_commands_never_load_textual() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", HEADLESS_RUN], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    results = json.loads(proc.stdout.strip().splitlines()[-1])
    assert results.pop("textual_loaded") == []
    assert results == {"check": 0, "scenarios": 0, "run": 0}
