"""Typed models of a scenario file (see docs/scenario-format.md).

The models check shape only (keys, types, ranges). Cross references -- a
transition naming an unknown state, a guard on an undeclared flag -- are
checked by `simulator.scenario.checks` with the YAML marks at hand, so every
problem is reported at its line and column. Every field's docstring becomes its
description in the JSON Schema, which editors show as help.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PrivateAttr,
    Tag,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from simulator.scenario.guards import Effects, Guard
from simulator.scenario.types import CURRENCY_PATTERN, Id, IdList, Number, ScenarioId

_CONFIG = ConfigDict(extra="forbid", strict=True, populate_by_name=True, use_attribute_docstrings=True)


class _Model(BaseModel):
    model_config = _CONFIG
    # Human name of the mapping, used in messages ("unknown key 'x' in state").
    label: ClassVar[str] = "mapping"


def _on_key(data: Any) -> Any:
    """YAML 1.1 reads a bare `on:` key as the boolean true; give it its name back."""
    if isinstance(data, dict) and any(key is True for key in data):
        return {("on" if key is True else key): value for key, value in data.items()}
    return data


class LineVariant(_Model):
    """A debtor line used only while a guard holds (for example a mood range)."""

    label: ClassVar[str] = "line variant"
    text: str
    """The line; {placeholders} allowed."""
    when: Guard
    """The guard that must hold for this variant to be picked."""


def _line_kind(value: Any) -> str:
    return "mapping" if isinstance(value, dict) else "str"


# A debtor line: plain text, or `{text: ..., when: guard}`.
SayLine = Annotated[
    Annotated[str, Tag("str")] | Annotated[LineVariant, Tag("mapping")],
    Discriminator(_line_kind),
]


# ---------------------------------------------------------------- persona


class Account(_Model):
    label: ClassVar[str] = "account"
    creditor: str
    """Who the debt is owed to, as the collector would name them ("Northbank")."""
    balance: Number = Field(ge=0)
    """Amount owed, in `currency`."""
    currency: str = Field(pattern=CURRENCY_PATTERN)
    """ISO 4217 code: USD, GBP, CNY."""
    days_past_due: int = Field(ge=0)
    """How late the account is, in days."""
    reference: str | None = None
    """Optional account reference the collector may quote after verification."""


class Finances(_Model):
    label: ClassVar[str] = "finances"
    pay_now: Number = Field(ge=0)
    """The most the debtor can pay today."""
    monthly_capacity: Number = Field(ge=0)
    """The most the debtor can afford per month in a plan."""
    income_monthly: Number | None = Field(default=None, ge=0)
    """Monthly income (for affordability questions)."""
    outgoings_monthly: Number | None = Field(default=None, ge=0)
    """Essential monthly outgoings."""
    savings: Number | None = Field(default=None, ge=0)
    """Savings the debtor could draw on."""


class HiddenFact(_Model):
    """Something the debtor only tells when asked the right way."""

    label: ClassVar[str] = "hidden fact"
    id: Id
    """Unique id (snake_case), used by guards (`fact: job_loss`) and `reveal` effects."""
    text: str
    """What the debtor says when revealing it; appended to that turn's reply. {placeholders} allowed."""
    reveal_on: IdList
    """Signal id(s) that make the debtor reveal it (intent or taxonomy category ids)."""
    when: Guard | None = None
    """Optional guard that must also hold (for example `{var: trust, ge: 1}`)."""
    do: Effects | None = None
    """Optional effects when revealed (for example `{set: {hardship_disclosed: true}}`)."""


class Persona(_Model):
    label: ClassVar[str] = "persona"
    name: str
    """The debtor's full name, as on the account. Placeholder {name}."""
    background: str
    """Who they are and why they are behind; shown to trainers, not trainees."""
    temperament: str
    """How they come across at the start (anxious, hostile, ...)."""
    account: Account
    """The debt."""
    finances: Finances
    """What the debtor can really pay; plans above it are refused."""
    hidden_facts: list[HiddenFact] = Field(default_factory=list)
    """Facts revealed only on the right signal."""


# ---------------------------------------------------------------- state


