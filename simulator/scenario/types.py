"""Small reusable field types for the scenario models.

Each type accepts the friendliest YAML spelling (a single id where a list is
allowed, `[lo, hi]` for a range) and reports one clear error when the input is
wrong, instead of one error per union member.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BeforeValidator,
    PlainValidator,
    Strict,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

# State, flag, variable, fact and intent ids: snake_case, so they read well in
# guards and placeholders and never need quoting in YAML.
ID_PATTERN = r"^[a-z][a-z0-9_]*$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]

CURRENCY_PATTERN = r"^[A-Z]{3}$"

# Scenario ids are kebab-case, like file names: `us-job-loss`.
SCENARIO_ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
ScenarioId = Annotated[str, StringConstraints(pattern=SCENARIO_ID_PATTERN)]


def _one_or_many(value: Any) -> Any:
    """`on: threat_arrest` means the same as `on: [threat_arrest]`."""
    return [value] if isinstance(value, str) else value


def _non_empty(value: list[str]) -> list[str]:
    if not value:
        raise PydanticCustomError("empty_list", "must name at least one id")
    return value


_ONE_OR_MANY_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "string"},
        {"type": "array", "items": {"type": "string"}, "minItems": 1},
    ]
}

# One id or a list of ids (signals, states, facts).
IdList = Annotated[
    list[str],
    BeforeValidator(_one_or_many),
    AfterValidator(_non_empty),
    WithJsonSchema(_ONE_OR_MANY_SCHEMA),
]


def _operand(value: Any) -> float | str:
    # bool is an int subclass in Python; `le: true` is a mistake, not 1.
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise PydanticCustomError(
            "operand_type",
            "expected a number or a persona path such as persona.finances.monthly_capacity",
        )
    return float(value) if isinstance(value, int) else value


# Right-hand side of a comparison: a number or a dotted persona path.
Operand = Annotated[
    float | str,
    PlainValidator(_operand),
    WithJsonSchema(
        {
            "anyOf": [{"type": "number"}, {"type": "string", "pattern": r"^persona\.[a-z_]+\.[a-z_]+$"}],
            "description": "A number, or a persona path such as persona.finances.monthly_capacity",
        }
    ),
]


def _flag_or_number(value: Any) -> bool | float:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return float(value)
    raise PydanticCustomError("set_value_type", "expected true/false for a flag or a number for a variable")


# Value in `do: {set: {...}}`: true/false for flags, a number for variables.
FlagOrNumber = Annotated[
    bool | float,
    PlainValidator(_flag_or_number),
    WithJsonSchema({"type": ["boolean", "number"]}),
]


# A plain number (int or float in YAML), never a bool or a numeric string: the models are
# strict, and strict floats accept ints but refuse bools and text.
Number = Annotated[float, Strict()]
