"""One compiled scenario: typed rules, compiled guards/effects and ONE transitions Machine.

The Machine is built once per scenario (`model=None`, `auto_transitions=False`,
`send_event=True`) and cached; every call adds its own model with `add_model` and removes it
with `remove_model` when the call ends. A Machine per call would rebuild every state, event
and transition for each call (reference/model-codebases.md §4; benchmarks/engine_speed.py
reports both the compile time and the per-call cost).

Ordering: a trainee line can carry several signals. YAML order decides, across signals: the
engine walks the candidate rules in YAML order and fires each one's trigger with the rule's
index as `allowed`; every machine transition's first condition accepts only its own index,
so exactly that rule's guard is evaluated and the first rule whose guard holds wins.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from transitions import Machine
from transitions.core import EventData

from simulator.engine.context import TurnEnv
from simulator.engine.effects import Effect, compile_effect, nothing
from simulator.engine.guards import Guard, compile_guard
from simulator.engine.placeholders import persona_values
from simulator.engine.signals import Recogniser, default_recogniser
from simulator.engine.spec import Spec, as_list, first_key, scenario_spec

DEFAULT_MAX_TURNS = 30
# Unless the scenario says otherwise, a call that runs out of turns ends as a hang-up.
DEFAULT_TURN_LIMIT_OUTCOME = "hung_up"
TRIGGER_PREFIX = "hear_"


@dataclass(frozen=True)
class Line:
    """One debtor line variant; `{text, when}` variants are said only while their guard holds."""

    text: str
    guard: Guard | None = None


@dataclass(frozen=True)
class StateInfo:
    name: str
    say: tuple[Line, ...]
    fallback: tuple[Line, ...]
    terminal: bool
    outcome: str | None
    suggestions: tuple[dict[str, Any], ...]
    mood_hint: str | None = None


@dataclass(frozen=True)
class Rule:
    """A global reaction or a state transition, in YAML order (globals first)."""

    index: int
    label: str  # "global[0]" / "transitions[3]": where it is in the YAML
    is_global: bool
    on: frozenset[str]
    sources: frozenset[str]
    dest: str | None
    guard: Guard
    effect: Effect
    say: tuple[Line, ...]


@dataclass(frozen=True)
class Fact:
    id: str
    text: str
    reveal_on: frozenset[str]
    guard: Guard
    effect: Effect


@dataclass
class CompiledScenario:
    spec: Spec
    id: str
    language: str
    jurisdiction: str
    initial: str
    states: dict[str, StateInfo]
    variables: dict[str, float]
    bounds: dict[str, tuple[float | None, float | None]]
    flags: tuple[str, ...]
    max_turns: int
    turn_limit_outcome: str
    turn_limit_say: tuple[Line, ...]
    on_max_turns: str | None  # a terminal state to enter at the turn limit instead, if named
    rules: tuple[Rule, ...]
    facts: tuple[Fact, ...]
    constants: dict[str, str]
    currency: str | None
    machine: Machine
    _recogniser: Recogniser | None = field(default=None, repr=False)

    @property
    def terminal_states(self) -> frozenset[str]:
        return frozenset(n for n, s in self.states.items() if s.terminal)

    def recogniser(self) -> Recogniser:
        """The detector + intent library for this scenario's language, built on first use."""
        if self._recogniser is None:
            self._recogniser = default_recogniser(
                self.language,  # type: ignore[arg-type]
                first_key(self.spec, "intents"),
                persona_name=self.constants.get("name"),
            )
        return self._recogniser

    def candidates(self, state: str, signals: frozenset[str], *, globals_: bool) -> list[Rule]:
        return [
            r
            for r in self.rules
            if r.is_global is globals_ and state in r.sources and not r.on.isdisjoint(signals)
        ]


class ScenarioCompileError(ValueError):
    """The scenario cannot be run (it should have failed validation first)."""


def _lines(raw: Any, root: Mapping[str, Any]) -> tuple[Line, ...]:
    out: list[Line] = []
    for item in as_list(raw):
        if isinstance(item, Mapping):
            out.append(Line(str(item.get("text", "")), compile_guard(item.get("when"), root)))
        elif item is not None:
            out.append(Line(str(item)))
    return tuple(out)


