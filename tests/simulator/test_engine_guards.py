"""Guards and effects compile from declarative data into closures: a table of cases."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from simulator.engine.context import CallVars, TurnEnv
from simulator.engine.effects import compile_effect
from simulator.engine.guards import GuardError, compile_guard

ROOT: dict[str, Any] = {
    "persona": {
        "account": {"balance": 1860, "currency": "USD"},
        "finances": {"pay_now": 100, "monthly_capacity": 150},
    }
}
TODAY = date(2026, 11, 30)


def env(
    *,
    mood: float = 0,
    trust: float = 0,
    flags: dict[str, bool] | None = None,
    signals: tuple[str, ...] = (),
    amounts: tuple[int, ...] = (),
    dates: tuple[date | None, ...] = (),
    counts: dict[str, int] | None = None,
    turn: int = 1,
    revealed: tuple[str, ...] = (),
    history: tuple[tuple[str, ...], ...] = (),
    visited: tuple[str, ...] = ("opening",),
) -> TurnEnv:
    call = CallVars(
        variables={"mood": mood, "trust": trust},
        bounds={"mood": (-5, 5), "trust": (-5, 5)},
        flags={"identity_verified": False, "cease_requested": False, **(flags or {})},
        counts=dict(counts or {}),
        revealed=list(revealed),
        history=[frozenset(h) for h in history],
        visited=set(visited),
        turn=turn,
    )
    return TurnEnv(
        call=call,
        signals=frozenset(signals),
        amounts=[Decimal(a) for a in amounts],
        dates=list(dates),
        today=TODAY,
    )


GUARD_CASES: list[tuple[Any, dict[str, Any], bool]] = [
    # (guard, env kwargs, expected)
    (None, {}, True),
    ({"var": "trust", "ge": 1}, {"trust": 1}, True),
    ({"var": "trust", "ge": 1}, {"trust": 0}, False),
    ({"var": "mood", "gt": -2, "lt": 2}, {"mood": 1}, True),
    ({"var": "mood", "gt": -2, "lt": 2}, {"mood": 2}, False),
    ({"var": "mood", "eq": 0}, {"mood": 0}, True),
    ({"var": "mood", "ne": 0}, {"mood": 0}, False),
    ({"var": "mood", "le": "var.trust"}, {"mood": 1, "trust": 2}, True),
    ({"var": "mood", "le": "var.trust"}, {"mood": 3, "trust": 2}, False),
    ({"flag": "identity_verified"}, {"flags": {"identity_verified": True}}, True),
    ({"flag": "identity_verified"}, {}, False),
    ({"flag": "undeclared_flag"}, {}, False),
    ({"not": {"flag": "cease_requested"}}, {"flags": {"cease_requested": True}}, False),
    ({"all": [{"var": "trust", "ge": 1}, {"flag": "identity_verified"}]}, {"trust": 1}, False),
    (
        {"all": [{"var": "trust", "ge": 1}, {"flag": "identity_verified"}]},
        {"trust": 1, "flags": {"identity_verified": True}},
        True,
    ),
    ({"any": [{"var": "trust", "ge": 1}, {"flag": "identity_verified"}]}, {"trust": 1}, True),
    ({"any": []}, {}, False),
    ([{"var": "trust", "ge": 0}, {"var": "mood", "ge": 0}], {"mood": -1}, False),
    ({"slot": "amount"}, {"amounts": (50,)}, True),
    ({"slot": "amount"}, {}, False),
    ({"slot": "amount", "le": "persona.finances.monthly_capacity"}, {"amounts": (150,)}, True),
    ({"slot": "amount", "le": "persona.finances.monthly_capacity"}, {"amounts": (151,)}, False),
    # Any amount in the line may satisfy it ("it's $1,860 — could you do $150?").
    ({"slot": "amount", "le": "finances.monthly_capacity"}, {"amounts": (1860, 150)}, True),
    ({"slot": "amount", "ge": "persona.account.balance"}, {"amounts": (1860,)}, True),
    ({"slot": "date", "le": 14}, {"dates": (date(2026, 12, 4),)}, True),
    ({"slot": "date", "le": 14}, {"dates": (date(2027, 1, 30),)}, False),
    ({"slot": "date", "le": 14}, {"dates": (None,)}, False),
    ({"slot": "date"}, {"dates": (None,)}, True),
    (
        {"count": ["threat_arrest", "threat_legal_action"], "ge": 2},
        {"history": (("threat_arrest",), ())},
        False,
    ),
    (
        {"count": ["threat_arrest", "threat_legal_action"], "ge": 2},
        {"history": (("threat_arrest",), ("courtesy",), ("threat_legal_action",))},
        True,
    ),
    # Lines, not mentions: one line carrying two kinds of threat counts once.
    (
        {"count": ["threat_arrest", "threat_legal_action"], "ge": 2},
        {"history": (("threat_arrest", "threat_legal_action"),)},
        False,
    ),
    ({"count": "threat_arrest", "eq": 0}, {}, True),
    # The nested spelling of the format: {count: {signal: [...], ge: n}}.
    (
        {"count": {"signal": ["threat_arrest", "threat_violence"], "ge": 2}},
        {"history": (("threat_arrest",), ("threat_violence",))},
        True,
    ),
    ({"count": {"signal": "threat_arrest", "ge": 1}}, {"history": (("courtesy",),)}, False),
    ({"turn": {"ge": 3}}, {"turn": 3}, True),
    ({"turn": {"ge": 3, "le": 4}}, {"turn": 5}, False),
    ({"flag": "cease_requested", "is": False}, {}, True),
    ({"flag": "cease_requested", "is": False}, {"flags": {"cease_requested": True}}, False),
    ({"revealed": "job_loss"}, {"revealed": ("job_loss",)}, True),
    ({"signal": "sympathy"}, {"signals": ("sympathy", "courtesy")}, True),
    ({"signal": ["sympathy", "validate"]}, {"signals": ("courtesy",)}, False),
    ({"var": "turn", "ge": 3}, {"turn": 3}, True),
    ({"var": "turn", "ge": 3}, {"turn": 2}, False),
    ({"fact": "job_loss"}, {"revealed": ("job_loss",)}, True),
    ({"fact": "job_loss"}, {}, False),
    ({"visited": "exploring"}, {"visited": ("opening", "exploring")}, True),
    ({"visited": "exploring"}, {}, False),
]


@pytest.mark.parametrize(("guard", "kwargs", "expected"), GUARD_CASES, ids=lambda v: repr(v)[:60])
def test_guard_table(guard: Any, kwargs: dict[str, Any], expected: bool) -> None:
    assert compile_guard(guard, ROOT)(env(**kwargs)) is expected


def test_amount_guard_binds_the_amount_that_fit() -> None:
    e = env(amounts=(1860, 150))
    assert compile_guard({"slot": "amount", "le": 150}, ROOT)(e)
    assert e.bound["amount"] == Decimal(150)


@pytest.mark.parametrize(
    "bad",
    [
        {"var": "mood"},  # no comparison
        {"var": "mood", "approx": 1},  # unknown comparison
        {"nonsense": 1},  # unknown form
        {"slot": "colour", "eq": 1},  # unknown slot
        {"var": "mood", "le": "persona.no.such.path"},  # unresolvable reference
        {"count": [], "ge": 2},  # count without signals
        {"count": ["threat_arrest"]},  # count without a comparison
        {"count": {"signal": ["threat_arrest"]}},  # nested count without a comparison
        {"turn": 3},  # turn takes comparisons
        "var mood > 1",  # a string is never code
        {"var": "mood", "ge": "__import__('os').system('true')"},
    ],
)
def test_bad_guards_are_refused_at_compile_time(bad: Any) -> None:
    with pytest.raises(GuardError):
        compile_guard(bad, ROOT)


EFFECT_CASES: list[tuple[Any, dict[str, Any], dict[str, float], dict[str, bool]]] = [
    # (effect, start kwargs, expected variables, expected flags subset)
    ({"add": {"mood": 2}}, {"mood": 0}, {"mood": 2, "trust": 0}, {}),
    ({"add": {"mood": 10}}, {"mood": 0}, {"mood": 5, "trust": 0}, {}),  # clamped to max
    ({"add": {"mood": -10}}, {"mood": 0}, {"mood": -5, "trust": 0}, {}),  # clamped to min
    ({"set": {"mood": 99}}, {"mood": 0}, {"mood": 5, "trust": 0}, {}),  # set is clamped too
    ({"set": {"mood": "var.trust"}}, {"trust": 3}, {"mood": 3, "trust": 3}, {}),
    ({"set": {"identity_verified": True}}, {}, {"mood": 0, "trust": 0}, {"identity_verified": True}),
    ({"clear": ["cease_requested"]}, {"flags": {"cease_requested": True}}, {"mood": 0, "trust": 0}, {}),
    (
        {"set": {"cease_requested": False}},
        {"flags": {"cease_requested": True}},
        {"mood": 0, "trust": 0},
        {"cease_requested": False},
    ),
    (
        {"set": {"identity_verified": True}, "add": {"trust": 1, "mood": -1}},
        {},
        {"mood": -1, "trust": 1},
        {"identity_verified": True},
    ),
]


@pytest.mark.parametrize(("effect", "kwargs", "variables", "flags"), EFFECT_CASES, ids=lambda v: repr(v)[:60])
def test_effect_table(
    effect: Any, kwargs: dict[str, Any], variables: dict[str, float], flags: dict[str, bool]
) -> None:
    e = env(**kwargs)
    compile_effect(effect, ROOT, flags={"identity_verified", "cease_requested"}, variables={"mood", "trust"})(
        e
    )
    assert e.call.variables == variables
    for name, value in flags.items():
        assert e.call.flags[name] is value


def test_end_effect_records_the_outcome() -> None:
    e = env()
    compile_effect({"end": "complaint"}, ROOT, flags=set(), variables=set())(e)
    assert e.call.end_outcome == "complaint"


def test_reveal_effect_records_the_fact_once() -> None:
    e = env()
    effect = compile_effect({"reveal": ["job_loss"]}, ROOT, flags=set(), variables=set())
    effect(e)
    effect(e)
    assert e.call.revealed == ["job_loss"]


@pytest.mark.parametrize("bad", [{"explode": True}, {"add": ["mood"]}, {"set": "mood"}, "add mood"])
def test_bad_effects_are_refused(bad: Any) -> None:
    with pytest.raises(GuardError):
        compile_effect(bad, ROOT, flags=set(), variables={"mood"})
