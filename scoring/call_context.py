"""Violations that only exist across a call, judged with the debtor's turns as context.

An utterance alone cannot say whether "your balance is $1,860" is fine (said to the verified
debtor) or a privacy breach (said before verification, or to the debtor's sister). This module
walks a call turn by turn, tracking what the debtor has told the collector (cues from the
debtor lexicons) and what the collector did (the detector's findings, including the
``mentions_debt`` and ``payment_request`` intents), and reports:

- ``third_party_disclosure``: the debt mentioned before the right party was verified, or to
  someone who said they are not the debtor;
- ``ignored_cease``: collecting (a payment request, or a threat or pressure to pay), or saying
  the calls will go on or the lawyer can be bypassed, after the debtor asked not to be
  contacted or said a lawyer represents them;
- ``ignored_dispute``: collecting after a dispute, before verification was offered;
- ``ignored_vulnerability``: pressing (threats, pressure, or a payment request with no
  acknowledgement) after illness, bereavement, a mental-health crisis or similar is disclosed.

Setting the money aside ("let's leave the payment side for now", 还款的事完全可以往后放: the
collector-side ``defer_payment`` cue) is not a payment request, even where the detector hears one.

It also records the call facts the scorer needs (hardship disclosed, emotional cues, agreement,
complaint, ...). Pure and deterministic: the same turns give the same result.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from scoring.model import Finding, Kind, Lang, Span, Speaker

# Debtor cue categories (scoring/data/lexicon/debtor_{en,zh}.yaml) grouped by what they mean
# for the call. A cue category may belong to several groups.
CEASE_CUES = frozenset({"stop_contact", "lawyer_represents"})
DISPUTE_CUES = frozenset({"dispute"})
# `crisis`: a house fire, flood, homelessness - "or similar" in the taxonomy's list.
VULNERABILITY_CUES = frozenset({"illness", "bereavement", "mental_health", "disability", "carer", "crisis"})
HARDSHIP_CUES = frozenset({"hardship"})
WRONG_PARTY_CUES = frozenset({"not_the_debtor", "third_party"})
# The listener shows they are the debtor: confirms it, or talks about the debt as their own.
SELF_CUES = frozenset({"confirm_identity", "owns_debt"})
EMOTION_CUES = frozenset({"distress", "anger"})
# Any of these marks a turn where the debtor showed feeling (built once: the memo is keyed by it).
_FEELING_CUES = EMOTION_CUES | HARDSHIP_CUES | VULNERABILITY_CUES
# Collector-side cue (collector_cues_{lang}.yaml): offering to verify / investigate the debt.
OFFER_VERIFICATION = "offer_verification"
# Collector-side cues naming payment terms: a monthly plan, or the balance in full.
PAYMENT_TERMS_CUES = frozenset({"instalment_terms", "pay_in_full_terms"})

# Collector behaviour that counts as "pressing" a vulnerable debtor no matter what came before.
PRESSURE_VIOLATIONS = frozenset(
    {
        "threat_violence",
        "threat_arrest",
        "threat_legal_action",
        "shaming_threat",
        "harassment",
        "pressure_to_borrow",
    }
)
# Brushing the disclosure aside while naming the debt ("everyone's got problems; the account is
# three months behind") presses as much as a payment request does.
DISMISSIVE = frozenset({"dismiss", "blame", "sarcasm", "condescension", "rushing"})
# Collector behaviour that acknowledges a disclosure (softens a later payment request).
ACKNOWLEDGEMENT = frozenset(
    {"acknowledge_feeling", "sympathy", "validate", "reassure", "offer_help", "hardship_options"}
)
DEBT_INTENTS = frozenset({"mentions_debt", "payment_request"})
# Offering options in the same turn makes a payment question gentle, not pressing.
OPTIONS = frozenset({"offer_help", "hardship_options"})
# Collector-side cues that back up the detector's intents (collector_cues_{lang}.yaml).
COLLECT_CUE = "collect"
# Carrying on as before after a stop request or a lawyer: more calls, going round the lawyer.
CONTINUE_CONTACT_CUE = "continue_contact"
# Setting the money aside for now ("let's leave the payment side for now", 还款的事完全可以往后放):
# the words of a payment request, but the opposite of pressing - unless the turn also presses.
DEFER_PAYMENT_CUE = "defer_payment"
DEBT_CUES = frozenset({"debt_mention", "collect"})
# What the listener says that a later collector turn can ignore, per call-level violation.
TRIGGER_CUES = {
    "third_party_disclosure": WRONG_PARTY_CUES,
    "ignored_cease": CEASE_CUES,
    "ignored_dispute": DISPUTE_CUES,
    "ignored_vulnerability": VULNERABILITY_CUES,
}
# Collector-side cues from the learned model (its call-level columns, benchmarks/train_model.py):
# the line reads like the labelled lines that break that rule once its trigger has been said.
# Patterns miss most new ways of pressing ("so, can we count on $150 by the 20th?") or of giving
# the debt away to a wrong party; the model, trained only on lines that follow a trigger,
# separates them from handling the trigger well.
LEARNED_CALL_LEVEL = {violation: f"after_trigger.{violation}" for violation in TRIGGER_CUES}


@dataclass(frozen=True)
class Cue:
    """One debtor (or collector-side) cue matched in a turn."""

    category: str
    span: Span
    text: str
    # A learned cue's confidence and the words that carried it (None/empty for lexicon cues).
    probability: float | None = None
    evidence: tuple[str, ...] = ()


def triggered_by(cues: Iterable[Cue]) -> frozenset[str]:
    """The call-level violations whose trigger these debtor cues give (``TRIGGER_CUES``)."""
    said = {c.category for c in cues}
    return frozenset(violation for violation, group in TRIGGER_CUES.items() if not said.isdisjoint(group))


class _Lookup:
    """The first cue and finding of each category (or set of categories) in one utterance's
    cues and findings, memoised. Shared by every turn that says the same utterance: the scorer
    asks the same few questions of each turn, and a benchmark's 200,000 turns repeat 20,000
    utterances."""

    __slots__ = ("cue_memo", "cues", "finding_memo", "findings")

    def __init__(self, findings: tuple[Finding, ...], cues: tuple[Cue, ...]) -> None:
        self.findings, self.cues = findings, cues
        self.cue_memo: dict[frozenset[str] | str, Cue | None] = {}
        self.finding_memo: dict[frozenset[str] | str, Finding | None] = {}


class _Categorised(Protocol):
    @property
    def category(self) -> str: ...


_T = TypeVar("_T", bound=_Categorised)


def _first_of(
    items: tuple[_T, ...], memo: dict[frozenset[str] | str, _T | None], categories: frozenset[str] | str
) -> _T | None:
    try:
        return memo[categories]
    except KeyError:
        wanted = {categories} if isinstance(categories, str) else categories
        got = memo[categories] = next((x for x in items if x.category in wanted), None)
        return got


# Keyed by the identity of the (cached, immutable) tuples; each entry holds them, so an id is
# never reused while its entry lives. Cleared when large rather than evicted one by one.
_LOOKUPS: dict[tuple[int, int], _Lookup] = {}
_LOOKUPS_MAX = 1 << 16


def _lookup_for(findings: tuple[Finding, ...], cues: tuple[Cue, ...]) -> _Lookup:
    key = (id(findings), id(cues))
    got = _LOOKUPS.get(key)
    if got is None or got.findings is not findings or got.cues is not cues:
        if len(_LOOKUPS) >= _LOOKUPS_MAX:
            _LOOKUPS.clear()
        got = _LOOKUPS[key] = _Lookup(findings, cues)
    return got


@dataclass(frozen=True)
class TurnView:
    """One turn as the call-level checks see it."""

    index: int
    speaker: Speaker
    text: str
    findings: tuple[Finding, ...] = ()  # detector findings (collector turns)
    cues: tuple[Cue, ...] = ()  # lexicon cues for this speaker
    _lookup: _Lookup = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_lookup", _lookup_for(self.findings, self.cues))

    def has_cue(self, categories: frozenset[str] | str) -> Cue | None:
        """The first cue (in text order) of any of ``categories``."""
        lookup = self._lookup
        return _first_of(lookup.cues, lookup.cue_memo, categories)

    def finding(self, categories: frozenset[str] | str) -> Finding | None:
        """The first finding (in text order) of any of ``categories``."""
        lookup = self._lookup
        return _first_of(lookup.findings, lookup.finding_memo, categories)


@dataclass
class CallFacts:
    """What happened on the call, by turn index (the scorer and outcome inference read these)."""

    verified_turn: int | None = None
    wrong_party_turn: int | None = None
    cease_turn: int | None = None
    dispute_turn: int | None = None
    verification_offered_turn: int | None = None
    vulnerability_turns: list[int] = field(default_factory=list)
    hardship_turns: list[int] = field(default_factory=list)
    emotion_turns: list[int] = field(default_factory=list)

    @property
    def hardship_disclosed(self) -> bool:
        return bool(self.hardship_turns or self.vulnerability_turns)


@dataclass
class CallContextResult:
    findings: list[Finding]
    facts: CallFacts


_EXPLAIN: dict[str, dict[Lang, str]] = {
    "unverified": {
        "en": "Debt details given before the right party was verified",
        "zh": "尚未核实对方身份就透露了欠款信息",
    },
    "wrong_party": {
        "en": 'Debt details given after the listener said they are not the debtor (turn {cue_turn}: "{cue}")',
        "zh": "对方已表明不是本人（第{cue_turn}轮：“{cue}”）后仍透露欠款信息",
    },
    "ignored_cease": {
        "en": "Asked for payment after the debtor asked to stop contact or named a lawyer "
        '(turn {cue_turn}: "{cue}")',
        "zh": "客户已要求停止联系或表示有律师代理（第{cue_turn}轮：“{cue}”）后仍然催款",
    },
    "ignored_dispute": {
        "en": 'Demanded payment after the debtor disputed the debt (turn {cue_turn}: "{cue}") '
        "without offering verification",
        "zh": "客户对欠款提出异议（第{cue_turn}轮：“{cue}”）后，未提出核实就继续催款",
    },
    "ignored_vulnerability": {
        "en": 'Kept pressing after the debtor disclosed a vulnerability (turn {cue_turn}: "{cue}")',
        "zh": "客户已说明自身困难处境（第{cue_turn}轮：“{cue}”）后仍继续施压",
    },
}


def _finding(
    category: str,
    key: str,
    lang: Lang,
    turn: TurnView,
    anchor: Finding | Cue | None,
    cue: tuple[int, Cue] | None,
) -> Finding:
    if anchor is not None:
        span, text = anchor.span, anchor.text
    else:
        span, text = Span(start=0, end=len(turn.text)), turn.text
    values = {"cue_turn": cue[0], "cue": cue[1].text} if cue is not None else {}
    explanation = _EXPLAIN[key][lang].format(**values)
    pattern = f"call.{key}"
    if isinstance(anchor, Cue) and anchor.probability is not None:
        words = "、".join(anchor.evidence) if lang == "zh" else ", ".join(f"'{e}'" for e in anchor.evidence)
        explanation += _LEARNED_NOTE[lang].format(words=words, p=anchor.probability)
        pattern += ".learned"
    return Finding(
        category=category,
        kind=Kind.violation,
        span=span,
        text=text,
        explanation=explanation,
        pattern=pattern,
        turn=turn.index,
    )


_LEARNED_NOTE: dict[Lang, str] = {
    "en": " (learned model: after such a turn, lines with wording like {words} break this rule;"
    " confidence {p:.2f})",
    "zh": "（学习模型：在这种情况下，出现“{words}”这类说法的话术通常违规；置信度 {p:.2f}）",
}


def analyse_call(turns: Sequence[TurnView], lang: Lang) -> CallContextResult:
    """Walk the call once; return call-level violations (with ``turn``) and the call facts."""
    facts = CallFacts()
    out: list[Finding] = []
    verification_pending = False
    cease: tuple[int, Cue] | None = None
    dispute: tuple[int, Cue] | None = None
    wrong_party: tuple[int, Cue] | None = None
    vulnerability: tuple[int, Cue] | None = None
    acknowledged_since_vulnerability = False
    disclosed_unverified = False

    for turn in turns:
        if turn.speaker == "debtor":
            denial = turn.has_cue(WRONG_PARTY_CUES)
            if denial is not None:
                wrong_party = (turn.index, denial)
                facts.wrong_party_turn = (
                    facts.wrong_party_turn if facts.wrong_party_turn is not None else turn.index
                )
                verification_pending = False
            elif verification_pending or turn.has_cue(SELF_CUES):
                if verification_pending and wrong_party is not None and turn.has_cue(SELF_CUES):
                    # "Am I speaking with John?" - "Wrong person." - "Is this Maria Lopez?" - "Yes,
                    # this is Maria": the collector had the wrong name, not the wrong listener.
                    wrong_party = None
                    facts.wrong_party_turn = None
                if facts.verified_turn is None:
                    facts.verified_turn = turn.index
                verification_pending = False
            if (cue := turn.has_cue(CEASE_CUES)) and cease is None:
                cease = (turn.index, cue)
                facts.cease_turn = turn.index
            if (cue := turn.has_cue(DISPUTE_CUES)) and dispute is None:
                dispute = (turn.index, cue)
                facts.dispute_turn = turn.index
            # A third party's news (the debtor's mother in hospital, told by her daughter) is not
            # the debtor's disclosure; only the debtor's own count.
            if (cue := turn.has_cue(VULNERABILITY_CUES)) and wrong_party is None:
                facts.vulnerability_turns.append(turn.index)
                if vulnerability is None:
                    vulnerability = (turn.index, cue)
                    acknowledged_since_vulnerability = False
            if turn.has_cue(HARDSHIP_CUES):
                facts.hardship_turns.append(turn.index)
            if turn.has_cue(_FEELING_CUES):
                facts.emotion_turns.append(turn.index)
            continue

        # ---- collector turn
        # A verification question answered by the next debtor turn without a denial verifies;
        # if no debtor turn comes in between, the collector carried on as if verified.
        if verification_pending and facts.verified_turn is None and wrong_party is None:
            facts.verified_turn = turn.index - 1
            verification_pending = False
        # The detector's intents first; the collector-side cues catch what they miss.
        debt: Finding | Cue | None = turn.finding(DEBT_INTENTS) or turn.has_cue(DEBT_CUES)
        collect_cue = turn.has_cue(COLLECT_CUE)
        payment: Finding | Cue | None = turn.finding("payment_request") or collect_cue
        pressure = turn.finding(PRESSURE_VIOLATIONS)
        # The deferral cancels payment words it covers or follows ("还款的事一点都不急"), not a
        # request made after it ("还款的事不急，不过今天先还五百").
        defer = turn.has_cue(DEFER_PAYMENT_CUE) if collect_cue is None else None
        deferring = defer is not None and (payment is None or payment.span.start < defer.span.end)
        if deferring:
            payment = None

        disclosing = debt
        if disclosing is None and wrong_party is not None:
            disclosing = turn.has_cue(LEARNED_CALL_LEVEL["third_party_disclosure"])
        if disclosing is not None and wrong_party is not None:
            out.append(_finding("third_party_disclosure", "wrong_party", lang, turn, disclosing, wrong_party))
        elif debt is not None and facts.verified_turn is None and not disclosed_unverified:
            # Reported once: the breach is the first disclosure; the same listener hearing it
            # again adds no new party (a wrong party hearing it again does, above).
            disclosed_unverified = True
            out.append(_finding("third_party_disclosure", "unverified", lang, turn, debt, None))

        if turn.finding("identity_verification") is not None and facts.verified_turn is None:
            verification_pending = True

        if (
            turn.has_cue(OFFER_VERIFICATION)
            and dispute is not None
            and facts.verification_offered_turn is None
        ):
            facts.verification_offered_turn = turn.index

        # Collecting = asking for payment, or pressing with a threat or pressure to pay.
        collecting = payment if payment is not None else pressure
        carrying_on = collecting if collecting is not None else turn.has_cue(CONTINUE_CONTACT_CUE)
        if carrying_on is None:
            carrying_on = turn.has_cue(LEARNED_CALL_LEVEL["ignored_cease"])
        if carrying_on is not None and cease is not None:
            out.append(_finding("ignored_cease", "ignored_cease", lang, turn, carrying_on, cease))
        # After a dispute, insisting the debt stands ("the balance is what it is") without offering
        # to verify it is collecting on it too.
        insisting = collecting if collecting is not None else None if deferring else debt
        if insisting is None:
            insisting = turn.has_cue(LEARNED_CALL_LEVEL["ignored_dispute"])
        if insisting is not None and dispute is not None and facts.verification_offered_turn is None:
            out.append(_finding("ignored_dispute", "ignored_dispute", lang, turn, insisting, dispute))

        if vulnerability is not None:
            # "Sorry for your loss, but the payment is due Friday" still presses: sympathy earns
            # a later payment request, not one in the same breath - unless this turn offers options.
            # Pushy wording (the `collect` cue) presses even when the detector also hears an offer.
            options_now = turn.finding(OPTIONS) is not None
            pushy = collect_cue is not None
            brushing_off = debt is not None and turn.finding(DISMISSIVE) is not None and not options_now
            # Like a payment request, the model's reading counts until the disclosure has been
            # acknowledged in an earlier turn.
            learned = (
                turn.has_cue(LEARNED_CALL_LEVEL["ignored_vulnerability"])
                if not acknowledged_since_vulnerability else None
            )
            if pressure is not None or brushing_off or learned is not None or (
                payment is not None and not acknowledged_since_vulnerability and (pushy or not options_now)
            ):
                anchor: Finding | Cue | None = (
                    pressure if pressure is not None else payment if payment is not None
                    else debt if brushing_off else learned
                )
                out.append(
                    _finding(
                        "ignored_vulnerability", "ignored_vulnerability", lang, turn, anchor, vulnerability
                    )
                )
            if turn.finding(ACKNOWLEDGEMENT) is not None:
                acknowledged_since_vulnerability = True

    out.sort(key=lambda f: (f.turn or 0, f.span.start, f.category))
    return CallContextResult(findings=out, facts=facts)