class Variable(_Model):
    label: ClassVar[str] = "variable"
    initial: Number
    """Value at the start of the call."""
    min: Number
    """Lowest value; changes are clamped."""
    max: Number
    """Highest value; changes are clamped."""
    description: str | None = None
    """What the variable means, for trainers."""

    @model_validator(mode="after")
    def _ordered(self) -> Variable:
        if not self.min <= self.initial <= self.max:
            raise PydanticCustomError(
                "variable_range",
                "needs min <= initial <= max (got {lo} <= {init} <= {hi})",
                {"lo": self.min, "init": self.initial, "hi": self.max},
            )
        return self


class Suggestion(_Model):
    """A reply offered in guided mode."""

    label: ClassVar[str] = "suggestion"
    text: str
    """The collector line the trainee may pick."""
    good: bool
    """true for a good reply, false for a tempting but wrong one."""
    why: str | None = None
    """Why it is good or wrong; shown after the pick."""


class State(_Model):
    """One moment of the conversation, from the debtor's side."""

    label: ClassVar[str] = "state"
    say: list[SayLine] = Field(default_factory=list)
    """Debtor line variants when the call enters this state (one is picked by the seeded random source)."""
    fallback: list[SayLine] = Field(default_factory=list)
    """Debtor line variants when the trainee's line moves nothing."""
    suggestions: list[Suggestion] = Field(default_factory=list)
    """Replies offered in guided mode while in this state."""
    terminal: bool = False
    """The call ends on entering this state."""
    outcome: str | None = None
    """For terminal states: the outcome id from the taxonomy (installment_plan, complaint, ...)."""
    mood_hint: str | None = None
    """Short text shown next to the mood meter in this state ("She sounds close to tears")."""
    note: str | None = None
    """A comment for trainers; shown in the graph."""


class Transition(_Model):
    """Moves the call from one state to another when a signal is heard."""

    label: ClassVar[str] = "transition"
    on: IdList
    """Signal id(s): intent ids or taxonomy category ids; any one of them triggers."""
    from_: IdList = Field(alias="from")
    """State id, list of state ids, or "*" for any non-terminal state."""
    to: str | None = None
    """Target state; omit to stay in the current state (effects and `say` still apply)."""
    when: Guard | None = None
    """Optional guard; the transition fires only when it holds."""
    do: Effects | None = None
    """Optional effects."""
    say: list[SayLine] | None = None
    """Optional debtor lines used instead of the target state's `say`."""

    @model_validator(mode="before")
    @classmethod
    def _rename_on(cls, data: Any) -> Any:
        return _on_key(data)


class Reaction(_Model):
    """A global reaction: checked in every non-terminal state before the state's transitions."""

    label: ClassVar[str] = "global reaction"
    on: IdList
    """Signal id(s) that trigger the reaction."""
    when: Guard | None = None
    """Optional guard."""
    do: Effects | None = None
    """Optional effects."""
    to: str | None = None
    """Optional state to move to (for example a terminal `complaint` state)."""
    say: list[SayLine] | None = None
    """Optional debtor lines for this reaction."""

    @model_validator(mode="before")
    @classmethod
    def _rename_on(cls, data: Any) -> Any:
        return _on_key(data)


class IntentPattern(_Model):
    """One intent pattern written as a mapping: exactly one of `match` or `regex`."""

    label: ClassVar[str] = "intent pattern"
    match: str | None = None
    """A match expression in the lexicon format (docs/lexicon-format.md): words, {CONCEPTS}, typo-tolerant."""
    regex: str | None = None
    """A raw RE2 regular expression over the normalised line."""
    negatable: bool | None = None
    """false: a negation in the clause does not cancel this pattern (default: the intent's `negatable`)."""
    requires_slot: Literal["amount", "date"] | None = None
    """Only match when the line also mentions money (`amount`) or a date (`date`)."""
    unless: Any = None
    """A match expression that cancels the pattern when it overlaps the hit (lexicon format)."""
    requires: Any = None
    """A match expression that must also be present in the line (lexicon format)."""

    @model_validator(mode="after")
    def _one_kind(self) -> IntentPattern:
        if (self.match is None) == (self.regex is None):
            raise PydanticCustomError(
                "intent_pattern", "an intent pattern needs exactly one of match or regex"
            )
        return self


def _pattern_kind(value: Any) -> str:
    return "mapping" if isinstance(value, dict) else "str"


IntentPatternItem = Annotated[
    Annotated[str, Tag("str")] | Annotated[IntentPattern, Tag("mapping")],
    Discriminator(_pattern_kind),
]


