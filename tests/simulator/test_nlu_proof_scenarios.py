"""The two proof scenarios: their guided-mode suggestions are understood by the NLU.

The scenarios' own `tests:` (run by test_builtin_scenarios.py) prove the paths; this file
checks the suggestions a beginner picks from: a good suggestion must carry a signal some rule
of its state listens to (otherwise picking it would leave the debtor repeating a fallback),
and every suggestion marked wrong must be explained.
"""

from __future__ import annotations

from datetime import date

import pytest

from simulator.engine.machine import compiled_for
from simulator.scenario import builtin_dir, load_scenario

PROOF_SCENARIOS = ["en/us-job-loss.yaml", "zh/cn-job-loss.yaml"]


def _suggestions(rel: str) -> list[tuple[str, str, bool, str | None]]:
    scenario, diagnostics = load_scenario(builtin_dir() / rel)
    assert scenario is not None, [d.format() for d in diagnostics]
    return [
        (rel, state_id, s.good, s.text)
        for state_id, state in scenario.states.items()
        for s in state.suggestions
    ]


CASES = [case for rel in PROOF_SCENARIOS for case in _suggestions(rel)]


@pytest.mark.parametrize("rel", PROOF_SCENARIOS)
def test_proof_scenario_is_valid_and_offers_good_and_wrong_replies(rel: str) -> None:
    scenario, diagnostics = load_scenario(builtin_dir() / rel)
    assert scenario is not None
    assert [d.format() for d in diagnostics if d.level == "error"] == []
    for state_id, state in scenario.states.items():
        if state.terminal:
            continue
        goods = [s for s in state.suggestions if s.good]
        wrongs = [s for s in state.suggestions if not s.good]
        assert goods and wrongs, f"{state_id}: needs good and tempting-but-wrong suggestions"
        assert all(s.why for s in wrongs), f"{state_id}: every wrong suggestion says why"


@pytest.mark.parametrize(("rel", "state_id", "good", "text"), CASES)
def test_good_suggestions_move_their_state(rel: str, state_id: str, good: bool, text: str | None) -> None:
    scenario, _ = load_scenario(builtin_dir() / rel)
    compiled = compiled_for(scenario)
    values = {"creditor": scenario.persona.account.creditor, "name": scenario.persona.name}
    line = str(text).format_map(_Keep(values))
    heard = compiled.recogniser()(line, date(2026, 12, 2), ())
    rules = compiled.candidates(state_id, heard.ids(), globals_=False) + compiled.candidates(
        state_id, heard.ids(), globals_=True
    )
    if good:
        assert rules, f"{state_id}: no rule listens to {sorted(heard.ids())} for {line!r}"
    else:
        # A tempting mistake must at least be heard as something (else the lesson is lost).
        assert heard.ids(), f"{state_id}: nothing recognised in wrong suggestion {line!r}"


class _Keep(dict[str, str]):
    """str.format_map that leaves unknown {placeholders} as they are."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
