"""The declarative guard (`when:`) and effect (`do:`) languages.

A guard is one YAML mapping with exactly one *subject* key:

    {all: [g, ...]}   {any: [g, ...]}   {not: g}
    {flag: identity_verified}             # the flag is set ({flag: x, is: false}: it is not)
    {revealed: job_loss}                  # the hidden fact has been revealed
    {visited: exploring}                  # the call has been in that state
    {signal: sympathy}                    # this line carries that signal (one id or a list)
    {var: trust, ge: 1}                   # compare a variable
    {slot: amount, le: persona.finances.monthly_capacity}
    {slot: date, le: 14}                  # a date mentioned in this line, in days from today
    {count: {signal: [threat_arrest, threat_violence], ge: 2}}   # lines so far with any of them
    {turn: {ge: 10}}                      # trainee line number (1-based)

Comparisons: lt, le, gt, ge, eq, ne; several may be combined (a range). The right-hand side is a
number, a persona path (`persona.finances.monthly_capacity`) or a variable (`var.trust`).
Nothing here is ever evaluated as code: the engine interprets these models.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from simulator.scenario.types import FlagOrNumber, IdList, Number, Operand

COMPARATORS: tuple[str, ...] = ("lt", "le", "gt", "ge", "eq", "ne")
GUARD_SUBJECTS: tuple[str, ...] = (
    "all", "any", "not", "flag", "revealed", "visited", "signal", "var", "slot", "count", "turn",
)  # fmt: skip
# Subjects whose comparisons sit beside them in the same mapping.
INLINE_COMPARISON_SUBJECTS: tuple[str, ...] = ("var", "slot")
SLOTS: tuple[str, ...] = ("amount", "date")

_CONFIG = ConfigDict(extra="forbid", strict=True, populate_by_name=True, use_attribute_docstrings=True)


class _Compare(BaseModel):
    """Comparison keys shared by guards that hold a number."""

    model_config = _CONFIG
    label: ClassVar[str] = "comparison"

    lt: Operand | None = None
    """Less than: a number, a persona path (persona.finances.monthly_capacity) or var.<name>."""
    le: Operand | None = None
    """Less than or equal."""
    gt: Operand | None = None
    """Greater than."""
    ge: Operand | None = None
    """Greater than or equal."""
    eq: Operand | None = None
    """Equal."""
    ne: Operand | None = None
    """Not equal."""

    def comparisons(self) -> dict[str, float | str]:
        """The comparison keys present, in the fixed order lt, le, gt, ge, eq, ne."""
        return {op: v for op in COMPARATORS if (v := getattr(self, op)) is not None}

    def _need_comparison(self, what: str) -> None:
        if not self.comparisons():
            raise PydanticCustomError(
                "guard_comparison", "{what} needs a comparison: one of {ops}",
                {"what": what, "ops": ", ".join(COMPARATORS)},
            )  # fmt: skip


class TurnCompare(_Compare):
    """`turn: {ge: 10}`: compares the trainee line number (1-based)."""

    label: ClassVar[str] = "turn comparison"

    @model_validator(mode="after")
    def _has_comparison(self) -> TurnCompare:
        self._need_comparison("'turn'")
        return self


class CountCompare(_Compare):
    """`count: {signal: [...], ge: 2}`: how many trainee lines so far (this one included)
    carried any of the signals."""

    label: ClassVar[str] = "count"
    signal: IdList
    """Signal id(s) to count."""

    @model_validator(mode="after")
    def _has_comparison(self) -> CountCompare:
        self._need_comparison("'count'")
        return self


class Guard(_Compare):
    """A condition; exactly one subject key (all/any/not/flag/revealed/visited/signal/var/slot/count/turn)."""

    label: ClassVar[str] = "guard"

    all_: list[Guard] | None = Field(default=None, alias="all")
    """True when every listed guard is true."""
    any_: list[Guard] | None = Field(default=None, alias="any")
    """True when at least one listed guard is true."""
    not_: Guard | None = Field(default=None, alias="not")
    """True when the nested guard is false."""
    flag: str | None = None
    """True when this flag is set (or, with `is: false`, when it is not)."""
    is_: bool | None = Field(default=None, alias="is")
    """With `flag`: the value the flag must have (default true)."""
    revealed: str | None = None
    """True when this hidden fact has been revealed."""
    visited: str | None = None
    """True when the call has been in this state (the current one included)."""
    signal: IdList | None = None
    """True when the trainee's current line carries any of these signal ids."""
    var: str | None = None
    """Compare a variable with lt/le/gt/ge/eq/ne beside it: `{var: trust, ge: 1}`."""
    slot: Literal["amount", "date"] | None = None
    """A value in the trainee's current line: `amount` (money) or `date` (days from today), compared with
    lt/le/... beside it; true if any amount/date in the line satisfies them. Without a comparison: the line
    mentions one."""
    count: CountCompare | None = None
    """`{signal: [...], ge: 2}`: number of trainee lines so far carrying any of these signals."""
    turn: TurnCompare | None = None
    """`{ge: 10}`: the trainee line number, 1-based."""

    @model_validator(mode="after")
    def _one_subject(self) -> Guard:
        subjects = self.subjects()
        if not subjects:
            raise PydanticCustomError(
                "guard_subject", "a guard needs one of: {names}", {"names": ", ".join(GUARD_SUBJECTS)}
            )
        if len(subjects) > 1:
            raise PydanticCustomError(
                "guard_subject",
                "a guard has exactly one subject, found {found}; combine guards with all/any",
                {"found": ", ".join(subjects)},
            )
        subject = subjects[0]
        comparisons = self.comparisons()
        if comparisons and subject not in INLINE_COMPARISON_SUBJECTS:
            hint = " (put them inside it)" if subject in ("count", "turn") else ""
            raise PydanticCustomError(
                "guard_comparison",
                "'{subject}' takes no comparison beside it ({ops}){hint}; only var and slot do",
                {"subject": subject, "ops": ", ".join(comparisons), "hint": hint},
            )
        if subject == "var":
            self._need_comparison("'var'")
        if self.is_ is not None and subject != "flag":
            raise PydanticCustomError("guard_comparison", "'is' only goes with 'flag'")
        return self

    def subjects(self) -> list[str]:
        return [name for name in GUARD_SUBJECTS if getattr(self, _attr(name)) is not None]

    def subject(self) -> str:
        """The one subject key of this guard (`all`, `var`, ...)."""
        return self.subjects()[0]

    def children(self) -> list[Guard]:
        if self.all_ is not None:
            return list(self.all_)
        if self.any_ is not None:
            return list(self.any_)
        if self.not_ is not None:
            return [self.not_]
        return []


def _attr(name: str) -> str:
    return name + "_" if name in ("all", "any", "not") else name


class Effects(BaseModel):
    """What happens when a transition, reaction or fact reveal fires (applied in this order)."""

    model_config = _CONFIG
    label: ClassVar[str] = "effects"

    set_: dict[str, FlagOrNumber] | None = Field(default=None, alias="set")
    """Set flags (true/false) or variables (a number, clamped to the variable's min/max)."""
    add: dict[str, Number] | None = None
    """Add to variables (negative to subtract); the result is clamped to min/max."""
    clear: IdList | None = None
    """Flags to set back to false."""
    reveal: IdList | None = None
    """Reveal hidden facts: their text is added to the debtor's reply."""
    end: str | None = None
    """End the call now with this outcome id (from the taxonomy's outcomes)."""
