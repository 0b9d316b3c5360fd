"""The scenario as plain YAML-shaped data, whatever object the loader handed us.

The engine compiles from the *documented YAML shape* (keys as a trainer writes them:
`from`, `global`, `when`, `do` ...), not from the loader's Python class names. A validated
pydantic `Scenario` is dumped by alias once per scenario; tests may pass the same shape as
a plain dict. This keeps the engine independent of how the format branch names its classes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

Spec = dict[str, Any]


def scenario_spec(scenario: Any) -> Spec:
    """YAML-shaped dict of a scenario model (pydantic) or of an already plain mapping."""
    if isinstance(scenario, Mapping):
        return _plain(scenario)
    dump = getattr(scenario, "model_dump", None)
    if dump is None:
        raise TypeError(f"not a scenario: {type(scenario).__name__}")
    # warnings=False: the format's str-or-mapping line union warns on serialisation although
    # it dumps the right shape (tests/simulator/test_engine_call.py plays a dumped model).
    return _plain(dump(by_alias=True, exclude_none=True, mode="python", warnings=False))


def _plain(value: Any) -> Any:
    # MDict/MList from the YAML loader are dict/list subclasses; copy into plain containers so
    # nothing downstream depends on mark bookkeeping.
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def as_list(value: Any) -> list[Any]:
    """A YAML field that may be one item or a list of them."""
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return list(value)
    return [value]


def first_key(mapping: Mapping[str, Any], *names: str, default: Any = None) -> Any:
    """The value of the first present key: tolerates `global`/`global_`-style aliases."""
    for name in names:
        if name in mapping and mapping[name] is not None:
            return mapping[name]
    return default


def lookup_path(root: Mapping[str, Any], path: str) -> Any:
    """Follow a dotted path (`persona.finances.monthly_capacity`) through nested mappings.

    Returns None when any step is missing; never evaluates anything.
    """
    node: Any = root
    for part in path.split("."):
        if isinstance(node, Mapping) and part in node:
            node = node[part]
        else:
            return None
    return node
