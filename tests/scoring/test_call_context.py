"""Call-level violations judged with the debtor's turns as context, in both languages,
with the negatives that must stay clean."""

from __future__ import annotations

import pytest

from scoring.call_context import LEARNED_CALL_LEVEL, Cue, TurnView, analyse_call
from scoring.model import Span
from tests.scoring.scorekit import C, D, views


def cats(lang, *script):
    result = analyse_call(views(lang, *script), lang)
    return [(f.category, f.turn) for f in result.findings]


# ------------------------------------------------------------ third_party_disclosure
def test_debt_before_verification_is_disclosure():
    assert cats("en", C("Hi, you owe Northbank $1,860.", "mentions_debt")) == [("third_party_disclosure", 0)]


def test_debt_in_the_verification_turn_is_still_before_verification():
    got = cats(
        "en",
        C(
            "Am I speaking with Maria? It's about your overdue card.",
            "identity_verification",
            "mentions_debt",
        ),
    )
    assert got == [("third_party_disclosure", 0)]


def test_debt_after_verification_is_clean():
    assert (
        cats(
            "en",
            C(
                "Hi, this is Alex from Northbank. Am I speaking with Maria Lopez?",
                "self_identification",
                "identity_verification",
            ),
            D("Yes, speaking."),
            C("I'm calling about your credit card balance of $1,860.", "mentions_debt"),
        )
        == []
    )


def test_debt_to_the_wife_is_disclosure():
    got = cats(
        "en",
        C("Am I speaking with Maria Lopez?", "identity_verification"),
        D("No, this is her sister. She's not home."),
        C("Tell her she owes us $1,860 and it's overdue.", "mentions_debt", "payment_request"),
    )
    assert got == [("third_party_disclosure", 2)]


def test_wrong_party_handled_cleanly():
    assert (
        cats(
            "en",
            C("Am I speaking with Maria Lopez?", "identity_verification"),
            D("Sorry, wrong number."),
            C("My apologies for the trouble. Have a good day."),
        )
        == []
    )


def test_zh_third_party():
    got = cats(
        "zh",
        C("请问是张伟先生本人吗？", "identity_verification"),
        D("不是，我是他老婆，他不在。"),
        C("他的信用卡欠了我们两万块，让他赶紧还。", "mentions_debt", "payment_request"),
    )
    assert got == [("third_party_disclosure", 2)]


def test_zh_verified_clean():
    assert (
        cats(
            "zh",
            C(
                "您好，我是某某银行信用卡中心的小王，请问是张伟先生本人吗？",
                "self_identification",
                "identity_verification",
            ),
            D("嗯，是我。"),
            C("今天来电是关于您信用卡逾期的事。", "mentions_debt"),
        )
        == []
    )


# ------------------------------------------------------------------- ignored_cease
VERIFIED = (C("Am I speaking with Maria?", "identity_verification"), D("Yes, that's me."))


@pytest.mark.parametrize(
    "cease", ["Stop calling me!", "Don't ever call me again.", "My lawyer is handling this, talk to him."]
)
def test_payment_request_after_cease(cease):
    got = cats("en", *VERIFIED, D(cease), C("You need to pay $200 today.", "payment_request"))
    assert ("ignored_cease", 3) in got


def test_honouring_cease_is_clean():
    got = cats(
        "en",
        *VERIFIED,
        D("Stop calling me."),
        C("Understood, I'll note that and we won't call again. Goodbye.", "mentions_debt"),
    )
    assert got == []


def test_no_lawyer_is_not_a_cease():
    got = cats(
        "en", *VERIFIED, D("I don't have a lawyer."), C("Could you pay $100 today?", "payment_request")
    )
    assert got == []


def test_zh_cease():
    got = cats(
        "zh",
        C("请问是张伟本人吗？", "identity_verification"),
        D("是我。"),
        D("别再给我打电话了！"),
        C("今天必须还五千。", "payment_request"),
    )
    assert ("ignored_cease", 3) in got
    got = cats(
        "zh",
        C("请问是张伟本人吗？", "identity_verification"),
        D("是我。"),
        D("我没有律师。"),
        C("今天能还五千吗？", "payment_request"),
    )
    assert got == []


# ----------------------------------------------------------------- ignored_dispute
def test_payment_after_dispute_without_verification():
    got = cats(
        "en",
        *VERIFIED,
        D("This isn't my debt. I never opened that account."),
        C("Well, you still need to pay it today.", "payment_request"),
    )
    assert got == [("ignored_dispute", 3)]


def test_offering_verification_first_is_clean():
    got = cats(
        "en",
        *VERIFIED,
        D("I dispute this amount."),
        C("I'll note the dispute and send you a copy of the statement.", "mentions_debt"),
        D("Okay."),
        C("Once you've seen it, could we set up a payment?", "payment_request"),
    )
    assert got == []


