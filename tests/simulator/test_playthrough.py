"""Seeded random playthroughs: reproducible, they find unreached states and report crashes."""

from __future__ import annotations

from typing import Any

from simulator.engine.playthrough import random_playthrough
from tests.simulator.engine_fakes import TODAY, fake_recogniser, scenario


def test_same_seed_same_report() -> None:
    first = random_playthrough(scenario(), 30, seed=4, recogniser=fake_recogniser, today=TODAY)
    second = random_playthrough(scenario(), 30, seed=4, recogniser=fake_recogniser, today=TODAY)
    assert first.to_dict() == second.to_dict()
    assert first.ok and sum(first.outcomes.values()) == 30


def test_reports_states_never_reached() -> None:
    spec = scenario()
    spec["states"]["island"] = {"say": ["Nobody comes here."], "fallback": ["..."]}
    report = random_playthrough(spec, 40, seed=1, recogniser=fake_recogniser, today=TODAY)
    assert "island" in report.never_reached
    assert "opening" not in report.never_reached and "plan_agreed" not in report.never_reached
    assert "island" in report.summary()


def test_crashes_are_caught_and_reported_with_the_path() -> None:
    calls = {"n": 0}

    def flaky(text: str, today: Any, context: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("lexicon exploded")
        return fake_recogniser(text, today, context)

    report = random_playthrough(scenario(), 5, seed=2, recogniser=flaky, today=TODAY)
    assert not report.ok and len(report.crashes) == 1
    crash = report.crashes[0]
    assert "lexicon exploded" in crash.error and crash.lines and crash.path[0] == "opening"
    assert report.to_dict()["crashes"][0]["seed"] == crash.seed


def test_scenario_intent_examples_are_walked() -> None:
    spec = scenario()
    spec["intents"] = {"propose_plan": {"examples": ["How about a plan of $150?"]}}
    for state in spec["states"].values():
        state.pop("suggestions", None)
    report = random_playthrough(spec, 20, seed=3, recogniser=fake_recogniser, today=TODAY)
    assert report.turns > 0 and report.ok
