"""Helpers shared by the speed benchmarks: honest timings despite per-utterance caches."""

from __future__ import annotations

import inspect
import os
import resource
import statistics
import sys
from collections.abc import Sequence
from typing import Any


def utterance_caches() -> list[Any]:
    """LRU caches in loaded ``scoring`` modules that are keyed by an utterance's text.

    scoring.api memoises detection per (text, lang); timing the same corpus twice would then
    measure dictionary look-ups. We clear only caches whose wrapped function takes ``text`` first,
    so compiled lexicons, rule packs and per-character tables stay warm as they would in a
    long-running process.
    """
    found = []
    for name, module in list(sys.modules.items()):
        if not (name == "scoring" or name.startswith("scoring.")) or module is None:
            continue
        for value in vars(module).values():
            wrapped = getattr(value, "__wrapped__", None)
            if not (callable(wrapped) and hasattr(value, "cache_clear")):
                continue
            try:
                params = list(inspect.signature(wrapped).parameters)
            except (TypeError, ValueError):
                continue
            if params and params[0] == "text":
                found.append(value)
    return found


def clear_utterance_caches() -> int:
    caches = utterance_caches()
    for cache in caches:
        cache.cache_clear()
    return len(caches)


def pin_to_one_core() -> str:
    """Run on a single CPU where the OS allows it (Linux); report what happened."""
    if hasattr(os, "sched_setaffinity") and hasattr(os, "sched_getaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned (no sched_setaffinity on this OS); the benchmark is single-threaded"


def peak_rss_mib() -> float:
    """Peak resident set size of this process so far, in MiB (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def percentile(sorted_values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile of already sorted values (q in 0..100)."""
    if not sorted_values:
        return 0.0
    rank = max(1, round(q / 100 * len(sorted_values)))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def summary_ms(samples_ns: Sequence[int]) -> dict[str, float]:
    values = sorted(s / 1e6 for s in samples_ns)
    if not values:
        return {"n": 0, "median": 0.0, "p90": 0.0, "p99": 0.0, "max": 0.0, "mean": 0.0}
    return {
        "n": len(values),
        "median": statistics.median(values),
        "p90": percentile(values, 90),
        "p99": percentile(values, 99),
        "max": values[-1],
        "mean": statistics.fmean(values),
    }
