"""The whole grader on real text: detector + cue lexicons + call-level checks + rule pack +
scorecard, for the success and failure stories of PRODUCT.md in English (US, UK) and Chinese (CN)."""

from __future__ import annotations

import pytest

from scoring.api import check_utterance, score_transcript
from scoring.model import Transcript, Turn
from tests.scoring.scorekit import HOSTILE_THREAT_FAILURE, JOB_LOSS_SUCCESS

ZH_SUCCESS = [
    ("collector", "您好，我是招商银行信用卡中心的小王，请问是张伟先生本人吗？"),
    ("debtor", "是我，什么事？"),
    ("collector", "张先生您好，今天来电是关于您信用卡逾期还款的事，目前逾期64天。"),
    ("debtor", "我知道……我三月份被裁员了，现在只能打零工，心里很着急。"),
    ("collector", "听到您失业的事我很抱歉，这段时间一定压力很大。您能说说现在每个月大概能拿出多少吗？"),
    ("debtor", "我每个月最多能还1500块。"),
    ("collector", "好的，那我们可以给您办理分期，每月还1500元，从12月1号开始，您看可以吗？"),
    ("debtor", "好的，可以。"),
    ("collector", "好的，跟您确认一下：每月1号还1500元，从12月1号开始，通过银行卡自动扣款，对吗？"),
    ("debtor", "对。"),
]
ZH_FAILURE = [
    ("collector", "张伟是吧？你欠我们两万块，已经逾期两个月了！"),
    ("debtor", "你是谁啊？我失业了，现在真的还不上。"),
    ("collector", "那是你的事，跟我没关系。今天不还我们就去法院起诉你！"),
    ("debtor", "你这是威胁我吗？太过分了！"),
    ("collector", "再不还就抓你去坐牢，还要通知你单位和家人！"),
    ("debtor", "我要投诉你们！叫你们领导来！"),
]


def transcript(lang, jurisdiction, script):
    turns = [Turn(speaker=s[0], text=s[1]) for s in script]
    return Transcript(language=lang, jurisdiction=jurisdiction, turns=turns)


@pytest.mark.parametrize(
    ("lang", "jurisdiction", "script"),
    [("en", "us", JOB_LOSS_SUCCESS), ("zh", "cn", ZH_SUCCESS)],
)
def test_success_story_passes(lang, jurisdiction, script):
    card = score_transcript(transcript(lang, jurisdiction, script))
    assert card.passed and not card.auto_fail
    assert card.outcome_category == "installment_plan"
    assert card.legality == 100 and card.empathy >= 90 and card.outcome >= 85
    assert all(item.met for item in card.checklist)
    assert card.opportunities and card.opportunities[0].answered_turn == 4


@pytest.mark.parametrize(
    ("lang", "jurisdiction", "script", "expected"),
    [
        (
            "en",
            "us",
            HOSTILE_THREAT_FAILURE,
            {"threat_arrest", "threat_legal_action", "third_party_disclosure"},
        ),
        ("zh", "cn", ZH_FAILURE, {"threat_arrest", "threat_legal_action", "shaming_threat"}),
    ],
)
def test_failure_story_fails(lang, jurisdiction, script, expected):
    card = score_transcript(transcript(lang, jurisdiction, script))
    assert card.auto_fail and not card.passed
    assert card.outcome_category == "complaint"
    assert expected <= {f.category for f in card.findings if f.kind.value == "violation"}
    assert card.empathy < 30 and card.legality == 0
    for f in card.findings:
        assert f.turn is not None and f.turn % 2 == 0  # collector turns only
        if f.kind.value == "violation":
            assert f.severity is not None and f.tip


def test_uk_hardship_call_needs_affordability_and_advice():
    script = [
        ("collector", "Hi, this is Sam from Northbank. Am I speaking with Alex Reid?"),
        ("debtor", "Yes, that's me."),
        ("collector", "I'm calling about your overdue loan account."),
        ("debtor", "I was made redundant last month and I'm struggling."),
        ("collector", "I'm sorry to hear that. You still need to pay £200 today."),
    ]
    card = score_transcript(transcript("en", "uk", script))
    missed = {c.category for c in card.checklist if not c.met}
    assert {"affordability_check", "debt_advice_signpost"} <= missed
    assert card.legality < 80


