"""The engine is headless: importing it and playing a whole call never loads Textual.

Run in a fresh interpreter, because this test process may have imported Textual already.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PLAY_A_CALL = r"""
import json, sys
from simulator.engine import start_call
from simulator.engine.playthrough import random_playthrough
from simulator.engine.testing import run_scenario_tests
from simulator.scenario import find_scenario, load_scenario

scenario, _ = load_scenario(find_scenario("us-job-loss"))
call = start_call(scenario, seed=3)
for line in ["Hi, this is Alex from Northbank. Am I speaking with Maria Lopez?",
             "I'm sorry to hear that. What happened?",
             "You'll be arrested if you don't pay."]:
    call.say(line)
call.transcript()
run_scenario_tests(scenario)
random_playthrough(scenario, 3, seed=1)
print(json.dumps({"textual": sorted(m for m in sys.modules if m == "textual" or m.startswith("textual.")),
                  "turns": call.turn_count}))
"""


def test_engine_never_imports_textual() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", PLAY_A_CALL],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert report["turns"] == 3  # the call really ran
    assert report["textual"] == []
