"""Mermaid and DOT renderings, and the short guard summaries on their edges."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from simulator.scenario import Guard, Scenario, load_scenario
from simulator.scenario.graph import edges, guard_summary, to_dot, to_mermaid

DATA = Path(__file__).parent / "scenario_data"


@pytest.fixture(scope="module")
def minimal() -> Scenario:
    scenario, diags = load_scenario(DATA / "minimal.yaml")
    assert scenario is not None, diags
    return scenario


@pytest.mark.parametrize(
    ("guard", "summary"),
    [
        ({"var": "trust", "ge": 1}, "trust ≥ 1"),
        ({"var": "mood", "ge": -1, "le": 2.5}, "mood ≤ 2.5, ≥ -1"),
        ({"flag": "cease_requested"}, "cease_requested"),
        ({"flag": "cease_requested", "is": False}, "not cease_requested"),
        ({"not": {"flag": "x"}}, "not x"),
        ({"slot": "amount", "le": "persona.finances.monthly_capacity"}, "amount ≤ monthly_capacity"),
        ({"slot": "date"}, "date said"),
        ({"count": {"signal": ["threat_arrest", "abusive_language"], "ge": 2}},
         "count(threat_arrest/abusive_language) ≥ 2"),
        ({"turn": {"gt": 10}}, "turn > 10"),
        ({"revealed": "job_loss"}, "knows job_loss"),
        ({"visited": "exploring"}, "visited exploring"),
        ({"signal": ["sympathy", "validate"]}, "heard sympathy/validate"),
        ({"all": [{"flag": "a"}, {"any": [{"flag": "b"}, {"flag": "c"}]}]}, "a & (b | c)"),
    ],
)  # fmt: skip
def test_guard_summary(guard: dict[str, Any], summary: str) -> None:
    assert guard_summary(Guard.model_validate(guard)) == summary


def test_long_guard_summary_is_cut() -> None:
    guard = Guard.model_validate({"all": [{"flag": f"flag_number_{i}"} for i in range(6)]})
    text = guard_summary(guard)
    assert len(text) == 48
    assert text.endswith("…")


def test_edges_cover_transitions_and_global_reactions(minimal: Scenario) -> None:
    assert [(e.source, e.target, e.is_global) for e in edges(minimal)] == [
        ("opening", "talking", False),
        ("talking", "paid", False),
        ("*", "*", True),
    ]
    assert edges(minimal)[1].label == "payment_request / amount [amount ≤ pay_now]"


def test_mermaid(minimal: Scenario) -> None:
    text = to_mermaid(minimal)
    lines = text.splitlines()
    assert lines[0] == "flowchart TD"
    assert "    start --> s_opening" in lines
    assert '    s_opening -->|"identity_verification"| s_talking' in lines
    assert '    s_talking -->|"payment_request / amount [amount ≤ pay_now]"| s_paid' in lines
    assert '    s_paid[["paid<br/>⟶ paid_in_full"]]' in lines
    assert '    any_state -.->|"threat_arrest"| any_state' in lines
    assert "    class s_paid terminal" in lines


def test_mermaid_escapes_quotes_and_keyword_ids(minimal: Scenario) -> None:
    data = minimal.model_copy(deep=True)
    data.title = 'Say "hi"'
    data.states = {"end": data.states["paid"], **data.states}
    text = to_mermaid(data)
    assert "#quot;hi#quot;" in text
    assert "s_end[[" in text  # `end` is a Mermaid keyword: ids are prefixed


def test_mermaid_labels_escape_pipes_and_angle_brackets(minimal: Scenario) -> None:
    data = minimal.model_copy(deep=True)
    data.transitions[1].when = Guard.model_validate({"any": [{"var": "mood", "lt": 0}, {"flag": "x"}]})
    line = next(ln for ln in to_mermaid(data).splitlines() if "s_talking -->" in ln)
    assert line == '    s_talking -->|"payment_request / amount [mood #60; 0 #124; x]"| s_paid'


def test_dot(minimal: Scenario) -> None:
    text = to_dot(minimal)
    assert text.startswith('digraph "test-minimal" {')
    assert text.rstrip().endswith("}")
    assert text.count("{") == text.count("}")
    assert '    "paid" [shape=doubleoctagon, label="paid\\npaid_in_full"];' in text
    assert '    "opening" -> "talking" [label="identity_verification"];' in text
    assert '    "*" -> "*" [label="threat_arrest", style=dashed];' in text
    assert '    __start -> "opening";' in text


def test_long_signal_lists_are_summarised(minimal: Scenario) -> None:
    data = minimal.model_copy(deep=True)
    data.transitions[0].on = ["a", "b", "c", "d", "e"]
    assert edges(data)[0].label == "a / b / c / +2"