def test_negated_dispute_is_not_a_dispute():
    got = cats(
        "en",
        *VERIFIED,
        D("I'm not disputing it, I just can't pay right now."),
        C("Could you manage $50 this week?", "payment_request"),
    )
    assert got == []


def test_zh_dispute():
    got = cats(
        "zh",
        C("请问是张伟本人吗？", "identity_verification"),
        D("是我。"),
        D("这不是我借的钱。"),
        C("那你今天也得还。", "payment_request"),
    )
    assert got == [("ignored_dispute", 3)]
    got = cats(
        "zh",
        C("请问是张伟本人吗？", "identity_verification"),
        D("是我。"),
        D("我没有异议，就是现在还不上。"),
        C("那每月还五百可以吗？", "payment_request"),
    )
    assert got == []


# ----------------------------------------------------------- ignored_vulnerability
def test_pressing_after_bereavement():
    got = cats(
        "en",
        *VERIFIED,
        D("My husband passed away last month."),
        C("I need a payment of $300 by Friday.", "payment_request"),
    )
    assert got == [("ignored_vulnerability", 3)]


def test_acknowledging_first_is_clean():
    got = cats(
        "en",
        *VERIFIED,
        D("My husband passed away last month."),
        C("I'm so sorry for your loss. There's no rush; we can pause the account.", "sympathy", "offer_help"),
        D("Thank you."),
        C("When you're ready, would a small monthly payment help?", "payment_request"),
    )
    assert got == []


def test_threat_after_illness_is_pressing_even_after_sympathy():
    got = cats(
        "en",
        *VERIFIED,
        D("I've been in hospital for chemo."),
        C("I'm sorry to hear that.", "sympathy"),
        D("Thanks."),
        C("But if you don't pay we'll take you to court.", "threat_legal_action"),
    )
    assert got == [("ignored_vulnerability", 5)]


def test_not_sick_is_not_a_disclosure():
    got = cats(
        "en", *VERIFIED, D("I'm not sick, just busy."), C("Can you pay $100 today?", "payment_request")
    )
    assert got == []


def test_zh_vulnerability():
    got = cats(
        "zh",
        C("请问是张伟本人吗？", "identity_verification"),
        D("是我。"),
        D("我老公上个月去世了。"),
        C("这个月必须还清。", "payment_request"),
    )
    assert got == [("ignored_vulnerability", 3)]
    got = cats(
        "zh",
        C("请问是张伟本人吗？", "identity_verification"),
        D("是我。"),
        D("我没有生病。"),
        C("这个月能还吗？", "payment_request"),
    )
    assert got == []


# ---------------------------------------------------------------------------- facts
def test_facts_record_hardship_and_emotion():
    result = analyse_call(
        views(
            "en",
            *VERIFIED,
            D("I was laid off in March and I'm so worried."),
            C("I'm sorry to hear that.", "sympathy"),
        ),
        "en",
    )
    assert result.facts.hardship_turns == [2]
    assert result.facts.emotion_turns == [2]
    assert result.facts.verified_turn == 1
    assert result.facts.hardship_disclosed


def test_explanations_quote_the_debtor_in_the_call_language():
    result = analyse_call(
        views(
            "zh",
            C("请问是张伟本人吗？", "identity_verification"),
            D("是我。"),
            D("别再给我打电话了！"),
            C("今天必须还五千。", "payment_request"),
        ),
        "zh",
    )
    (f,) = result.findings
    assert "第2轮" in f.explanation and "别再给我打电话" in f.explanation


def test_unverified_disclosure_is_reported_once_wrong_party_each_time():
    got = cats(
        "en", C("You owe $500.", "mentions_debt"), D("I lost my job."), C("Pay it today.", "payment_request")
    )
    assert got == [("third_party_disclosure", 0)]
    got = cats(
        "en",
        C("Am I speaking with Maria?", "identity_verification"),
        D("No, I'm her husband."),
        C("She owes $500.", "mentions_debt"),
        D("Okay..."),
        C("Tell her to pay today.", "payment_request"),
    )
    assert got == [("third_party_disclosure", 2), ("third_party_disclosure", 4)]


def test_threat_after_cease_or_dispute_is_collecting():
    got = cats(
        "en", *VERIFIED, D("Stop calling me."), C("We'll see you in court then.", "threat_legal_action")
    )
    assert ("ignored_cease", 3) in got
    got = cats(
        "zh",
        C("请问是张伟本人吗？", "identity_verification"),
        D("是我。"),
        D("这不是我借的钱。"),
        C("不还就等着被起诉吧。", "threat_legal_action"),
    )
    assert ("ignored_dispute", 3) in got


