"""What a guard or an effect can see and change while one trainee line is processed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any


@dataclass
class CallVars:
    """The mutable state of one call that guards read and effects write."""

    variables: dict[str, float]
    bounds: dict[str, tuple[float | None, float | None]]
    flags: dict[str, bool]
    counts: dict[str, int] = field(default_factory=dict)  # lines that carried each signal
    history: list[frozenset[str]] = field(default_factory=list)  # signal ids heard, per trainee line
    revealed: list[str] = field(default_factory=list)
    visited: set[str] = field(default_factory=set)
    turn: int = 0
    # Set by an `end:` effect: the call ends after this turn with this outcome.
    end_outcome: str | None = None

    def set_var(self, name: str, value: float) -> None:
        """Assign a variable, clamped to its declared range (the YAML min/max)."""
        low, high = self.bounds.get(name, (None, None))
        if low is not None and value < low:
            value = low
        if high is not None and value > high:
            value = high
        # Whole numbers stay ints so replies and JSON read "3", not "3.0".
        self.variables[name] = int(value) if float(value).is_integer() else value

    def add_var(self, name: str, delta: float) -> None:
        self.set_var(name, self.variables.get(name, 0) + delta)


@dataclass
class TurnEnv:
    """One turn's evidence plus the call's state: the argument of every compiled guard/effect."""

    call: CallVars
    signals: frozenset[str]
    amounts: list[Decimal]
    dates: list[date | None]
    today: date
    # Slot values a guard accepted (e.g. the amount that fit the budget), for {amount} in replies.
    bound: dict[str, Any] = field(default_factory=dict)
    # Which transition index the engine is trying right now (see machine.py: YAML order).
    allowed: int = -1
