"""Scorecard arithmetic, the opportunity-aware empathy model, legality costs, determinism,
and the two worked examples of docs/scoring.md."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from scoring.outcome import AGREEMENT_CATEGORIES
from scoring.scorecard import (
    DEFAULT_PASS_MARK,
    EMPATHY_BASE,
    NO_CUE_CREDIT,
    ScoringContext,
    Weights,
    repeat_factor,
)
from tests.scoring.scorekit import HOSTILE_THREAT_FAILURE, JOB_LOSS_SUCCESS, C, D, scorecard


def ledger_sum(card, score):
    return round(sum(p.delta for p in card.points if p.score == score), 1)


@pytest.mark.parametrize("script", [JOB_LOSS_SUCCESS, HOSTILE_THREAT_FAILURE])
def test_every_score_is_the_sum_of_its_ledger(script):
    card = scorecard("en", "us", *script)
    for name in ("empathy", "legality", "outcome", "overall"):
        assert ledger_sum(card, name) == pytest.approx(getattr(card, name), abs=0.06), name


def test_job_loss_success_call():
    card = scorecard("en", "us", *JOB_LOSS_SUCCESS)
    assert card.legality == 100
    assert card.empathy == 100
    assert card.outcome_category == "installment_plan"
    assert card.outcome == 100
    assert card.outcome_detail.amount == "150" and card.outcome_detail.confirmed_turn == 8
    assert card.outcome_detail.date_text and card.outcome_detail.affordable is True
    assert card.passed and not card.auto_fail
    assert {(c.category, c.met, c.turn) for c in card.checklist} == {
        ("self_identification", True, 0),
        ("identity_verification", True, 0),
        ("debt_collector_disclosure", True, 2),
        ("agreement_confirmation", True, 8),
    }
    assert card.opportunities[0].turn == 3 and card.opportunities[0].answered_turn == 4


def test_hostile_threat_call_fails():
    card = scorecard("en", "us", *HOSTILE_THREAT_FAILURE)
    assert card.auto_fail and not card.passed
    assert card.outcome_category == "complaint" and card.outcome == 0
    violations = {(f.category, f.turn) for f in card.findings if f.kind.value == "violation"}
    assert {("threat_arrest", 4), ("threat_legal_action", 2), ("third_party_disclosure", 0)} <= violations
    assert card.legality == 0
    assert card.empathy < 30
    missed = {c.category for c in card.checklist if not c.met}
    assert missed == {"self_identification", "identity_verification", "debt_collector_disclosure"}


def test_every_finding_has_turn_rule_and_tip_in_the_call_language():
    card = scorecard("zh", "cn", C("你欠了两万块，今天不还就抓你坐牢！", "mentions_debt", "threat_arrest"))
    for f in card.findings:
        assert f.turn == 0
        if f.kind.value == "violation":
            assert f.severity is not None and f.tip and f.tip.startswith("建议")
    arrest = next(f for f in card.findings if f.category == "threat_arrest")
    assert arrest.rule == "治安管理处罚法 第42条(三)" and arrest.rule_confirmed is False


def test_no_cue_call_is_not_penalised_for_not_consoling():
    card = scorecard(
        "en",
        "us",
        C(
            "Hi, this is Alex from Northbank. Am I speaking with Sam?",
            "self_identification",
            "identity_verification",
        ),
        D("Yes."),
        C(
            "This is an attempt to collect a debt. Your payment of $80 was due on the 3rd.",
            "debt_collector_disclosure",
            "mentions_debt",
        ),
        D("Oh, I forgot. I'll pay it on Friday."),
    )
    assert card.opportunities == []
    assert card.empathy == EMPATHY_BASE + NO_CUE_CREDIT  # no behaviours used, nothing missed


def test_missed_hardship_cue_costs_and_late_answer_earns_less():
    base = (
        C("Am I speaking with Sam?", "identity_verification"),
        D("Yes. I lost my job last month."),
    )
    missed = scorecard(
        "en",
        "us",
        *base,
        C("Okay. When can you pay?", "payment_request"),
        D("I don't know."),
        C("We need a date.", "payment_request"),
    )
    prompt = scorecard("en", "us", *base, C("I'm sorry to hear that.", "sympathy"))
    late = scorecard("en", "us", *base, C("Okay."), D("Yeah."), C("I'm sorry to hear that.", "sympathy"))
    assert missed.empathy < late.empathy < prompt.empathy
    assert missed.opportunities[0].credit == 0 and late.opportunities[0].credit == 0.6


def test_repeated_violations_cost_less_each_time_but_still_cost():
    assert repeat_factor(1) == 1 and repeat_factor(2) == 0.5 and repeat_factor(10) == pytest.approx(0.2)
    one = scorecard(
        "en",
        "uk",
        C(
            "Hi, this is Alex from Northbank. Am I speaking with Sam?",
            "self_identification",
            "identity_verification",
        ),
        D("Yes."),
        C("We'll call you every hour until you pay.", "harassment"),
    )
    three = scorecard(
        "en",
        "uk",
        C(
            "Hi, this is Alex from Northbank. Am I speaking with Sam?",
            "self_identification",
            "identity_verification",
        ),
        D("Yes."),
        C("We'll call you every hour.", "harassment"),
        D("What?"),
        C("Every hour, day and night.", "harassment"),
        D("Stop."),
        C("Every single hour.", "harassment"),
    )
    costs = [-p.delta for p in three.points if p.score == "legality" and p.category == "harassment"]
    assert costs == [20, 10, 5]
    assert 100 - one.legality == 20 and three.legality < one.legality


def test_missed_required_conduct_costs_by_severity():
    card = scorecard("en", "us", C("Hello?"), D("Hi."))
    missed = {p.category: p.delta for p in card.points if p.score == "legality" and p.delta < 0}
    assert missed == {
        "self_identification": -20,
        "identity_verification": -20,
        "debt_collector_disclosure": -20,
    }
    assert card.legality == 40


def test_uk_hardship_items_apply_only_after_disclosure():
    calm = scorecard(
        "en",
        "uk",
        C(
            "Hi, this is Alex from Northbank. Am I speaking with Sam?",
            "self_identification",
            "identity_verification",
        ),
        D("Yes."),
    )
    hard = scorecard(
        "en",
        "uk",
        C(
            "Hi, this is Alex from Northbank. Am I speaking with Sam?",
            "self_identification",
            "identity_verification",
        ),
        D("Yes. I was made redundant."),
        C("I'm sorry to hear that.", "sympathy"),
    )
    assert {c.category for c in calm.checklist} == {"self_identification", "identity_verification"}
    # No plan was agreed, so the income check before a plan is not owed.
    assert {c.category for c in hard.checklist if not c.met} == {"hardship_options", "debt_advice_signpost"}


def test_uk_affordability_check_is_owed_before_a_plan_not_before_a_pause():
    opening = (
        C(
            "Hi, this is Alex from Northbank. Am I speaking with Sam?",
            "self_identification",
            "identity_verification",
        ),
        D("Yes. I've been signed off work with depression."),
    )
    paused = scorecard(
        "en",
        "uk",
        *opening,
        C("I'm sorry. I can put the account on hold for 60 days and send you StepChange's details.",
          "sympathy", "hardship_options", "debt_advice_signpost"),
        D("Yes, that would help."),
    )
    planned = scorecard(
        "en",
        "uk",
        *opening,
        C("I'm sorry. Could you pay $50 a month by direct debit?", "sympathy", "payment_request"),
        D("Yes, I can do that."),
    )
    assert "affordability_check" not in {c.category for c in paused.checklist}
    assert paused.legality == 100
    assert planned.outcome_category == "installment_plan"
    missed = {c.category for c in planned.checklist if not c.met}
    assert "affordability_check" in missed


def test_weights_and_pass_mark_from_context():
    ctx = ScoringContext(weights=Weights(empathy=1, legality=0, outcome=0), pass_mark=50)
    card = scorecard("en", "us", *JOB_LOSS_SUCCESS, context=ctx)
    assert card.overall == card.empathy and card.pass_mark == 50
    assert scorecard("en", "us", *JOB_LOSS_SUCCESS).pass_mark == DEFAULT_PASS_MARK


def test_scenario_outcome_values_and_category():
    ctx = ScoringContext(outcome_category="hung_up", outcome_values={"hung_up": 5})
    card = scorecard("en", "us", *JOB_LOSS_SUCCESS, context=ctx)
    assert card.outcome_category == "hung_up" and card.outcome == 5
    assert card.outcome_detail.source == "scenario"


def test_unaffordable_agreement_earns_half():
    ctx = ScoringContext(monthly_capacity=Decimal(100))
    card = scorecard("en", "us", *JOB_LOSS_SUCCESS, context=ctx)
    assert card.outcome_detail.affordable is False
    assert card.outcome == 50


def test_deterministic_json():
    a = scorecard("en", "us", *JOB_LOSS_SUCCESS).model_dump_json()
    b = scorecard("en", "us", *JOB_LOSS_SUCCESS).model_dump_json()
    assert a == b
    doc = json.loads(a)
    assert doc["rule_pack"]["jurisdiction"] == "us" and doc["rule_pack"]["version"]
    for key in (
        "empathy",
        "legality",
        "outcome",
        "overall",
        "passed",
        "auto_fail",
        "outcome_category",
        "findings",
        "checklist",
        "points",
    ):
        assert key in doc


def test_date_settled_while_reading_back_and_reaffirmation_keep_the_first_agreement():
    card = scorecard(
        "en",
        "us",
        C("Am I speaking with Maria?", "identity_verification"),
        D("Yes, speaking."),
        C("Would $150 a month on a payment plan be manageable?", "payment_request"),
        D("$150 a month... Yes. I think I can manage that. When would it start?"),
        C("So to confirm: $150 a month, starting on the 1st of next month.", "agreement_confirmation"),
        D("Thank you. I'll make sure that payment goes through."),
    )
    detail = card.outcome_detail
    assert card.outcome_category == "installment_plan"
    assert detail.turn == 3 and detail.confirmed_turn == 4 and detail.date_text
    assert card.outcome == 100


def test_refusal_after_an_offer_is_refused_and_callback_is_scheduled():
    refused = scorecard(
        "en",
        "us",
        C("Am I speaking with Sam?", "identity_verification"),
        D("Yes."),
        C("Could you pay $100 today?", "payment_request"),
        D("No way, I'm not paying you."),
    )
    assert refused.outcome_category == "refused" and refused.outcome == 10
    callback = scorecard(
        "en",
        "us",
        C("Am I speaking with Sam?", "identity_verification"),
        D("Yes."),
        C("Is now a good time to talk?"),
        D("Not really, can you call me back tomorrow?"),
        C("Of course, I'll call you tomorrow at 10."),
        D("Okay."),
    )
    assert callback.outcome_category == "callback_scheduled"


def test_outcome_inference_in_chinese():
    card = scorecard(
        "zh",
        "cn",
        C("请问是张伟本人吗？", "identity_verification"),
        D("是我。"),
        C("您看每月还1500元，从12月1号开始可以吗？", "payment_request"),
        D("好的，可以。"),
        C("跟您确认一下：每月1号还1500元。", "agreement_confirmation"),
    )
    assert card.outcome_category == "installment_plan"
    assert card.outcome_detail.amount == "1500" and card.outcome_detail.confirmed_turn == 4


def test_hang_up_and_wrong_party_outcomes():
    hung = scorecard(
        "en", "us", C("You owe us money, pay now.", "mentions_debt", "payment_request"), D("I'm hanging up.")
    )
    assert hung.outcome_category == "hung_up" and hung.outcome == 0
    wrong = scorecard(
        "en",
        "us",
        C("Am I speaking with Maria Lopez?", "identity_verification"),
        D("Sorry, wrong number."),
        C("My apologies, have a good day.", "courtesy"),
    )
    assert "debt_collector_disclosure" not in {c.category for c in wrong.checklist}
    assert (
        wrong.outcome_category == "wrong_party_closed" and wrong.legality == 100 - 20
    )  # only self-identification missed


@pytest.mark.parametrize(
    ("lang", "script"),
    [
        (
            "en",
            (
                C("Am I speaking with Maria Lopez?", "identity_verification"),
                D("Sorry, wrong number."),
                C("Well, tell her she owes Northbank $1,860 and it's two months late.", "mentions_debt"),
            ),
        ),
        (
            "zh",
            (
                C("请问是王芳本人吗？", "identity_verification"),
                D("你打错了。"),
                C("那麻烦你转告她，她信用卡欠了八千多，已经逾期两个月了。", "mentions_debt"),
            ),
        ),
    ],
)
def test_a_wrong_party_told_of_the_debt_is_not_closed_cleanly(lang, script):
    card = scorecard(lang, "us" if lang == "en" else "cn", *script)
    assert "third_party_disclosure" in {f.category for f in card.findings}
    assert card.outcome_category != "wrong_party_closed"


def test_debtor_stated_monthly_terms_make_a_plan():
    card = scorecard(
        "en",
        "uk",
        C("Am I speaking with Alex?", "identity_verification"),
        D("Speaking."),
        C("What could you manage?", "open_question"),
        D("I could manage £50 a month."),
        C("Okay, £50 a month from 1 December. Does that work?", "payment_request"),
        D("Yes, that works."),
    )
    assert card.outcome_category == "installment_plan"
    assert card.outcome_detail.amount == "50" and card.outcome_detail.affordable is True


@pytest.mark.parametrize(
    ("lang", "script", "agreed_turn", "read_back_turn"),
    [
        # A bare yes to a read-back question agrees and the read-back counts.
        (
            "en",
            (
                C("Am I speaking with Maria?", "identity_verification"),
                D("Yes, speaking."),
                C("We could do $150 a month. When do you get paid?", "payment_request"),
                D("On the first."),
                C("So just to confirm, that's $150 on the 1st of each month. Is that right?",
                  "agreement_confirmation"),
                D("Yes, that's right."),
                C("Great, thanks for your time."),
            ),
            5,
            4,
        ),
        (
            "zh",
            (
                C("请问是张伟本人吗？", "identity_verification"),
                D("是我。"),
                C("您看每月还1500元可以吗？", "payment_request"),
                D("我想想，几号还？"),
                C("跟您确认一下：每月1号还1500元，对吗？", "agreement_confirmation"),
                D("对的。"),
            ),
            5,
            4,
        ),
        # "Sure." to a payment request is a promise; nothing was read back.
        (
            "en",
            (
                C("Am I speaking with Sam?", "identity_verification"),
                D("Yes."),
                C("Could you pay $100 by Friday?", "payment_request"),
                D("Sure."),
            ),
            3,
            None,
        ),
        # A first proposal worded like a read-back reads nothing back (the model tags such
        # proposals `agreement_confirmation` now and then): no credit, and the checklist agrees.
        (
            "en",
            (
                C("Am I speaking with Maria?", "identity_verification"),
                D("Yes, speaking."),
                C("Could we set up 120 dollars on the 1st of every month?", "agreement_confirmation"),
                D("Okay."),
                C("Great, thanks for your time."),
            ),
            3,
            None,
        ),
        # The checklist names the read-back after the agreement, not the proposal before it.
        (
            "en",
            (
                C("Am I speaking with Maria?", "identity_verification"),
                D("Yes, speaking."),
                C("Could we set up 120 dollars on the 1st of every month?", "agreement_confirmation"),
                D("Yes, I can do that."),
                C("So to confirm: 120 dollars on the 1st of each month.", "agreement_confirmation"),
            ),
            3,
            4,
        ),
    ],
)
def test_a_bare_yes_to_terms_agrees_and_the_read_back_counts(lang, script, agreed_turn, read_back_turn):
    card = scorecard(lang, "us" if lang == "en" else "cn", *script)
    assert card.outcome_category in AGREEMENT_CATEGORIES and card.outcome_detail.turn == agreed_turn
    assert card.outcome_detail.confirmed_turn == read_back_turn
    item = next(i for i in card.checklist if i.category == "agreement_confirmation")
    assert (item.met, item.turn) == (read_back_turn is not None, read_back_turn)


@pytest.mark.parametrize(
    ("lang", "script"),
    [
        (
            "en",
            (
                C("Am I speaking with Maria Lopez? It's about the $500 on your card.",
                  "identity_verification"),
                D("Yes."),
            ),
        ),
        ("en", (C("Could you pay $100 by Friday?", "payment_request"), D("Yes, but not this week."))),
        ("zh", (C("请问是张伟本人吗？您有一笔1500元的欠款。", "identity_verification"), D("是的。"))),
        ("zh", (C("您看每月还1500元可以吗？", "payment_request"), D("行，但是要下个月。"))),
    ],
)
def test_a_bare_yes_to_anything_else_agrees_to_nothing(lang, script):
    card = scorecard(lang, "us" if lang == "en" else "cn", *script)
    assert card.outcome_category not in AGREEMENT_CATEGORIES
