"""`collectsim scenarios ...`: the trainer's authoring tools.

    list [--json]                      the built-in library (or --root DIR)
    validate PATH... [--strict]        every problem, file:line:col: [level] code: message
    graph ID|PATH --format mermaid|dot
    schema                             the JSON Schema of the format
    test PATH... [--random N --seed S] scripted tests (and seeded random playthroughs)

Exit codes (PRODUCT.md): 0 success, 1 the input is well-formed but fails (errors found, a test
fails), 2 bad usage or unreadable input. Heavy imports stay inside the commands.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from scoring.diagnostics import Diagnostic
    from simulator.scenario import Scenario

EXIT_FAILED = 1
EXIT_UNUSABLE = 2


@click.group()
def scenarios() -> None:
    """Authoring tools: list, validate, graph, test, schema."""


def _echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _summary(diags: list[Diagnostic], files: int) -> str:
    errors = sum(1 for d in diags if d.level == "error")
    warnings = len(diags) - errors
    return f"{files} file(s): {errors} error(s), {warnings} warning(s)"


@scenarios.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON list of {id, title, language, ...}.")
@click.option(
    "--root",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="List scenarios under this directory instead of the built-in library.",
)
def list_command(as_json: bool, root: Path | None) -> None:
    """The scenarios in the library (valid ones; run `validate` to see problems)."""
    from simulator.scenario import list_scenarios

    found = list_scenarios(root)
    if as_json:
        _echo_json([s.to_json() for s in found])
        return
    if not found:
        click.echo("no scenarios found", err=True)
        return
    width = max(len(s.id) for s in found)
    for s in found:
        click.echo(f"{s.id:<{width}}  {s.language}/{s.jurisdiction}  {'*' * s.difficulty:<5}  {s.title}")


@scenarios.command("validate")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Warnings fail too (exit 1).")
@click.option("--json", "as_json", is_flag=True, help="Print the diagnostics as one JSON list.")
@click.option(
    "--format", "fmt", type=click.Choice(["parsable", "github"]), default="parsable", show_default=True,
    help="parsable: file:line:col: [level] code: message; github: GitHub Actions annotations.",
)  # fmt: skip
def validate_command(paths: tuple[Path, ...], strict: bool, as_json: bool, fmt: str) -> None:
    """Check scenario files (directories are searched recursively, skipping intents/).

    Prints every problem as `file:line:col: [level] code: message`; a summary goes to stderr.
    """
    from simulator.scenario.library import scenario_files
    from simulator.scenario.validate import validate_paths

    missing = [p for p in paths if not p.exists()]
    for path in missing:
        click.echo(f"{path}: [error] unreadable: no such file or directory", err=True)
    present = [p for p in paths if p.exists()]
    diags = validate_paths(present)
    files = len(list(scenario_files(present)))
    if as_json:
        _echo_json(
            [
                {
                    "path": d.path,
                    "line": d.line,
                    "col": d.col,
                    "level": d.level,
                    "code": d.code,
                    "message": d.message,
                }
                for d in diags
            ]
        )
    else:
        for d in diags:
            click.echo(_github(d) if fmt == "github" else d.format())
    click.echo(_summary(diags, files), err=True)
    unreadable = {"unreadable", "file-too-large", "encoding"}
    if missing or any(d.code in unreadable for d in diags):
        sys.exit(EXIT_UNUSABLE)
    if any(d.level == "error" or strict for d in diags):
        sys.exit(EXIT_FAILED)


def _github(d: Diagnostic) -> str:
    """`::error file=...,line=...,col=...,title=code::message` (GitHub Actions workflow command)."""
    where = f"file={d.path}"
    if d.line is not None:
        where += f",line={d.line}"
        if d.col is not None:
            where += f",col={d.col}"
    message = d.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::{d.level} {where},title={d.code}::{message}"


def _load_or_exit(id_or_path: str) -> Scenario:
    """The scenario named by id or path; prints diagnostics and exits 2/1 when unusable."""
    from simulator.scenario import ScenarioNotFound, find_scenario, load_scenario

    try:
        path = find_scenario(id_or_path)
    except ScenarioNotFound as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_UNUSABLE)
    scenario, diags = load_scenario(path)
    for d in diags:
        if d.level == "error":
            click.echo(d.format(), err=True)
    if scenario is None:
        unreadable = any(d.code in ("unreadable", "file-too-large", "encoding") for d in diags)
        sys.exit(EXIT_UNUSABLE if unreadable else EXIT_FAILED)
    return scenario


@scenarios.command("graph")
@click.argument("scenario")
@click.option(
    "--format", "fmt", type=click.Choice(["mermaid", "dot"]), default="mermaid", show_default=True,
    help="Mermaid flowchart (Markdown, GitHub) or Graphviz DOT.",
)  # fmt: skip
def graph_command(scenario: str, fmt: str) -> None:
    """Draw SCENARIO (an id or a path): states, transitions with signals and guards, global reactions."""
    from simulator.scenario.graph import to_dot, to_mermaid

    loaded = _load_or_exit(scenario)
    click.echo(to_mermaid(loaded) if fmt == "mermaid" else to_dot(loaded), nl=False)


@scenarios.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the scenario format (for editor autocompletion)."""
    from simulator.scenario.schema import scenario_json_schema

    _echo_json(scenario_json_schema())


