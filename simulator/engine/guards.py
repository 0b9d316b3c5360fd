"""Compile declarative guards (validated YAML data) into plain Python closures.

Nothing here resolves a name to code: every guard form is a fixed branch of this compiler,
every value is a literal or a dotted path into the scenario's own data or the call's
variables. Unknown forms raise `GuardError` at compile time (the validator reports them
earlier with line:col; this is the engine's own safety net).

Forms (the format branch's `simulator.scenario.guards`; docs/scenario-format.md):
  {all: [g, ...]}  {any: [g, ...]}  {not: g}
  {flag: cease_requested}              the flag is set; {flag: x, is: false}: it is not
  {revealed: job_loss}                 the hidden fact has been revealed (also `fact:`)
  {visited: exploring}                 the call has been in that state (the current one included)
  {signal: sympathy}                   this line carries that signal (one id or a list)
  {var: trust, ge: 1}                  comparisons lt le gt ge eq ne; several = a range
  {slot: amount}                       the line mentions money
  {slot: amount, le: persona.finances.monthly_capacity}   some amount in the line satisfies it
  {slot: date, le: 14}                 a date in the line, at most 14 days from today
  {count: {signal: [threat_arrest, threat_legal_action], ge: 2}}
                                       trainee lines so far (this one included) carrying any of them
                                       (also accepted: {count: [ids], ge: 2})
  {turn: {ge: 10}}                     the trainee line number, 1-based (also `{var: turn, ...}`)
Right-hand sides: a number, a persona path (persona.finances.monthly_capacity) or var.<name>.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from simulator.engine.context import TurnEnv
from simulator.engine.spec import as_list, lookup_path

Guard = Callable[[TurnEnv], bool]
Value = Callable[[TurnEnv], Any]

COMPARISONS: dict[str, Callable[[Any, Any], bool]] = {
    "eq": operator.eq,
    "ne": operator.ne,
    "lt": operator.lt,
    "le": operator.le,
    "gt": operator.gt,
    "ge": operator.ge,
}
# Keys that may accompany a subject key without being comparisons.
_SUBJECT_KEYS = {
    "all", "any", "not", "var", "flag", "is", "fact", "revealed",
    "visited", "signal", "slot", "count", "turn",
}  # fmt: skip
# Read-only variables the engine provides (the format forbids declaring them).
BUILTIN_VARIABLES = ("turn",)


class GuardError(ValueError):
    """A guard the engine cannot compile (the validator should have caught it)."""


def always(_env: TurnEnv) -> bool:
    return True


def compile_guard(spec: Any, root: Mapping[str, Any]) -> Guard:
    """A closure for one guard; `root` is the scenario spec that dotted paths resolve in."""
    if spec is None:
        return always
    if isinstance(spec, list):
        # A bare list reads as "all of these".
        return _all([compile_guard(g, root) for g in spec])
    if not isinstance(spec, Mapping):
        raise GuardError(f"a guard must be a mapping, not {type(spec).__name__}")
    if "all" in spec:
        return _all([compile_guard(g, root) for g in as_list(spec["all"])])
    if "any" in spec:
        return _any([compile_guard(g, root) for g in as_list(spec["any"])])
    if "not" in spec:
        inner = compile_guard(spec["not"], root)
        return lambda env: not inner(env)
    if "var" in spec:
        return _var_guard(str(spec["var"]), spec, root)
    if "flag" in spec:
        name = str(spec["flag"])
        want = spec.get("is")
        expected = True if want is None else bool(want)
        return lambda env: env.call.flags.get(name, False) is expected
    if "revealed" in spec or "fact" in spec:
        fact = str(spec.get("revealed") or spec.get("fact"))
        return lambda env: fact in env.call.revealed
    if "signal" in spec:
        wanted = frozenset(str(s) for s in as_list(spec["signal"]))
        return lambda env: not wanted.isdisjoint(env.signals)
    if "turn" in spec:
        return _turn_guard(spec["turn"], root)
    if "visited" in spec:
        state = str(spec["visited"])
        return lambda env: state in env.call.visited
    if "slot" in spec:
        return _slot_guard(str(spec["slot"]), spec, root)
    if "count" in spec:
        return _count_guard(spec, root)
    raise GuardError(f"unknown guard form: {sorted(spec)}")


def _all(parts: list[Guard]) -> Guard:
    if len(parts) == 1:
        return parts[0]
    return lambda env: all(p(env) for p in parts)


def _any(parts: list[Guard]) -> Guard:
    return lambda env: any(p(env) for p in parts)


def _comparisons(spec: Mapping[str, Any], root: Mapping[str, Any]) -> list[tuple[Callable[..., bool], Value]]:
    out: list[tuple[Callable[..., bool], Value]] = []
    for key, raw in spec.items():
        if key in _SUBJECT_KEYS:
            continue
        if key not in COMPARISONS:
            raise GuardError(f"unknown comparison {key!r} (use one of {', '.join(COMPARISONS)})")
        out.append((COMPARISONS[key], compile_value(raw, root)))
    return out


def compile_value(raw: Any, root: Mapping[str, Any]) -> Value:
    """A literal, or a reference: `persona.finances.x` (constant) / `var.mood` (live)."""
    if isinstance(raw, bool) or raw is None:
        return lambda _env: raw
    if isinstance(raw, int | float | Decimal):
        const = _num(raw)
        return lambda _env: const
    if isinstance(raw, str):
        text = raw.strip()
        for prefix in ("var.", "vars.", "variables."):
            if text.startswith(prefix):
                name = text[len(prefix) :]
                return lambda env: env.call.variables.get(name, 0)
        if text.startswith("flag.") or text.startswith("flags."):
            fname = text.split(".", 1)[1]
            return lambda env: env.call.flags.get(fname, False)
        for candidate in (text, f"persona.{text}"):
            found = lookup_path(root, candidate)
            if found is not None:
                const_found = _num(found) if isinstance(found, int | float | Decimal) else found
                return lambda _env: const_found
        try:
            const_num = _num(Decimal(text))
        except InvalidOperation:
            raise GuardError(f"cannot resolve {raw!r}") from None
        return lambda _env: const_num
    raise GuardError(f"unsupported value {raw!r}")


def _num(value: int | float | Decimal) -> Decimal:
    # Decimal everywhere so 150 == Decimal("150.00") and money never meets float rounding.
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _var_guard(name: str, spec: Mapping[str, Any], root: Mapping[str, Any]) -> Guard:
    checks = _comparisons(spec, root)
    if not checks:
        raise GuardError(f"variable guard on {name!r} has no comparison")

    if name == "turn":
        return lambda env: all(op(Decimal(env.call.turn), _coerce(v(env))) for op, v in checks)

    def guard(env: TurnEnv) -> bool:
        current = _num(env.call.variables.get(name, 0))
        return all(op(current, _coerce(value(env))) for op, value in checks)

    return guard


def _coerce(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return _num(value)
    return value


def _slot_guard(slot: str, spec: Mapping[str, Any], root: Mapping[str, Any]) -> Guard:
    checks = _comparisons(spec, root)
    if slot == "amount":

        def amount_guard(env: TurnEnv) -> bool:
            # Any amount in the line may satisfy it: "is it $1,860, or could you do $150?"
            for amount in env.amounts:
                if all(op(amount, _coerce(value(env))) for op, value in checks):
                    env.bound["amount"] = amount
                    return True
            return False

        return amount_guard
    if slot == "date":

        def date_guard(env: TurnEnv) -> bool:
            # Dates compare as whole days from today: {slot: date, le: 14} = "within two weeks".
            for when in env.dates:
                if when is None:
                    if not checks:
                        return True
                    continue
                days = Decimal((when - env.today).days)
                if all(op(days, _coerce(value(env))) for op, value in checks):
                    env.bound["date"] = when
                    return True
            return False

        return date_guard
    raise GuardError(f"unknown slot {slot!r} (use amount or date)")


def _turn_guard(spec: Any, root: Mapping[str, Any]) -> Guard:
    if not isinstance(spec, Mapping):
        raise GuardError("turn guard needs comparisons: {turn: {ge: 10}}")
    return _var_guard("turn", spec, root)


def _count_guard(spec: Mapping[str, Any], root: Mapping[str, Any]) -> Guard:
    inner = spec["count"]
    if isinstance(inner, Mapping):  # {count: {signal: [...], ge: 2}}
        ids = frozenset(str(s) for s in as_list(inner.get("signal")))
        checks = _comparisons({k: v for k, v in inner.items() if k != "signal"}, root)
    else:  # {count: [...], ge: 2}
        ids = frozenset(str(s) for s in as_list(inner))
        checks = _comparisons(spec, root)
    if not ids or not checks:
        raise GuardError("count guard needs signal ids and a comparison: {count: {signal: [ids], ge: 2}}")

    def guard(env: TurnEnv) -> bool:
        # Lines, not mentions: one line with two kinds of threat is one threatening line.
        lines = sum(1 for heard in env.call.history if not ids.isdisjoint(heard))
        return all(op(Decimal(lines), _coerce(value(env))) for op, value in checks)

    return guard
