"""Property: no YAML input makes the loader raise, and every diagnostic about a node has its position."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.scenario import load_scenario_text

DATA = Path(__file__).parent / "scenario_data"
BASE: dict[str, Any] = yaml.safe_load((DATA / "minimal.yaml").read_text(encoding="utf-8"))
# Words that mean something to the format, so mutations hit real validation paths.
WORDS = [
    "on", "from", "to", "when", "do", "say", "all", "any", "not", "flag", "var", "slot", "count", "turn",
    "signal", "ge", "le", "set", "add", "end", "reveal", "opening", "talking", "paid", "mood", "trust",
    "identity_verified", "threat_arrest", "{name}", "{nope}", "*", "", "amount", "persona.finances.pay_now",
]  # fmt: skip
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10, 10), st.floats(allow_nan=False, width=16),
    st.sampled_from(WORDS), st.text(max_size=8),
)  # fmt: skip
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(WORDS), inner, max_size=3)
    ),
    max_leaves=12,
)


def mutate(data: Any, path: list[Any], value: Any) -> Any:
    """A copy of `data` with the node at (a prefix of) `path` replaced by `value`."""
    if not path or not isinstance(data, dict | list):
        return value
    key, rest = path[0], path[1:]
    if isinstance(data, dict):
        key = list(data)[key % len(data)] if data else "x"
        return {**data, key: mutate(data.get(key), rest, value)}
    if not data:
        return [value]
    index = key % len(data)
    return [*data[:index], mutate(data[index], rest, value), *data[index + 1 :]]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.lists(st.integers(0, 20), max_size=5), value=values)
def test_mutated_scenarios_never_crash_and_keep_positions(path: list[int], value: Any) -> None:
    text = yaml.safe_dump(mutate(BASE, path, value), allow_unicode=True, sort_keys=False)
    scenario, diags = load_scenario_text(text, "f.yaml")
    assert scenario is None or not any(d.level == "error" for d in diags)
    for d in diags:
        # A scalar document has no node marks to point into; nothing is invented for it.
        if d.code not in ("empty-file", "yaml-too-deep") and not d.message.startswith("top level:"):
            assert d.line is not None and d.col is not None, d.format()
            assert 1 <= d.line <= text.count("\n") + 1


@settings(max_examples=100, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("ab:-[]{}&*!|>'\"#\n 1")), max_size=60))
def test_arbitrary_text_never_crashes(text: str) -> None:
    scenario, diags = load_scenario_text(text, "f.yaml")
    assert scenario is None
    assert diags
