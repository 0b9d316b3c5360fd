"""Compile declarative effects (`do:` blocks) into closures that change the call's state.

Forms (the format branch's `simulator.scenario.guards.Effects`; docs/scenario-format.md):
  set:    {identity_verified: true, mood: 0}    flags take booleans, variables numbers (clamped)
  add:    {trust: 1, mood: -2}                  variables only, clamped to their range
  clear:  [cease_requested]                     flags back to false
  reveal: [job_loss]                            hidden facts revealed (their text is said)
  end:    complaint                             the call ends after this turn with that outcome
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from simulator.engine.context import TurnEnv
from simulator.engine.guards import GuardError, compile_value
from simulator.engine.spec import as_list

Effect = Callable[[TurnEnv], None]


def nothing(_env: TurnEnv) -> None:
    return None


def compile_effect(spec: Any, root: Mapping[str, Any], *, flags: set[str], variables: set[str]) -> Effect:
    """A closure applying one `do:` block; `flags`/`variables` are the scenario's declared names."""
    if not spec:
        return nothing
    if not isinstance(spec, Mapping):
        raise GuardError(f"an effect must be a mapping, not {type(spec).__name__}")
    steps: list[Effect] = []
    for key, body in spec.items():
        if key == "set":
            steps.extend(_set_steps(body, root, flags, variables))
        elif key == "add":
            steps.extend(_add_steps(body, root))
        elif key == "clear":
            steps.extend(_set_flag(str(name), _false) for name in as_list(body))
        elif key == "reveal":
            steps.extend(_reveal_step(str(fact)) for fact in as_list(body))
        elif key == "end":
            steps.append(_end_step(str(body)))
        else:
            raise GuardError(f"unknown effect {key!r}")

    def run(env: TurnEnv) -> None:
        for step in steps:
            step(env)

    return run


def _set_steps(body: Any, root: Mapping[str, Any], flags: set[str], variables: set[str]) -> list[Effect]:
    if not isinstance(body, Mapping):
        raise GuardError("set: needs a mapping of names to values")
    steps: list[Effect] = []
    for name, raw in body.items():
        value = compile_value(raw, root)
        is_flag = name in flags or (name not in variables and isinstance(raw, bool))
        steps.append(_set_flag(name, value) if is_flag else _set_var(name, value))
    return steps


def _set_flag(name: str, value: Callable[[TurnEnv], Any]) -> Effect:
    def step(env: TurnEnv) -> None:
        env.call.flags[name] = bool(value(env))

    return step


def _set_var(name: str, value: Callable[[TurnEnv], Any]) -> Effect:
    def step(env: TurnEnv) -> None:
        env.call.set_var(name, _number(value(env)))

    return step


def _add_steps(body: Any, root: Mapping[str, Any]) -> list[Effect]:
    if not isinstance(body, Mapping):
        raise GuardError("add: needs a mapping of variables to amounts")
    steps: list[Effect] = []
    for name, raw in body.items():
        delta = compile_value(raw, root)

        def step(env: TurnEnv, name: str = name, delta: Callable[[TurnEnv], Any] = delta) -> None:
            env.call.add_var(name, _number(delta(env)))

        steps.append(step)
    return steps


def _false(_env: TurnEnv) -> bool:
    return False


def _end_step(outcome: str) -> Effect:
    def step(env: TurnEnv) -> None:
        env.call.end_outcome = outcome

    return step


def _reveal_step(fact: str) -> Effect:
    def step(env: TurnEnv) -> None:
        if fact not in env.call.revealed:
            env.call.revealed.append(fact)

    return step


def _number(value: Any) -> float:
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, Decimal):
        return float(value)
    raise GuardError(f"not a number: {value!r}")
