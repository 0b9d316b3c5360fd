"""A tiny, fully predictable recogniser and scenario for engine unit tests.

The engine's rules (ordering, guards, effects, globals) are tested against this fake so a
lexicon change elsewhere cannot make them pass or fail; the real detector and intent library
are exercised by test_builtin_scenarios.py.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from scoring.model import Span, Turn
from simulator.engine.signals import AmountSlot, DateSlot, Heard, RecognisedSignal, add_slot_signals

KEYWORDS: dict[str, tuple[str, str]] = {
    "hello": ("greeting", "intent"),
    "this is alex": ("self_identification", "required_conduct"),
    "am i speaking": ("identity_verification", "required_conduct"),
    "collect a debt": ("debt_collector_disclosure", "required_conduct"),
    "sorry": ("sympathy", "empathy_positive"),
    "what happened": ("open_question", "empathy_positive"),
    "plan": ("propose_plan", "intent"),
    "arrest": ("threat_arrest", "violation"),
    "sue": ("threat_legal_action", "violation"),
    "idiot": ("abusive_language", "violation"),
    "hurry": ("rushing", "empathy_negative"),
}
_AMOUNT = re.compile(r"\$(\d+)")
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def fake_recogniser(text: str, today: date, context: Sequence[Turn]) -> Heard:
    heard = Heard()
    low = text.lower()
    for word, (sid, kind) in KEYWORDS.items():
        at = low.find(word)
        if at >= 0:
            heard.signals.append(RecognisedSignal(sid, kind, Span(start=at, end=at + len(word)), "intent"))
    for m in _AMOUNT.finditer(text):
        heard.amounts.append(
            AmountSlot(Decimal(m.group(1)), "USD", Span(start=m.start(), end=m.end()), m.group())
        )
    for i, day in enumerate(_WEEKDAYS):
        at = low.find(day)
        if at >= 0:
            ahead = (i - today.weekday()) % 7 or 7
            heard.dates.append(
                DateSlot(today + timedelta(days=ahead), day, Span(start=at, end=at + len(day)), "weekday")
            )
    heard.signals.sort(key=lambda s: s.span.start)
    add_slot_signals(heard)
    return heard


def scenario(**overrides: Any) -> dict[str, Any]:
    """A small job-loss scenario in the documented YAML shape."""
    spec: dict[str, Any] = {
        "id": "unit-job-loss",
        "version": 1,
        "title": "Unit test debtor",
        "language": "en",
        "jurisdiction": "us",
        "difficulty": 1,
        "briefing": "Maria Lopez owes {creditor} {balance}.",
        "persona": {
            "name": "Maria Lopez",
            "background": "Laid off in March.",
            "temperament": "anxious",
            "account": {"creditor": "Northbank", "balance": 1860, "currency": "USD", "days_past_due": 64},
            "finances": {"pay_now": 100, "monthly_capacity": 150, "income_monthly": 900},
            "hidden_facts": [
                {
                    "id": "job_loss",
                    "text": "I was laid off in March.",
                    "reveal_on": ["open_question"],
                    "when": {"var": "trust", "ge": 1},
                    "do": {"set": {"hardship_disclosed": True}},
                }
            ],
        },
        "variables": {
            "mood": {"initial": -1, "min": -5, "max": 5},
            "trust": {"initial": 0, "min": -5, "max": 5},
        },
        "flags": ["identity_verified", "hardship_disclosed", "cease_requested"],
        "max_turns": 8,
        "initial": "opening",
        "scoring": {"outcome_values": {"installment_plan": 100, "hung_up": 0, "complaint": 0}},
        "states": {
            "opening": {
                "say": ["Hello?", "Yeah, who's this?"],
                "fallback": ["Sorry, who is calling?"],
                "suggestions": [
                    {"text": "Hello, this is Alex from {creditor}. Am I speaking with {name}?", "good": True},
                    {"text": "You owe {balance}. Pay now or we sue.", "good": False, "why": "threat"},
                ],
            },
            "verified": {
                "say": ["Yes, this is {name}. What is this about?"],
                "fallback": ["What do you want?"],
                "suggestions": [{"text": "I'm sorry, what happened?", "good": True}],
            },
            "exploring": {
                "say": [
                    {"text": "I'm doing my best.", "when": {"var": "mood", "ge": 0}},
                    {"text": "Look, things are hard.", "when": {"var": "mood", "lt": 0}},
                ],
                "fallback": ["I don't know what to say."],
                "mood_hint": "She sounds tired.",
                "suggestions": [{"text": "Could we set up a plan of $150 a month?", "good": True}],
            },
            "plan_agreed": {
                "terminal": True,
                "outcome": "installment_plan",
                "say": ["Okay, {amount} a month I can do."],
            },
            "hung_up": {
                "terminal": True,
                "outcome": "hung_up",
                "say": ["I'm not listening to this. *click*"],
            },
            "complaint_end": {"terminal": True, "outcome": "complaint", "say": ["I want your supervisor."]},
        },
        "transitions": [
            {
                "on": "identity_verification",
                "from": "opening",
                "to": "verified",
                "when": {"not": {"flag": "cease_requested"}},
                "do": {"set": {"identity_verified": True}, "add": {"trust": 1}},
            },
            {
                "on": "sympathy",
                "from": ["verified", "exploring"],
                "to": "exploring",
                "do": {"add": {"mood": 2, "trust": 1}},
            },
            {"on": "open_question", "from": "verified", "to": "exploring", "do": {"add": {"trust": 1}}},
            {
                "on": "propose_plan",
                "from": "exploring",
                "to": "plan_agreed",
                "when": {"slot": "amount", "le": "persona.finances.monthly_capacity"},
            },
            {
                "on": "propose_plan",
                "from": "exploring",
                "say": ["That's more than I can afford."],
                "do": {"add": {"mood": -1}},
            },
            {"on": "rushing", "from": "*", "do": {"add": {"mood": -1}}},
        ],
        "global": [
            {
                "on": ["threat_arrest", "threat_legal_action"],
                "do": {"add": {"mood": -3, "trust": -2}},
                "say": ["Are you threatening me?"],
            },
            {
                "on": ["threat_arrest", "threat_legal_action"],
                "when": {"count": {"signal": ["threat_arrest", "threat_legal_action"], "ge": 2}},
                "to": "complaint_end",
            },
            {"on": "abusive_language", "to": "hung_up"},
        ],
    }
    spec.update(overrides)
    return spec


TODAY = date(2026, 11, 30)  # a Monday
