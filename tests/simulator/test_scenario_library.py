"""The scenario library: where built-ins live, listing, lookup by id or path."""

from __future__ import annotations

from pathlib import Path

import pytest

import simulator
from simulator.scenario import ScenarioNotFound, builtin_dir, find_scenario, list_scenarios, load_scenario
from simulator.scenario.library import scenario_files

DATA = Path(__file__).parent / "scenario_data"
REPO = Path(__file__).resolve().parents[2]


def test_builtin_dir_in_a_checkout_is_the_repository_scenarios() -> None:
    assert builtin_dir() == REPO / "scenarios"


def test_builtin_dir_prefers_the_installed_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "simulator"
    (package / "builtin_scenarios").mkdir(parents=True)
    monkeypatch.setattr(simulator, "__file__", str(package / "__init__.py"))
    assert builtin_dir() == package / "builtin_scenarios"


def test_every_builtin_scenario_loads_without_errors() -> None:
    files = list(scenario_files([builtin_dir()]))
    assert files, "the library ships scenarios"
    for path in files:
        scenario, diags = load_scenario(path)
        assert [d.format() for d in diags if d.level == "error"] == []
        assert scenario is not None
        assert path.stem == scenario.id, "built-in files are named after their id"
        assert path.parent.name == scenario.language


def test_list_scenarios_of_the_builtin_library() -> None:
    found = list_scenarios()
    assert "us-job-loss" in [s.id for s in found]
    keys = [(s.language, s.id) for s in found]
    assert keys == sorted(keys)


def test_list_skips_invalid_files_and_intents(tmp_path: Path) -> None:
    (tmp_path / "intents").mkdir()
    (tmp_path / "intents" / "en.yaml").write_text("intents: {}\n", encoding="utf-8")
    (tmp_path / "ok.yaml").write_text((DATA / "minimal.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "broken.yaml").write_text("id: [\n", encoding="utf-8")
    assert [s.id for s in list_scenarios(tmp_path)] == ["test-minimal"]


def test_list_of_a_missing_directory_is_empty(tmp_path: Path) -> None:
    assert list_scenarios(tmp_path / "nope") == []


def test_find_by_path_and_by_id(tmp_path: Path) -> None:
    target = tmp_path / "en" / "renamed.yaml"
    target.parent.mkdir()
    target.write_text((DATA / "minimal.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    assert find_scenario(target) == target
    assert find_scenario("test-minimal", root=tmp_path) == target  # by its id, whatever the file name
    assert find_scenario("us-job-loss") == builtin_dir() / "en" / "us-job-loss.yaml"


def test_find_unknown_raises_lookup_error(tmp_path: Path) -> None:
    with pytest.raises(ScenarioNotFound, match="no-such"):
        find_scenario("no-such", root=tmp_path)
    assert issubclass(ScenarioNotFound, LookupError)
