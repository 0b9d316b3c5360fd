"""Run a scenario's scripted tests: trainee lines in, expectations on where the call ended.

Expectations (`expect:` in the YAML; the format branch's `Expect` model):
  state: plan_agreed            final state
  outcome: installment_plan     taxonomy outcome id of the call
  ended: true                   whether the call ended before the script ran out
  flags: {identity_verified: true}
  mood: [0, 5]                  final mood range ([min, max] or {min:, max:}, inclusive)
  variables: {trust: [1, 5]}    final ranges of other variables
  visits: [exploring]           states the call must pass through
  says: ["$150"]                text some debtor line contains (case-insensitive)
  never_says: ["supervisor"]    text no debtor line contains
  ended_by: turn_limit          why the call ended
  path: [opening, verified]     the states visited start with exactly these
  revealed: [job_loss]          hidden facts that must have been revealed
  score: {legality: {min: 90}, overall: [60, 100], passed: true, auto_fail: false,
          outcome_category: installment_plan}       the scorecard
"""

from __future__ import annotations

import traceback
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from simulator.engine.call import ENDED_SCRIPT, Call, TurnResult, start_call
from simulator.engine.machine import CompiledScenario, compiled_for
from simulator.engine.signals import Recogniser
from simulator.engine.spec import as_list, first_key

SCORE_FIELDS = ("empathy", "legality", "outcome", "overall")
# Expectations answered by the scorecard rather than by the call itself.
SCORE_KEYS = ("score", "passed", "auto_fail")
VERDICT_KEYS = ("passed", "auto_fail", "outcome_category")


@dataclass
class TestResult:
    __test__ = False  # not a pytest class

    name: str
    passed: bool
    failures: list[str] = field(default_factory=list)
    path: list[str] = field(default_factory=list)
    turns: list[TurnResult] = field(default_factory=list)
    outcome: str | None = None
    ended_by: str | None = None
    scorecard: Any = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "passed": self.passed,
            "failures": list(self.failures),
            "path": list(self.path),
            "outcome": self.outcome,
            "ended_by": self.ended_by,
            "turns": [t.to_dict() for t in self.turns],
            "scorecard": _dump(self.scorecard),
        }


def _dump(card: Any) -> Any:
    dump = getattr(card, "model_dump", None)
    return dump(mode="json") if dump is not None else None


def run_scenario_tests(
    scenario: Any,
    *,
    recogniser: Recogniser | None = None,
    today: date | None = None,
) -> list[TestResult]:
    """Every `tests:` entry of the scenario, run on a fresh call each; never raises."""
    try:
        compiled = compiled_for(scenario)
    except Exception as exc:
        return [TestResult("<compile>", False, [f"scenario cannot be run: {type(exc).__name__}: {exc}"])]
    results = []
    for pos, test in enumerate(as_list(compiled.spec.get("tests"))):
        name = str(test.get("name") or f"tests[{pos}]") if isinstance(test, Mapping) else f"tests[{pos}]"
        try:
            results.append(_run_one(compiled, name, test, recogniser, today))
        except Exception as exc:
            tb = traceback.format_exc(limit=4)
            results.append(TestResult(name, False, [f"crashed: {type(exc).__name__}: {exc}", tb]))
    return results


def _run_one(
    compiled: CompiledScenario,
    name: str,
    test: Mapping[str, Any],
    recogniser: Recogniser | None,
    today: date | None,
) -> TestResult:
    seed = int(test.get("seed", 0) or 0)
    call = start_call(compiled, seed=seed, recogniser=recogniser, today=today)
    failures: list[str] = []
    lines = [str(x) for x in as_list(first_key(test, "script", "say"))]
    for i, line in enumerate(lines):
        if call.ended:
            failures.append(f"the call ended ({call.ended_by}) before script line {i + 1}: {line!r}")
            break
        result = call.say(line)
        if result.error:
            failures.append(f"line {i + 1} raised inside the engine: {result.error}")
    # `ended` asks whether the call ended inside the script; after that, a call still open is
    # closed as `script_ended`, which is what `ended_by` then reports.
    ended_in_script = call.ended
    call.end(ENDED_SCRIPT)
    expect = test.get("expect") or {}
    scorecard = None
    if isinstance(expect, Mapping):
        failures.extend(check_expectations(call, expect, ended=ended_in_script))
        wanted = {k: expect[k] for k in SCORE_KEYS if expect.get(k) is not None}
        if isinstance(expect.get("score"), Mapping):
            # passed/auto_fail/outcome_category may sit inside `score:` (the format) or beside it.
            wanted.update({k: v for k, v in expect["score"].items() if k in VERDICT_KEYS and v is not None})
        if wanted:
            scorecard, problems = _check_score(call, wanted)
            failures.extend(problems)
    return TestResult(
        name=name,
        passed=not failures,
        failures=failures,
        path=list(call.path),
        turns=list(call.results),
        outcome=call.outcome,
        ended_by=call.ended_by,
        scorecard=scorecard,
    )


