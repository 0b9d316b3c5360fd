"""Every built-in scenario: its scripted tests pass and random playthroughs never crash.

The scripted tests use the real detector, intent library and slot extractors, so a lexicon
change that breaks a scenario's story fails here, with the scenario's own explanation.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from simulator.engine.playthrough import random_playthrough
from simulator.engine.testing import run_scenario_tests
from simulator.scenario import builtin_dir, load_scenario, scenario_files

SCENARIO_FILES = sorted(p for p in scenario_files([builtin_dir()]) if p.is_file())
# A fixed date: relative dates ("Friday", "next month") resolve the same on every run.
TODAY = date(2026, 11, 30)
RANDOM_CALLS = 25


def _id(path: Path) -> str:
    return str(path.relative_to(builtin_dir()))


def test_the_library_has_scenarios_in_both_languages() -> None:
    languages = set()
    for path in SCENARIO_FILES:
        scenario, _ = load_scenario(path)
        if scenario is not None:
            languages.add(scenario.language)
    assert {"en", "zh"} <= languages


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=_id)
def test_scripted_tests_pass(path: Path) -> None:
    scenario, diagnostics = load_scenario(path)
    assert scenario is not None, "\n".join(d.format() for d in diagnostics)
    assert scenario.tests, f"{_id(path)} has no scripted tests"
    results = run_scenario_tests(scenario, today=TODAY)
    failures = [
        f"{r.name} [{' > '.join(r.path)}]:\n    " + "\n    ".join(r.failures) for r in results if not r.passed
    ]
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=_id)
def test_random_playthrough_never_crashes(path: Path) -> None:
    scenario, diagnostics = load_scenario(path)
    assert scenario is not None, "\n".join(d.format() for d in diagnostics)
    report = random_playthrough(scenario, RANDOM_CALLS, seed=20261130, today=TODAY)
    assert report.ok, report.summary()
    assert sum(report.outcomes.values()) == RANDOM_CALLS
    assert scenario.initial in report.reached
