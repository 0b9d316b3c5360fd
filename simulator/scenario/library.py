"""Where scenarios live: the built-in library, listing, and lookup by id or path."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import simulator

SCENARIO_SUFFIXES = (".yaml", ".yml")
# Shared intent libraries live beside the scenarios but are not scenarios.
EXCLUDED_DIRS = frozenset({"intents"})


class ScenarioNotFound(LookupError):
    """No built-in scenario has this id and no file has this path."""


def builtin_dir() -> Path:
    """The scenario library: inside an installed wheel, or the checkout's `scenarios/`."""
    package = Path(simulator.__file__).resolve().parent
    installed = package / "builtin_scenarios"
    if installed.is_dir():
        return installed
    return package.parent / "scenarios"


def scenario_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named on the command line, and *.yaml/*.yml under directories (recursively, sorted),
    skipping `intents/` directories. Missing paths are yielded as given (the loader reports them)."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                rel = found.relative_to(path)
                if (
                    found.suffix in SCENARIO_SUFFIXES
                    and found.is_file()
                    and not EXCLUDED_DIRS.intersection(rel.parts[:-1])
                ):
                    yield found
        else:
            yield path


@dataclass(frozen=True)
class ScenarioSummary:
    """What the picker and `scenarios list --json` show."""

    id: str
    title: str
    language: str
    jurisdiction: str
    difficulty: int
    tags: list[str]
    path: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def list_scenarios(root: str | Path | None = None) -> list[ScenarioSummary]:
    """Valid scenarios under `root` (default: the built-in library), sorted by language then id."""
    from simulator.scenario.loader import load_scenario

    out: list[ScenarioSummary] = []
    base = Path(root) if root is not None else builtin_dir()
    if not base.is_dir():
        return out
    for path in scenario_files([base]):
        scenario, _diags = load_scenario(path)
        if scenario is None:
            continue
        out.append(
            ScenarioSummary(
                id=scenario.id,
                title=scenario.title,
                language=scenario.language,
                jurisdiction=scenario.jurisdiction,
                difficulty=scenario.difficulty,
                tags=list(scenario.tags),
                path=str(path),
            )
        )
    return sorted(out, key=lambda s: (s.language, s.id))


def _declared_id(path: Path) -> str | None:
    """The `id:` of a scenario file without validating the rest (cheap lookup)."""
    from scoring.yamlsrc import load_yaml_file

    data, _diags = load_yaml_file(path)
    value = data.get("id") if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


def find_scenario(id_or_path: str | Path, root: str | Path | None = None) -> Path:
    """The file of a scenario given by path, or by id in the library (`root` or the built-in one)."""
    candidate = Path(id_or_path)
    if candidate.is_file():
        return candidate
    wanted = str(id_or_path)
    base = Path(root) if root is not None else builtin_dir()
    files = list(scenario_files([base])) if base.is_dir() else []
    # Files are usually named after their id: try those first.
    files.sort(key=lambda p: p.stem != wanted)
    for path in files:
        if _declared_id(path) == wanted:
            return path
    raise ScenarioNotFound(f"no scenario with id or path '{wanted}'")
