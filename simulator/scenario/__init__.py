"""The scenario format: typed models, a loader with line:column diagnostics, the library.

    scenario, diagnostics = load_scenario("scenarios/en/us-job-loss.yaml")
    problems = validate_paths(["scenarios/"])

See docs/scenario-format.md for the format itself.
"""

from __future__ import annotations

from simulator.scenario.guards import Effects, Guard
from simulator.scenario.library import (
    ScenarioNotFound,
    ScenarioSummary,
    builtin_dir,
    find_scenario,
    list_scenarios,
    scenario_files,
)
from simulator.scenario.loader import LoadResult, load_scenario, load_scenario_text
from simulator.scenario.models import (
    Account,
    Expect,
    Finances,
    HiddenFact,
    Intent,
    Persona,
    Reaction,
    Scenario,
    ScenarioTest,
    ScoreBounds,
    Scoring,
    State,
    Suggestion,
    Transition,
    Variable,
    Weights,
)
from simulator.scenario.validate import validate_paths

__all__ = [
    "Account",
    "Effects",
    "Expect",
    "Finances",
    "Guard",
    "HiddenFact",
    "Intent",
    "LoadResult",
    "Persona",
    "Reaction",
    "Scenario",
    "ScenarioNotFound",
    "ScenarioSummary",
    "ScenarioTest",
    "ScoreBounds",
    "Scoring",
    "State",
    "Suggestion",
    "Transition",
    "Variable",
    "Weights",
    "builtin_dir",
    "find_scenario",
    "list_scenarios",
    "load_scenario",
    "load_scenario_text",
    "scenario_files",
    "validate_paths",
]