def _number(raw: Any) -> float:
    # Whole numbers stay ints so replies and JSON read "-1", not "-1.0".
    value = float(raw or 0)
    return int(value) if value.is_integer() else value


def _bounds(raw: Any) -> tuple[float, float | None, float | None]:
    if isinstance(raw, Mapping):
        return (
            _number(raw.get("initial", 0)),
            None if raw.get("min") is None else _number(raw["min"]),
            None if raw.get("max") is None else _number(raw["max"]),
        )
    return _number(raw), None, None


def compile_scenario(scenario: Any) -> CompiledScenario:
    """Compile a loaded scenario (pydantic model or YAML-shaped mapping); raises on nonsense."""
    spec = scenario_spec(scenario)
    states_raw = spec.get("states") or {}
    if not isinstance(states_raw, Mapping) or not states_raw:
        raise ScenarioCompileError("scenario has no states")
    states: dict[str, StateInfo] = {}
    for name, body in states_raw.items():
        body = body or {}
        outcome = first_key(body, "outcome")
        states[name] = StateInfo(
            name=name,
            say=_lines(first_key(body, "say"), spec),
            fallback=_lines(first_key(body, "fallback"), spec),
            terminal=bool(body.get("terminal")) or outcome is not None,
            outcome=str(outcome) if outcome is not None else None,
            mood_hint=body.get("mood_hint"),
            suggestions=tuple(
                dict(s) if isinstance(s, Mapping) else {"text": str(s)}
                for s in as_list(body.get("suggestions"))
            ),
        )
    initial = str(first_key(spec, "initial", default=next(iter(states))))
    if initial not in states:
        raise ScenarioCompileError(f"initial state {initial!r} is not a state")
    live = frozenset(n for n, s in states.items() if not s.terminal)

    variables: dict[str, float] = {}
    bounds: dict[str, tuple[float | None, float | None]] = {}
    for name, raw in (spec.get("variables") or {}).items():
        init, low, high = _bounds(raw)
        variables[name], bounds[name] = init, (low, high)
    flags = tuple(str(f) for f in as_list(spec.get("flags")))
    flag_set, var_set = set(flags), set(variables)

    def sources_of(raw: Any) -> frozenset[str]:
        names = as_list(raw)
        if not names or "*" in names:
            return live
        unknown = [n for n in names if n not in states]
        if unknown:
            raise ScenarioCompileError(f"unknown state(s) {unknown}")
        return frozenset(str(n) for n in names)

    rules: list[Rule] = []
    for section, is_global in (("global", True), ("transitions", False)):
        items = first_key(spec, section, f"{section}_", "globals" if is_global else section, default=[])
        for pos, item in enumerate(as_list(items)):
            dest = first_key(item, "to")
            if dest is not None and dest not in states:
                raise ScenarioCompileError(f"{section}[{pos}]: unknown state {dest!r}")
            rules.append(
                Rule(
                    index=len(rules),
                    label=f"{section}[{pos}]",
                    is_global=is_global,
                    on=frozenset(str(s) for s in as_list(first_key(item, "on"))),
                    sources=sources_of(first_key(item, "from", "from_", "source")),
                    dest=str(dest) if dest is not None else None,
                    guard=compile_guard(first_key(item, "when"), spec),
                    effect=compile_effect(first_key(item, "do"), spec, flags=flag_set, variables=var_set),
                    say=_lines(first_key(item, "say"), spec),
                )
            )

    persona = spec.get("persona") or {}
    facts = tuple(
        Fact(
            id=str(f.get("id")),
            text=str(f.get("text", "")),
            reveal_on=frozenset(str(s) for s in as_list(first_key(f, "reveal_on", "on"))),
            guard=compile_guard(f.get("when"), spec),
            effect=compile_effect(f.get("do"), spec, flags=flag_set, variables=var_set)
            if f.get("do")
            else nothing,
        )
        for f in as_list(persona.get("hidden_facts"))
        if isinstance(f, Mapping)
    )
    return CompiledScenario(
        spec=spec,
        id=str(spec.get("id", "")),
        language=str(spec.get("language", "en")),
        jurisdiction=str(spec.get("jurisdiction", "us")),
        initial=initial,
        states=states,
        variables=variables,
        bounds=bounds,
        flags=flags,
        max_turns=int(first_key(spec, "max_turns", default=DEFAULT_MAX_TURNS)),
        turn_limit_outcome=str(first_key(spec, "turn_limit_outcome", default=DEFAULT_TURN_LIMIT_OUTCOME)),
        turn_limit_say=_lines(first_key(spec, "turn_limit_say"), spec),
        on_max_turns=_state_ref(first_key(spec, "on_max_turns"), states),
        rules=tuple(rules),
        facts=facts,
        constants=persona_values(spec),
        currency=((spec.get("persona") or {}).get("account") or {}).get("currency"),
        machine=build_machine(states, rules),
    )