def test_wrong_party_disclosure_in_context():
    context = [
        Turn(speaker="collector", text="Hi, this is Sam from Northbank. Am I speaking with Alex Reid?"),
        Turn(speaker="debtor", text="No, I'm his wife. He's at work."),
    ]
    findings = check_utterance(
        "Please tell him his credit card is three months overdue.", "en", "us", context
    )
    disclosure = [f for f in findings if f.category == "third_party_disclosure"]
    assert disclosure and disclosure[0].severity.value == "auto_fail"
    assert disclosure[0].rule == "15 U.S.C. §1692c(b)"
    clean = check_utterance("Could you ask him to call Sam at Northbank?", "en", "us", context)
    assert not [f for f in clean if f.kind.value == "violation"]


@pytest.mark.parametrize(
    ("lang", "jurisdiction", "opening", "reply", "line"),
    [
        (
            "en",
            "us",
            "Am I speaking with Alex Reid?",
            "No, I'm his flatmate.",
            "This is an attempt to collect a debt: Alex's loan is two months overdue.",
        ),
        (
            "zh",
            "cn",
            "请问是张伟先生吗？",
            "不是，我是他同事。",
            "我们是催收公司，张伟的信用卡已经逾期两个月了。",
        ),
    ],
)
def test_debt_stated_to_a_third_party_is_not_the_required_disclosure(
    lang, jurisdiction, opening, reply, line
):
    context = [Turn(speaker="collector", text=opening), Turn(speaker="debtor", text=reply)]
    found = {f.category for f in check_utterance(line, lang, jurisdiction, context)}
    assert "third_party_disclosure" in found
    assert "debt_collector_disclosure" not in found
    # The same words to the verified debtor are the disclosure.
    assert "debt_collector_disclosure" in {f.category for f in check_utterance(line, lang, jurisdiction)}
    turns = [*context, Turn(speaker="collector", text=line)]
    card = score_transcript(Transcript(language=lang, jurisdiction=jurisdiction, turns=turns))
    assert not [c for c in card.checklist if c.category == "debt_collector_disclosure" and c.met]


@pytest.mark.parametrize(
    ("lang", "jurisdiction", "opening", "reply", "line"),
    [
        (
            "en",
            "us",
            "Am I speaking with Alex Reid?",
            "Yes. But I never took out this loan, it isn't mine.",
            "I can send you a copy of the signed agreement if that helps.",
        ),
        (
            "zh",
            "cn",
            "请问是张伟先生吗？",
            "是我。这笔钱不是我借的。",
            "需要的话，我可以把借款合同发给您核对。",
        ),
    ],
)
def test_verification_owed_after_a_dispute_is_not_offer_help(lang, jurisdiction, opening, reply, line):
    # Mid-call, offering the agreement is an offer of help; after a dispute it is the verification
    # the law requires (tests/corpus/README.md), so it earns no empathy credit.
    assert "offer_help" in {f.category for f in check_utterance(line, lang, jurisdiction)}
    context = [Turn(speaker="collector", text=opening), Turn(speaker="debtor", text=reply)]
    found = {f.category for f in check_utterance(line, lang, jurisdiction, context)}
    assert "offer_help" not in found
    assert "ignored_dispute" not in found
    turns = [*context, Turn(speaker="collector", text=line)]
    card = score_transcript(Transcript(language=lang, jurisdiction=jurisdiction, turns=turns))
    assert not [f for f in card.findings if f.category == "offer_help"]


def test_check_without_context_has_no_call_level_findings():
    findings = check_utterance("Your credit card is three months overdue.", "en", "us")
    assert "third_party_disclosure" not in {f.category for f in findings}


def test_same_transcript_same_json():
    a = score_transcript(transcript("zh", "cn", ZH_FAILURE)).model_dump_json()
    b = score_transcript(transcript("zh", "cn", ZH_FAILURE)).model_dump_json()
    assert a == b


