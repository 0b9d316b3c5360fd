"""English detection: paraphrases, negation, obfuscation, hard negatives and spans.

Sentences here are written for these tests (not copied from the corpus) and each names the
category it must (or must not) produce.
"""

from __future__ import annotations

import pytest

from scoring.detector import detect
from scoring.model import Kind


def cats(text: str) -> set[str]:
    return {f.category for f in detect(text, "en") if f.kind != Kind.intent}


POSITIVES = [
    # threats of arrest
    ("Keep this up and you'll end up behind bars.", "threat_arrest"),
    ("We can have the cops knock on your door tonight.", "threat_arrest"),
    ("Refusing to pay counts as fraud, and fraud gets you locked up.", "threat_arrest"),
    ("if u dont pay we will get u arrested", "threat_arrest"),
    ("You could be prosecuted over this.", "threat_arrest"),
    # violence, including veiled
    ("It would be a real pity if something happened to your car.", "threat_violence"),
    ("We know where you live.", "threat_violence"),
    ("Things might get ugly if this isn't paid.", "threat_violence"),
    ("I'll break your legs.", "threat_violence"),
    # legal action, US and UK vocabulary
    ("We'll garnish your paycheck starting next month.", "threat_legal_action"),
    ("Pay by Friday or we'll issue county court proceedings.", "threat_legal_action"),
    ("The bailiffs will be round to take your TV.", "threat_legal_action"),
    ("Nobody wants the sheriff at their door.", "threat_legal_action"),
    ("Do you fancy getting a CCJ?", "threat_legal_action"),
    ("Your account is being handed over to our solicitors today.", "threat_legal_action"),
    ("Don't make me send the sheriff.", "threat_legal_action"),
    ("The letter says you could be sued.", "threat_legal_action"),
    # abuse, obfuscated
    ("You absolute m0ron.", "abusive_language"),
    ("What a f*cking joke this is.", "abusive_language"),
    ("You're a dead\u200bbeat.", "abusive_language"),
    ("ＩＤＩＯＴ", "abusive_language"),
    ("you stuuupid cow", "abusive_language"),
    ("s h i t", "abusive_language"),
    # shaming
    ("I'll be telling your boss about this.", "shaming_threat"),
    ("How would your neighbours react if they knew?", "shaming_threat"),
    ("It would be a shame if your family heard about this from someone else.", "shaming_threat"),
    ("We'll post your name on Facebook.", "shaming_threat"),
    # impersonation / pretext / misrepresentation
    ("I'm calling on behalf of the county court.", "impersonation"),
    ("This is Sergeant Cole speaking.", "impersonation"),
    ("I'm calling about a parcel we couldn't deliver.", "pretext"),
    ("Congratulations, you've won a prize draw!", "pretext"),
    ("This will stay on your credit report forever.", "misrepresentation"),
    ("You're not allowed to dispute this.", "misrepresentation"),
    ("Your kids will inherit this debt.", "misrepresentation"),
    # harassment / borrowing / fees
    ("We'll ring you every hour until you pay.", "harassment"),
    ("Our calls won't stop until this is cleared.", "harassment"),
    ("Why not ask your parents to lend you the money?", "pressure_to_borrow"),
    ("You could always take out a payday loan.", "pressure_to_borrow"),
    ("Sell the car if you have to.", "pressure_to_borrow"),
    ("There's a £40 admin fee for this call.", "unauthorized_fee"),
    ("We're adding a processing charge to your balance.", "unauthorized_fee"),
    # required conduct
    ("Hi, it's Sam from Northbank.", "self_identification"),
    ("Can you confirm your postcode for me?", "identity_verification"),
    ("This is an attempt to collect a debt and any information obtained will be used for that purpose.",
     "debt_collector_disclosure"),
    ("I'm ringing about the arrears on your loan.", "debt_collector_disclosure"),
    ("What's your take-home pay each month?", "affordability_check"),
    ("What do your essential outgoings come to?", "affordability_check"),
    ("We could set up an instalment plan.", "hardship_options"),
    ("We can freeze the interest while you get back on your feet.", "hardship_options"),
    ("National Debtline offer free advice.", "debt_advice_signpost"),
    ("You can get free, independent debt advice from Citizens Advice.", "debt_advice_signpost"),
    ("So to confirm, $150 on the 1st of each month by direct debit.", "agreement_confirmation"),
    # empathy positive
    ("That sounds incredibly stressful.", "acknowledge_feeling"),
    ("I'm so sorry to hear about your husband.", "sympathy"),
    ("Anyone would feel anxious in your position.", "validate"),
    ("We'll work something out together.", "reassure"),
    ("Nobody is going to arrest you.", "reassure"),
    ("I won't call your employer.", "reassure"),
    ("What's been going on for you lately?", "open_question"),
    ("Would it help if I moved your payment date?", "offer_help"),
    ("Thanks for your patience.", "courtesy"),
    # empathy negative
    ("You should have thought about that before you borrowed.", "blame"),
    ("That's not my problem.", "dismiss"),
    ("Oh sure, the cheque is in the post.", "sarcasm"),
    ("Let me explain this slowly.", "condescension"),
    ("Just give me a yes or no.", "rushing"),
    ("PAY WHAT YOU OWE NOW", "shouting"),
    ("Answer me!!", "shouting"),
    ("Shut up and listen.", "shouting"),
]


