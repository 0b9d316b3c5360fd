"""Validate many scenario files in one pass, including ids duplicated across files."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from scoring.diagnostics import Diagnostic
from simulator.scenario.library import scenario_files
from simulator.scenario.loader import LoadResult, load_file
from simulator.scenario.locate import mark_at


def load_all(paths: Iterable[str | Path]) -> list[LoadResult]:
    """Load every scenario file under `paths`; adds `duplicate-id` for ids seen in an earlier file."""
    results: list[LoadResult] = []
    first_seen: dict[str, str] = {}
    for path in scenario_files(paths):
        result = load_file(path)
        results.append(result)
        raw = result.raw
        sid = raw.get("id") if isinstance(raw, dict) else None
        if not isinstance(sid, str):
            continue
        if sid in first_seen:
            line, col = mark_at(raw, ("id",))
            result.diagnostics.append(
                Diagnostic(
                    path=result.path,
                    line=line,
                    col=col,
                    level="error",
                    code="duplicate-id",
                    message=f"scenario id '{sid}' is already used by {first_seen[sid]}",
                )
            )
            result.scenario = None
            result.diagnostics.sort(key=lambda d: (d.line or 0, d.col or 0, d.code))
        else:
            first_seen[sid] = result.path
    return results


def validate_paths(paths: Iterable[str | Path]) -> list[Diagnostic]:
    """Every problem in every scenario file under `paths` (files or directories, recursive)."""
    return [d for result in load_all(paths) for d in result.diagnostics]
