"""Typed records shared by the detector, the rule packs, the scorer and their callers.

These are the public shapes of `check --json` and `score --json` (see PRODUCT.md):
extend them, never rename a field.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Lang = Literal["en", "zh"]
Jurisdiction = Literal["us", "uk", "cn"]
LANGS: tuple[Lang, ...] = ("en", "zh")
JURISDICTIONS: tuple[Jurisdiction, ...] = ("us", "uk", "cn")


class Kind(StrEnum):
    violation = "violation"
    empathy_positive = "empathy_positive"
    empathy_negative = "empathy_negative"
    required_conduct = "required_conduct"
    intent = "intent"


class Severity(StrEnum):
    auto_fail = "auto_fail"
    major = "major"
    minor = "minor"


class Span(BaseModel):
    """Character offsets into the original (un-normalised) utterance, end exclusive."""

    model_config = ConfigDict(frozen=True)

    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Finding(BaseModel):
    """One thing detected in one collector utterance, with the evidence behind it."""

    model_config = ConfigDict(frozen=True)

    category: str
    kind: Kind
    span: Span
    text: str = Field(description="The matched part of the original utterance")
    explanation: str
    pattern: str = Field(description="Id of the lexicon pattern (or call-level check) that fired")
    severity: Severity | None = None
    rule: str | None = Field(default=None, description="Citation id of the jurisdiction's provision")
    rule_text: str | None = None
    rule_confirmed: bool | None = Field(
        default=None, description="False when the research marks the citation unconfirmed"
    )
    tip: str | None = Field(default=None, description="Coaching tip in the call's language")
    turn: int | None = Field(default=None, description="0-based index into the transcript's turns")


Speaker = Literal["collector", "debtor"]


class Turn(BaseModel):
    model_config = ConfigDict(extra="ignore")

    speaker: Speaker
    text: str


class Transcript(BaseModel):
    """A call to grade: one the simulator wrote, or a real call's."""

    model_config = ConfigDict(extra="ignore")

    language: Lang
    jurisdiction: Jurisdiction
    scenario: str | None = None
    turns: list[Turn]
