"""The JSON Schema of the scenario format, generated from the pydantic models.

Editors (VS Code's YAML extension, any yaml-language-server client) use it for
completion and hover help: every field's docstring is its description.
"""

from __future__ import annotations

from typing import Any

from simulator.scenario.models import Scenario

SCHEMA_ID = "https://collectsim.invalid/schema/scenario.json"
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _drop_null(node: Any) -> Any:
    """Optional fields are written by leaving them out, never as `null`: keep the editor's
    completion to the real choices by removing the `null` branch pydantic adds."""
    if isinstance(node, list):
        return [_drop_null(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _drop_null(value) for key, value in node.items()}
    branches = out.get("anyOf")
    if isinstance(branches, list) and {"type": "null"} in branches:
        rest = [b for b in branches if b != {"type": "null"}]
        del out["anyOf"]
        if len(rest) == 1 and isinstance(rest[0], dict):
            out = {**rest[0], **out}
        else:
            out["anyOf"] = rest
        if out.get("default", 0) is None:
            del out["default"]
    return out


def scenario_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one scenario file."""
    schema = Scenario.model_json_schema(by_alias=True, mode="validation")
    schema = _drop_null(schema)
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": SCHEMA_ID,
        "title": "collectsim scenario",
        **{k: v for k, v in schema.items() if k != "title"},
    }