@pytest.mark.parametrize(
    ("lang", "jurisdiction", "script"),
    [("en", "us", JOB_LOSS_SUCCESS), ("en", "uk", HOSTILE_THREAT_FAILURE), ("zh", "cn", ZH_FAILURE)],
)
def test_every_scorecard_finding_has_turn_and_tip_and_violations_a_rule_status(lang, jurisdiction, script):
    card = score_transcript(transcript(lang, jurisdiction, script))
    assert card.findings
    for f in card.findings:
        assert f.turn is not None and f.tip
        assert f.kind.value != "intent"
        if f.kind.value == "violation":
            assert f.severity is not None and f.rule_confirmed is not None and f.rule_text
        if lang == "zh":
            assert any("\u4e00" <= ch <= "\u9fff" for ch in f.tip)


_V_EN = [
    Turn(speaker="collector", text="Am I speaking with Sam Taylor?"),
    Turn(speaker="debtor", text="Yes, speaking."),
]
_V_ZH = [Turn(speaker="collector", text="请问是王磊先生本人吗？"), Turn(speaker="debtor", text="是我。")]

CONTINUATIONS = [
    # (lang, debtor says, collector replies, call-level violation expected or None)
    ("en", "Stop calling me.", "Understood. I'll note that and we won't call again. Goodbye.", None),
    ("en", "Stop calling me.", "I will once you've paid.", "ignored_cease"),
    (
        "en",
        "My lawyer is handling this.",
        "Could you give me your lawyer's name so we can contact them?",
        None,
    ),
    (
        "en",
        "I'm represented, you'll have the letter.",
        "Noted. Still, a payment from you today would end this.",
        "ignored_cease",
    ),
    ("en", "I dispute this debt.", "I'll record the dispute and send you a copy of the agreement.", None),
    (
        "en",
        "I don't believe I ever signed it.",
        "You don't need to see it. What matters is the balance.",
        "ignored_dispute",
    ),
    (
        "en",
        "My husband died last week.",
        "I'm so sorry for your loss. I'll put the account on hold for 30 days.",
        None,
    ),
    (
        "en",
        "My husband died last week.",
        "Sorry for your loss, but the payment is still due on Friday.",
        "ignored_vulnerability",
    ),
    (
        "en",
        "I've got MS and a bad flare-up.",
        "Your health isn't something I can factor in. Payment?",
        "ignored_vulnerability",
    ),
    ("zh", "别再给我打电话了！", "好的，我们会记录您的要求，之后不再电话联系您。", None),
    ("zh", "把我的号码删掉，别再打了。", "等你还了钱，我们自然就不打了。", "ignored_cease"),
    ("zh", "这不是我借的钱。", "明白，我们会核实这笔欠款，并把合同和明细寄给您，核实前暂停催收。", None),
    ("zh", "金额不对，应该只有一半。", "金额就是这么多，没什么好说的，转账还是刷卡？", "ignored_dispute"),
    ("zh", "我老公上周刚走。", "请节哀。这段时间您先不用考虑还款的事，我们可以先暂停。", None),
    ("zh", "我停药了，脑子很乱，状态很差。", "脑子不清楚卡号总能念吧？", "ignored_vulnerability"),
    # oblique disclosures, going round a lawyer, dismissed disputes, and deferral (the
    # defer_payment cue cancels payment words it covers, not a demand made after it)
    (
        "en",
        "I've been having dark thoughts again.",
        "Okay, so how about we clear it today?",
        "ignored_vulnerability",
    ),
    ("en", "My dad dropped dead on Tuesday.", "Shall we say fifty on Friday, then?", "ignored_vulnerability"),
    ("en", "I'm halfway through chemo.", "I'm so sorry. Let's leave the payments aside for now.", None),
    (
        "en",
        "My solicitor is handling it.",
        "Solicitors cost a fortune, it's cheaper if you just sort it with me.",
        "ignored_cease",
    ),
    ("en", "My solicitor is handling it.", "Of course. Could I take the firm's details, please?", None),
    (
        "en",
        "I've never banked with you.",
        "The system says it's unpaid, so when will you pay?",
        "ignored_dispute",
    ),
    ("zh", "我觉得活着没什么意思。", "早点还上压力就小了，今天先还一部分吧。", "ignored_vulnerability"),
    ("zh", "我患咗癌，做緊化療。", "你先專心治病，還款嘅嘢遲啲先傾。", None),
    ("zh", "我已经委托律师了。", "律师费那么贵，不如直接跟我谈。", "ignored_cease"),
    ("zh", "我根本不认识这个平台。", "您说不认识没用，先还了再说。", "ignored_dispute"),
    ("zh", "我爸上个月走了。", "请您节哀，还款的事一点都不急，等您处理完家里的事再说。", None),
    ("zh", "我爸上个月走了。", "节哀，还款的事不急，不过今天先还五百。", "ignored_vulnerability"),
    ("en", "My mum died last week.", "I'm so sorry. Forget about the payments for now.", None),
    ("en", "This isn't mine, I want it checked.", "Let's park the balance for now while I check it.", None),
]


