"""Engine speed: scenario load+validate, one turn, machine build, memory per 1,000 calls.

    python benchmarks/engine_speed.py [--turns 3000] [--json]

Budgets (issue 2): load+validate <= 20 ms a file; one turn (NLU + detection + transition)
p99 <= 5 ms. Machine build and memory are reported without a budget. Prints each figure and
its ratio to the budget (< 1.0 is within budget); exit 1 when a budget is exceeded.

Budgets are judged on the thread's CPU time (`time.thread_time`), which a busy machine does
not inflate: on a shared 2-core box with a load of 8, wall-clock p99 of even `normalize()`
is ~10 ms of waiting for a core. Wall-clock figures are printed beside them, with the load.

Even CPU time is noisy on these VMs: a fixed pure-Python loop shows p99 about 3x its p50 on an
idle machine (printed as "machine noise"). So the turn benchmark runs in ``--runs`` fresh
processes (5 by default), every line new to each, and judges the budget on the p99 over lines
of each line's median time: a line that is slow in every run is slow, a spike in one run is
the machine. The pooled p99 of all runs is printed beside it.
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


class Timer:
    """CPU time of this thread (the budget) and wall-clock time (for reference) of one block."""

    cpu: float
    wall: float

    def __enter__(self) -> Timer:
        self.cpu0, self.wall0 = time.thread_time(), time.perf_counter()
        return self

    def __exit__(self, *_: object) -> None:
        self.cpu = _ms(time.thread_time() - self.cpu0)
        self.wall = _ms(time.perf_counter() - self.wall0)


def bench_load(paths: list[Path], repeats: int) -> dict[str, Any]:
    """Median load+validate time per file (YAML parse, models, semantic checks)."""
    from simulator.scenario import load_scenario

    per_file: dict[str, float] = {}
    per_file_wall: dict[str, float] = {}
    for path in paths:
        # Warm the caches shared by every file (taxonomy, intent ids, the allocator): the first
        # loads of a process take 1.5-6x the steady per-file cost of validating a library.
        for _ in range(10):
            load_scenario(path)
        cpu, wall = [], []
        for _ in range(repeats):
            with Timer() as t:
                load_scenario(path)
            cpu.append(t.cpu)
            wall.append(t.wall)
        per_file[path.name] = statistics.median(cpu)
        per_file_wall[path.name] = statistics.median(wall)
    worst = max(per_file.values(), default=float("nan"))
    return {
        "per_file_ms": per_file,
        "per_file_wall_ms": per_file_wall,
        "worst_ms": worst,
        "budget_ms": LOAD_BUDGET_MS,
        "ratio": worst / LOAD_BUDGET_MS,
    }


def _lines_for(scenario: Any) -> list[str]:
    """The scenario's own lines: test scripts and suggestions (used to warm up)."""
    lines: list[str] = []
    for test in scenario.tests:
        lines.extend(test.script)
    for state in scenario.states.values():
        lines.extend(s.text for s in state.suggestions)
    return lines or ["Hello, am I speaking with the account holder?"]


def novel_lines(lang: str) -> list[str]:
    """Collector lines the scenarios never contain: the detector corpus's dev split.

    Every real trainee line is new to the process; RE2 builds its DFA states lazily, so a line
    seen before is faster than a new one (about 4x at the median on the job-loss scenario).
    Timing only repeated script lines would flatter the engine.
    """
    import yaml

    path = ROOT / "tests" / "corpus" / lang / "dev.yaml"
    try:
        items = yaml.load(
            path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        )
    except (OSError, yaml.YAMLError):
        return []
    return [str(i["text"]) for i in items or [] if isinstance(i, dict) and i.get("text")]


