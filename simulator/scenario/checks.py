"""Cross-reference and graph checks on a scenario that already has the right shape.

Each check reports at the YAML node that holds the problem (via the marked raw
data), with a did-you-mean where a close id exists. Codes are documented in
docs/scenario-format.md ("Diagnostics").
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from typing import Any

from scoring.diagnostics import Diagnostic, Level
from simulator.scenario.guards import Effects, Guard
from simulator.scenario.locate import PathItem, did_you_mean, mark_at
from simulator.scenario.models import (
    NUMERIC_PERSONA_PATHS,
    IntentPattern,
    LineVariant,
    SayLine,
    Scenario,
    persona_number,
)
from simulator.scenario.placeholders import PLACEHOLDERS, available_placeholders, placeholders_in
from simulator.scenario.signals import (
    intent_library_diagnostics,
    known_signals,
    taxonomy_categories,
    taxonomy_outcomes,
)

REQUIRED_VARIABLES: tuple[str, ...] = ("mood", "trust")
ANY_STATE = "*"
Path_ = tuple[PathItem, ...]


class ScenarioChecker:
    """Runs every semantic check; `run()` returns the diagnostics."""

    def __init__(self, scenario: Scenario, raw: Any, path: str) -> None:
        self.sc = scenario
        self.raw = raw
        self.path = path
        self.out: list[Diagnostic] = []
        self.states = set(scenario.states)
        self.flags = set(scenario.flags)
        self.variables = set(scenario.variables)
        self.facts = {fact.id for fact in scenario.persona.hidden_facts}
        self.outcomes = taxonomy_outcomes()
        self.signals = known_signals(scenario.language, scenario.intents)
        self.placeholders = available_placeholders(scenario)

    # ------------------------------------------------------------ reporting

    def report(self, where: Path_, level: Level, code: str, message: str, *, key: bool = False) -> None:
        line, col = mark_at(self.raw, where, key=key)
        self.out.append(
            Diagnostic(path=self.path, line=line, col=col, level=level, code=code, message=message)
        )

    def error(self, where: Path_, code: str, message: str, *, key: bool = False) -> None:
        self.report(where, "error", code, message, key=key)

    def warning(self, where: Path_, code: str, message: str, *, key: bool = False) -> None:
        self.report(where, "warning", code, message, key=key)

    # ------------------------------------------------------------ entry point

    def run(self) -> list[Diagnostic]:
        self.check_variables_and_flags()
        self.check_facts()
        self.check_intents()
        self.check_states()
        self.check_transitions()
        self.check_reactions()
        self.check_placeholders()
        self.check_scoring()
        self.check_tests()
        self.check_graph()
        return self.out

    # ------------------------------------------------------------ id helpers

    def need_state(self, where: Path_, sid: str, what: str = "state") -> bool:
        if sid in self.states:
            return True
        self.error(where, "unknown-state", f"unknown {what} '{sid}'{did_you_mean(sid, sorted(self.states))}")
        return False

    def need_outcome(self, where: Path_, oid: str) -> None:
        if oid not in self.outcomes:
            self.error(
                where,
                "unknown-outcome",
                f"'{oid}' is not a taxonomy outcome{did_you_mean(oid, sorted(self.outcomes))}",
            )

    def need_signals(self, where: Path_, ids: Sequence[str]) -> None:
        for i, sid in enumerate(ids):
            if sid not in self.signals:
                self.error(
                    (*where, i),
                    "unknown-signal",
                    f"unknown signal '{sid}' (not an intent of the '{self.sc.language}' library, "
                    f"a scenario intent or a taxonomy category){did_you_mean(sid, sorted(self.signals))}",
                )

    def need_flag(self, where: Path_, name: str) -> None:
        if name not in self.flags:
            self.error(
                where, "unknown-flag", f"undeclared flag '{name}'{did_you_mean(name, sorted(self.flags))}"
            )

    def need_variable(self, where: Path_, name: str) -> None:
        if name not in self.variables:
            self.error(
                where,
                "unknown-variable",
                f"undeclared variable '{name}'{did_you_mean(name, sorted(self.variables))}",
            )

    def need_fact(self, where: Path_, fid: str) -> None:
        if fid not in self.facts:
            self.error(
                where, "unknown-fact", f"unknown hidden fact '{fid}'{did_you_mean(fid, sorted(self.facts))}"
            )

    # ------------------------------------------------------------ declarations

    def check_variables_and_flags(self) -> None:
        for name in REQUIRED_VARIABLES:
            if name not in self.sc.variables:
                self.error(("variables",), "missing-key", f"variables must declare '{name}'")
        seen: set[str] = set()
        for i, flag in enumerate(self.sc.flags):
            if flag in seen:
                self.error(("flags", i), "duplicate-id", f"flag '{flag}' is declared twice")
            elif flag in self.variables:
                self.error(("flags", i), "duplicate-id", f"'{flag}' is both a flag and a variable")
            seen.add(flag)

    def check_facts(self) -> None:
        seen: set[str] = set()
        for i, fact in enumerate(self.sc.persona.hidden_facts):
            base: Path_ = ("persona", "hidden_facts", i)
            if fact.id in seen:
                self.error((*base, "id"), "duplicate-id", f"hidden fact '{fact.id}' is defined twice")
            seen.add(fact.id)
            self.need_signals((*base, "reveal_on"), fact.reveal_on)
            if fact.when is not None:
                self.check_guard((*base, "when"), fact.when)
            if fact.do is not None:
                self.check_effects((*base, "do"), fact.do)

    def check_intents(self) -> None:
        categories = taxonomy_categories()
        for iid in self.sc.intents:
            if iid in categories:
                self.warning(
                    ("intents", iid),
                    "shadowed-signal",
                    f"intent '{iid}' has the id of a taxonomy category; the category is detected "
                    "by the scorer, rename the intent",
                    key=True,
                )
        library_checks = intent_library_diagnostics(self.raw, self.sc.language, self.path)
        if library_checks is not None:
            self.out.extend(library_checks)
            return
        # Without the intent library (a partial install), at least compile the raw regexes.
        import re2

        for iid, intent in self.sc.intents.items():
            for j, item in enumerate(intent.patterns):
                if isinstance(item, IntentPattern) and item.regex is not None:
                    try:
                        re2.compile(item.regex)
                    except Exception as exc:  # re2 raises its own error type
                        where: Path_ = ("intents", iid, "patterns", j, "regex")
                        self.error(where, "bad-pattern", f"regex does not compile: {exc}")

    # ------------------------------------------------------------ states and transitions

    def check_states(self) -> None:
        if (
            self.need_state(("initial",), self.sc.initial, "initial state")
            and self.sc.states[self.sc.initial].terminal
        ):
            self.warning(("initial",), "terminal-initial", f"initial state '{self.sc.initial}' is terminal")
        self.need_outcome(("turn_limit_outcome",), self.sc.turn_limit_outcome)
        self.check_lines(("turn_limit_say",), self.sc.turn_limit_say)
        for sid, state in self.sc.states.items():
            base: Path_ = ("states", sid)
            if state.terminal:
                if state.outcome is None:
                    self.error(base, "missing-outcome", f"terminal state '{sid}' needs an outcome", key=True)
                else:
                    self.need_outcome((*base, "outcome"), state.outcome)
            elif state.outcome is not None:
                self.error(
                    (*base, "outcome"),
                    "outcome-not-terminal",
                    f"state '{sid}' has an outcome but is not terminal (add terminal: true)",
                )
            if not state.say:
                self.warning(base, "no-say", f"state '{sid}' has no `say` lines", key=True)
            self.check_lines((*base, "say"), state.say)
            self.check_lines((*base, "fallback"), state.fallback)

    def check_lines(self, where: Path_, lines: Sequence[SayLine] | None) -> None:
        """Guards of `{text, when}` line variants."""
        for i, line in enumerate(lines or []):
            if isinstance(line, LineVariant):
                self.check_guard((*where, i, "when"), line.when)

    def check_transitions(self) -> None:
        for i, tr in enumerate(self.sc.transitions):
            base: Path_ = ("transitions", i)
            self.need_signals((*base, "on"), tr.on)
            for j, sid in enumerate(tr.from_):
                if sid == ANY_STATE:
                    continue
                if self.need_state((*base, "from", j), sid) and self.sc.states[sid].terminal:
                    self.warning(
                        (*base, "from", j),
                        "transition-from-terminal",
                        f"'{sid}' is terminal: a transition from it never fires",
                    )
            if tr.to is not None:
                self.need_state((*base, "to"), tr.to)
            if tr.when is not None:
                self.check_guard((*base, "when"), tr.when)
            if tr.do is not None:
                self.check_effects((*base, "do"), tr.do)
            self.check_lines((*base, "say"), tr.say)

    def check_reactions(self) -> None:
        for i, reaction in enumerate(self.sc.global_):
            base: Path_ = ("global", i)
            self.need_signals((*base, "on"), reaction.on)
            if reaction.to is not None:
                self.need_state((*base, "to"), reaction.to)
            if reaction.when is not None:
                self.check_guard((*base, "when"), reaction.when)
            if reaction.do is not None:
                self.check_effects((*base, "do"), reaction.do)
            self.check_lines((*base, "say"), reaction.say)

    # ------------------------------------------------------------ guards and effects

    def check_guard(self, where: Path_, guard: Guard) -> None:
        subject = guard.subject()
        if subject in ("all", "any", "not"):
            for i, child in enumerate(guard.children()):
                self.check_guard((*where, subject) if subject == "not" else (*where, subject, i), child)
        elif subject == "flag" and guard.flag is not None:
            self.need_flag((*where, "flag"), guard.flag)
        elif subject == "revealed" and guard.revealed is not None:
            self.need_fact((*where, "revealed"), guard.revealed)
        elif subject == "visited" and guard.visited is not None:
            self.need_state((*where, "visited"), guard.visited)
        elif subject == "signal" and guard.signal is not None:
            self.need_signals((*where, "signal"), guard.signal)
        elif subject == "var" and guard.var is not None:
            self.need_variable((*where, "var"), guard.var)
        elif subject == "count" and guard.count is not None:
            self.need_signals((*where, "count", "signal"), guard.count.signal)
            self.check_operands((*where, "count"), guard.count.comparisons())
        elif subject == "turn" and guard.turn is not None:
            self.check_operands((*where, "turn"), guard.turn.comparisons())
        self.check_operands(where, guard.comparisons())

    def check_operands(self, where: Path_, comparisons: dict[str, float | str]) -> None:
        for op, value in comparisons.items():
            if isinstance(value, str):
                self.check_reference((*where, op), value)

    def check_reference(self, where: Path_, dotted: str) -> None:
        """A comparison's right-hand side: `persona.<section>.<field>` or `var.<name>`."""
        if dotted.startswith("var."):
            self.need_variable(where, dotted[len("var.") :])
        elif dotted not in NUMERIC_PERSONA_PATHS:
            choices = [*NUMERIC_PERSONA_PATHS, *(f"var.{v}" for v in sorted(self.variables))]
            self.error(
                where,
                "unknown-reference",
                f"'{dotted}' is not a numeric persona field or var.<name>{did_you_mean(dotted, choices)}",
            )
        elif persona_number(self.sc, dotted) is None:
            self.error(where, "unknown-reference", f"'{dotted}' is not set in this persona")

    def check_effects(self, where: Path_, effects: Effects) -> None:
        for name, value in (effects.set_ or {}).items():
            at: Path_ = (*where, "set", name)
            if name in self.flags:
                if not isinstance(value, bool):
                    self.error(at, "wrong-type", f"flag '{name}' takes true or false")
            elif name in self.variables:
                if isinstance(value, bool):
                    self.error(at, "wrong-type", f"variable '{name}' takes a number")
            else:
                choices = sorted(self.flags | self.variables)
                self.error(
                    at,
                    "unknown-flag" if isinstance(value, bool) else "unknown-variable",
                    f"undeclared flag or variable '{name}'{did_you_mean(name, choices)}",
                    key=True,
                )
        for name in effects.add or {}:
            if name not in self.variables:
                self.error(
                    (*where, "add", name),
                    "unknown-variable",
                    f"undeclared variable '{name}'{did_you_mean(name, sorted(self.variables))}",
                    key=True,
                )
        for i, name in enumerate(effects.clear or []):
            self.need_flag((*where, "clear", i), name)
        for i, fid in enumerate(effects.reveal or []):
            self.need_fact((*where, "reveal", i), fid)
        if effects.end is not None:
            self.need_outcome((*where, "end"), effects.end)

    # ------------------------------------------------------------ placeholders

    def texts(self) -> Iterable[tuple[Path_, str]]:
        """Every text that may hold {placeholders}, with its path."""
        yield ("briefing",), self.sc.briefing
        for i, fact in enumerate(self.sc.persona.hidden_facts):
            yield ("persona", "hidden_facts", i, "text"), fact.text
        line_lists: list[tuple[Path_, Sequence[SayLine] | None]] = [
            (("turn_limit_say",), self.sc.turn_limit_say)
        ]
        for sid, state in self.sc.states.items():
            line_lists += [(("states", sid, "say"), state.say), (("states", sid, "fallback"), state.fallback)]
            for j, sug in enumerate(state.suggestions):
                yield ("states", sid, "suggestions", j, "text"), sug.text
        line_lists += [(("transitions", i, "say"), tr.say) for i, tr in enumerate(self.sc.transitions)]
        line_lists += [(("global", i, "say"), r.say) for i, r in enumerate(self.sc.global_)]
        for where, lines in line_lists:
            for j, line in enumerate(lines or []):
                if isinstance(line, LineVariant):
                    yield (*where, j, "text"), line.text
                else:
                    yield (*where, j), line

    def check_placeholders(self) -> None:
        for where, text in self.texts():
            for name in placeholders_in(text):
                if name in self.placeholders:
                    continue
                if name in PLACEHOLDERS:
                    msg = f"placeholder '{{{name}}}' needs {PLACEHOLDERS[name]}, not set in this persona"
                else:
                    choices = sorted(self.placeholders)
                    msg = f"unknown placeholder '{{{name}}}'{did_you_mean(name, choices)}"
                self.error(where, "unknown-placeholder", msg)

    # ------------------------------------------------------------ scoring and tests

    def check_scoring(self) -> None:
        if self.sc.scoring is None:
            return
        for oid in self.sc.scoring.outcome_values:
            if oid not in self.outcomes:
                self.error(
                    ("scoring", "outcome_values", oid),
                    "unknown-outcome",
                    f"'{oid}' is not a taxonomy outcome{did_you_mean(oid, sorted(self.outcomes))}",
                    key=True,
                )

    def check_tests(self) -> None:
        names: set[str] = set()
        for i, test in enumerate(self.sc.tests):
            base: Path_ = ("tests", i)
            if test.name in names:
                self.error((*base, "name"), "duplicate-id", f"test name '{test.name}' is used twice")
            names.add(test.name)
            exp = test.expect
            ebase: Path_ = (*base, "expect")
            if exp.state is not None:
                self.need_state((*ebase, "state"), exp.state)
            if exp.outcome is not None:
                self.need_outcome((*ebase, "outcome"), exp.outcome)
            for flag in exp.flags:
                if flag not in self.flags:
                    self.error(
                        (*ebase, "flags", flag),
                        "unknown-flag",
                        f"undeclared flag '{flag}'{did_you_mean(flag, sorted(self.flags))}",
                        key=True,
                    )
            for var in exp.variables:
                if var not in self.variables:
                    self.error(
                        (*ebase, "variables", var),
                        "unknown-variable",
                        f"undeclared variable '{var}'{did_you_mean(var, sorted(self.variables))}",
                        key=True,
                    )
            for key in ("visits", "path"):
                for j, sid in enumerate(getattr(exp, key)):
                    self.need_state((*ebase, key, j), sid)
            for j, fid in enumerate(exp.revealed):
                self.need_fact((*ebase, "revealed", j), fid)
            if exp.score is not None and exp.score.outcome_category is not None:
                self.need_outcome((*ebase, "score", "outcome_category"), exp.score.outcome_category)

    # ------------------------------------------------------------ graph

    def successors(self) -> dict[str, set[str]]:
        """State -> states the call can move to next (transitions and global reactions)."""
        succ: dict[str, set[str]] = {sid: set() for sid in self.sc.states}
        for sid, state in self.sc.states.items():
            if state.terminal:
                continue
            for tr in self.sc.transitions:
                if tr.to is not None and (ANY_STATE in tr.from_ or sid in tr.from_):
                    succ[sid].add(tr.to)
            for reaction in self.sc.global_:
                if reaction.to is not None:
                    succ[sid].add(reaction.to)
        return succ

    def check_graph(self) -> None:
        if self.sc.initial not in self.states:
            return
        succ = self.successors()
        seen = {self.sc.initial}
        queue = deque([self.sc.initial])
        while queue:
            for nxt in succ[queue.popleft()]:
                if nxt in self.states and nxt not in seen:
                    seen.add(nxt)
                    queue.append(nxt)
        for sid, state in self.sc.states.items():
            if sid not in seen:
                self.warning(
                    ("states", sid),
                    "unreachable-state",
                    f"state '{sid}' cannot be reached from '{self.sc.initial}'",
                    key=True,
                )
            elif not state.terminal and not any(
                tr.to is not None and tr.to != sid and (ANY_STATE in tr.from_ or sid in tr.from_)
                for tr in self.sc.transitions
            ):
                self.warning(
                    ("states", sid),
                    "dead-end",
                    f"non-terminal state '{sid}' has no transition out "
                    "(only global reactions or the turn limit can end it)",
                    key=True,
                )


def check_scenario(scenario: Scenario, raw: Any, path: str) -> list[Diagnostic]:
    return ScenarioChecker(scenario, raw, path).run()
