"""The conversation API: `start_call(scenario)` then `call.say(line)` once per trainee line.

A call is a transitions model attached to its scenario's cached Machine. `say` never raises:
bad input becomes a notice, an internal failure becomes `TurnResult.error`, and the call
goes on. A seed fully determines the debtor's line variants, so a script replays exactly.
"""

from __future__ import annotations

import contextlib
import gc
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from scoring.model import Finding, Transcript, Turn
from simulator.engine.context import CallVars, TurnEnv
from simulator.engine.machine import (
    CompiledScenario,
    Line,
    Rule,
    compiled_for,
    fire,
)
from simulator.engine.messages import message
from simulator.engine.placeholders import fill, runtime_values
from simulator.engine.sanitize import MAX_LINE_CHARS, clean_line
from simulator.engine.signals import AmountSlot, DateSlot, Heard, RecognisedSignal, Recogniser

# Why a call ended (TurnResult.ended_by / the run --json `ended_by`).
ENDED_TERMINAL = "terminal_state"
ENDED_HANG_UP = "hang_up"
ENDED_COMPLAINT = "complaint"
ENDED_TURN_LIMIT = "turn_limit"
ENDED_BY_EFFECT = "end_effect"  # an `end:` effect closed the call
ENDED_BY_COLLECTOR = "collector_ended"
ENDED_SCRIPT = "script_ended"


@dataclass
class TurnResult:
    """Everything about one trainee line and the debtor's answer."""

    turn: int  # 1-based trainee turn number; 0 when the line was not processed
    line: str  # what was processed (cleaned, cut to the cap)
    reply: str
    state_before: str
    state_after: str
    variables: dict[str, float]
    flags: dict[str, bool]
    ended: bool
    outcome: str | None = None
    ended_by: str | None = None
    signals: list[RecognisedSignal] = field(default_factory=list)
    amounts: list[AmountSlot] = field(default_factory=list)
    dates: list[DateSlot] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    fired: list[str] = field(default_factory=list)  # YAML rules taken: "global[0]", "transitions[3]"
    revealed: list[str] = field(default_factory=list)  # hidden facts said in this reply
    notices: list[str] = field(default_factory=list)
    error: str | None = None
    mood_hint: str | None = None  # the state's hint for the mood meter

    @property
    def signal_ids(self) -> list[str]:
        return sorted({s.id for s in self.signals})

    def to_dict(self) -> dict[str, Any]:
        return {
            "turn": self.turn,
            "line": self.line,
            "reply": self.reply,
            "state_before": self.state_before,
            "state_after": self.state_after,
            "variables": dict(self.variables),
            "flags": dict(self.flags),
            "ended": self.ended,
            "outcome": self.outcome,
            "ended_by": self.ended_by,
            "signals": [s.to_dict() for s in self.signals],
            "slots": {
                "amounts": [a.to_dict() for a in self.amounts],
                "dates": [d.to_dict() for d in self.dates],
            },
            "fired": list(self.fired),
            "revealed": list(self.revealed),
            "notices": list(self.notices),
            "error": self.error,
            "mood_hint": self.mood_hint,
        }


class CallModel:
    """The per-call transitions model: the Machine sets `.state` and binds trigger methods."""

    state: str

    def __init__(self, call_vars: CallVars) -> None:
        self.vars = call_vars


