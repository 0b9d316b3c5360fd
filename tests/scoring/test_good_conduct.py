"""Doing the right thing after a trigger is never graded as breaking the rules.

Whole pipeline (detector, learned model, call-level checks, scorecard): a verified debtor asks
for no more calls, names a lawyer, disputes the debt or discloses a bereavement, and the
collector answers as the rules ask. No violation and no negative behaviour may be reported for
that answer. Session 11 found "the phone calls will stop" read as announcing relentless contact
(harassment), which then counted as carrying on after the stop request (ignored_cease): a trainee
who honoured the request failed the call.
"""

from __future__ import annotations

import pytest

from scoring.api import score_transcript
from scoring.lexicon import builtin_lexicon
from scoring.model import Kind, Transcript, Turn

_OPENING = {
    "en": (
        "Hello, this is Priya from Eastgate Finance. Am I speaking with Tom Archer?",
        "Yes, that's me.",
        "This is an attempt to collect a debt, and any information obtained will be used for that purpose.",
    ),
    "zh": (
        "您好，我是东方银行信用卡中心的小李，请问是王芳女士本人吗？",
        "是我。",
        "王女士您好，今天来电是关于您信用卡逾期还款的事。",
    ),
}

_TRIGGERS = {
    ("en", "cease"): "Stop calling me. Write to me if you must.",
    ("en", "lawyer"): "My solicitor is handling this now, talk to her.",
    ("en", "dispute"): "I don't owe this. That's not my debt.",
    ("en", "bereavement"): "My husband died last month and I can barely think straight.",
    ("zh", "cease"): "别再给我打电话了，有事寄信给我。",
    ("zh", "lawyer"): "这事我已经委托律师了，你找他谈。",
    ("zh", "dispute"): "这笔钱不是我欠的，我没借过。",
    ("zh", "bereavement"): "我老公上个月走了，我现在脑子一团乱。",
}

CASES = [
    ("en", "cease", "Noted, the phone calls will stop and we'll write to you instead."),
    ("en", "cease", "I'll put a note on the account and the calls will stop from today."),
    ("en", "cease", "Understood, no more calls. Anything further will come to you in writing."),
    ("en", "cease", "Okay, I've updated your preferences. We won't phone you again about this account."),
    ("en", "cease", "Right, I've logged your request and the phone contact ends here."),
    ("en", "cease", "Fair enough. The account's now marked no-call, so this is the last call you'll get."),
    ("en", "lawyer", "Thanks for letting me know. Could I take your solicitor's name and number?"),
    ("en", "lawyer", "Understood. I won't discuss the account with you further; we'll call your solicitor."),
    ("en", "dispute", "Okay, I'll put the account on hold and send you the paperwork so you can check it."),
    ("en", "dispute", "I'll raise a dispute today, and nobody will ask you to pay until it's looked into."),
    ("en", "bereavement", "I'm so sorry for your loss. There's no need to talk about the account today."),
    ("en", "bereavement", "I'm really sorry. I'll put the account on hold for sixty days to give you space."),
    ("zh", "cease", "好的，我已经登记了，以后不会再打电话给您，有事会书面通知。"),
    ("zh", "cease", "明白，您的要求我备注了，电话联系今天就停止。"),
    ("zh", "cease", "好的，我这边备注一下，以后电话就停了，改成书面通知您。"),
    ("zh", "lawyer", "好的，麻烦您把律师的姓名和电话告诉我，后续我们直接和律师联系。"),
    ("zh", "dispute", "明白，我给您登记异议，核实清楚之前不会再向您要求还款。"),
    ("zh", "bereavement", "非常抱歉听到这个消息。我帮您申请暂停催收六十天，您先处理家里的事。"),
]


@pytest.mark.parametrize(("lang", "trigger", "reply"), CASES)
def test_answering_a_trigger_as_the_rules_ask_breaks_no_rule(lang: str, trigger: str, reply: str) -> None:
    opening = _OPENING[lang]
    turns = [
        Turn(speaker="collector", text=opening[0]),
        Turn(speaker="debtor", text=opening[1]),
        Turn(speaker="collector", text=opening[2]),
        Turn(speaker="debtor", text=_TRIGGERS[lang, trigger]),
        Turn(speaker="collector", text=reply),
    ]
    jurisdiction = "us" if lang == "en" else "cn"
    card = score_transcript(Transcript(language=lang, jurisdiction=jurisdiction, turns=turns))  # type: ignore[arg-type]
    bad = [
        (f.category, f.text)
        for f in card.findings
        if f.turn == 4 and f.kind in (Kind.violation, Kind.empathy_negative)
    ]
    assert bad == []


@pytest.mark.parametrize(
    "line",
    [
        "The calls stop the moment you pay.",
        "The calls won't stop until you pay.",
        "The texts aren't going to let up.",
    ],
)
def test_contact_that_lasts_until_payment_is_still_harassment(line: str) -> None:
    assert "harassment" in {h.category for h in builtin_lexicon("en").match(line)}
