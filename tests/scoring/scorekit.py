"""Test helpers for the call-level checks and the scorecard: build analysed turns from a
script in which collector turns list the detector findings they carry, while debtor turns
(and collector-side cues) go through the real cue lexicons."""

from __future__ import annotations

from scoring.api import _debtor_turn_cues, debtor_cues
from scoring.call_context import TurnView
from scoring.model import Finding, Kind, Lang, Span
from scoring.rulepack import taxonomy_kinds

INTENTS = frozenset({"mentions_debt", "payment_request"})


def finding(category: str, text: str = "x", turn: int | None = None) -> Finding:
    kind = Kind.intent if category in INTENTS else taxonomy_kinds()[category]
    return Finding(
        category=category,
        kind=kind,
        span=Span(start=0, end=len(text)),
        text=text,
        explanation=f"test {category}",
        pattern=f"test.{category}",
        turn=turn,
    )


def C(text: str, *categories: str) -> tuple[str, str, tuple[str, ...]]:
    return ("collector", text, categories)


def D(text: str) -> tuple[str, str, tuple[str, ...]]:
    return ("debtor", text, ())


def views(lang: Lang, *script: tuple[str, str, tuple[str, ...]]) -> list[TurnView]:
    out = []
    for i, (speaker, text, categories) in enumerate(script):
        if speaker == "collector":
            found = tuple(finding(c, text, i) for c in categories)
            out.append(TurnView(i, "collector", text, found, debtor_cues(text, lang, "collector")))
        else:
            out.append(TurnView(i, "debtor", text, (), _debtor_turn_cues(text, lang)))
    return out


def scorecard(lang: Lang, jurisdiction: str, *script, context=None):  # type: ignore[no-untyped-def]
    """Grade a scripted call the way scoring.api does, with synthetic detector findings."""
    from scoring.call_context import analyse_call
    from scoring.rulepack import load_pack
    from scoring.scorecard import build_scorecard

    pack = load_pack(jurisdiction)  # type: ignore[arg-type]
    vs = views(lang, *script)
    result = analyse_call(vs, lang)
    own = [f for v in vs for f in v.findings]
    findings = pack.annotate([*own, *result.findings], lang)
    return build_scorecard(
        views=vs,
        findings=findings,
        facts=result.facts,
        pack=pack,
        lang=lang,
        jurisdiction=jurisdiction,
        context=context,  # type: ignore[arg-type]
    )


JOB_LOSS_SUCCESS = (
    C(
        "Hi, this is Alex from Northbank. Am I speaking with Maria Lopez?",
        "self_identification",
        "identity_verification",
    ),
    D("Yes, speaking."),
    C(
        "Thanks, Maria. This is an attempt to collect a debt, and any information obtained will be used for "
        "that purpose. I'm calling about your credit card, which is 64 days past due.",
        "courtesy",
        "debt_collector_disclosure",
        "mentions_debt",
    ),
    D("I know... I was laid off in March and I've only just started temping. I'm really worried."),
    C(
        "I'm sorry to hear about your job, that sounds really stressful. "
        "Can you tell me a bit about what you can manage at the moment?",
        "sympathy",
        "acknowledge_feeling",
        "open_question",
    ),
    D("I could probably do $150 a month."),
    C(
        "That's helpful. We can set up a payment plan of $150 a month, starting on December 1st. Would that "
        "work for you?",
        "offer_help",
        "hardship_options",
        "payment_request",
    ),
    D("Yes, that works. Thank you."),
    C(
        "Great. So to confirm: $150 on the 1st of each month, starting December 1st, by debit card. Is that "
        "right?",
        "agreement_confirmation",
    ),
    D("Yes, that's right."),
)

HOSTILE_THREAT_FAILURE = (
    C("This is Northbank. You owe us $1,860 and it's 64 days late.", "mentions_debt"),
    D("Who is this? I lost my job, I can't pay right now."),
    C(
        "That's not my problem. Pay today or we'll take you to court.",
        "dismiss",
        "threat_legal_action",
        "payment_request",
    ),
    D("Are you threatening me? This is ridiculous."),
    C("You'll be arrested if you don't pay. Pay now.", "threat_arrest", "payment_request"),
    D("I want to speak to your supervisor. I'm filing a complaint."),
)
