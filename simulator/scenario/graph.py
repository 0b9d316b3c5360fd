"""Mermaid and Graphviz DOT renderings of a scenario's state machine.

Nodes are states (terminal ones show their outcome), edges are transitions
labelled with their signal(s) and a short summary of the guard; global
reactions come from an "any state" node. Output is deterministic (YAML order).
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.scenario.guards import Guard
from simulator.scenario.models import Scenario

ANY_STATE = "*"
_SYMBOLS = {"lt": "<", "le": "≤", "gt": ">", "ge": "≥", "eq": "=", "ne": "≠"}
MAX_GUARD_TEXT = 48
MAX_EDGE_SIGNALS = 3  # more are summarised as +N to keep edge labels readable


def _operand(value: float | str) -> str:
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    # persona.finances.monthly_capacity -> monthly_capacity: the field name says enough.
    return value.rsplit(".", 1)[-1]


def _compare(subject: str, comparisons: dict[str, float | str]) -> str:
    parts = [f"{_SYMBOLS[op]} {_operand(v)}" for op, v in comparisons.items()]
    return f"{subject} {', '.join(parts)}" if parts else ""


def guard_summary(guard: Guard | None) -> str:
    """A short human reading of a guard: `trust ≥ 1 & identity_verified`."""
    if guard is None:
        return ""
    text = _summary(guard)
    return text if len(text) <= MAX_GUARD_TEXT else text[: MAX_GUARD_TEXT - 1] + "…"


def _summary(g: Guard) -> str:
    subject = g.subject()
    if subject in ("all", "any"):
        joiner = " & " if subject == "all" else " | "
        parts = [_summary(c) for c in g.children()]
        return joiner.join(f"({p})" if (" & " in p or " | " in p) else p for p in parts)
    if subject == "not":
        return "not " + _summary(g.children()[0])
    if subject == "flag":
        return f"{g.flag}" if g.is_ in (None, True) else f"not {g.flag}"
    if subject == "revealed":
        return f"knows {g.revealed}"
    if subject == "visited":
        return f"visited {g.visited}"
    if subject == "signal":
        return "heard " + "/".join(g.signal or [])
    if subject == "var":
        return _compare(str(g.var), g.comparisons())
    if subject == "slot":
        return _compare(str(g.slot), g.comparisons()) or f"{g.slot} said"
    if subject == "count" and g.count is not None:
        return _compare("count(" + "/".join(g.count.signal) + ")", g.count.comparisons())
    if subject == "turn" and g.turn is not None:
        return _compare("turn", g.turn.comparisons())
    return subject


@dataclass(frozen=True)
class Edge:
    source: str  # a state id, or ANY_STATE for global reactions and `from: "*"`
    target: str  # a state id (the source itself when the rule has no `to`)
    label: str
    is_global: bool


def edges(scenario: Scenario) -> list[Edge]:
    out: list[Edge] = []
    for tr in scenario.transitions:
        label = _edge_label(tr.on, tr.when)
        for source in tr.from_:
            target = tr.to if tr.to is not None else source
            out.append(Edge(source, target, label, is_global=False))
    for reaction in scenario.global_:
        target = reaction.to if reaction.to is not None else ANY_STATE
        out.append(Edge(ANY_STATE, target, _edge_label(reaction.on, reaction.when), is_global=True))
    return out


def _edge_label(on: list[str], when: Guard | None) -> str:
    summary = guard_summary(when)
    shown = on if len(on) <= MAX_EDGE_SIGNALS else [*on[:MAX_EDGE_SIGNALS], f"+{len(on) - MAX_EDGE_SIGNALS}"]
    signals = " / ".join(shown)
    return f"{signals} [{summary}]" if summary else signals


def _uses_any(scenario: Scenario) -> bool:
    return any(e.source == ANY_STATE or e.target == ANY_STATE for e in edges(scenario))


# ---------------------------------------------------------------- Mermaid


def _mermaid_id(state: str) -> str:
    # Prefixed: Mermaid keywords such as `end` cannot be node ids.
    return "any_state" if state == ANY_STATE else f"s_{state}"


_MERMAID_ENTITIES = {'"': "#quot;", "|": "#124;", "<": "#60;", ">": "#62;"}


def _mermaid_text(text: str) -> str:
    """Label text with Mermaid entity codes for characters that would end or reshape the label."""
    return "".join(_MERMAID_ENTITIES.get(ch, ch) for ch in text)


def to_mermaid(scenario: Scenario) -> str:
    lines = ["flowchart TD", f"    %% {scenario.id}: {_mermaid_text(scenario.title)}"]
    lines.append('    start(("start"))')
    for sid, state in scenario.states.items():
        node = _mermaid_id(sid)
        if state.terminal:
            lines.append(f'    {node}[["{sid}<br/>⟶ {state.outcome}"]]')
        else:
            lines.append(f'    {node}("{sid}")')
    if _uses_any(scenario):
        lines.append('    any_state{{"any state"}}')
    lines.append(f"    start --> {_mermaid_id(scenario.initial)}")
    for edge in edges(scenario):
        arrow = "-.->" if edge.is_global else "-->"
        source, target = _mermaid_id(edge.source), _mermaid_id(edge.target)
        lines.append(f'    {source} {arrow}|"{_mermaid_text(edge.label)}"| {target}')
    lines.append(f'    turn_limit(["turn {scenario.max_turns}: {scenario.turn_limit_outcome}"])')
    lines.append("    classDef terminal fill:#eee,stroke:#333,stroke-width:2px")
    terminals = [_mermaid_id(s) for s, st in scenario.states.items() if st.terminal]
    if terminals:
        lines.append(f"    class {','.join(terminals)} terminal")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- DOT


def _dot_text(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return '"' + escaped + '"'


def to_dot(scenario: Scenario) -> str:
    lines = [
        f"digraph {_dot_text(scenario.id)} {{",
        "    rankdir=LR;",
        f"    label={_dot_text(scenario.title)};",
        '    node [shape=box, style=rounded, fontname="Helvetica"];',
        '    edge [fontname="Helvetica", fontsize=10];',
        "    __start [shape=point];",
    ]
    for sid, state in scenario.states.items():
        if state.terminal:
            label = _dot_text(f"{sid}\n{state.outcome}")
            lines.append(f"    {_dot_text(sid)} [shape=doubleoctagon, label={label}];")
        else:
            lines.append(f"    {_dot_text(sid)};")
    if _uses_any(scenario):
        lines.append(f'    {_dot_text(ANY_STATE)} [shape=diamond, label="any state"];')
    lines.append(f"    __start -> {_dot_text(scenario.initial)};")
    for edge in edges(scenario):
        style = ", style=dashed" if edge.is_global else ""
        source, target, label = _dot_text(edge.source), _dot_text(edge.target), _dot_text(edge.label)
        lines.append(f"    {source} -> {target} [label={label}{style}];")
    limit = _dot_text(f"turn {scenario.max_turns}: {scenario.turn_limit_outcome}")
    lines.append(f"    __turn_limit [shape=note, label={limit}];")
    lines.append("}")
    return "\n".join(lines) + "\n"