def check_expectations(call: Call, expect: Mapping[str, Any], *, ended: bool | None = None) -> list[str]:
    """Failures (empty when all hold) of everything but `score`.

    `ended`: whether the call ended before the script ran out (default: `call.ended`).
    """
    ended = call.ended if ended is None else ended
    failures: list[str] = []
    debtor_lines = [t.text for t in call.turns if t.speaker == "debtor"]
    declared = set(call.scenario.variables)
    for key, want in expect.items():
        if key == "state":
            if call.state != want:
                failures.append(
                    f"state: expected {want!r}, got {call.state!r} (path {' > '.join(call.path)})"
                )
        elif key == "outcome":
            if call.outcome != want:
                failures.append(
                    f"outcome: expected {want!r}, got {call.outcome!r} (ended_by {call.ended_by})"
                )
        elif key == "ended":
            if ended is not bool(want):
                failures.append(f"ended: expected {bool(want)}, got {ended}")
        elif key == "ended_by":
            if call.ended_by != want:
                failures.append(f"ended_by: expected {want!r}, got {call.ended_by!r}")
        elif key == "flags":
            for flag, value in (want or {}).items():
                got = call.vars.flags.get(flag, False)
                if got is not bool(value):
                    failures.append(f"flag {flag}: expected {bool(value)}, got {got}")
        elif key == "variables":
            for var, bounds in (want or {}).items():
                failures.extend(_check_range(var, call.vars.variables.get(var), bounds))
        elif key in declared:
            failures.extend(_check_range(key, call.vars.variables.get(key), want))
        elif key == "says":
            for text in as_list(want):
                if not any(str(text).casefold() in line.casefold() for line in debtor_lines):
                    failures.append(f"says: no debtor line contains {text!r}")
        elif key == "never_says":
            for text in as_list(want):
                hit = next((ln for ln in debtor_lines if str(text).casefold() in ln.casefold()), None)
                if hit is not None:
                    failures.append(f"never_says: the debtor said {text!r} in {hit!r}")
        elif key == "visits":
            for state in as_list(want):
                if state not in call.path:
                    failures.append(f"visits: never reached {state!r} (path {' > '.join(call.path)})")
        elif key == "path":
            wanted = [str(s) for s in as_list(want)]
            if call.path[: len(wanted)] != wanted:
                failures.append(f"path: expected {' > '.join(wanted)}, got {' > '.join(call.path)}")
        elif key == "revealed":
            for fact in as_list(want):
                if fact not in call.vars.revealed:
                    failures.append(f"revealed: hidden fact {fact!r} was never revealed")
        elif key in SCORE_KEYS:
            continue  # checked against the scorecard by _check_score
        else:
            failures.append(f"unknown expectation {key!r}")
    return failures


def _bounds(spec: Any) -> tuple[float | None, float | None]:
    if isinstance(spec, Mapping):
        return spec.get("min"), spec.get("max")
    if isinstance(spec, list | tuple) and len(spec) == 2:
        return spec[0], spec[1]
    if isinstance(spec, int | float):
        return spec, spec
    raise ValueError(f"a range is [min, max] or {{min:, max:}}, not {spec!r}")


def _check_range(name: str, value: Any, spec: Any) -> list[str]:
    try:
        low, high = _bounds(spec)
    except ValueError as exc:
        return [f"{name}: {exc}"]
    if value is None:
        return [f"{name}: no such value"]
    if (low is not None and value < low) or (high is not None and value > high):
        return [f"{name}: expected in [{low}, {high}], got {value}"]
    return []


def _check_score(call: Call, wanted: Mapping[str, Any]) -> tuple[Any, list[str]]:
    from simulator.engine.scoring_bridge import score_call

    try:
        card = score_call(call)
    except Exception as exc:
        return None, [f"score: could not grade the call: {type(exc).__name__}: {exc}"]
    failures: list[str] = []
    for key in ("passed", "auto_fail"):
        if key in wanted and bool(getattr(card, key, None)) is not bool(wanted[key]):
            failures.append(f"score.{key}: expected {bool(wanted[key])}, got {getattr(card, key, None)}")
    if "outcome_category" in wanted and getattr(card, "outcome_category", None) != wanted["outcome_category"]:
        got = getattr(card, "outcome_category", None)
        failures.append(f"score.outcome_category: expected {wanted['outcome_category']!r}, got {got!r}")
    bounds = wanted.get("score") or {}
    if not isinstance(bounds, Mapping):
        return card, [*failures, f"score: expected a mapping, got {bounds!r}"]
    for name, spec in bounds.items():
        if spec is None or name in VERDICT_KEYS:
            continue
        if name not in SCORE_FIELDS:
            failures.append(f"score: unknown score {name!r}")
            continue
        failures.extend(_check_range(f"score.{name}", getattr(card, name, None), spec))
    return card, failures
