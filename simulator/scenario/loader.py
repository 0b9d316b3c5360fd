"""Load one scenario file: safe YAML with marks -> typed model -> semantic checks.

Nothing raises for bad input: every problem becomes a Diagnostic with the line
and column of the YAML node that holds it. A Scenario is returned only when
there are no errors (warnings are fine).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from scoring.diagnostics import Diagnostic
from scoring.yamlsrc import load_yaml_file, load_yaml_text
from simulator.scenario.checks import check_scenario
from simulator.scenario.locate import explain_error
from simulator.scenario.models import Scenario
from simulator.scenario.repair import REFERENCE_CODES, drop_bad_keys


@dataclass
class LoadResult:
    """Everything learnt from one file: the model (if valid), the marked data, the diagnostics."""

    path: str
    scenario: Scenario | None = None
    raw: Any = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(d.level == "error" for d in self.diagnostics)


def _sorted(diags: list[Diagnostic]) -> list[Diagnostic]:
    return sorted(diags, key=lambda d: (d.path, d.line or 0, d.col or 0, d.code, d.message))


def _build(raw: Any, path: str, yaml_diags: list[Diagnostic]) -> LoadResult:
    result = LoadResult(path=path, raw=raw, diagnostics=list(yaml_diags))
    if raw is None and yaml_diags:
        return result  # unreadable, too large or not YAML: nothing to check
    if raw is None:
        result.diagnostics.append(
            Diagnostic(
                path=path,
                line=None,
                col=None,
                level="error",
                code="empty-file",
                message="the file holds no YAML document",
            )
        )
        return result
    try:
        scenario = Scenario.model_validate(raw)
    except ValidationError as exc:
        errors = exc.errors()
        for err in errors:
            code, message, (line, col) = explain_error(err, raw, Scenario)
            result.diagnostics.append(
                Diagnostic(path=path, line=line, col=col, level="error", code=code, message=message)
            )
        result.diagnostics.extend(_second_pass(raw, errors, path))
        result.diagnostics = _sorted(result.diagnostics)
        return result
    scenario._path = Path(path)
    result.diagnostics.extend(check_scenario(scenario, raw, path))
    result.diagnostics = _sorted(result.diagnostics)
    if result.ok:
        result.scenario = scenario
    return result


def _second_pass(raw: Any, errors: list[ErrorDetails], path: str) -> list[Diagnostic]:
    """Cross-reference problems found once the shape errors' keys are set aside (see repair.py)."""
    trimmed = drop_bad_keys(raw, errors, Scenario)
    if trimmed is None:
        return []
    try:
        scenario = Scenario.model_validate(trimmed)
    except ValidationError:
        return []
    return [d for d in check_scenario(scenario, raw, path) if d.code in REFERENCE_CODES]


def load_file(path: str | Path) -> LoadResult:
    raw, diags = load_yaml_file(path)
    return _build(raw, str(path), list(diags))


def load_text(text: str, path: str = "<text>") -> LoadResult:
    raw, diags = load_yaml_text(text, path)
    return _build(raw, path, list(diags))


def load_scenario(path: str | Path) -> tuple[Scenario | None, list[Diagnostic]]:
    """The scenario at `path` (None when it has errors) and every diagnostic found."""
    result = load_file(path)
    return result.scenario, result.diagnostics


def load_scenario_text(text: str, path: str = "<text>") -> tuple[Scenario | None, list[Diagnostic]]:
    """Like load_scenario, for YAML text (tests, editors)."""
    result = load_text(text, path)
    return result.scenario, result.diagnostics
