"""The scorecard: empathy, legality and outcome (0-100 each), the overall grade, and a ledger
that says which finding or checklist item moved which score by how much.

Scoring is a pure function of the analysed turns, the rule pack and the scenario context, so
the same transcript, scenario and pack version always give the same JSON. The model and its
defaults are documented in docs/scoring.md; the constants below are those defaults.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from scoring.call_context import (
    ACKNOWLEDGEMENT,
    EMOTION_CUES,
    HARDSHIP_CUES,
    VULNERABILITY_CUES,
    CallFacts,
    TurnView,
)
from scoring.detector import detector_version
from scoring.model import Finding, Jurisdiction, Kind, Lang, Severity
from scoring.outcome import AGREEMENT_CATEGORIES, OutcomeDetail, score_outcome
from scoring.rulepack import RulePack, RulePackRef

ScoreName = Literal["empathy", "legality", "outcome", "overall"]


class Weights(BaseModel):
    """How the three scores make the overall grade (normalised by their sum)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    empathy: float = Field(default=0.3, ge=0)
    legality: float = Field(default=0.4, ge=0)
    outcome: float = Field(default=0.3, ge=0)


DEFAULT_WEIGHTS = Weights()
DEFAULT_PASS_MARK = 70.0

# Empathy model (docs/scoring.md).
EMPATHY_BASE = 60.0  # a civil call with nothing special either way
OPPORTUNITY_RANGE = 20.0  # answering every cue: +20; missing every cue: -20
NO_CUE_CREDIT = OPPORTUNITY_RANGE  # no cue: nothing to answer, so no penalty
ANSWER_CREDIT = (1.0, 0.6)  # answered in the next collector turn / the one after
DISCLOSURE_WEIGHT = 2.0  # a disclosed hardship or vulnerability counts twice an emotional cue
BEHAVIOUR_BONUS = 5.0  # per distinct positive behaviour used
BEHAVIOUR_CAP = 20.0
NEGATIVE_COST = 15.0  # per empathy_negative finding (first occurrence)
HOSTILE_COST = 10.0  # empathy cost of a hostile violation (threat, abuse), on top of legality
HOSTILE_VIOLATIONS = frozenset(
    {
        "threat_violence",
        "threat_arrest",
        "threat_legal_action",
        "abusive_language",
        "shaming_threat",
        "harassment",
    }
)
# Repeats of the same rule cost less each time but never nothing.
REPEAT_DECAY = 0.5
REPEAT_FLOOR = 0.2

# Not owed to someone who is not the debtor (US §1692b(2): do not state that the consumer owes a debt).
WRONG_PARTY_EXEMPT = frozenset({"debt_collector_disclosure"})

POSITIVE_BEHAVIOURS = (
    "acknowledge_feeling",
    "sympathy",
    "validate",
    "reassure",
    "open_question",
    "offer_help",
    "courtesy",
)