def _state_ref(name: Any, states: Mapping[str, StateInfo]) -> str | None:
    if name is None:
        return None
    if name not in states:
        raise ScenarioCompileError(f"unknown state {name!r}")
    return str(name)


class CallMachine(Machine):
    """A Machine that binds no convenience methods onto each call's model.

    `add_model` normally sets, per model, a method per event, a `may_<event>` per event and an
    `is_<state>` per state (reference/model-codebases.md §4: the per-model cost of
    transitions). The engine never calls them: it fires `machine.events[...].trigger(model)`
    and reads `model.state`. Skipping them keeps a call's model to its state and variables.
    """

    def _add_trigger_to_model(self, trigger: str, model: Any) -> None:
        return None

    def _add_model_to_state(self, state: Any, model: Any) -> None:
        return None


def build_machine(states: Mapping[str, StateInfo], rules: list[Rule]) -> Machine:
    """ONE Machine for the scenario; triggers are `hear_<signal>`, one per signal id."""
    machine = CallMachine(
        model=None,
        states=[{"name": n, "final": s.terminal} for n, s in states.items()],
        initial=next(iter(states)),
        auto_transitions=False,
        send_event=True,
        # A signal with no transition from the current state is normal, not an error.
        ignore_invalid_triggers=True,
    )
    for rule in rules:
        allowed = _allowed(rule.index)
        guard = _on_event(rule.guard)
        effect = _on_event(rule.effect)
        for signal in sorted(rule.on):
            for source in sorted(rule.sources):
                machine.add_transition(
                    TRIGGER_PREFIX + signal,
                    source,
                    rule.dest,  # None = internal transition: effects only, state unchanged
                    conditions=[allowed, guard],
                    before=[effect],
                )
    return machine


def _allowed(index: int) -> Any:
    def check(event: EventData) -> bool:
        return bool(event.kwargs["env"].allowed == index)

    return check


def _on_event(fn: Any) -> Any:
    def call(event: EventData) -> Any:
        return fn(event.kwargs["env"])

    return call


def fire(compiled: CompiledScenario, model: Any, rule: Rule, signal: str, env: TurnEnv) -> bool:
    """Try exactly `rule` through the Machine; True when its guard held and it was taken."""
    env.allowed = rule.index
    env.bound.clear()
    event = compiled.machine.events.get(TRIGGER_PREFIX + signal)
    if event is None:
        return False
    return bool(event.trigger(model, env=env))


# --- cache: one compiled scenario (and Machine) per loaded scenario object -------------------
_CACHE: dict[int, tuple[weakref.ref[Any], CompiledScenario]] = {}


def compiled_for(scenario: Any) -> CompiledScenario:
    """The cached compilation of a loaded scenario object (compiled once, freed with it)."""
    if isinstance(scenario, CompiledScenario):
        return scenario
    if isinstance(scenario, Mapping):
        return compile_scenario(scenario)  # plain dicts cannot be weak-referenced: no cache
    key = id(scenario)
    hit = _CACHE.get(key)
    if hit is not None and hit[0]() is scenario:
        return hit[1]
    compiled = compile_scenario(scenario)
    try:
        ref = weakref.ref(scenario, _evict(key))
    except TypeError:
        return compiled
    _CACHE[key] = (ref, compiled)
    return compiled


def _evict(key: int) -> Callable[[Any], None]:
    def evict(_ref: Any) -> None:
        _CACHE.pop(key, None)

    return evict
