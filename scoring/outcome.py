"""What a call achieved: the outcome category and how good the agreement was.

With a scenario the engine says which terminal outcome was reached and the scenario says what
each outcome is worth. From a bare transcript the category is inferred from the dialogue:
a debtor's agreement to a collector's proposal with an amount (a plan when the terms are
monthly, paid in full when the whole balance is meant), a refusal, a hang-up, a complaint, a
callback, a dispute recorded, a cease request honoured, a wrong party closed cleanly.

Agreements earn their value by quality, because a vague promise is the one that breaks:
a specific amount, a specific date, the terms read back to the debtor, and an amount within
what the debtor can afford (the scenario's capacity, or what the debtor said they can pay).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from scoring.call_context import OFFER_VERIFICATION, PAYMENT_TERMS_CUES, CallFacts, TurnView
from scoring.model import Lang
from scoring.text.money import Money, extract_money

AGREEMENT_CATEGORIES = frozenset({"paid_in_full", "promise_to_pay", "installment_plan"})

# Documented defaults (docs/scoring.md): what each outcome is worth out of 100 when the
# scenario does not say. Doing the right thing on a call that cannot collect (a dispute, a
# cease request, a wrong number, a referral) is worth most of the marks; a refusal little;
# a hang-up or a complaint nothing.
DEFAULT_OUTCOME_VALUES: dict[str, int] = {
    "paid_in_full": 100,
    "installment_plan": 100,
    "promise_to_pay": 90,
    "hardship_referral": 75,
    "dispute_recorded": 75,
    "cease_honoured": 75,
    "wrong_party_closed": 75,
    "callback_scheduled": 40,
    "refused": 10,
    "hung_up": 0,
    "complaint": 0,
}

# Share of an agreement's value earned by each quality (sums to 1.0).
QUALITY_BASE = 0.55
QUALITY_AMOUNT = 0.15
QUALITY_DATE = 0.15
QUALITY_CONFIRMED = 0.15
UNAFFORDABLE_FACTOR = 0.5

# How far back from the debtor's "yes" the terms of a proposal are looked for (turns).
PROPOSAL_WINDOW = 3


class OutcomeDetail(BaseModel):
    """The evidence behind the outcome score (part of the scorecard)."""

    model_config = ConfigDict(frozen=True)

    category: str | None
    source: str  # "scenario" | "inferred" | "none"
    turn: int | None = None
    amount: str | None = None  # Decimal as a string: exact and JSON-stable
    currency: str | None = None
    amount_turn: int | None = None
    date_text: str | None = None
    schedule: str | None = None  # "monthly" | "once" | "in_full"
    confirmed_turn: int | None = None
    affordable: bool | None = None
    capacity: str | None = None


@dataclass(frozen=True)
class OutcomePoint:
    delta: float
    reason: str
    turn: int | None = None
    category: str | None = None


@dataclass
class OutcomeResult:
    score: float
    detail: OutcomeDetail
    points: list[OutcomePoint] = field(default_factory=list)


@dataclass(frozen=True)
class _Agreement:
    turn: int
    category: str
    money: Money | None
    money_turn: int | None
    date_text: str | None
    schedule: str
    debtor_offered: bool


@functools.lru_cache(maxsize=1 << 16)
def _dates(text: str, lang: Lang, today: date) -> tuple[str, ...]:
    from scoring.text.dates import extract_dates

    return tuple(d.text for d in extract_dates(text, lang, today))


@functools.lru_cache(maxsize=1 << 16)
def _money(text: str, lang: Lang) -> tuple[Money, ...]:
    """Money mentions, explicit ones (with a currency or multiplier) when there are any."""
    found = extract_money(text, lang)
    return tuple([m for m in found if m.explicit] or found)


def _window(views: Sequence[TurnView], end: int) -> list[TurnView]:
    start = max(0, end - PROPOSAL_WINDOW)
    return list(views[start : end + 1])


def _agreement_at(views: Sequence[TurnView], i: int, lang: Lang, today: date) -> _Agreement | str | None:
    """Read a debtor's agreement at ``views[i]``: a payment agreement, "callback", or None."""
    window = _window(views, i)
    proposal = next((v for v in reversed(window[:-1]) if v.speaker == "collector"), None)
    money: Money | None = None
    money_turn: int | None = None
    debtor_offered = False
    for view in reversed(window):
        found = _money(view.text, lang)
        if found:
            money, money_turn = found[-1], view.index
            debtor_offered = view.speaker == "debtor"
            break
    cues = {c.category for v in window for c in v.cues}
    asks_payment = proposal is not None and (
        proposal.finding("payment_request") is not None
        or proposal.has_cue(PAYMENT_TERMS_CUES) is not None
    )
    if proposal is not None and proposal.has_cue(OFFER_VERIFICATION) is not None and not asks_payment:
        # "I'll send you the statement and we won't ask for payment meanwhile" - "OK": the debtor
        # accepts the verification, not the balance named a few turns earlier.
        return None
    if money is None and not asks_payment:
        if "callback_offer" in cues or "callback_request" in cues:
            return "callback"
        return None
    dates: list[str] = []
    for view in window:
        dates.extend(_dates(view.text, lang, today))
    if "pay_in_full_terms" in cues:
        category, schedule = "paid_in_full", "in_full"
    elif "instalment_terms" in cues:
        category, schedule = "installment_plan", "monthly"
    else:
        category, schedule = "promise_to_pay", "once"
    return _Agreement(
        turn=views[i].index,
        category=category,
        money=money,
        money_turn=money_turn,
        date_text=dates[-1] if dates else None,
        schedule=schedule,
        debtor_offered=debtor_offered,
    )