@pytest.mark.parametrize(("text", "category"), POSITIVES)
def test_detects(text: str, category: str) -> None:
    assert category in cats(text)


VIOLATIONS = {
    "threat_violence", "threat_arrest", "threat_legal_action", "abusive_language", "shaming_threat",
    "impersonation", "pretext", "misrepresentation", "harassment", "pressure_to_borrow", "unauthorized_fee",
}

HARD_NEGATIVES = [
    "I'm not calling to threaten you.",
    "You can dispute this debt.",
    "You may want to speak to a lawyer.",
    "You have the right to complain.",
    "We won't contact your employer.",
    "The court process isn't something we're pursuing.",
    "We don't charge any fees for setting up a plan.",
    "I won't call your employer.",
    "Nobody is going to arrest you.",
    "We would never threaten you.",
    "You will not be taken to court for this.",
    "Our stupid system crashed again, sorry about that.",
    "Scunthorpe branch will process it.",
    "The assessment took a while.",
    "Can I count on you for the 15th?",
    "Courtesy of the hardship team, the interest is frozen.",
    "Please don't borrow money to pay us.",
    "There are no extra charges on a payment plan.",
    "We only call between 8am and 9pm.",
    "Paying $150 by 9pm works for us.",
    "If you ever get court papers, you have the right to respond.",
    "Your wages are safe.",
    "There is no warrant and there never will be.",
]


@pytest.mark.parametrize("text", HARD_NEGATIVES)
def test_hard_negatives_carry_no_violation(text: str) -> None:
    assert not (cats(text) & VIOLATIONS), text


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("If you don't pay we'll have you arrested.", "threat_arrest"),
        ("You won't like what happens when the police show up.", "threat_arrest"),
        ("Don't think we won't take you to court.", "threat_legal_action"),
        ("I'm not saying we'll tell your family, but we could.", "shaming_threat"),
        ("We won't hesitate to send the bailiffs.", "threat_legal_action"),
        ("You don't pay, you get hurt.", "threat_violence"),
    ],
)
def test_negation_that_does_not_cancel(text: str, category: str) -> None:
    assert category in cats(text)


def test_spans_point_into_the_original_text() -> None:
    text = "Listen, you ＩＤ1ＯＴ, we'll  have you\u200b ARRESTED."
    found = {f.category: f for f in detect(text, "en")}
    abuse = found["abusive_language"]
    assert text[abuse.span.start : abuse.span.end] == abuse.text == "ＩＤ1ＯＴ"
    arrest = found["threat_arrest"]
    assert arrest.text == text[arrest.span.start : arrest.span.end]
    assert arrest.text.endswith("ARRESTED")


def test_findings_are_sorted_deterministic_and_unannotated() -> None:
    text = "Thanks for calling. You owe $900, pay now or we'll sue you, you idiot!!"
    first = detect(text, "en")
    assert first == detect(text, "en")
    assert [f.span.start for f in first] == sorted(f.span.start for f in first)
    assert all(f.severity is None and f.rule is None and f.tip is None for f in first)
    assert {"courtesy", "threat_legal_action", "abusive_language", "shouting"} <= {f.category for f in first}


def test_intents_for_the_scorecard() -> None:
    text = "You owe us $1,860 on your card. Can you pay it today?"
    found = {f.category: f.kind for f in detect(text, "en")}
    assert found.get("mentions_debt") == Kind.intent
    assert found.get("payment_request") == Kind.intent
    assert "mentions_debt" not in {f.category for f in detect("Is Maria there, please?", "en")}


def test_single_capitalised_word_is_not_shouting() -> None:
    assert "shouting" not in cats("You could be ARRESTED for this.")
    assert "shouting" not in cats("Your FDCPA rights are on the letter.")


def test_empty_and_huge_input() -> None:
    assert detect("", "en") == []
    assert isinstance(detect("you idiot " * 100_000, "en"), list)
