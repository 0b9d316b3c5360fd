"""The JSON Schema: a valid draft 2020-12 schema that accepts real scenarios and rejects broken ones."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema
import pytest

from scoring.yamlsrc import load_yaml_file, load_yaml_text
from simulator.scenario import builtin_dir, scenario_files
from simulator.scenario.schema import scenario_json_schema

DATA = Path(__file__).parent / "scenario_data"
DOC = Path(__file__).resolve().parents[2] / "docs" / "scenario-format.md"


def as_json(data: Any) -> Any:
    """YAML data as an editor (YAML 1.2) sees it: a bare `on` key is the text "on"."""
    if isinstance(data, dict):
        return {("on" if k is True else k): as_json(v) for k, v in data.items()}
    if isinstance(data, list):
        return [as_json(v) for v in data]
    return data


def doc_example() -> Any:
    text = DOC.read_text(encoding="utf-8").split("```yaml\n", 1)[1].split("```", 1)[0]
    data, diags = load_yaml_text(text, "doc")
    assert diags == []
    return as_json(data)


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = scenario_json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def scenario_paths() -> list[Path]:
    builtin = list(scenario_files([builtin_dir()])) if builtin_dir().is_dir() else []
    return [DATA / "minimal.yaml", *builtin]


@pytest.mark.parametrize("path", scenario_paths(), ids=lambda p: p.name)
def test_schema_accepts_scenario_files(validator: jsonschema.Draft202012Validator, path: Path) -> None:
    data, diags = load_yaml_file(path)
    assert diags == []
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(as_json(data))]
    assert errors == []


def test_schema_accepts_the_documented_example(validator: jsonschema.Draft202012Validator) -> None:
    assert [e.message for e in validator.iter_errors(doc_example())] == []


@pytest.mark.parametrize(
    ("path", "value", "fragment"),
    [
        (("states", "opening", "fallbak"), ["x"], "fallbak"),
        (("difficulty",), 7, "7"),
        (("language",), "fr", "fr"),
        (("transitions", 0, "when"), {"count": {"ge": 2}}, "signal"),
        (("persona", "account", "currency"), "dollars", "dollars"),
    ],
)
def test_schema_rejects_broken_scenarios(
    validator: jsonschema.Draft202012Validator, path: tuple[Any, ...], value: Any, fragment: str
) -> None:
    data = doc_example()
    node = data
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    messages = [e.message for e in validator.iter_errors(data)]
    assert messages, "the schema accepted a broken scenario"
    assert any(fragment in m for m in messages)


def test_every_property_has_a_description() -> None:
    schema = scenario_json_schema()
    missing = []
    for name, definition in [("Scenario", schema), *schema["$defs"].items()]:
        for prop, body in definition.get("properties", {}).items():
            if not body.get("description"):
                missing.append(f"{name}.{prop}")
    assert missing == []


def test_optional_keys_do_not_offer_null() -> None:
    schema = scenario_json_schema()
    assert "null" not in str(schema["$defs"]["Transition"]["properties"]["to"])
    assert schema["$defs"]["Transition"]["required"] == ["on", "from"]


def test_committed_schema_file_is_current() -> None:
    """`scenarios/collectsim.schema.json` (referenced by the scenarios' editor comment) must be
    regenerated when the models change:
    `python -m simulator scenarios schema > scenarios/collectsim.schema.json`."""
    import json

    committed = json.loads(
        (Path(__file__).resolve().parents[2] / "scenarios" / "collectsim.schema.json").read_text("utf-8")
    )
    assert committed == scenario_json_schema()