def _last_collector(views: Sequence[TurnView], i: int) -> TurnView | None:
    window = views[max(0, i - PROPOSAL_WINDOW) : i]
    return next((v for v in reversed(window) if v.speaker == "collector"), None)


def _answers_terms(views: Sequence[TurnView], i: int) -> bool:
    """Whether a bare "yes" at ``views[i]`` answers payment terms: the collector's last turn asked
    for a payment or read terms back. After "Am I speaking with Maria?" the same "yes" confirms
    who she is and agrees to nothing."""
    asked = _last_collector(views, i)
    return asked is not None and (
        asked.finding(frozenset({"payment_request", "agreement_confirmation"})) is not None
        or asked.has_cue(PAYMENT_TERMS_CUES) is not None
    )


def _read_back_before(views: Sequence[TurnView], agreement: _Agreement, lang: Lang) -> int | None:
    """The collector turn the debtor said yes to, when it read back terms the collector had put
    on the table before ("We could do $150 a month." ... "So that's $150 on the 1st, is that
    right?" - "Yes."). A first proposal ("Could we set up $120 on the 1st?", or "How about $150
    a month?" after the debtor named $150) reads nothing back, whatever its wording."""
    asked = _last_collector(views, next(n for n, v in enumerate(views) if v.index == agreement.turn))
    if asked is None or asked.finding("agreement_confirmation") is None or agreement.money is None:
        return None
    amount = agreement.money.amount
    earlier = any(
        m.amount == amount
        for v in views
        if v.index < asked.index and v.speaker == "collector"
        for m in _money(v.text, lang)
    )
    restated = any(m.amount == amount for m in _money(asked.text, lang))
    return asked.index if earlier and restated else None


def _confirmed_turn(views: Sequence[TurnView], after: int, agreement: _Agreement, lang: Lang) -> int | None:
    """The collector turn that reads the terms back: the read-back the debtor said yes to, or
    the first collector turn after the agreement that restates them."""
    before = _read_back_before(views, agreement, lang)
    if before is not None:
        return before
    for view in views:
        if view.index <= after or view.speaker != "collector":
            continue
        if view.finding("agreement_confirmation") is not None:
            return view.index
        if agreement.money is not None and any(
            m.amount == agreement.money.amount for m in _money(view.text, lang)
        ):
            return view.index
    return None