class Intent(_Model):
    """A scenario-local intent that extends the shared intent library (same shape as its entries)."""

    label: ClassVar[str] = "intent"
    description: str | None = None
    """What the intent means (also the explanation shown for a hit)."""
    examples: list[str] = Field(default_factory=list)
    """Trainee lines that express it; without `patterns` they are matched literally after normalisation."""
    not_examples: list[str] = Field(default_factory=list)
    """Lines that must not be recognised as this intent (checked by the intent tests)."""
    patterns: list[IntentPatternItem] = Field(default_factory=list)
    """Match expressions (lexicon format), or mappings `{match or regex, negatable, requires_slot, ...}`."""
    requires_slot: Literal["amount", "date"] | None = None
    """Only recognised when the line mentions money (`amount`) or a date (`date`)."""
    negatable: bool | None = None
    """Default for the patterns: whether a negation in the clause cancels a hit (default true)."""

    @model_validator(mode="after")
    def _not_empty(self) -> Intent:
        if not self.examples and not self.patterns:
            raise PydanticCustomError("intent_empty", "an intent needs examples or patterns")
        return self


class Weights(_Model):
    """Relative weights of the three scores in the overall score (normalised by their sum)."""

    label: ClassVar[str] = "weights"
    empathy: Number | None = Field(default=None, ge=0)
    """Weight of the empathy score (scorer default 0.3)."""
    legality: Number | None = Field(default=None, ge=0)
    """Weight of the legality score (scorer default 0.4)."""
    outcome: Number | None = Field(default=None, ge=0)
    """Weight of the outcome score (scorer default 0.3)."""


class Scoring(_Model):
    """How the scorecard grades this scenario (defaults come from the scorer)."""

    label: ClassVar[str] = "scoring"
    outcome_values: dict[str, Annotated[int, Field(ge=0, le=100)]] = Field(default_factory=dict)
    """Outcome id -> outcome score 0-100 for this scenario."""
    weights: Weights | None = None
    """Weights of empathy, legality and outcome in the overall score."""
    pass_mark: Number | None = Field(default=None, ge=0, le=100)
    """Overall score needed to pass (scorer default 70)."""


# ---------------------------------------------------------------- tests


def _pair_to_range(value: Any) -> Any:
    """`[0, 5]` means `{min: 0, max: 5}`; a single number means exactly that value."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return {"min": value, "max": value}
    if isinstance(value, list):
        if len(value) != 2:
            raise PydanticCustomError("range_pair", "a range is [min, max] or {min: .., max: ..}")
        return {"min": value[0], "max": value[1]}
    return value


class _RangeModel(_Model):
    label: ClassVar[str] = "range"
    min: Number | None = None
    """Lowest accepted value (inclusive)."""
    max: Number | None = None
    """Highest accepted value (inclusive)."""


Range = Annotated[
    _RangeModel,
    BeforeValidator(_pair_to_range),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number"},
                {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2},
                {
                    "type": "object",
                    "properties": {"min": {"type": "number"}, "max": {"type": "number"}},
                    "additionalProperties": False,
                },
            ],
            "description": "[min, max], {min: .., max: ..} (either may be left out) or one exact number",
        }
    ),
]


class ScoreBounds(_Model):
    """Expectations on the scorecard of the test call."""

    label: ClassVar[str] = "score expectations"
    empathy: Range | None = None
    """Bounds on the empathy score (0-100)."""
    legality: Range | None = None
    """Bounds on the legality score."""
    outcome: Range | None = None
    """Bounds on the outcome score."""
    overall: Range | None = None
    """Bounds on the overall score."""
    passed: bool | None = None
    """Whether the scorecard passes."""
    auto_fail: bool | None = None
    """Whether the scorecard auto-fails."""
    outcome_category: str | None = None
    """The outcome category the scorer reports."""


class Expect(_Model):
    """What must be true when the test script has been played."""

    label: ClassVar[str] = "expectations"
    state: str | None = None
    """Final state id."""
    outcome: str | None = None
    """Outcome id of the call (the call must have ended)."""
    ended: bool | None = None
    """Whether the call ended before the script ran out."""
    ended_by: str | None = None
    """Why the call ended: terminal_state, hang_up, complaint, end_effect, turn_limit, collector_ended,
    script_ended."""
    flags: dict[str, bool] = Field(default_factory=dict)
    """Flag values at the end."""
    mood: Range | None = None
    """Final mood: `[min, max]`."""
    variables: dict[str, Range] = Field(default_factory=dict)
    """Final ranges of variables: `{trust: [1, 5]}`."""
    visits: list[str] = Field(default_factory=list)
    """States the call must pass through (any order)."""
    path: list[str] = Field(default_factory=list)
    """The states the call went through must start with exactly these, in order."""
    revealed: list[str] = Field(default_factory=list)
    """Hidden facts that must have been revealed."""
    says: list[str] = Field(default_factory=list)
    """Text some debtor line must contain (case-insensitive)."""
    never_says: list[str] = Field(default_factory=list)
    """Text no debtor line may contain (case-insensitive)."""
    score: ScoreBounds | None = None
    """Scorecard expectations: score bounds, passed, auto_fail."""


class ScenarioTest(_Model):
    """A scripted conversation and what it must lead to."""

    label: ClassVar[str] = "test"
    name: str
    """Unique test name."""
    script: list[str] = Field(min_length=1)
    """Trainee lines, in order."""
    seed: int | None = None
    """Random seed for the debtor's line variants (default 0)."""
    expect: Expect
    """Expectations at the end."""