@pytest.mark.parametrize(("lang", "debtor", "reply", "expected"), CONTINUATIONS)
def test_call_level_checks_on_real_text(lang, debtor, reply, expected):
    context = [*(_V_EN if lang == "en" else _V_ZH), Turn(speaker="debtor", text=debtor)]
    found = {
        f.category
        for f in check_utterance(reply, lang, "us" if lang == "en" else "cn", context)
        if f.pattern.startswith("call.")
    }
    assert found == ({expected} if expected else set())



# A plan accepted on a condition, as the built-in personas and real debtors say it (session 12:
# "每个月500元的话，可以" was not heard as an acceptance, so a confirmed, affordable plan scored
# outcome 55 with "no specific amount agreed").
CONDITIONAL_ACCEPTANCE = [
    (
        "zh", "cn",
        [
            ("collector", "您好，我是北方银行信用卡中心的小李，请问是王芳女士本人吗？"),
            ("debtor", "我就是。"),
            ("collector", "来电是关于您的信用卡账单，目前逾期两个月。"),
            ("debtor", "我三月份失业了，现在只能做兼职。"),
            ("collector", "理解，这段时间确实不容易。您每个月大概能拿出多少来还？"),
            ("debtor", "一个月顶多五百。"),
            ("collector", "好的，那就每月五百，从下个月十五号开始，可以吗？"),
            ("debtor", "每个月500元的话，可以，我努努力能还上。"),
            ("collector", "我跟您确认一下：每月五百，下个月十五号扣款，对吗？"),
            ("debtor", "对。"),
        ],
    ),
    (
        "en", "us",
        [
            ("collector", "Hi, this is Alex from Northbank. Am I speaking with Maria Lopez?"),
            ("debtor", "Yes, speaking."),
            ("collector", "This is an attempt to collect a debt. It's about your credit card."),
            ("debtor", "I lost my job in March, money's really tight."),
            ("collector", "I'm sorry to hear that. What could you manage each month?"),
            ("debtor", "$150 a month is my limit."),
            ("collector", "Okay, how about $150 a month starting December 15th?"),
            ("debtor", "If it's $150 a month, then yes, that's doable."),
            ("collector", "Great, so that's $150 a month from December 15th. Is that right?"),
            ("debtor", "Yes."),
        ],
    ),
]


@pytest.mark.parametrize(("lang", "jurisdiction", "script"), CONDITIONAL_ACCEPTANCE)
def test_a_plan_accepted_on_a_condition_is_a_specific_confirmed_affordable_plan(lang, jurisdiction, script):
    card = score_transcript(transcript(lang, jurisdiction, script))
    assert card.outcome_category == "installment_plan"
    detail = card.outcome_detail
    assert detail.turn == 7 and detail.amount is not None and detail.date_text is not None
    assert detail.confirmed_turn == 8
    assert detail.affordable is True and detail.capacity is not None  # the limit said at turn 5
    assert card.outcome == 100