class Call:
    def __init__(
        self,
        scenario: CompiledScenario,
        *,
        seed: int = 0,
        trainee: str | None = None,
        today: date | None = None,
        jurisdiction: str | None = None,
        recogniser: Recogniser | None = None,
        line_cap: int = MAX_LINE_CHARS,
    ) -> None:
        self.scenario = scenario
        self.seed = seed
        self.trainee = trainee
        self.today = today or date.today()
        self.jurisdiction = jurisdiction or scenario.jurisdiction
        self.language = scenario.language
        self.line_cap = line_cap
        self._recognise = recogniser
        self._rng = random.Random(seed)
        self.vars = CallVars(
            variables=dict(scenario.variables),
            bounds=scenario.bounds,
            flags=dict.fromkeys(scenario.flags, False),
        )
        self.model = CallModel(self.vars)
        scenario.machine.add_model(self.model, initial=scenario.initial)
        self._attached = True
        self.turns: list[Turn] = []
        self.results: list[TurnResult] = []
        self.path: list[str] = [scenario.initial]
        self.vars.visited.add(scenario.initial)
        self.ended = False
        self.outcome: str | None = None
        self.ended_by: str | None = None
        self._last_amount: Any = None
        self._last_date: date | None = None
        opening = self._pick(scenario.states[scenario.initial].say, self._env_for_lines())
        self.opening = fill(opening, self._placeholder_values()) if opening else ""
        if self.opening:
            self.turns.append(Turn(speaker="debtor", text=self.opening))
        if scenario.states[scenario.initial].terminal:  # degenerate, but must not hang
            self._finish(scenario.initial)

    # --- public state -------------------------------------------------------------------------
    @property
    def state(self) -> str:
        return self.model.state

    @property
    def variables(self) -> dict[str, float]:
        return dict(self.vars.variables)

    @property
    def flags(self) -> dict[str, bool]:
        return dict(self.vars.flags)

    @property
    def turn_count(self) -> int:
        return self.vars.turn

    def suggestions(self) -> list[dict[str, Any]]:
        """The current state's suggested replies (guided mode), placeholders filled."""
        values = self._placeholder_values()
        out = []
        for s in self.scenario.states[self.state].suggestions:
            item = dict(s)
            if "text" in item:
                item["text"] = fill(str(item["text"]), values)
            out.append(item)
        return out

    def transcript(self) -> Transcript:
        return Transcript(
            language=self.language,
            jurisdiction=self.jurisdiction,
            scenario=self.scenario.id or None,
            turns=list(self.turns),
        )

    def warm_up(self) -> None:
        """Load the detector lexicons and the intent library now, not on the first line.

        Compiling them takes on the order of a second; a screen or `run` calls this while the
        phone rings so the first turn is as quick as the others. Never raises: a broken
        recogniser is reported by the first `say` instead.
        """
        with contextlib.suppress(Exception):
            self._recogniser()("hello", self.today, ())
            from scoring.detector import warm_up

            warm_up(self.language)

    def end(self, reason: str = ENDED_BY_COLLECTOR) -> None:
        """End the call from the collector's side (hang up, script over). Idempotent."""
        if not self.ended:
            self.ended = True
            self.ended_by = reason
            self._detach()

    # --- one turn ---------------------------------------------------------------------------------
    def say(self, line: object) -> TurnResult:
        """Process one trainee line; never raises."""
        state = self._safe_state()
        try:
            return self._say(line)
        except Exception as exc:  # the engine must not take the session down with it
            return TurnResult(
                turn=self.vars.turn,
                line=line if isinstance(line, str) and len(line) <= self.line_cap else "",
                reply="",
                state_before=state,
                state_after=self._safe_state(),
                variables=self.variables,
                flags=self.flags,
                ended=self.ended,
                outcome=self.outcome,
                ended_by=self.ended_by,
                notices=[message("error", self.language, error=type(exc).__name__)],
                error=f"{type(exc).__name__}: {exc}",
            )

    def _say(self, raw: object) -> TurnResult:
        clean = clean_line(raw, lang=self.language, cap=self.line_cap)
        notices = list(clean.notices)
        before = self.state
        if self.ended:
            notices.append(message("ended", self.language, reason=self.ended_by))
            return self._result(0, clean.text, "", before, Heard(), [], [], notices)
        if not clean.text:
            notices.append(message("empty", self.language))
            return self._result(0, "", "", before, Heard(), [], [], notices)

        text = clean.text
        heard = self._recogniser()(text, self.today, tuple(self.turns))
        self.turns.append(Turn(speaker="collector", text=text))
        self.vars.turn += 1
        ids = heard.ids()
        for sid in ids:
            self.vars.counts[sid] = self.vars.counts.get(sid, 0) + 1
        self.vars.history.append(ids)
        env = TurnEnv(
            call=self.vars,
            signals=ids,
            amounts=[a.amount for a in heard.amounts],
            dates=[d.date for d in heard.dates],
            today=self.today,
        )
        revealed_before = len(self.vars.revealed)
        fired: list[str] = []
        parts: list[str] = []
        taken = self._run_rules(env, ids, fired, parts)
        if taken is not None and taken.dest is not None:
            self._entered(self.state)
        state_info = self.scenario.states[self.state]
        self._remember_slots(heard, env)

        if taken is not None:
            parts.append(self._pick(taken.say or state_info.say or state_info.fallback, env))
        elif not parts:
            line = self._pick(state_info.fallback or state_info.say, env)
            parts.append(line or message("silence", self.language))

        if not state_info.terminal:
            self._reveal_facts(env, ids)
        new_facts = self.vars.revealed[revealed_before:]
        facts_by_id = {f.id: f for f in self.scenario.facts}
        parts.extend(facts_by_id[f].text for f in new_facts if f in facts_by_id)

        if state_info.terminal:
            self._finish(self.state)
        elif self.vars.end_outcome is not None:
            self._close(self.vars.end_outcome, _ended_by_outcome(self.vars.end_outcome, ENDED_BY_EFFECT))
        elif self.vars.turn >= self.scenario.max_turns:
            parts.append(self._turn_limit(env))

        values = self._placeholder_values()
        reply = " ".join(fill(p, values) for p in parts if p).strip()
        self.turns.append(Turn(speaker="debtor", text=reply))
        return self._result(self.vars.turn, text, reply, before, heard, fired, list(new_facts), notices)

    def _run_rules(
        self, env: TurnEnv, ids: frozenset[str], fired: list[str], parts: list[str]
    ) -> Rule | None:
        """Globals first (all matching effects apply; the first that moves wins), then the first
        state transition in YAML order whose guard holds. Returns the rule that set the reply."""
        compiled = self.scenario
        for rule in compiled.candidates(self.state, ids, globals_=True):
            if fire(compiled, self.model, rule, _first_signal(rule, ids), env):
                fired.append(rule.label)
                if rule.dest is not None:
                    return rule
                if rule.say:
                    parts.append(self._pick(rule.say, env))
        for rule in compiled.candidates(self.state, ids, globals_=False):
            if fire(compiled, self.model, rule, _first_signal(rule, ids), env):
                fired.append(rule.label)
                return rule
        return None

    def _turn_limit(self, env: TurnEnv) -> str:
        """End at the turn limit: into `on_max_turns` if the scenario names it, else a hang-up."""
        target = self.scenario.on_max_turns
        if target is None:
            self._close(self.scenario.turn_limit_outcome, ENDED_TURN_LIMIT)
            return self._pick(self.scenario.turn_limit_say, env) or message("turn_limit", self.language)
        self.scenario.machine.set_state(target, model=self.model)
        self._entered(target)
        info = self.scenario.states[target]
        self._close(info.outcome, ENDED_TURN_LIMIT)
        return self._pick(info.say or info.fallback, env)

    def _entered(self, state: str) -> None:
        self.path.append(state)
        self.vars.visited.add(state)

    def _remember_slots(self, heard: Heard, env: TurnEnv) -> None:
        # {amount}/{date} in later replies: the value a guard accepted, else the last one said.
        if heard.amounts:
            self._last_amount = env.bound.get("amount", heard.amounts[-1].amount)
        if heard.dates:
            said = next((d.date for d in reversed(heard.dates) if d.date), None)
            self._last_date = env.bound.get("date") or said

    def _reveal_facts(self, env: TurnEnv, ids: frozenset[str]) -> None:
        for fact in self.scenario.facts:
            if fact.id in self.vars.revealed or fact.reveal_on.isdisjoint(ids):
                continue
            if fact.guard(env):
                self.vars.revealed.append(fact.id)
                fact.effect(env)

    # --- helpers -------------------------------------------------------------------------------
    def _recogniser(self) -> Recogniser:
        if self._recognise is None:
            self._recognise = self.scenario.recogniser()
        return self._recognise

    def _pick(self, lines: Sequence[Line], env: TurnEnv) -> str:
        # Variants whose `when` holds; if none holds, the unconditional ones; else any.
        eligible = [ln.text for ln in lines if ln.guard is not None and ln.guard(env)]
        eligible = eligible or [ln.text for ln in lines if ln.guard is None] or [ln.text for ln in lines]
        if not eligible:
            return ""
        # A person does not answer twice running in the same words: with another variant to hand,
        # skip the lines of her last reply ("You don't know what it's been like." twice in a row).
        last = next((t.text for t in reversed(self.turns) if t.speaker == "debtor"), "")
        fresh = [text for text in eligible if text not in last]
        eligible = fresh or eligible
        return eligible[0] if len(eligible) == 1 else self._rng.choice(eligible)

    def _env_for_lines(self) -> TurnEnv:
        return TurnEnv(call=self.vars, signals=frozenset(), amounts=[], dates=[], today=self.today)

    def _placeholder_values(self) -> dict[str, str]:
        values = dict(self.scenario.constants)
        for name, value in self.vars.variables.items():
            values[name] = str(value)
        values.update(
            runtime_values(
                self._last_amount, self._last_date, self.scenario.currency, self.trainee, self.language
            )
        )
        return values

    def _finish(self, state: str) -> None:
        outcome = self.scenario.states[state].outcome
        self._close(outcome, _ended_by_outcome(outcome, ENDED_TERMINAL))

    def _close(self, outcome: str | None, ended_by: str) -> None:
        self.ended, self.outcome, self.ended_by = True, outcome, ended_by
        self._detach()

    def _detach(self) -> None:
        if self._attached:
            self.scenario.machine.remove_model(self.model)
            self._attached = False

    def _safe_state(self) -> str:
        return str(getattr(self.model, "state", self.scenario.initial))

    def _result(
        self,
        turn: int,
        line: str,
        reply: str,
        before: str,
        heard: Heard,
        fired: list[str],
        revealed: list[str],
        notices: list[str],
    ) -> TurnResult:
        result = TurnResult(
            turn=turn,
            line=line,
            reply=reply,
            state_before=before,
            state_after=self.state,
            variables=self.variables,
            flags=self.flags,
            ended=self.ended,
            outcome=self.outcome,
            ended_by=self.ended_by,
            signals=list(heard.signals),
            amounts=list(heard.amounts),
            dates=list(heard.dates),
            findings=list(heard.findings),
            fired=fired,
            revealed=revealed,
            notices=notices,
            mood_hint=self.scenario.states[self.state].mood_hint,
        )
        if turn:
            self.results.append(result)
        return result

    def __del__(self) -> None:
        # A call dropped without end() must not leave its model in the shared Machine.
        with contextlib.suppress(Exception):
            self._detach()


def _ended_by_outcome(outcome: str | None, default: str) -> str:
    return {"hung_up": ENDED_HANG_UP, "complaint": ENDED_COMPLAINT}.get(outcome or "", default)


def _first_signal(rule: Rule, ids: frozenset[str]) -> str:
    return min(rule.on & ids)


def freeze_heap() -> None:
    """Move everything allocated so far (lexicons, compiled scenarios) out of the collector's view.

    Each turn allocates short-lived objects; without this, the occasional full collection walks
    every long-lived lexicon object and adds several milliseconds to that turn (measured by
    benchmarks/engine_speed.py). Call once after loading and `Call.warm_up()`.
    """
    gc.collect()
    gc.freeze()


def start_call(
    scenario: Any,
    *,
    seed: int = 0,
    trainee: str | None = None,
    today: date | None = None,
    jurisdiction: str | None = None,
    recogniser: Recogniser | None = None,
) -> Call:
    """Start a call on a loaded scenario (a `Scenario`, a YAML-shaped dict or a compiled one)."""
    return Call(
        compiled_for(scenario),
        seed=seed,
        trainee=trainee,
        today=today,
        jurisdiction=jurisdiction,
        recogniser=recogniser,
    )