def bench_turns(scenarios: list[Any], turns: int) -> dict[str, Any]:
    """Time `call.say(line)` end to end: cleaning, detector, intents, slots, rules, reply.

    Set up as `collectsim run` does (recognisers warmed up, then `freeze_heap()`), warmed
    further on the scenario's own lines, then timed on lines the process has never seen.
    """
    import random

    from simulator.engine import freeze_heap, start_call

    def play(scenario: Any, lines: list[str], cpu: list[float], wall: list[float]) -> None:
        call = start_call(scenario, seed=1)
        for n, line in enumerate(lines):
            if call.ended:
                call = start_call(scenario, seed=n)
            with Timer() as t:
                call.say(line)
            cpu.append(t.cpu)
            wall.append(t.wall)
        call.end()

    for scenario in scenarios:
        warm = start_call(scenario, seed=0)
        warm.warm_up()  # builds the recogniser (lexicons, intent library) once per scenario
        warm.end()
        play(scenario, _lines_for(scenario), [], [])
    freeze_heap()

    times: list[float] = []
    walls: list[float] = []
    per_scenario: dict[str, dict[str, float]] = {}
    share = max(1, turns // max(1, len(scenarios)))
    for scenario in scenarios:
        pool = novel_lines(scenario.language) or _lines_for(scenario)
        random.Random(scenario.id).shuffle(pool)
        mine: list[float] = []
        mine_wall: list[float] = []
        play(scenario, pool[:share], mine, mine_wall)
        per_scenario[scenario.id] = {
            "turns": len(mine),
            "p50_ms": percentile(mine, 50),
            "p99_ms": percentile(mine, 99),
            "wall_p99_ms": percentile(mine_wall, 99),
        }
        times.extend(mine)
        walls.extend(mine_wall)
    p99 = percentile(times, 99)
    return {
        "samples": times,
        "turns": len(times),
        "p50_ms": percentile(times, 50),
        "p99_ms": p99,
        "max_ms": max(times, default=float("nan")),
        "wall_p50_ms": percentile(walls, 50),
        "wall_p99_ms": percentile(walls, 99),
        "budget_p99_ms": TURN_P99_BUDGET_MS,
        "ratio": p99 / TURN_P99_BUDGET_MS,
        "per_scenario": per_scenario,
    }


def bench_turns_runs(runs: int, turns: int) -> dict[str, Any]:
    """``bench_turns`` in ``runs`` fresh processes; per-line medians across runs."""
    import subprocess

    per_run: list[list[float]] = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, __file__, "--turns", str(turns), "--turn-samples"],
            capture_output=True, text=True, check=True,
        )
        per_run.append(json.loads(out.stdout))
    n = min(len(r) for r in per_run)
    medians = [statistics.median(r[i] for r in per_run) for i in range(n)]
    pooled = [t for r in per_run for t in r[:n]]
    p99 = percentile(medians, 99)
    return {
        "runs": runs,
        "turns_per_run": n,
        "p50_ms": percentile(medians, 50),
        "p99_ms": p99,
        "pooled_p50_ms": percentile(pooled, 50),
        "pooled_p99_ms": percentile(pooled, 99),
        "budget_p99_ms": TURN_P99_BUDGET_MS,
        "ratio": p99 / TURN_P99_BUDGET_MS,
    }


def machine_noise() -> dict[str, float]:
    """p50 and p99 CPU time of a fixed pure-Python loop: how much the machine alone varies."""
    times = []
    for _ in range(400):
        with Timer() as t:
            total = 0
            for i in range(20000):
                total += i * i
        times.append(t.cpu)
    return {"p50_ms": percentile(times, 50), "p99_ms": percentile(times, 99)}