DISPUTE_HANDLED = [
    (
        "en", "us",
        [
            ("collector", "Hi, this is Carl calling from Meridian Recovery. Am I speaking with Denise Hall?"),
            ("debtor", "Yeah, this is her."),
            ("collector", "Meridian Recovery is a debt collector. This is an attempt to collect a debt, "
             "and any information obtained will be used for that purpose. It's about a medical bill "
             "for $2,400."),
            ("debtor", "I don't think that's right. Insurance was supposed to cover that surgery."),
            ("collector", "I understand. I'll mark the account as disputed and send you the itemized "
             "bill and our validation notice, and we won't ask for payment while that's reviewed."),
            ("debtor", "Okay, good."),
        ],
    ),
    (
        "zh", "cn",
        [
            ("collector", "您好，我是安信资产的小王，请问是李明先生本人吗？"),
            ("debtor", "是我。"),
            ("collector", "我们受平安医院委托，来电是关于您一笔两千四百元欠款的催收。"),
            ("debtor", "不对吧，保险公司应该已经报销了。"),
            ("collector",
             "明白，我先把这笔账标记为有异议，把费用明细和凭证寄给您核对，核实清楚之前不会催收。"),
            ("debtor", "好的。"),
        ],
    ),
]


@pytest.mark.parametrize(("lang", "jurisdiction", "script"), DISPUTE_HANDLED)
def test_a_doubted_bill_answered_with_verification_is_a_recorded_dispute(lang, jurisdiction, script):
    card = score_transcript(transcript(lang, jurisdiction, script))
    assert card.outcome_category == "dispute_recorded"
    assert card.outcome == 75 and card.legality == 100 and card.passed


# The whole detector, model included: 欠费 is arrears, not a fee (session 12: the Chinese model
# read its 费 as one, at 0.68-0.71 against a threshold of 0.68, until dev held such lines).
ARREARS = [
    ("我们受平安医院委托，来电是关于您一笔两千四百元欠费的催收。", False),
    ("您在医院有一笔两千四百元的欠费。", False),
    ("您的宽带欠费一百元，缴清后自动恢复。", False),
    ("除了欠费，还得交三百元的上门催收费。", True),
]


@pytest.mark.parametrize(("line", "fee"), ARREARS)
def test_arrears_are_not_a_fee(line, fee):
    found = {f.category for f in check_utterance(line, "zh", "cn")}
    assert ("unauthorized_fee" in found) is fee


# "Wrong person" to a wrong name is not a wrong party once the right name is asked and confirmed
# (session 12: the built-in personas now answer a wrong name so, and every later turn of the
# call was then graded as a third-party disclosure, legality 0).
WRONG_NAME_THEN_RIGHT = [
    ("en", "us", ["Hello, may I speak with John Smith?",
                  "I think you've got the wrong person. Who are you trying to reach?",
                  "Sorry. Am I speaking with Maria Lopez?", "Yes, this is Maria.",
                  "I'm calling about your credit card balance of $1,860."], None),
    ("zh", "cn", ["您好，请问是张伟先生吗？", "你找错人了吧？你是哪里？", "不好意思，请问是王芳女士本人吗？",
                  "对，我是王芳。", "您的信用卡逾期两个月了，欠款两万一。"], None),
    # still someone else, or never asked again: the disclosure stands
    ("en", "us", ["Hello, may I speak with Maria Lopez?", "She's not here, I'm her sister.",
                  "Is this Maria Lopez?", "No, I told you, she's not here.",
                  "Tell her she owes $1,860 on her credit card."], 4),
    ("en", "us", ["Hello, may I speak with Maria Lopez?", "Wrong number, there's no Maria here.",
                  "Well, she owes $1,860 on her card."], 2),
]


@pytest.mark.parametrize(("lang", "jurisdiction", "lines", "disclosed_at"), WRONG_NAME_THEN_RIGHT)
def test_a_wrong_name_corrected_and_confirmed_is_not_a_wrong_party(lang, jurisdiction, lines, disclosed_at):
    script = [("collector" if i % 2 == 0 else "debtor", text) for i, text in enumerate(lines)]
    card = score_transcript(transcript(lang, jurisdiction, script))
    turns = [f.turn for f in card.findings if f.category == "third_party_disclosure"]
    assert turns == ([] if disclosed_at is None else [disclosed_at])