def test_a_listener_talking_about_their_own_debt_is_the_debtor():
    assert (
        cats(
            "en",
            D("Can I go to jail for not paying this?"),
            C("It's a civil debt, so no, you can't be arrested for it.", "mentions_debt"),
        )
        == []
    )
    assert cats("zh", D("我这笔欠款是不是要坐牢？"), C("不会的，欠款是民事纠纷。", "mentions_debt")) == []


def test_turns_saying_the_same_utterance_share_their_lookups() -> None:
    cues = (
        Cue(category="hardship", span=Span(start=0, end=4), text="lost"),
        Cue(category="illness", span=Span(start=5, end=9), text="sick"),
    )
    first, again = TurnView(1, "debtor", "lost sick", (), cues), TurnView(7, "debtor", "lost sick", (), cues)
    assert first._lookup is again._lookup
    assert first.has_cue(frozenset({"illness", "hardship"})) is cues[0]  # the first in text order
    assert again.has_cue("illness") is cues[1]
    assert first.has_cue("dispute") is None and first.finding("dismiss") is None


# ------------------------------------------------ the learned model's call-level readings
def _with_learned(view: TurnView, violation: str, probability: float = 0.9) -> TurnView:
    """The collector turn as scoring.api builds it when the model reads it as pressing."""
    cue = Cue(
        category=LEARNED_CALL_LEVEL[violation], span=Span(start=0, end=len(view.text)), text=view.text,
        probability=probability, evidence=("by the 20th",),
    )
    return TurnView(view.index, view.speaker, view.text, view.findings, (*view.cues, cue))


def learned_cats(lang, learned_at: dict[int, str], *script):
    vs = views(lang, *script)
    vs = [_with_learned(v, learned_at[v.index]) if v.index in learned_at else v for v in vs]
    result = analyse_call(vs, lang)
    return [(f.category, f.turn, f.pattern) for f in result.findings]


LEARNED_LINE = "So, can we count on it by the 20th?"  # no pattern hears a payment request here


@pytest.mark.parametrize(
    ("violation", "trigger", "pattern"),
    [
        ("third_party_disclosure", "Hang on, I'm his brother, he's at work.", "call.wrong_party.learned"),
        ("ignored_cease", "Stop calling me, put everything in writing.", "call.ignored_cease.learned"),
        ("ignored_dispute", "That's not my debt, I never had an account.", "call.ignored_dispute.learned"),
        ("ignored_vulnerability", "My wife died on Sunday.", "call.ignored_vulnerability.learned"),
    ],
)
def test_the_learned_reading_counts_after_its_trigger(violation, trigger, pattern):
    got = learned_cats("en", {3: violation}, *VERIFIED, D(trigger), C(LEARNED_LINE))
    assert got == [(violation, 3, pattern)]


@pytest.mark.parametrize("violation", list(LEARNED_CALL_LEVEL))
def test_the_learned_reading_alone_breaks_nothing(violation):
    assert learned_cats("en", {2: violation}, *VERIFIED, C(LEARNED_LINE)) == []


def test_each_learned_reading_needs_its_own_trigger():
    got = learned_cats("en", {3: "ignored_dispute"}, *VERIFIED, D("My wife died on Sunday."), C(LEARNED_LINE))
    assert got == []


def test_the_learned_vulnerability_reading_waits_for_an_earlier_acknowledgement():
    script = (
        *VERIFIED,
        D("My wife died on Sunday."),
        C("I'm so sorry for your loss. We can pause the account.", "sympathy", "offer_help"),
        D("Thank you."),
        C(LEARNED_LINE),
    )
    assert learned_cats("en", {5: "ignored_vulnerability"}, *script) == []


def test_the_learned_dispute_reading_stops_once_verification_is_offered():
    script = (
        *VERIFIED,
        D("That's not my debt, I never had an account with you."),
        C("I'll send you the paperwork to verify it, and we'll hold collection until then."),
        D("Okay."),
        C(LEARNED_LINE),
    )
    assert learned_cats("en", {5: "ignored_dispute"}, *script) == []


def test_a_learned_finding_says_it_is_learned_with_its_words_and_confidence():
    vs = views("en", *VERIFIED, D("Stop calling me."), C(LEARNED_LINE))
    vs[-1] = _with_learned(vs[-1], "ignored_cease", 0.83)
    (f,) = analyse_call(vs, "en").findings
    assert "learned model" in f.explanation and "'by the 20th'" in f.explanation and "0.83" in f.explanation
    assert f.text == LEARNED_LINE
    zh = views("zh", C("请问是王先生吗？", "identity_verification"), D("是我。"), D("别再给我打电话了。"),
               C("那二十号之前能弄好吧？"))
    zh[-1] = _with_learned(zh[-1], "ignored_cease", 0.91)
    (g,) = analyse_call(zh, "zh").findings
    assert "学习模型" in g.explanation and "0.91" in g.explanation