# ---------------------------------------------------------------- scenario


class Scenario(_Model):
    """A debtor persona as a state machine, with its tests."""

    label: ClassVar[str] = "scenario"
    id: ScenarioId
    """Unique kebab-case id (`us-job-loss`)."""
    version: int = Field(ge=1)
    """Content version; bump when the scenario changes."""
    title: str
    """One line shown in the scenario picker."""
    language: Literal["en", "zh"]
    """Language of the call: en or zh."""
    jurisdiction: Literal["us", "uk", "cn"]
    """Which rule pack grades the call: us, uk or cn."""
    difficulty: int = Field(ge=1, le=5)
    """1 (easy) to 5 (hard)."""
    tags: list[str] = Field(default_factory=list)
    """Free tags for filtering (hardship, hostile, ...)."""
    briefing: str
    """What the collector sees before dialling. {placeholders} allowed."""
    persona: Persona
    """Who the debtor is."""
    variables: dict[Id, Variable]
    """Numeric variables; `mood` and `trust` are required."""
    flags: list[Id] = Field(default_factory=list)
    """Boolean flags, all false at the start."""
    max_turns: int = Field(default=30, ge=1)
    """Trainee lines allowed; after the last one the call ends."""
    turn_limit_outcome: str = "hung_up"
    """Outcome id of a call that reaches max_turns."""
    turn_limit_say: list[SayLine] = Field(default_factory=list)
    """What the debtor says when the turn limit ends the call."""
    initial: str
    """The state the call starts in."""
    states: dict[Id, State]
    """State id -> state."""
    transitions: list[Transition] = Field(default_factory=list)
    """Tried in order after global reactions; the first whose signal is heard and guard holds fires."""
    global_: list[Reaction] = Field(default_factory=list, alias="global")
    """Reactions checked in every non-terminal state; all that match apply their effects,
    the first with a `to` moves the call and skips the state's transitions."""
    intents: dict[Id, Intent] = Field(default_factory=dict)
    """Scenario-local intents extending the shared library of the scenario's language."""
    scoring: Scoring | None = None
    """Outcome values, weights and pass mark for the scorecard."""
    tests: list[ScenarioTest] = Field(default_factory=list)
    """Scripted tests run by `collectsim scenarios test`."""

    _path: Path | None = PrivateAttr(default=None)

    @property
    def path(self) -> Path | None:
        """The file the scenario was loaded from, if any."""
        return self._path

    def terminal_states(self) -> dict[str, State]:
        return {sid: st for sid, st in self.states.items() if st.terminal}


# Persona fields a guard may compare with (`le: persona.finances.monthly_capacity`).
NUMERIC_PERSONA_PATHS: tuple[str, ...] = (
    "persona.account.balance",
    "persona.account.days_past_due",
    "persona.finances.pay_now",
    "persona.finances.monthly_capacity",
    "persona.finances.income_monthly",
    "persona.finances.outgoings_monthly",
    "persona.finances.savings",
)


def persona_number(scenario: Scenario, dotted: str) -> float | None:
    """The value of a NUMERIC_PERSONA_PATHS entry (None when unset or not such a path)."""
    if dotted not in NUMERIC_PERSONA_PATHS:
        return None
    _persona, section, name = dotted.split(".")
    value = getattr(getattr(scenario.persona, section), name)
    return None if value is None else float(value)