def bench_engine_only(scenarios: list[Any], turns: int) -> dict[str, Any]:
    """The engine's own share of a turn: rules, guards, effects, reply (recognition replayed).

    Each line is recognised once beforehand; the timed `say` replays that result, so what is
    measured is cleaning, the Machine, guards/effects and the reply, not the detector.
    """
    from datetime import date

    from simulator.engine import start_call

    times: list[float] = []
    for scenario in scenarios:
        warm = start_call(scenario, seed=0)
        real = warm._recogniser()
        today = date.today()
        heard = {line: real(line, today, ()) for line in _lines_for(scenario)}
        warm.end()

        def replay(text: str, today: Any, context: Any, heard: dict[str, Any] = heard) -> Any:
            return heard[text]

        lines = list(heard)
        call = start_call(scenario, seed=1, recogniser=replay)
        for n in range(max(1, turns // max(1, len(scenarios)))):
            if call.ended:
                call = start_call(scenario, seed=n, recogniser=replay)
            with Timer() as t:
                call.say(lines[n % len(lines)])
            times.append(t.cpu)
        call.end()
    return {"turns": len(times), "p50_ms": percentile(times, 50), "p99_ms": percentile(times, 99)}


def bench_machine(scenarios: list[Any], repeats: int) -> dict[str, Any]:
    """Compile a scenario (guards, effects, ONE transitions Machine) — once per scenario."""
    from simulator.engine.machine import compile_scenario

    out: dict[str, float] = {}
    for scenario in scenarios:
        times = []
        for _ in range(repeats):
            with Timer() as t:
                compile_scenario(scenario)
            times.append(t.cpu)
        out[scenario.id] = statistics.median(times)
    return {"per_scenario_ms": out, "worst_ms": max(out.values(), default=float("nan"))}


def bench_models(scenario: Any, count: int = 1000) -> dict[str, Any]:
    """Memory and add_model time for `count` concurrent calls on one shared Machine."""
    from simulator.engine import start_call
    from simulator.engine.machine import compile_scenario

    compiled = compile_scenario(scenario)

    def idle_recogniser(text: str, today: Any, context: Any) -> Any:  # calls only start here
        raise AssertionError("not used")

    # Time first (tracemalloc slows every allocation), then memory on a fresh set of calls.
    with Timer() as t:
        calls = [start_call(compiled, seed=i, recogniser=idle_recogniser) for i in range(count)]
    attached = len(compiled.machine.models)
    for call in calls:
        call.end()
    del calls
    gc.collect()
    tracemalloc.start()
    before, _peak = tracemalloc.get_traced_memory()
    calls = [start_call(compiled, seed=i, recogniser=idle_recogniser) for i in range(count)]
    gc.collect()
    after, _peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    for call in calls:
        call.end()
    elapsed = t.cpu / 1000.0
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


def _load_average() -> str:
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "n/a"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=1200, help="novel lines to time in total")
    parser.add_argument("--repeats", type=int, default=20, help="repeats per load / build measurement")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    parser.add_argument("--runs", type=int, default=5, help="fresh processes for the turn benchmark")
    parser.add_argument("--turn-samples", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    from simulator.scenario import load_scenario

    paths = scenario_paths()
    if not paths:
        print("no built-in scenarios found", file=sys.stderr)
        return 2
    scenarios = [s for s in (load_scenario(p)[0] for p in paths) if s is not None]
    if args.turn_samples:  # one run of --runs: per-line CPU times, in a fixed line order
        print(json.dumps(bench_turns(scenarios, args.turns)["samples"]))
        return 0
    report: dict[str, Any] = {
        "python": sys.version.split()[0],
        "load_average": _load_average(),
        "load_validate": bench_load(paths, args.repeats),
        "turn": bench_turns(scenarios, args.turns),
        "turn_runs": bench_turns_runs(args.runs, args.turns) if args.runs > 1 else None,
        "machine_noise": machine_noise(),
        "engine_only": bench_engine_only(scenarios, 2000),
        "machine_build": bench_machine(scenarios, args.repeats),
        "models_1000": bench_models(max(scenarios, key=lambda s: len(s.states))),
    }
    report["turn"].pop("samples")
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        load, turn, build, models = (
            report["load_validate"], report["turn"], report["machine_build"], report["models_1000"],
        )  # fmt: skip
        print(
            f"scenario files: {len(paths)} (valid: {len(scenarios)}); load average {report['load_average']}"
        )
        print("times are CPU time of the benchmark thread; wall-clock in brackets")
        print(
            f"load+validate: worst {load['worst_ms']:.2f} ms/file "
            f"(budget {LOAD_BUDGET_MS:g} ms, ratio {load['ratio']:.2f})"
        )
        for name, ms in load["per_file_ms"].items():
            print(f"    {name}: {ms:.2f} ms [{load['per_file_wall_ms'][name]:.2f} ms]")
        print(
            f"one turn (novel lines): p50 {turn['p50_ms']:.3f} ms, p99 {turn['p99_ms']:.3f} ms, "
            f"max {turn['max_ms']:.2f} ms over {turn['turns']} turns "
            f"[wall p50 {turn['wall_p50_ms']:.3f} ms, p99 {turn['wall_p99_ms']:.3f} ms] "
            f"(budget p99 {TURN_P99_BUDGET_MS:g} ms, ratio {turn['ratio']:.2f})"
        )
        for sid, figures in turn["per_scenario"].items():
            print(
                f"    {sid}: p50 {figures['p50_ms']:.3f} ms, p99 {figures['p99_ms']:.3f} ms "
                f"[wall p99 {figures['wall_p99_ms']:.3f} ms]"
            )
        if report["turn_runs"] is not None:
            tr = report["turn_runs"]
            print(
                f"one turn, median of {tr['runs']} fresh runs per line: p50 {tr['p50_ms']:.3f} ms, "
                f"p99 {tr['p99_ms']:.3f} ms over {tr['turns_per_run']} lines (budget p99 "
                f"{TURN_P99_BUDGET_MS:g} ms, ratio {tr['ratio']:.2f}); all runs pooled: "
                f"p50 {tr['pooled_p50_ms']:.3f} ms, p99 {tr['pooled_p99_ms']:.3f} ms"
            )
        noise = report["machine_noise"]
        print(
            f"machine noise (fixed loop): p50 {noise['p50_ms']:.3f} ms, p99 {noise['p99_ms']:.3f} ms "
            f"(p99/p50 {noise['p99_ms'] / noise['p50_ms']:.2f})"
        )
        engine = report["engine_only"]
        print(
            f"  of which the engine itself (rules, guards, effects, reply): "
            f"p50 {engine['p50_ms']:.3f} ms, p99 {engine['p99_ms']:.3f} ms over {engine['turns']} turns"
        )
        print(f"machine build (compile): worst {build['worst_ms']:.2f} ms per scenario")
        print(
            f"1,000 concurrent calls: {models['memory_per_call_kib']:.2f} KiB/call "
            f"({models['memory_total_kib'] / 1024:.2f} MiB total), "
            f"start_call {models['start_call_mean_us']:.0f} µs mean "
            f"({models['states']} states, {models['events']} triggers)"
        )
    turn_ratio = (report["turn_runs"] or report["turn"])["ratio"]
    over = report["load_validate"]["ratio"] > 1 or turn_ratio > 1
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
