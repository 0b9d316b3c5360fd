"""What the engine hears in a trainee line: signals (with spans and sources) and slots.

Signals come from three places, merged per line:
  - `detector`: `scoring.detector.detect` findings — every taxonomy category (violations,
    empathy, required conduct, and its own intents such as `mentions_debt`), so the debtor
    reacts to exactly what the grade counts;
  - `intent`: the scenario's intent library (`simulator.nlu.IntentLibrary`);
  - `slot`: `amount` / `date` when money or a date was said (`scoring.text.money`/`dates`),
    and `wrong_name` when a line asking for the debtor names someone else
    (`simulator.engine.names`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Protocol

from scoring.model import Lang, Span, Turn
from simulator.engine.names import ASKS_FOR_DEBTOR, wrong_name

SLOT_SIGNALS = ("amount", "date")


@dataclass(frozen=True)
class RecognisedSignal:
    id: str
    kind: str  # violation | empathy_positive | empathy_negative | required_conduct | intent | slot
    span: Span
    source: str  # detector | intent | slot

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "span": {"start": self.span.start, "end": self.span.end},
            "source": self.source,
        }


@dataclass(frozen=True)
class AmountSlot:
    amount: Decimal
    currency: str | None
    span: Span
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "amount": str(self.amount),
            "currency": self.currency,
            "span": {"start": self.span.start, "end": self.span.end},
            "text": self.text,
        }


@dataclass(frozen=True)
class DateSlot:
    date: date | None
    text: str
    span: Span
    kind: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat() if self.date else None,
            "text": self.text,
            "span": {"start": self.span.start, "end": self.span.end},
            "kind": self.kind,
        }


@dataclass
class Heard:
    """Everything recognised in one line."""

    signals: list[RecognisedSignal] = field(default_factory=list)
    amounts: list[AmountSlot] = field(default_factory=list)
    dates: list[DateSlot] = field(default_factory=list)
    findings: list[Any] = field(default_factory=list)  # the detector's Finding objects, as is

    def ids(self) -> frozenset[str]:
        return frozenset(s.id for s in self.signals)


class Recogniser(Protocol):
    def __call__(self, text: str, today: date, context: Sequence[Turn]) -> Heard: ...


def default_recogniser(lang: Lang, extra_intents: Any = None, persona_name: str | None = None) -> Recogniser:
    """Detector + intent library + slot extractors for one language (built once per scenario);
    with ``persona_name``, a line asking for someone else by name also gives `wrong_name`."""
    from scoring.detector import detect
    from scoring.text.dates import extract_dates
    from scoring.text.money import extract_money
    from simulator.nlu import IntentLibrary

    library = IntentLibrary.load(lang, extra=extra_intents) if extra_intents else IntentLibrary.load(lang)

    def recognise(text: str, today: date, context: Sequence[Turn]) -> Heard:
        heard = Heard()
        findings = detect(text, lang, context=context)
        heard.findings = list(findings)
        for f in findings:
            kind = str(getattr(f.kind, "value", f.kind))
            heard.signals.append(RecognisedSignal(f.category, kind, f.span, "detector"))
        for s in library.recognise(text, today=today):
            heard.signals.append(RecognisedSignal(s.id, s.kind, s.span, "intent"))
        for m in extract_money(text, lang):
            heard.amounts.append(AmountSlot(Decimal(m.amount), m.currency, m.span, _cut(text, m.span)))
        for d in extract_dates(text, lang, today):
            heard.dates.append(DateSlot(d.date, d.text, d.span, str(d.kind)))
        add_slot_signals(heard)
        if persona_name and not heard.ids().isdisjoint(ASKS_FOR_DEBTOR):
            asked = wrong_name(text, lang, persona_name)
            if asked is not None:
                heard.signals.append(RecognisedSignal("wrong_name", "slot", asked.span, "slot"))
        return heard

    recognise.library = library  # type: ignore[attr-defined]
    return recognise


def add_slot_signals(heard: Heard) -> None:
    """`amount`/`date` signals for slot presence, spanning the first mention."""
    if heard.amounts:
        heard.signals.append(RecognisedSignal("amount", "slot", heard.amounts[0].span, "slot"))
    if heard.dates:
        heard.signals.append(RecognisedSignal("date", "slot", heard.dates[0].span, "slot"))


def _cut(text: str, span: Span) -> str:
    return text[span.start : span.end]


RecogniserFactory = Callable[[Lang, Any], Recogniser]
