"""Seeded random playthroughs: walk N random paths, report unreached states and crashes.

Each step picks a line among the current state's suggested replies and the intent library's
examples for the signals the current state reacts to. One step in five "wanders" instead:
any intent example, any state's suggestion (the tempting-but-wrong ones included) or any line
of the scenario's scripted tests, so global reactions such as threats get exercised too.
A seed fully determines every path.
"""

from __future__ import annotations

import random
import traceback
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from simulator.engine.call import start_call
from simulator.engine.machine import CompiledScenario, compiled_for
from simulator.engine.placeholders import fill
from simulator.engine.signals import Recogniser
from simulator.engine.spec import as_list

# Chance of picking any intent example or any scenario line instead of the current state's ones.
WANDER = 0.2


@dataclass
class Crash:
    run: int
    seed: int
    lines: list[str]
    path: list[str]
    error: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "run": self.run,
            "seed": self.seed,
            "lines": self.lines,
            "path": self.path,
            "error": self.error,
        }


@dataclass
class PlaythroughReport:
    scenario: str
    runs: int
    seed: int
    states: list[str]
    reached: set[str] = field(default_factory=set)
    outcomes: Counter[str] = field(default_factory=Counter)
    crashes: list[Crash] = field(default_factory=list)
    turns: int = 0

    @property
    def never_reached(self) -> list[str]:
        return [s for s in self.states if s not in self.reached]

    @property
    def ok(self) -> bool:
        return not self.crashes

    def to_dict(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario,
            "runs": self.runs,
            "seed": self.seed,
            "turns": self.turns,
            "never_reached": self.never_reached,
            "outcomes": dict(sorted(self.outcomes.items())),
            "crashes": [c.to_dict() for c in self.crashes],
        }

    def summary(self) -> str:
        outcomes = ", ".join(f"{k} {v}" for k, v in sorted(self.outcomes.items())) or "none"
        lines = [
            f"{self.scenario}: {self.runs} random calls (seed {self.seed}), {self.turns} turns",
            f"  outcomes: {outcomes}",
            f"  states never reached: {', '.join(self.never_reached) or 'none'}",
            f"  crashes: {len(self.crashes)}",
        ]
        for crash in self.crashes[:5]:
            lines.append(
                f"    run {crash.run} (seed {crash.seed}) path {' > '.join(crash.path)}: {crash.error}"
            )
        return "\n".join(lines)


def intent_examples(compiled: CompiledScenario, recogniser: Recogniser | None) -> dict[str, list[str]]:
    """Example lines per signal id: the intent library's examples, plus the scenario's own."""
    examples: dict[str, list[str]] = {}
    library = getattr(recogniser, "library", None)
    if library is None and recogniser is None:
        try:
            library = getattr(compiled.recogniser(), "library", None)
        except Exception:
            library = None
    if library is not None:
        for intent_id, lines in _library_examples(library).items():
            examples.setdefault(intent_id, []).extend(lines)
    extra = compiled.spec.get("intents")
    if isinstance(extra, Mapping):
        for intent_id, body in extra.items():
            if isinstance(body, Mapping):
                examples.setdefault(str(intent_id), []).extend(str(x) for x in body.get("examples") or [])
    return {k: v for k, v in examples.items() if v}


def _library_examples(library: Any) -> dict[str, list[str]]:
    getter = getattr(library, "examples", None)
    if callable(getter):
        got = getter()
        if isinstance(got, Mapping):
            return {str(k): [str(x) for x in v] for k, v in got.items()}
    intents = getattr(library, "intents", None)
    out: dict[str, list[str]] = {}
    items: list[tuple[Any, Any]]
    if isinstance(intents, Mapping):
        items = list(intents.items())
    elif isinstance(intents, list | tuple):
        items = [(getattr(i, "id", None), i) for i in intents]
    else:
        return out
    for intent_id, intent in items:
        lines = getattr(intent, "examples", None)
        if intent_id and lines:
            out[str(intent_id)] = [str(x) for x in lines]
    return out


def random_playthrough(
    scenario: Any,
    n: int,
    seed: int = 0,
    *,
    recogniser: Recogniser | None = None,
    today: date | None = None,
    progress: Callable[[int], None] | None = None,
) -> PlaythroughReport:
    """Walk `n` random calls; never raises (crashes are reported with their path)."""
    compiled = compiled_for(scenario)
    rng = random.Random(seed)
    report = PlaythroughReport(scenario=compiled.id, runs=n, seed=seed, states=list(compiled.states))
    examples = intent_examples(compiled, recogniser)
    every_example = sorted({line for lines in examples.values() for line in lines})
    scenario_lines = sorted(
        {fill(str(s["text"]), compiled.constants) for st in compiled.states.values() for s in st.suggestions}
        | {str(line) for test in as_list(compiled.spec.get("tests")) for line in as_list(test.get("script"))}
    )
    wander_pools = [pool for pool in (every_example, scenario_lines) if pool]
    for run in range(n):
        call_seed = rng.randrange(2**31)
        lines: list[str] = []
        path: list[str] = [compiled.initial]
        try:
            call = start_call(compiled, seed=call_seed, recogniser=recogniser, today=today)
            report.reached.add(call.state)
            # The turn limit ends every call; the bound is only a guard against an engine bug.
            for _ in range(compiled.max_turns + 2):
                if call.ended:
                    break
                line = _choose(rng, call, compiled, examples, wander_pools)
                if line is None:
                    break
                lines.append(line)
                result = call.say(line)
                path = list(call.path)
                report.turns += 1
                report.reached.add(call.state)
                if result.error:
                    report.crashes.append(Crash(run, call_seed, lines, path, result.error))
                    break
            if not call.ended:
                call.end("script_ended")
            report.outcomes[call.outcome or call.ended_by or "unfinished"] += 1
        except Exception as exc:
            error = f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=6)}"
            report.crashes.append(Crash(run, call_seed, lines, path, error))
        if progress is not None:
            progress(run)
    return report


def _choose(
    rng: random.Random,
    call: Any,
    compiled: CompiledScenario,
    examples: Mapping[str, list[str]],
    wander_pools: list[list[str]],
) -> str | None:
    pool = [str(s.get("text")) for s in call.suggestions() if s.get("text")]
    if wander_pools and rng.random() < WANDER:
        return rng.choice(rng.choice(wander_pools))
    reacts_to = sorted({sig for rule in compiled.rules if call.state in rule.sources for sig in rule.on})
    for sig in reacts_to:
        pool.extend(examples.get(sig, ()))
    if not pool:
        pool = [line for lines in wander_pools for line in lines]
    return rng.choice(pool) if pool else None
