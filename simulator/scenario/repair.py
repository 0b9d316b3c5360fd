"""Keep checking past shape errors: drop the offending optional keys and validate again.

A trainer who mistypes one key should still see the unknown states and signals in the
same run. After the shape errors are reported, unknown keys and bad values of *optional*
fields are removed from a copy of the data; if what remains validates, the
cross-reference checks run on it. Nothing is guessed: a missing or broken required
value stops the second pass, and only checks about nodes still present as written are
kept (see `REFERENCE_CODES`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from simulator.scenario.guards import CountCompare, Guard, TurnCompare
from simulator.scenario.locate import PathItem, child_key, field_of, model_at

# Checks that judge a node as written (an id, a text), not the shape around it.
REFERENCE_CODES = frozenset({
    "unknown-signal", "unknown-state", "unknown-outcome", "unknown-flag", "unknown-variable",
    "unknown-fact", "unknown-reference", "unknown-placeholder", "duplicate-id", "bad-pattern",
    "shadowed-signal",
})  # fmt: skip

RealPath = tuple[Any, ...]
# Dropping a declaration would turn every use of it into an unknown-id error.
DECLARATIONS = frozenset({"flags", "variables", "states", "intents", "hidden_facts"})


def _plain_copy(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _plain_copy(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_plain_copy(v) for v in data]
    return data


def _removal(err: ErrorDetails, data: Any, root: type[BaseModel]) -> RealPath | None:
    """The real key path to delete for this error, or None when it cannot be dropped safely."""
    loc: Sequence[PathItem] = tuple(err["loc"])
    if err["type"] == "missing":
        return None
    steps: list[tuple[Any, Any, int]] = []  # (container, real key, index of the key in loc)
    node = data
    for j, item in enumerate(loc):
        real = child_key(node, item)
        if real is None:
            continue
        steps.append((node, real, j))
        node = node[real]
    if not steps:
        return None
    keys = [real for _c, real, _j in steps]
    if err["type"] == "extra_forbidden":
        return tuple(keys) if isinstance(steps[-1][0], dict) else None
    for i in range(len(steps) - 1, -1, -1):
        container, real, j = steps[i]
        if not isinstance(container, dict):
            continue
        owner = model_at(root, loc[:j])
        if owner is not None and issubclass(owner, Guard | CountCompare | TurnCompare):
            continue  # a guard minus one key may mean something else: drop the whole guard
        info = field_of(owner, "on" if real is True else str(real)) if owner is not None else None
        if info is not None and not info.is_required():
            return None if real in DECLARATIONS else tuple(keys[: i + 1])
    return None


def drop_bad_keys(raw: Any, errors: Sequence[ErrorDetails], root: type[BaseModel]) -> Any | None:
    """A copy of `raw` without the keys behind `errors`, or None when some error is not droppable."""
    data = _plain_copy(raw)
    removals: set[RealPath] = set()
    for err in errors:
        path = _removal(err, data, root)
        if path is None:
            return None
        removals.add(path)
    # Shortest first: once a node is gone, removals inside it are moot.
    for path in sorted(removals, key=len):
        node = data
        for key in path[:-1]:
            if isinstance(node, dict | list) and (key in node if isinstance(node, dict) else key < len(node)):
                node = node[key]
            else:
                node = None
                break
        if isinstance(node, dict):
            node.pop(path[-1], None)
    return data
