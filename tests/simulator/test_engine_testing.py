"""run_scenario_tests: scripted tests pass when they should and fail with reasons when not."""

from __future__ import annotations

from typing import Any

import pytest

from simulator.engine.testing import run_scenario_tests
from tests.simulator.engine_fakes import TODAY, fake_recogniser, scenario

GOOD = ["Hello, this is Alex. Am I speaking with Maria?", "I'm sorry, what happened?", "A plan of $150?"]
THREATS = ["You'll be arrested.", "We will sue."]


def run(*tests: dict[str, Any]) -> list[Any]:
    return run_scenario_tests(scenario(tests=list(tests)), recogniser=fake_recogniser, today=TODAY)


def test_a_passing_test_reports_its_path() -> None:
    [result] = run(
        {
            "name": "listening reaches a plan",
            "script": GOOD,
            "expect": {
                "state": "plan_agreed",
                "outcome": "installment_plan",
                "ended": True,
                "ended_by": "terminal_state",
                "flags": {"identity_verified": True, "hardship_disclosed": True},
                "mood": [0, 5],
                "variables": {"trust": {"min": 2}},
                "visits": ["exploring"],
                "path": ["opening", "verified"],
                "revealed": ["job_loss"],
                "says": ["$150 A MONTH"],  # case-insensitive
                "never_says": ["supervisor"],
            },
        }
    )
    assert result.passed, result.failures
    assert result.path == ["opening", "verified", "exploring", "plan_agreed"]
    assert [t.state_after for t in result.turns] == ["verified", "exploring", "plan_agreed"]


@pytest.mark.parametrize(
    ("expect", "fragment"),
    [
        ({"state": "verified"}, "state: expected 'verified', got 'complaint_end'"),
        ({"outcome": "installment_plan"}, "outcome: expected 'installment_plan', got 'complaint'"),
        ({"ended": False}, "ended: expected False"),
        ({"ended_by": "turn_limit"}, "ended_by: expected 'turn_limit', got 'complaint'"),
        ({"flags": {"identity_verified": True}}, "flag identity_verified: expected True"),
        ({"mood": [0, 5]}, "mood: expected in [0, 5], got -5"),
        ({"variables": {"trust": [1, 5]}}, "trust: expected in [1, 5]"),
        ({"visits": ["exploring"]}, "visits: never reached 'exploring'"),
        ({"path": ["opening", "verified"]}, "path: expected opening > verified"),
        ({"revealed": ["job_loss"]}, "hidden fact 'job_loss' was never revealed"),
        ({"says": ["$150"]}, "says: no debtor line contains '$150'"),
        ({"never_says": ["supervisor"]}, "never_says: the debtor said 'supervisor'"),
    ],
)
def test_each_expectation_can_fail(expect: dict[str, Any], fragment: str) -> None:
    [result] = run({"name": "threats", "script": THREATS, "expect": expect})
    assert not result.passed
    assert any(fragment in f for f in result.failures), result.failures


def test_a_script_that_runs_out_leaves_the_call_open() -> None:
    [result] = run(
        {
            "name": "half way",
            "script": GOOD[:2],
            "expect": {"ended": False, "ended_by": "script_ended", "state": "exploring"},
        }
    )
    assert result.passed, result.failures
    assert result.outcome is None and result.ended_by == "script_ended"


def test_script_lines_after_the_end_are_a_failure() -> None:
    [result] = run({"name": "too long", "script": [*THREATS, "Hello?"], "expect": {"outcome": "complaint"}})
    assert not result.passed
    assert any("ended (complaint) before script line 3" in f for f in result.failures)


def test_a_test_seed_is_used() -> None:
    # The opening line varies with the seed, so `says` on it passes for some seeds only.
    verdicts = {
        run({"name": "s", "seed": seed, "script": ["hmm"], "expect": {"says": ["who's this"]}})[0].passed
        for seed in range(20)
    }
    assert verdicts == {True, False}


def test_a_broken_recogniser_fails_the_test_instead_of_raising() -> None:
    def broken(text: str, today: Any, context: Any) -> Any:
        raise RuntimeError("recogniser down")

    results = run_scenario_tests(
        scenario(tests=[{"name": "x", "script": ["hi"], "expect": {"state": "opening"}}]), recogniser=broken
    )
    assert not results[0].passed and any("recogniser down" in f for f in results[0].failures)


def test_an_uncompilable_scenario_is_reported_not_raised() -> None:
    spec = scenario(tests=[{"name": "x", "script": ["hi"], "expect": {}}])
    spec["transitions"][0]["to"] = "nowhere"
    [result] = run_scenario_tests(spec, recogniser=fake_recogniser)
    assert not result.passed and "nowhere" in result.failures[0]


def test_score_expectations_use_the_scorer(monkeypatch: pytest.MonkeyPatch) -> None:
    """Score bounds and verdicts are checked against whatever the scorer returns."""
    from types import SimpleNamespace

    import simulator.engine.scoring_bridge as bridge

    seen: list[Any] = []

    def fake_score(call: Any) -> Any:
        seen.append(call.transcript())
        return SimpleNamespace(
            empathy=80, legality=40, outcome=100, overall=70, passed=False, auto_fail=True,
            outcome_category="installment_plan",
        )  # fmt: skip

    monkeypatch.setattr(bridge, "score_call", fake_score)
    [ok, bad] = run(
        {
            "name": "ok",
            "script": GOOD,
            "expect": {"score": {"empathy": {"min": 70}, "legality": [0, 50], "auto_fail": True}},
        },
        {
            "name": "bad",
            "script": GOOD,
            "expect": {
                "score": {"legality": {"min": 90}, "passed": True, "outcome_category": "promise_to_pay"},
            },
        },
    )
    assert ok.passed, ok.failures
    assert len(seen) == 2 and seen[0].turns[1].text == GOOD[0]
    assert not bad.passed
    joined = " | ".join(bad.failures)
    assert "score.legality: expected in [90, None], got 40" in joined
    assert "score.passed: expected True, got False" in joined
    assert "score.outcome_category: expected 'promise_to_pay'" in joined


def test_score_expectations_with_the_real_scorer() -> None:
    """A threatening script on the proof scenario: the real scorecard auto-fails it."""
    from simulator.engine.spec import scenario_spec
    from simulator.scenario import find_scenario, load_scenario

    loaded, _ = load_scenario(find_scenario("us-job-loss"))
    spec = scenario_spec(loaded)
    threats = ["You'll be arrested if you don't pay.", "We will sue you and garnish your wages."]
    spec["tests"] = [
        {"name": "fails", "script": threats, "expect": {"score": {"auto_fail": True, "legality": [0, 50]}}},
        {"name": "wrong", "script": threats, "expect": {"score": {"passed": True}}},
    ]
    ok, wrong = run_scenario_tests(spec)
    assert ok.passed, ok.failures
    assert ok.scorecard is not None and ok.scorecard.auto_fail is True
    assert not wrong.passed and wrong.failures == ["score.passed: expected True, got False"]