def _stated_capacity(views: Sequence[TurnView], upto: int, lang: Lang) -> Decimal | None:
    amounts = [
        m.amount
        for v in views
        if v.index <= upto and v.speaker == "debtor" and v.has_cue("can_afford") is not None
        for m in _money(v.text, lang)
    ]
    return max(amounts) if amounts else None


def _debtor_named(views: Sequence[TurnView], upto: int, amount: Decimal, lang: Lang) -> bool:
    return any(
        m.amount == amount
        for v in views
        if v.index <= upto and v.speaker == "debtor"
        for m in _money(v.text, lang)
    )


@dataclass(frozen=True)
class _Inferred:
    category: str | None
    turn: int | None
    agreement: _Agreement | None


def infer_category(
    views: Sequence[TurnView],
    facts: CallFacts,
    lang: Lang,
    today: date,
    *,
    cease_ignored: bool,
    disclosed: bool = False,
) -> _Inferred:
    """The outcome a listener would write down for this call (rules in docs/scoring.md)."""
    agreement: _Agreement | None = None
    callback_turn: int | None = None
    complaint_turn = refusal_turn = hangup_turn = None
    for i, view in enumerate(views):
        if view.speaker != "debtor":
            continue  # a collector's proposal or callback offer counts once the debtor accepts it
        if view.has_cue("complaint"):
            complaint_turn = view.index
        if view.has_cue("hang_up"):
            hangup_turn = view.index
        if view.has_cue("refuse"):
            refusal_turn = view.index
        if view.has_cue("callback_request"):
            callback_turn = view.index
        if view.has_cue("agreement") or (view.has_cue("assent") and _answers_terms(views, i)):
            read = _agreement_at(views, i, lang, today)
            if isinstance(read, _Agreement):
                same_terms = (
                    agreement is not None
                    and read.money is not None
                    and agreement.money is not None
                    and read.money.amount == agreement.money.amount
                )
                # "Yes, I can manage that" ... "I'll make sure the payment goes through": the
                # agreement is the first acceptance; a later one restating it changes nothing.
                if not same_terms:
                    agreement = read
            elif read == "callback":
                callback_turn = view.index

    last_agreement = agreement.turn if agreement is not None else -1
    if complaint_turn is not None and complaint_turn > last_agreement:
        return _Inferred("complaint", complaint_turn, None)
    if agreement is not None and (refusal_turn is None or refusal_turn < agreement.turn):
        return _Inferred(agreement.category, agreement.turn, agreement)
    if facts.wrong_party_turn is not None and not disclosed:
        # "Wrong number or third party: the call ends without disclosing the debt" (taxonomy).
        return _Inferred("wrong_party_closed", facts.wrong_party_turn, None)
    if facts.cease_turn is not None:
        return _Inferred("refused" if cease_ignored else "cease_honoured", facts.cease_turn, None)
    if hangup_turn is not None:
        return _Inferred("hung_up", hangup_turn, None)
    if facts.dispute_turn is not None and facts.verification_offered_turn is not None:
        return _Inferred("dispute_recorded", facts.verification_offered_turn, None)
    referral = next(
        (
            v.index
            for v in views
            if v.speaker == "collector"
            and v.finding(frozenset({"debt_advice_signpost", "hardship_options"})) is not None
        ),
        None,
    )
    if facts.hardship_disclosed and referral is not None and refusal_turn is None:
        return _Inferred("hardship_referral", referral, None)
    if callback_turn is not None:
        return _Inferred("callback_scheduled", callback_turn, None)
    if refusal_turn is not None:
        return _Inferred("refused", refusal_turn, None)
    return _Inferred(None, None, None)


