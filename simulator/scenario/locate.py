"""Find the YAML line:column of a path into marked data, and turn pydantic errors into diagnostics.

The marked data comes from `scoring.yamlsrc`: mappings and sequences remember
where each key and value started. A pydantic error `loc` is walked through that
data; items that are not in the data (union member names, a missing key) are
skipped, so the position is always a real node's mark, never an invented one.
"""

from __future__ import annotations

import difflib
import types
from collections.abc import Sequence
from inspect import isclass
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from simulator.scenario.types import CURRENCY_PATTERN, ID_PATTERN, SCENARIO_ID_PATTERN

Mark = tuple[int | None, int | None]
PathItem = str | int
_NO_MARK: Mark = (None, None)


def child_key(node: Any, item: PathItem) -> Any:
    """The real key/index of `item` in `node`, or None when `item` is not there."""
    if isinstance(node, dict):
        if isinstance(item, str) and item in node:
            return item
        if item == "on" and any(k is True for k in node):
            return True  # YAML 1.1 turned the `on:` key into the boolean true
        if isinstance(item, int) and not isinstance(item, bool) and item in node:
            return item
        return None
    if isinstance(node, list) and isinstance(item, int) and 0 <= item < len(node):
        return item
    return None


def mark_at(raw: Any, path: Sequence[PathItem], *, key: bool = False) -> Mark:
    """1-based (line, col) of the node at `path`; of the key itself when `key` is true.

    Unresolvable items are skipped, so a missing key lands on its parent mapping.
    """
    parent: Any = None
    last: Any = None
    node = raw
    want_key = key
    for item in path:
        if item == "[key]":  # pydantic's marker for an invalid dict key
            want_key = True
            continue
        real = child_key(node, item)
        if real is None:
            continue
        parent, last, node = node, real, node[real]
    if parent is None:
        start = getattr(raw, "start", None)
        return (start[0], start[1]) if start else _NO_MARK
    found: Any = None
    if want_key and hasattr(parent, "key_mark"):
        found = parent.key_mark(last)
    elif hasattr(parent, "mark_of"):
        found = parent.mark_of(last)
    return (found[0], found[1]) if found else _NO_MARK


def resolves(raw: Any, path: Sequence[PathItem]) -> bool:
    """Whether every item of `path` exists in `raw`."""
    node = raw
    for item in path:
        real = child_key(node, item)
        if real is None:
            return False
        node = node[real]
    return True


# ---------------------------------------------------------------- model introspection


def _unwrap(tp: Any) -> Any:
    """Strip Annotated and Optional; from a union keep the member that holds structure."""
    while True:
        origin = get_origin(tp)
        if origin is Annotated:
            tp = get_args(tp)[0]
            continue
        if origin in (Union, types.UnionType):
            members = [a for a in get_args(tp) if a is not type(None)]
            structured = [
                m
                for m in members
                if (isclass(m) and issubclass(m, BaseModel)) or get_origin(_strip(m)) in (list, dict)
            ]
            tp = (structured or members)[0]
            continue
        return tp


def _strip(tp: Any) -> Any:
    return get_args(tp)[0] if get_origin(tp) is Annotated else tp


def field_of(model: type[BaseModel], name: str) -> Any:
    for fname, info in model.model_fields.items():
        if name in (info.alias, fname):
            return info
    return None


def model_at(root: type[BaseModel], path: Sequence[PathItem]) -> type[BaseModel] | None:
    """The model class that validates the mapping at `path` (None if not a model)."""
    tp: Any = root
    for item in path:
        tp = _unwrap(tp)
        if item == "[key]":
            continue
        if isclass(tp) and issubclass(tp, BaseModel):
            info = field_of(tp, str(item))
            if info is None:
                continue  # a union member tag or similar: not a data key
            tp = info.annotation
        elif get_origin(tp) is list:
            if isinstance(item, int):
                tp = get_args(tp)[0]
        elif get_origin(tp) is dict:
            tp = get_args(tp)[1]
        else:
            return None
    tp = _unwrap(tp)
    return tp if isclass(tp) and issubclass(tp, BaseModel) else None


def allowed_keys(model: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items()]


def did_you_mean(word: str, choices: Sequence[str]) -> str:
    """' (did you mean 'x'?)' or ''."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


# ---------------------------------------------------------------- pydantic errors -> diagnostics

_TYPE_NAMES = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "number_type": "a number",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
}
_CUSTOM_TYPE_ERRORS = {"operand_type", "set_value_type"}
_PATTERN_HELP = {
    ID_PATTERN: "snake_case (lowercase letters, digits and _, starting with a letter)",
    SCENARIO_ID_PATTERN: "kebab-case (lowercase letters and digits joined by -)",
    CURRENCY_PATTERN: "a 3-letter ISO currency code such as USD, GBP or CNY",
}


def describe_input(value: Any) -> str:
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        short = value if len(value) <= 30 else value[:27] + "..."
        return f"the text {short!r}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def _clean_msg(msg: str) -> str:
    for prefix in ("Value error, ", "Assertion failed, "):
        if msg.startswith(prefix):
            msg = msg[len(prefix) :]
    return msg[:1].lower() + msg[1:] if msg else msg


def _data_path(loc: Sequence[PathItem], raw: Any) -> list[PathItem]:
    """The items of `loc` that are real keys/indices in the data (for messages)."""
    out: list[PathItem] = []
    node = raw
    for item in loc:
        real = child_key(node, item)
        if real is None:
            continue
        out.append("on" if real is True else item)
        node = node[real]
    return out


def explain_error(err: ErrorDetails, raw: Any, root: type[BaseModel]) -> tuple[str, str, Mark]:
    """(code, message, mark) for one pydantic error against the marked data."""
    loc: tuple[PathItem, ...] = tuple(err["loc"])
    kind = err["type"]
    where = ".".join(str(p) for p in _data_path(loc, raw)) or "top level"
    if kind == "missing":
        parent = model_at(root, loc[:-1])
        label = parent.label if parent is not None and hasattr(parent, "label") else "mapping"
        return "missing-key", f"missing required key '{loc[-1]}' in {label}", mark_at(raw, loc)
    if kind == "extra_forbidden":
        parent = model_at(root, loc[:-1])
        name = str(loc[-1])
        label = parent.label if parent is not None and hasattr(parent, "label") else "mapping"
        hint = ""
        if parent is not None:
            keys = allowed_keys(parent)
            hint = did_you_mean(name, keys) or "; allowed: " + ", ".join(keys)
        return "unknown-key", f"unknown key '{name}' in {label}{hint}", mark_at(raw, loc, key=True)
    if kind in _TYPE_NAMES or kind in _CUSTOM_TYPE_ERRORS:
        expected = _TYPE_NAMES.get(kind)
        msg = f"expected {expected}" if expected else _clean_msg(err["msg"])
        return "wrong-type", f"{where}: {msg}, got {describe_input(err.get('input'))}", mark_at(raw, loc)
    if kind == "string_pattern_mismatch":
        pattern = str(err.get("ctx", {}).get("pattern", ""))
        form = _PATTERN_HELP.get(pattern, f"the form {pattern}")
        what = "key" if loc and loc[-1] == "[key]" else "value"
        return (
            "invalid-value",
            f"{where}: {what} {describe_input(err.get('input'))} must be {form}",
            mark_at(raw, loc),
        )
    return "invalid-value", f"{where}: {_clean_msg(err['msg'])}", mark_at(raw, loc)
