"""Engine speed: scenario load+validate, one turn, machine build, memory per 1,000 calls.

    python benchmarks/engine_speed.py [--turns 3000] [--json]

Budgets (issue 2): load+validate <= 20 ms a file; one turn (NLU + detection + transition)
p99 <= 5 ms. Machine build and memory are reported without a budget. Prints each figure and
its ratio to the budget (< 1.0 is within budget); exit 1 when a budget is exceeded.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

LOAD_BUDGET_MS = 20.0
TURN_P99_BUDGET_MS = 5.0


def _ms(seconds: float) -> float:
    return seconds * 1000.0


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = max(0, min(len(ordered) - 1, round(q / 100.0 * (len(ordered) - 1))))
    return ordered[k]


def scenario_paths() -> list[Path]:
    from simulator.scenario import builtin_dir, scenario_files

    return list(scenario_files([builtin_dir()]))


def bench_load(paths: list[Path], repeats: int) -> dict[str, Any]:
    """Median load+validate time per file (YAML parse, models, semantic checks)."""
    from simulator.scenario import load_scenario

    per_file: dict[str, float] = {}
    for path in paths:
        load_scenario(path)  # warm caches shared by every file (taxonomy, intent ids)
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            load_scenario(path)
            times.append(_ms(time.perf_counter() - start))
        per_file[path.name] = statistics.median(times)
    worst = max(per_file.values(), default=float("nan"))
    return {
        "per_file_ms": per_file,
        "worst_ms": worst,
        "budget_ms": LOAD_BUDGET_MS,
        "ratio": worst / LOAD_BUDGET_MS,
    }


def _lines_for(scenario: Any) -> list[str]:
    lines: list[str] = []
    for test in scenario.tests:
        lines.extend(test.script)
    for state in scenario.states.values():
        lines.extend(s.text for s in state.suggestions)
    return lines or ["Hello, am I speaking with the account holder?"]


def bench_turns(scenarios: list[Any], turns: int) -> dict[str, Any]:
    """Time `call.say(line)` end to end: cleaning, detector, intents, slots, rules, reply."""
    from simulator.engine import start_call

    times: list[float] = []
    per_scenario: dict[str, dict[str, float]] = {}
    share = max(1, turns // max(1, len(scenarios)))
    for scenario in scenarios:
        lines = _lines_for(scenario)
        warm = start_call(scenario, seed=0)
        warm.say(lines[0])  # builds the recogniser (lexicons, intent library) once per scenario
        warm.end()
        mine: list[float] = []
        call = start_call(scenario, seed=1)
        i = 0
        while len(mine) < share:
            if call.ended:
                call = start_call(scenario, seed=len(mine))
            line = lines[i % len(lines)]
            i += 1
            start = time.perf_counter()
            call.say(line)
            mine.append(_ms(time.perf_counter() - start))
        call.end()
        per_scenario[scenario.id] = {"p50_ms": percentile(mine, 50), "p99_ms": percentile(mine, 99)}
        times.extend(mine)
    p99 = percentile(times, 99)
    return {
        "turns": len(times),
        "p50_ms": percentile(times, 50),
        "p99_ms": p99,
        "max_ms": max(times, default=float("nan")),
        "budget_p99_ms": TURN_P99_BUDGET_MS,
        "ratio": p99 / TURN_P99_BUDGET_MS,
        "per_scenario": per_scenario,
    }


def bench_machine(scenarios: list[Any], repeats: int) -> dict[str, Any]:
    """Compile a scenario (guards, effects, ONE transitions Machine) — once per scenario."""
    from simulator.engine.machine import compile_scenario

    out: dict[str, float] = {}
    for scenario in scenarios:
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            compile_scenario(scenario)
            times.append(_ms(time.perf_counter() - start))
        out[scenario.id] = statistics.median(times)
    return {"per_scenario_ms": out, "worst_ms": max(out.values(), default=float("nan"))}


def bench_models(scenario: Any, count: int = 1000) -> dict[str, Any]:
    """Memory and add_model time for `count` concurrent calls on one shared Machine."""
    from simulator.engine import start_call
    from simulator.engine.machine import compile_scenario

    compiled = compile_scenario(scenario)

    def idle_recogniser(*_: Any) -> Any:  # calls are only started, never spoken to
        raise AssertionError("not used")

    gc.collect()
    tracemalloc.start()
    before, _peak = tracemalloc.get_traced_memory()
    start = time.perf_counter()
    calls = [start_call(compiled, seed=i, recogniser=idle_recogniser) for i in range(count)]
    elapsed = time.perf_counter() - start
    gc.collect()
    after, _peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    attached = len(compiled.machine.models)
    for call in calls:
        call.end()
    return {
        "calls": count,
        "attached_models": attached,
        "start_call_mean_us": elapsed / count * 1e6,
        "memory_total_kib": (after - before) / 1024,
        "memory_per_call_kib": (after - before) / 1024 / count,
        "states": len(compiled.states),
        "events": len(compiled.machine.events),
        "detached_after_end": len(compiled.machine.models) == 0,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=3000, help="turns to time in total")
    parser.add_argument("--repeats", type=int, default=20, help="repeats per load / build measurement")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    args = parser.parse_args(argv)

    from simulator.scenario import load_scenario

    paths = scenario_paths()
    if not paths:
        print("no built-in scenarios found", file=sys.stderr)
        return 2
    scenarios = [s for s in (load_scenario(p)[0] for p in paths) if s is not None]
    report = {
        "python": sys.version.split()[0],
        "load_validate": bench_load(paths, args.repeats),
        "turn": bench_turns(scenarios, args.turns),
        "machine_build": bench_machine(scenarios, args.repeats),
        "models_1000": bench_models(max(scenarios, key=lambda s: len(s.states))),
    }
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        load, turn, build, models = (
            report["load_validate"], report["turn"], report["machine_build"], report["models_1000"],
        )  # fmt: skip
        print(f"scenario files: {len(paths)} (valid: {len(scenarios)})")
        print(
            f"load+validate: worst {load['worst_ms']:.2f} ms/file "
            f"(budget {LOAD_BUDGET_MS:g} ms, ratio {load['ratio']:.2f})"
        )
        for name, ms in load["per_file_ms"].items():
            print(f"    {name}: {ms:.2f} ms")
        print(
            f"one turn: p50 {turn['p50_ms']:.3f} ms, p99 {turn['p99_ms']:.3f} ms, "
            f"max {turn['max_ms']:.2f} ms over {turn['turns']} turns "
            f"(budget p99 {TURN_P99_BUDGET_MS:g} ms, ratio {turn['ratio']:.2f})"
        )
        for sid, figures in turn["per_scenario"].items():
            print(f"    {sid}: p50 {figures['p50_ms']:.3f} ms, p99 {figures['p99_ms']:.3f} ms")
        print(f"machine build (compile): worst {build['worst_ms']:.2f} ms per scenario")
        print(
            f"1,000 concurrent calls: {models['memory_per_call_kib']:.2f} KiB/call "
            f"({models['memory_total_kib'] / 1024:.2f} MiB total), "
            f"start_call {models['start_call_mean_us']:.0f} µs mean "
            f"({models['states']} states, {models['events']} triggers)"
        )
    over = report["load_validate"]["ratio"] > 1 or report["turn"]["ratio"] > 1
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
