"""The declarative guard (`when:`) and effect (`do:`) languages.

A guard is one YAML mapping with exactly one *subject* key, plus comparison
keys for the subjects that hold a number:

    {all: [g, ...]}   {any: [g, ...]}   {not: g}
    {flag: identity_verified}             # the flag is set
    {fact: job_loss}                      # the hidden fact has been revealed
    {visited: exploring}                  # the call has been in that state
    {var: trust, ge: 1}                   # variable (or the built-in `turn`)
    {slot: amount, le: persona.finances.monthly_capacity}
    {slot: date, le: 14}                  # date mentioned, in days from today
    {count: [threat_arrest, threat_violence], ge: 2}

Comparisons: lt, le, gt, ge, eq, ne; several may be combined (a range).
Nothing here is ever evaluated as code: the engine interprets these models.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from simulator.scenario.types import FlagOrNumber, IdList, Number, Operand

COMPARATORS: tuple[str, ...] = ("lt", "le", "gt", "ge", "eq", "ne")
GUARD_SUBJECTS: tuple[str, ...] = ("all", "any", "not", "flag", "fact", "visited", "var", "slot", "count")
NUMERIC_SUBJECTS: tuple[str, ...] = ("var", "slot", "count")
# Read-only variables the engine provides; scenarios may not declare them.
BUILTIN_VARIABLES: tuple[str, ...] = ("turn",)
SLOTS: tuple[str, ...] = ("amount", "date")


class Guard(BaseModel):
    """A condition; exactly one subject key (all/any/not/flag/fact/visited/var/slot/count)."""

    label: ClassVar[str] = "guard"
    model_config = ConfigDict(
        extra="forbid", strict=True, populate_by_name=True, use_attribute_docstrings=True
    )

    all_: list[Guard] | None = Field(default=None, alias="all")
    """True when every listed guard is true."""
    any_: list[Guard] | None = Field(default=None, alias="any")
    """True when at least one listed guard is true."""
    not_: Guard | None = Field(default=None, alias="not")
    """True when the nested guard is false."""
    flag: str | None = None
    """True when this flag is set."""
    fact: str | None = None
    """True when this hidden fact has been revealed."""
    visited: str | None = None
    """True when the call has been in this state (including the current one)."""
    var: str | None = None
    """Compare a variable (or the built-in `turn`, the number of trainee lines so far)."""
    slot: Literal["amount", "date"] | None = None
    """Compare a value found in the trainee's current line: `amount` (money) or `date` (days from today).
    Without a comparison: true when the line mentions one."""
    count: IdList | None = None
    """Compare how many trainee lines so far (this one included) carried any of these signals."""
    lt: Operand | None = None
    """Less than: a number or a persona path (persona.finances.monthly_capacity)."""
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

    @model_validator(mode="after")
    def _one_subject(self) -> Guard:
        subjects = [name for name in GUARD_SUBJECTS if getattr(self, _attr(name)) is not None]
        comparisons = self.comparisons()
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
        if comparisons and subject not in NUMERIC_SUBJECTS:
            raise PydanticCustomError(
                "guard_comparison",
                "'{subject}' takes no comparison ({ops}); only var, slot and count do",
                {"subject": subject, "ops": ", ".join(comparisons)},
            )
        if subject in ("var", "count") and not comparisons:
            raise PydanticCustomError(
                "guard_comparison",
                "'{subject}' needs a comparison: one of {ops}",
                {"subject": subject, "ops": ", ".join(COMPARATORS)},
            )
        return self

    def subject(self) -> str:
        """The one subject key of this guard (`all`, `var`, ...)."""
        return next(name for name in GUARD_SUBJECTS if getattr(self, _attr(name)) is not None)

    def comparisons(self) -> dict[str, float | str]:
        """The comparison keys present, in the fixed order lt, le, gt, ge, eq, ne."""
        out: dict[str, float | str] = {}
        for op in COMPARATORS:
            value = getattr(self, op)
            if value is not None:
                out[op] = value
        return out

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
    """What happens when a transition, reaction or fact reveal fires."""

    label: ClassVar[str] = "effects"
    model_config = ConfigDict(
        extra="forbid", strict=True, populate_by_name=True, use_attribute_docstrings=True
    )

    set_: dict[str, FlagOrNumber] | None = Field(default=None, alias="set")
    """Set flags (true/false) or variables (a number, clamped to the variable's min/max)."""
    add: dict[str, Number] | None = None
    """Add to variables (negative to subtract); the result is clamped to min/max."""
    reveal: IdList | None = None
    """Reveal hidden facts: their text is added to the debtor's reply."""
    end: str | None = None
    """End the call now with this outcome id (from the taxonomy's outcomes)."""