@scenarios.command("test")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--random",
    "random_runs",
    type=click.IntRange(min=1),
    default=None,
    help="Also play N seeded random calls through suggestions and intent examples.",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Seed for --random.")
@click.option("--json", "as_json", is_flag=True, help="One JSON document with every result.")
@click.option("-v", "--verbose", is_flag=True, help="Show the conversation of failing tests.")
def test_command(
    paths: tuple[Path, ...], random_runs: int | None, seed: int, as_json: bool, verbose: bool
) -> None:
    """Run the `tests:` of scenario files (directories are searched recursively).

    Prints PASS/FAIL per test with the path of states taken; exit 1 when any test fails.
    """
    from simulator.engine.playthrough import random_playthrough
    from simulator.engine.testing import run_scenario_tests
    from simulator.scenario.validate import load_all

    missing = [p for p in paths if not p.exists()]
    for path in missing:
        click.echo(f"{path}: [error] unreadable: no such file or directory", err=True)
    if missing:
        sys.exit(EXIT_UNUSABLE)
    report: list[dict[str, Any]] = []
    failed = passed = 0
    for result in load_all(paths):
        entry: dict[str, Any] = {"path": result.path, "scenario": None, "tests": [], "errors": []}
        report.append(entry)
        errors = [d for d in result.diagnostics if d.level == "error"]
        if result.scenario is None or errors:
            failed += 1
            entry["errors"] = [d.format() for d in errors]
            for d in errors:
                click.echo(d.format(), err=True)
            if not as_json:
                click.echo(
                    f"FAIL {result.path}: the scenario has errors; run `collectsim scenarios validate`"
                )
            continue
        scenario = result.scenario
        entry["scenario"] = scenario.id
        if not as_json:
            click.echo(f"{scenario.id} ({result.path})")
        if not scenario.tests and not as_json:
            click.echo("  (no tests)")
        for test in run_scenario_tests(scenario):
            entry["tests"].append(test.to_dict())
            passed += test.passed
            failed += not test.passed
            if as_json:
                continue
            click.echo(f"  {'PASS' if test.passed else 'FAIL'} {test.name}  [{' > '.join(test.path)}]")
            for failure in test.failures:
                click.echo(f"       {failure}")
            if verbose and not test.passed:
                for turn in test.turns:
                    data = turn.to_dict()
                    click.echo(f"       > {data.get('line', '')}")
                    click.echo(f"       < {data.get('reply', '')}  ({data.get('state_after', '')})")
        if random_runs:
            play = random_playthrough(scenario, random_runs, seed)
            entry["random"] = play.to_dict()
            failed += len(play.crashes)
            if not as_json:
                click.echo("  " + play.summary().replace("\n", "\n  "))
    if as_json:
        _echo_json(report)
    click.echo(f"{passed} passed, {failed} failed", err=True)
    if failed:
        sys.exit(EXIT_FAILED)