def score_outcome(
    views: Sequence[TurnView],
    facts: CallFacts,
    lang: Lang,
    *,
    today: date,
    given_category: str | None = None,
    values: dict[str, int] | None = None,
    monthly_capacity: Decimal | None = None,
    pay_now_capacity: Decimal | None = None,
    cease_ignored: bool = False,
    disclosed: bool = False,
) -> OutcomeResult:
    """Outcome score 0-100 with the evidence for every point."""
    table = {**DEFAULT_OUTCOME_VALUES, **(values or {})}
    inferred = infer_category(views, facts, lang, today, cease_ignored=cease_ignored, disclosed=disclosed)
    category = given_category or inferred.category
    source = "scenario" if given_category else ("inferred" if category else "none")
    points: list[OutcomePoint] = []
    if category is None:
        points.append(OutcomePoint(0.0, "no outcome reached: no agreement, refusal, callback or close"))
        return OutcomeResult(0.0, OutcomeDetail(category=None, source="none"), points)

    value = float(table.get(category, 0))
    turn = inferred.turn if inferred.category == category else None
    agreement = inferred.agreement if inferred.category == category else None
    if category not in AGREEMENT_CATEGORIES:
        points.append(OutcomePoint(value, f"outcome {category}: worth {value:g}", turn, category))
        return OutcomeResult(value, OutcomeDetail(category=category, source=source, turn=turn), points)

    points.append(
        OutcomePoint(round(value * QUALITY_BASE, 2), f"outcome {category}: an agreement", turn, category)
    )
    amount = agreement.money if agreement else None
    if amount is not None and agreement is not None:
        points.append(
            OutcomePoint(
                round(value * QUALITY_AMOUNT, 2),
                f"specific amount agreed: {amount.text}",
                agreement.money_turn,
            )
        )
    else:
        points.append(OutcomePoint(0.0, "no specific amount agreed", turn))
    confirmed = _confirmed_turn(views, agreement.turn, agreement, lang) if agreement else None
    date_text = agreement.date_text if agreement else None
    date_turn = turn
    if agreement is not None and date_text is None and confirmed is not None:
        # "When would it start?" - "the 1st of next month": a date settled while reading back.
        later = _dates(views[confirmed].text, lang, today) if views[confirmed].index == confirmed else ()
        if later:
            date_text, date_turn = later[-1], confirmed
    if date_text:
        points.append(
            OutcomePoint(round(value * QUALITY_DATE, 2), f"specific date agreed: {date_text}", date_turn)
        )
    else:
        points.append(OutcomePoint(0.0, "no specific date agreed", turn))
    if confirmed is not None:
        points.append(
            OutcomePoint(round(value * QUALITY_CONFIRMED, 2), "terms read back to the debtor", confirmed)
        )
    else:
        points.append(OutcomePoint(0.0, "terms not read back to the debtor", turn))

    capacity: Decimal | None = None
    affordable: bool | None = None
    if agreement is not None:
        capacity = monthly_capacity if agreement.schedule == "monthly" else pay_now_capacity
        if capacity is None:
            capacity = _stated_capacity(views, agreement.turn, lang)
        if amount is not None and capacity is not None:
            affordable = amount.amount <= capacity
        elif amount is not None and (
            agreement.debtor_offered or _debtor_named(views, agreement.turn, amount.amount, lang)
        ):
            affordable = True  # the debtor put this figure forward themselves
    if affordable is True:
        points.append(OutcomePoint(0.0, "amount within what the debtor can afford", turn))
    elif affordable is None:
        points.append(OutcomePoint(0.0, "affordability unknown: the debtor's means were not discussed", turn))
    subtotal = sum(p.delta for p in points)
    if affordable is False:
        cut = round(-subtotal * (1 - UNAFFORDABLE_FACTOR), 2)
        points.append(OutcomePoint(cut, f"amount above what the debtor can afford ({capacity})", turn))
    score = round(sum(p.delta for p in points), 2)
    detail = OutcomeDetail(
        category=category,
        source=source,
        turn=turn,
        amount=str(amount.amount) if amount else None,
        currency=amount.currency if amount else None,
        amount_turn=agreement.money_turn if agreement else None,
        date_text=date_text,
        schedule=agreement.schedule if agreement else None,
        confirmed_turn=confirmed,
        affordable=affordable,
        capacity=str(capacity) if capacity is not None else None,
    )
    return OutcomeResult(score, detail, points)