class ScoringContext(BaseModel):
    """What a scenario (or the engine) supplies; every field optional."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    outcome_category: str | None = None
    outcome_values: dict[str, int] = Field(default_factory=dict)
    weights: Weights | None = None
    pass_mark: float | None = None
    monthly_capacity: Decimal | None = None
    pay_now_capacity: Decimal | None = None
    # Reference date for relative dates ("Friday"); only the mention is scored, never the value.
    today: date | None = None


class ChecklistItem(BaseModel):
    model_config = ConfigDict(frozen=True)

    category: str
    met: bool
    turn: int | None
    applies: str
    severity: Severity
    rule: str | None
    rule_confirmed: bool
    tip: str


class PointEntry(BaseModel):
    """One line of the ledger: ``score`` moved by ``delta`` because of ``reason``."""

    model_config = ConfigDict(frozen=True)

    score: ScoreName
    delta: float
    reason: str
    turn: int | None = None
    category: str | None = None
    rule: str | None = None


class Opportunity(BaseModel):
    """A debtor cue that called for an empathetic answer, and whether it got one."""

    model_config = ConfigDict(frozen=True)

    turn: int
    cue: str
    text: str
    weight: float
    answered_turn: int | None
    credit: float


class Scorecard(BaseModel):
    model_config = ConfigDict(frozen=True)

    language: Lang
    jurisdiction: Jurisdiction
    scenario: str | None = None
    empathy: float
    legality: float
    outcome: float
    overall: float
    passed: bool
    auto_fail: bool
    outcome_category: str | None
    findings: list[Finding]
    checklist: list[ChecklistItem]
    rule_pack: RulePackRef
    detector_version: str | None = None
    weights: Weights
    pass_mark: float
    outcome_detail: OutcomeDetail
    opportunities: list[Opportunity]
    points: list[PointEntry]


def repeat_factor(occurrence: int) -> float:
    """Multiplier for the n-th (1-based) occurrence of the same rule."""
    return max(REPEAT_FLOOR, REPEAT_DECAY ** (occurrence - 1))


def _once_per_turn(findings: Sequence[Finding]) -> list[Finding]:
    """The first finding of each category in each turn: two phrasings of one threat in one
    utterance are one violation (both spans stay in the findings list)."""
    seen: set[tuple[int | None, str]] = set()
    out = []
    for f in findings:
        key = (f.turn, f.category)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def _clamp(score: ScoreName, total: float, points: list[PointEntry]) -> float:
    """Clamp to 0-100, recording the adjustment so the ledger still sums to the score."""
    clamped = min(100.0, max(0.0, total))
    if clamped != total:
        points.append(
            PointEntry(
                score=score,
                delta=round(clamped - total, 2),
                reason=f"{score} kept within 0-100",
            )
        )
    return round(clamped, 1)


def _empathy(
    views: Sequence[TurnView], findings: Sequence[Finding], facts: CallFacts
) -> tuple[float, list[PointEntry], list[Opportunity]]:
    points = [PointEntry(score="empathy", delta=EMPATHY_BASE, reason="baseline for a civil call")]
    # A kind phrase in a hostile turn ("sorry, but that's not my problem") neither answers a
    # cue nor earns a behaviour bonus.
    hostile_turns = {
        f.turn
        for f in findings
        if f.kind is Kind.empathy_negative or (f.kind is Kind.violation and f.category in HOSTILE_VIOLATIONS)
    }
    collector_turns = [v for v in views if v.speaker == "collector"]
    opportunities: list[Opportunity] = []
    for view in views:
        if view.speaker != "debtor" or view.index not in facts.emotion_turns:
            continue
        cue = view.has_cue(VULNERABILITY_CUES) or view.has_cue(HARDSHIP_CUES) or view.has_cue(EMOTION_CUES)
        assert cue is not None
        weight = DISCLOSURE_WEIGHT if cue.category not in EMOTION_CUES else 1.0
        following = [v for v in collector_turns if v.index > view.index][: len(ANSWER_CREDIT)]
        answered, credit = None, 0.0
        for position, reply in enumerate(following):
            if reply.finding(ACKNOWLEDGEMENT) is not None and reply.index not in hostile_turns:
                answered, credit = reply.index, ANSWER_CREDIT[position]
                break
        opportunities.append(
            Opportunity(
                turn=view.index,
                cue=cue.category,
                text=cue.text,
                weight=weight,
                answered_turn=answered,
                credit=credit,
            )
        )
    if opportunities:
        total_weight = sum(o.weight for o in opportunities)
        for o in opportunities:
            delta = round(o.weight / total_weight * (2 * OPPORTUNITY_RANGE * o.credit - OPPORTUNITY_RANGE), 2)
            if o.answered_turn is None:
                reason = f'debtor\'s {o.cue} cue ("{o.text}") not answered with empathy'
            else:
                reason = f'debtor\'s {o.cue} cue ("{o.text}") answered at turn {o.answered_turn}'
            points.append(
                PointEntry(score="empathy", delta=delta, reason=reason, turn=o.turn, category=o.cue)
            )
    else:
        points.append(
            PointEntry(
                score="empathy",
                delta=NO_CUE_CREDIT,
                reason="no emotional cue or hardship from the debtor: nothing to answer, not penalised",
            )
        )

    seen: set[str] = set()
    bonus = 0.0
    negatives: Counter[str] = Counter()
    for f in _once_per_turn(findings):
        if (
            f.kind is Kind.empathy_positive
            and f.category in POSITIVE_BEHAVIOURS
            and f.category not in seen
            and f.turn not in hostile_turns
        ):
            seen.add(f.category)
            delta = min(BEHAVIOUR_BONUS, BEHAVIOUR_CAP - bonus)
            if delta > 0:
                bonus += delta
                points.append(
                    PointEntry(
                        score="empathy",
                        delta=delta,
                        reason=f"used {f.category}",
                        turn=f.turn,
                        category=f.category,
                    )
                )
        elif f.kind is Kind.empathy_negative or (
            f.kind is Kind.violation and f.category in HOSTILE_VIOLATIONS
        ):
            negatives[f.category] += 1
            base = NEGATIVE_COST if f.kind is Kind.empathy_negative else HOSTILE_COST
            factor = repeat_factor(negatives[f.category])
            what = "negative behaviour" if f.kind is Kind.empathy_negative else "hostile tone"
            points.append(
                PointEntry(
                    score="empathy",
                    delta=-round(base * factor, 2),
                    reason=f"{what}: {f.category}"
                    + (f" (repeat #{negatives[f.category]})" if factor < 1 else ""),
                    turn=f.turn,
                    category=f.category,
                )
            )
    score = _clamp("empathy", sum(p.delta for p in points), points)
    return score, points, opportunities


def _legality(
    findings: Sequence[Finding], checklist: Sequence[ChecklistItem], pack: RulePack
) -> tuple[float, bool, list[PointEntry]]:
    points = [PointEntry(score="legality", delta=100.0, reason="start: no violations")]
    auto_fail = False
    counts: Counter[str] = Counter()
    for f in _once_per_turn(findings):
        if f.kind is not Kind.violation or f.severity is None:
            continue
        counts[f.category] += 1
        factor = repeat_factor(counts[f.category])
        auto_fail = auto_fail or f.severity is Severity.auto_fail
        repeat = f" (repeat #{counts[f.category]})" if factor < 1 else ""
        points.append(
            PointEntry(
                score="legality",
                delta=-round(pack.cost(f.severity) * factor, 2),
                reason=f"{f.severity.value} violation: {f.category}{repeat}",
                turn=f.turn,
                category=f.category,
                rule=f.rule,
            )
        )
    for item in checklist:
        if not item.met:
            points.append(
                PointEntry(
                    score="legality",
                    delta=-pack.cost(item.severity),
                    reason=f"required conduct missed ({item.severity.value}): {item.category}",
                    category=item.category,
                    rule=item.rule,
                )
            )
    return _clamp("legality", sum(p.delta for p in points), points), auto_fail, points


def _checklist(
    pack: RulePack,
    lang: Lang,
    findings: Sequence[Finding],
    facts: CallFacts,
    agreement: bool,
    outcome: OutcomeDetail,
    payment_after_hardship: bool,
) -> list[ChecklistItem]:
    first_met: dict[str, int] = {}
    for f in findings:
        if f.kind is Kind.required_conduct and f.turn is not None:
            first_met.setdefault(f.category, f.turn)
    if agreement and outcome.turn is not None:
        # Where the agreement is located, the read-back is the one the outcome credits: "Could we
        # set up $120 on the 1st?" before the debtor agreed proposes terms, it reads none back.
        first_met.pop("agreement_confirmation", None)
        if outcome.confirmed_turn is not None:
            first_met["agreement_confirmation"] = outcome.confirmed_turn
    elif outcome.confirmed_turn is not None:
        first_met.setdefault("agreement_confirmation", outcome.confirmed_turn)
    items = []
    wrong_party = facts.wrong_party_turn is not None and facts.verified_turn is None
    owed = pack.applicable_required(
        hardship=facts.hardship_disclosed, agreement=agreement, payment_after_hardship=payment_after_hardship
    )
    for req in owed:
        if wrong_party and req.category in WRONG_PARTY_EXEMPT:
            continue  # telling a wrong party that this is debt collection would itself disclose the debt
        turn = first_met.get(req.category)
        items.append(
            ChecklistItem(
                category=req.category,
                met=turn is not None,
                turn=turn,
                applies=req.applies,
                severity=req.severity,
                rule=req.rule,
                rule_confirmed=req.confirmed,
                tip=pack.tip(req.category, lang) or "",
            )
        )
    return items


def build_scorecard(
    *,
    views: Sequence[TurnView],
    findings: Sequence[Finding],
    facts: CallFacts,
    pack: RulePack,
    lang: Lang,
    jurisdiction: Jurisdiction,
    scenario: str | None = None,
    context: ScoringContext | None = None,
) -> Scorecard:
    """Grade an analysed call. ``findings`` are annotated and carry their ``turn``."""
    ctx = context or ScoringContext()
    # Intents (mentions_debt, payment_request) are evidence for the call-level checks, not
    # graded behaviour: they stay out of the scorecard (`check` still reports them).
    # A StrEnum sorts as its value, so the key need not read `.value` (an enum property) per finding.
    ordered = sorted(
        (f for f in findings if f.kind is not Kind.intent),
        key=lambda f: (f.turn or 0, f.span.start, f.span.end, f.kind, f.category),
    )
    outcome = score_outcome(
        views,
        facts,
        lang,
        today=ctx.today or pack.effective_date,
        given_category=ctx.outcome_category,
        values=ctx.outcome_values,
        monthly_capacity=ctx.monthly_capacity,
        pay_now_capacity=ctx.pay_now_capacity,
        cease_ignored=any(f.category == "ignored_cease" for f in ordered),
        disclosed=any(f.category == "third_party_disclosure" for f in ordered),
    )
    agreement = outcome.detail.category in AGREEMENT_CATEGORIES
    first_difficulty = min([*facts.hardship_turns, *facts.vulnerability_turns], default=None)
    payment_after_hardship = first_difficulty is not None and any(
        f.category == "payment_request" and f.turn is not None and f.turn > first_difficulty for f in findings
    )
    checklist = _checklist(pack, lang, ordered, facts, agreement, outcome.detail, payment_after_hardship)
    empathy, empathy_points, opportunities = _empathy(views, ordered, facts)
    legality, auto_fail, legality_points = _legality(ordered, checklist, pack)
    outcome_points = [
        PointEntry(score="outcome", delta=p.delta, reason=p.reason, turn=p.turn, category=p.category)
        for p in outcome.points
    ]
    outcome_score = _clamp("outcome", outcome.score, outcome_points)

    weights = ctx.weights or DEFAULT_WEIGHTS
    total_weight = weights.empathy + weights.legality + weights.outcome or 1.0
    overall_points = []
    for name, value in (("empathy", empathy), ("legality", legality), ("outcome", outcome_score)):
        share = getattr(weights, name) / total_weight
        overall_points.append(
            PointEntry(
                score="overall",
                delta=round(value * share, 2),
                reason=f"{name} {value:g} x weight {share:.3g}",
            )
        )
    overall = round(sum(p.delta for p in overall_points), 1)
    pass_mark = ctx.pass_mark if ctx.pass_mark is not None else DEFAULT_PASS_MARK
    return Scorecard(
        language=lang,
        jurisdiction=jurisdiction,
        scenario=scenario,
        empathy=empathy,
        legality=legality,
        outcome=outcome_score,
        overall=overall,
        passed=not auto_fail and overall >= pass_mark,
        auto_fail=auto_fail,
        outcome_category=outcome.detail.category,
        findings=ordered,
        checklist=checklist,
        rule_pack=pack.ref,
        detector_version=detector_version(lang),
        weights=weights,
        pass_mark=pass_mark,
        outcome_detail=outcome.detail,
        opportunities=opportunities,
        points=[*empathy_points, *legality_points, *outcome_points, *overall_points],
    )
