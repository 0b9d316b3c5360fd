"""The debtor and collector cue lexicons: what each cue must catch, and what must stay clean
(negations, look-alikes), in English and Chinese."""

from __future__ import annotations

import pytest

from scoring.api import debtor_cues
from scoring.lexicon import load_lexicon
from scoring.rulepack import DATA_DIR

DEBTOR = [
    # (lang, text, must include, must not include)
    ("en", "Yes, speaking.", {"confirm_identity"}, set()),
    ("en", "Sorry, you have the wrong number.", {"not_the_debtor"}, {"confirm_identity"}),
    ("en", "No, this is his wife. He's not home.", {"third_party"}, set()),
    ("en", "Stop calling me!", {"stop_contact"}, set()),
    ("en", "Please don't ever call me again.", {"stop_contact"}, set()),
    ("en", "My attorney is dealing with this.", {"lawyer_represents"}, set()),
    ("en", "I don't have a lawyer.", set(), {"lawyer_represents"}),
    ("en", "This isn't my debt, I never opened that account.", {"dispute"}, set()),
    ("en", "I'm not disputing it, I just can't pay right now.", {"hardship"}, {"dispute"}),
    ("en", "I was laid off in March.", {"hardship"}, set()),
    ("en", "I got made redundant last month.", {"hardship"}, set()),
    ("en", "I've been in hospital for chemo.", {"illness"}, set()),
    ("en", "I'm not sick, just busy.", set(), {"illness"}),
    ("en", "My mother passed away last week.", {"bereavement"}, set()),
    ("en", "I've been really depressed.", {"mental_health"}, set()),
    ("en", "I'm so worried about this.", {"distress"}, set()),
    ("en", "I'm not worried about it.", set(), {"distress"}),
    ("en", "This is ridiculous, how dare you!", {"anger"}, set()),
    ("en", "I'm not paying you a penny.", {"refuse"}, set()),
    ("en", "I want to speak to your supervisor.", {"complaint"}, set()),
    ("en", "I'm going to report you to the CFPB.", {"complaint"}, set()),
    ("en", "Yes, that works for me.", {"agreement"}, set()),
    ("en", "Sure, I can tell you.", set(), {"agreement"}),
    ("en", "I can't do that.", set(), {"agreement"}),
    ("en", "Okay, I can do $150 a month.", {"agreement", "can_afford"}, set()),
    ("en", "I'm hanging up.", {"hang_up"}, set()),
    ("en", "[hangs up]", {"hang_up"}, set()),
    ("en", "Can you call me back tomorrow?", {"callback_request"}, set()),
    ("en", "Please remove my number from your list.", {"stop_contact"}, set()),
    ("en", "I've instructed a solicitor.", {"lawyer_represents"}, set()),
    ("en", "I don't think I owe this.", {"dispute"}, set()),
    ("en", "This debt was paid off years ago.", {"dispute"}, set()),
    ("en", "I just got out of the hospital.", {"illness"}, set()),
    ("en", "Money's been really tight.", {"hardship"}, set()),
    ("en", "That's fine with me.", {"agreement"}, set()),
    ("en", "I have to go.", {"hang_up"}, set()),
    ("en", "I have to go to work on Monday.", set(), {"hang_up"}),
    ("en", "Can I go to jail for not paying this?", {"owns_debt"}, set()),
    ("en", "Is this about my husband's card?", set(), {"owns_debt"}),
    ("zh", "我这笔欠款是不是要坐牢？", {"owns_debt"}, set()),
    ("zh", "是我老公的信用卡吗？", set(), {"owns_debt"}),
    ("zh", "是我，什么事？", {"confirm_identity"}, set()),
    ("zh", "他是我儿子，他不住这儿了。", {"not_the_debtor"}, {"confirm_identity"}),
    ("zh", "我就是不还，你们爱怎么样怎么样。", {"refuse"}, {"confirm_identity", "agreement"}),
    ("zh", "请把我的号码删掉。", {"stop_contact"}, set()),
    ("zh", "我妈上个月走了。", {"bereavement"}, set()),
    ("zh", "好，那就每个月还五百。", {"agreement"}, set()),
    ("zh", "没问题，我下周五还。", {"agreement"}, set()),
    ("zh", "你打错了。", {"not_the_debtor"}, set()),
    ("zh", "我是他老婆，他不在。", {"third_party"}, set()),
    ("zh", "别再给我打电话了！", {"stop_contact"}, set()),
    ("zh", "有事找我律师。", {"lawyer_represents"}, set()),
    ("zh", "我没有律师。", set(), {"lawyer_represents"}),
    ("zh", "这不是我借的钱。", {"dispute"}, set()),
    ("zh", "我没有异议，就是现在还不上。", {"hardship"}, {"dispute"}),
    ("zh", "我三月份被裁员了。", {"hardship"}, set()),
    ("zh", "我爸住院了，在做化疗。", {"illness"}, set()),
    ("zh", "我没有生病。", set(), {"illness"}),
    ("zh", "我老公上个月去世了。", {"bereavement"}, set()),
    ("zh", "最近压力很大，睡不着觉。", {"distress"}, set()),
    ("zh", "我不担心。", set(), {"distress"}),
    ("zh", "你们太过分了！", {"anger"}, set()),
    ("zh", "我一分钱都不会还。", {"refuse"}, set()),
    ("zh", "我要投诉你们，叫你们领导来！", {"complaint"}, set()),
    ("zh", "好的，就这么定了。", {"agreement"}, set()),
    ("zh", "行，我跟你说。", set(), {"agreement"}),
    ("zh", "不行，太多了。", set(), {"agreement"}),
    ("zh", "我挂了。", {"hang_up"}, set()),
    ("zh", "现在不方便，明天再打吧。", {"callback_request"}, set()),
    ("zh", "我每个月最多能还1000块。", {"can_afford"}, set()),
    # session 3: dispute grounds, vulnerability wording, and their look-alikes
    ("en", "Dad passed in June and I haven't coped since.", {"bereavement"}, set()),
    ("en", "My gran's bills eat everything, I'm her carer.", {"carer"}, {"third_party"}),
    ("en", "No, I'm her carer, she can't come to the phone.", {"third_party"}, set()),
    ("en", "This is his son, my dad's not in.", {"third_party"}, set()),
    ("en", "The fees you've stuck on are extortionate.", {"dispute"}, set()),
    ("en", "We lost the lot in a house fire last month.", {"crisis"}, set()),
    ("zh", "年化利率高得离谱，这个账我不认。", {"dispute"}, set()),
    ("zh", "我不认识这个人。", set(), {"dispute"}),
    ("zh", "我压根没在这个平台申请过。", {"dispute"}, set()),
    ("zh", "能不能先出示一下借条？", {"dispute"}, set()),
    ("zh", "利息能不能少一点？", set(), {"dispute"}),
    ("zh", "家里发洪水，房子都被淹了。", {"crisis"}, set()),
    # session 4: vulnerability said obliquely, lawyers by other names, disputes without "dispute"
    ("en", "Lately I've had dark thoughts I can't shake.", {"mental_health"}, set()),
    ("en", "Some nights I wonder if there's any point in living.", {"mental_health"}, set()),
    ("en", "I've thought about ending it more than once.", {"mental_health"}, set()),
    ("en", "Honestly, I'm not in a good place at all.", {"mental_health"}, set()),
    ("en", "I'm not in a good place financially.", set(), {"mental_health"}),
    ("en", "I want to end this agreement and pay it off.", set(), {"mental_health"}),
    ("en", "My lad was killed in a motorbike accident.", {"bereavement"}, set()),
    ("en", "We lost our twin boys in the spring.", {"bereavement"}, set()),
    ("en", "I lost my job in the spring.", set(), {"bereavement"}),
    ("en", "The scan showed it's spread to her bones.", {"illness"}, set()),
    ("en", "It's lymphoma, they start treatment next week.", {"illness"}, set()),
    ("en", "All of this goes through my legal team now.", {"lawyer_represents"}, set()),
    ("en", "I've never done business with your company.", {"dispute"}, set()),
    ("en", "The total has been bumped up with junk fees.", {"dispute"}, set()),
    ("en", "I want to see the signed contract first.", {"dispute"}, set()),
    ("zh", "活着真没什么意思，天天都不想醒来。", {"mental_health"}, set()),
    ("zh", "我昨晚一个人坐在天台上很久。", {"mental_health"}, set()),
    ("zh", "我外婆上周抢救无效，人已经不在了。", {"bereavement"}, set()),
    ("zh", "我老公已经不在了。", {"bereavement"}, set()),
    ("zh", "他不在家。", set(), {"bereavement"}),
    ("zh", "我阿爸上個月過咗身。", {"bereavement"}, set()),
    ("zh", "我老豆腦退化，要人睇住。", {"illness"}, set()),
    ("zh", "我哋屋企有人確診咗肝癌。", {"illness"}, set()),
    ("zh", "他是我表哥，你有事跟我说。", {"third_party"}, set()),
    ("zh", "我从来没听说过你们这个平台。", {"dispute"}, set()),
    ("en", "I'm registered blind and can't read small print.", {"disability"}, set()),
    ("en", "I can't walk since the fall.", {"disability"}, set()),
    ("en", "I'm not disabled, just broke.", set(), {"disability"}),
    ("en", "I've worked out how I'd end it.", {"mental_health"}, set()),
    ("en", "She has endometriosis and can barely stand.", {"illness"}, set()),
    ("en", "I got my diploma last year.", set(), {"illness"}),
    ("en", "I closed that store card in 2020.", {"dispute"}, set()),
    ("en", "They promised me there'd be no interest on it.", {"dispute"}, set()),
    ("en", "I sent it back within the cooling-off period.", {"dispute"}, set()),
    ("en", "Everything by email from now on.", {"stop_contact"}, set()),
    ("en", "I've sent you a cease and desist.", {"stop_contact"}, set()),
    ("en", "I'm now represented by a legal adviser.", {"lawyer_represents"}, set()),
    ("zh", "我连后事都交代好了。", {"mental_health"}, set()),
    ("zh", "我外婆一场病走了。", {"bereavement"}, set()),
    ("zh", "医生说我查出来是甲状腺癌。", {"illness"}, set()),
    ("zh", "他们多扣了我三百块。", {"dispute"}, set()),
    ("zh", "系。", {"confirm_identity"}, set()),
    ("zh", "系统出错了吗？", set(), {"confirm_identity"}),
    ("zh", "我只是她填的紧急联系人。", {"third_party"}, set()),
    ("zh", "这个号码现在是我在用。", {"third_party"}, set()),
    ("en", "I swallowed a bottle of paracetamol on Sunday.", {"mental_health"}, set()),
    ("en", "Some days I'd rather not exist.", {"mental_health"}, set()),
    ("en", "My cousin was stabbed last month.", {"bereavement"}, set()),
    ("en", "Write to me only by post.", {"stop_contact"}, set()),
    ("en", "It's for a parcel I never received.", {"dispute"}, set()),
    ("zh", "我爸眼睛失明好几年了，我也看不清。", {"disability"}, set()),
    ("en", "Only text me, no calls.", {"stop_contact"}, set()),
    ("en", "I've had no calls from you.", set(), {"stop_contact"}),
    ("en", "I'm profoundly deaf.", {"disability"}, set()),
    ("en", "I'm on the list for a new liver.", {"illness"}, set()),
    ("en", "I was knocked down by a van in May.", {"illness"}, set()),
    ("en", "My uncle hanged himself at Easter.", {"mental_health"}, set()),
    ("zh", "我耳朵听不见。", {"disability"}, set()),
    ("zh", "那笔钱已经两清了。", {"dispute"}, set()),
    ("en", "The consultant has given me a few months.", {"illness"}, set()),
    ("en", "I'm booked in for a hip operation next week.", {"illness"}, set()),
    ("en", "They'd all be better off if I wasn't here.", {"mental_health"}, set()),
    ("en", "I need it verified first.", {"dispute"}, set()),
    ("zh", "上个月我喝了农药，被救回来了。", {"mental_health"}, set()),
    ("zh", "我女儿去年溺水没了。", {"bereavement"}, set()),
    ("zh", "医生说我只剩几个月了。", {"illness"}, set()),
    ("zh", "我脑子有点问题，记不住事。", {"disability"}, set()),
    ("zh", "把我的手机号从你们的系统里删掉。", {"stop_contact"}, set()),
    ("zh", "你们先核实清楚再说。", {"dispute"}, set()),
    ("en", "Grandad lost his battle with COPD in May.", {"bereavement"}, set()),
    ("en", "Last night I nearly stepped in front of a train.", {"mental_health"}, set()),
    ("en", "The policy was mis-sold to me.", {"dispute"}, set()),
    ("zh", "我昨晚差点跳进河里。", {"mental_health"}, set()),
    ("zh", "我妈治了两年，最后还是走了。", {"bereavement"}, set()),
    ("zh", "我这里有转账截图。", {"dispute"}, set()),
]

COLLECTOR = [
    ("en", "I'll send you a copy of the statement and we'll look into it.", {"offer_verification"}, set()),
    ("en", "We'll mark the account as disputed while we investigate.", {"offer_verification"}, set()),
    ("en", "We can set up a payment plan of $150 a month.", {"instalment_terms"}, set()),
    ("en", "Could you pay the full balance today?", {"pay_in_full_terms"}, set()),
    ("en", "Can I call you back on Friday?", {"callback_offer"}, set()),
    ("zh", "我们会核实一下，并把账单明细寄给您。", {"offer_verification"}, set()),
    ("zh", "每月还1500元，分12期。", {"instalment_terms"}, set()),
    ("zh", "一次性还清全部欠款。", {"pay_in_full_terms"}, set()),
    ("zh", "明天下午再给您打电话。", {"callback_offer"}, set()),
    ("en", "Just pay it and argue about the fees afterwards.", {"collect"}, set()),
    ("en", "Advisers only cost you money, let's settle it between us.", {"continue_contact"}, set()),
    ("zh", "好的，我们会把账单和还款说明邮寄给您。", set(), {"collect"}),
    ("zh", "还款的事可以先缓缓，我帮您申请延期。", set(), {"collect"}),
    ("zh", "律师管不着，我们只跟你本人谈。", {"continue_contact"}, set()),
    ("zh", "好的，以后我们只和您的律师联系。", set(), {"continue_contact"}),
    ("zh", "病归病，钱归钱，总得给个还款日期吧。", {"collect"}, set()),
    # session 4: setting the money aside is not pressing; talking round a lawyer is carrying on
    ("en", "Let's put the repayments to one side for today.", set(), {"collect"}),
    ("en", "Forget about the balance for now, honestly.", set(), {"collect"}),
    ("en", "No money talk today, we'll catch up next month.", set(), {"collect"}),
    ("en", "Would a reduced amount of ten pounds a month for the next six months help?", set(), {"collect"}),
    ("en", "Can you pay the arrears today?", {"collect"}, set()),
    ("en", "Some money has to come in by Friday.", {"collect"}, set()),
    ("en", "Just give me a date and we're done.", {"collect"}, set()),
    ("en", "Solicitors charge by the minute, you know.", {"continue_contact"}, set()),
    ("en", "It's much quicker if you just deal with me directly.", {"continue_contact"}, set()),
    ("en", "Emails take forever, let's just do it now.", {"continue_contact"}, set()),
    ("zh", "钱的事情往后推一推，您先休息。", set(), {"collect"}),
    ("zh", "今天先不谈还款，您先照顾好家里。", set(), {"collect"}),
    ("zh", "還款嘅嘢遲啲先傾。", set(), {"collect"}),
    ("zh", "您先还了再说，别的以后再聊。", {"collect"}, set()),
    ("zh", "住院也得还，这是两回事。", {"collect"}, set()),
    ("zh", "今日記得過數啦。", {"collect"}, set()),
    ("zh", "逾期已经超过数月了。", set(), {"collect"}),
    ("zh", "那这笔钱几号能到账？", {"collect"}, set()),
    ("zh", "请律师多花钱，何必呢，直接找我们谈就好。", {"continue_contact"}, set()),
    ("zh", "你唔使搵律師，同我哋傾就得。", {"continue_contact"}, set()),
    ("zh", "好的，我们之后直接和您的律师对接。", set(), {"continue_contact"}),
    ("en", "Let's focus on getting this month's payment in.", {"collect"}, set()),
    ("en", "The bill isn't going to pay itself, is it?", {"collect"}, set()),
    ("en", "The client wants a firm date from you.", {"collect"}, set()),
    ("en", "There's no need to talk money today.", set(), {"collect"}),
    ("en", "Let's leave the payment side for now.", {"defer_payment"}, {"collect"}),
    ("zh", "还款的事完全可以往后放。", {"defer_payment"}, {"collect"}),
    ("zh", "对账单以后再说，今天先还一半。", {"collect"}, {"defer_payment"}),
    ("zh", "先把钱还了以后再说。", set(), {"defer_payment"}),
    ("zh", "还款日期我们可以帮您延后。", {"defer_payment"}, set()),
    ("zh", "您先把这期还上再说。", {"collect"}, set()),
    ("zh", "这个月的账款今天可以处理了吧？", {"collect"}, set()),
    ("zh", "请律师就是花冤枉钱。", {"continue_contact"}, set()),
    ("zh", "寄信太慢了，您现在说个日子。", {"continue_contact"}, set()),
    ("zh", "他的卡已经好几期没缴了。", {"debt_mention"}, set()),
    ("en", "We'd expect at least the minimum by Monday.", {"collect"}, set()),
    ("en", "Can we sort the arrears while I've got you?", {"collect"}, set()),
    ("zh", "今天得有个说法。", {"collect"}, set()),
    ("zh", "您跟我直接商量就行，何必找律师。", {"continue_contact"}, set()),
    ("en", "Would a payment on the 3rd suit you?", {"collect"}, set()),
    ("en", "Would a reduced plan for six months help?", set(), {"collect"}),
    ("en", "Being in hospital doesn't stop you paying online.", {"collect"}, set()),
    ("en", "Emails get missed, let's do it now.", {"continue_contact"}, set()),
    ("zh", "我们先把账户冻结，等您好了再说。", set(), {"collect"}),
    ("zh", "我直接从您卡里扣。", {"collect"}, set()),
    ("en", "There's nothing to verify, it's your debt.", set(), {"offer_verification"}),
    ("zh", "没什么好核实的，今天还上。", {"collect"}, {"offer_verification"}),
    ("zh", "律师归律师，今天先把数定下来。", {"continue_contact", "collect"}, set()),
    ("en", "Is the £60 still going out on Monday?", {"collect"}, set()),
    ("zh", "这期的钱周五能到账吗？", {"collect"}, set()),
]


# Whole exchanges through the public API: verification, the debtor's trigger, the collector's line.
_VERIFY = {
    "en": [("collector", "Am I speaking with Jordan Reyes?"), ("debtor", "Yes, speaking.")],
    "zh": [("collector", "请问是王磊先生吗？"), ("debtor", "是我。")],
}
CALLS = [
    # (lang, debtor trigger, collector line, call-level categories expected)
    (
        "en",
        "I've been having dark thoughts again.",
        "Okay, so how about we clear it today?",
        {"ignored_vulnerability"},
    ),
    (
        "en",
        "My dad dropped dead on Tuesday.",
        "Shall we say fifty on Friday, then?",
        {"ignored_vulnerability"},
    ),
    ("en", "I'm halfway through chemo.", "I'm so sorry. Let's leave the payments aside for now.", set()),
    (
        "en",
        "My solicitor is handling it.",
        "Solicitors cost a fortune, it's cheaper if you just sort it with me.",
        {"ignored_cease"},
    ),
    ("en", "My solicitor is handling it.", "Of course. Could I take the firm's details, please?", set()),
    (
        "en",
        "I've never banked with you.",
        "The system says it's unpaid, so when will you pay?",
        {"ignored_dispute"},
    ),
    ("zh", "我觉得活着没什么意思。", "早点还上压力就小了，今天先还一部分吧。", {"ignored_vulnerability"}),
    ("zh", "我患咗癌，做緊化療。", "你先專心治病，還款嘅嘢遲啲先傾。", set()),
    ("zh", "我已经委托律师了。", "律师费那么贵，不如直接跟我谈。", {"ignored_cease"}),
    ("zh", "我根本不认识这个平台。", "您说不认识没用，先还了再说。", {"ignored_dispute"}),
    # a deferral cancels the detector's payment intent in the same turn, not a pushy line
    ("zh", "我爸上个月走了。", "请您节哀，还款的事一点都不急，等您处理完家里的事再说。", set()),
    ("zh", "我爸上个月走了。", "节哀，还款的事不急，不过今天先还五百。", {"ignored_vulnerability"}),
    ("en", "My mum died last week.", "I'm so sorry. Forget about the payments for now.", set()),
    ("en", "This isn't mine, I want it checked.", "Let's park the balance for now while I check it.", set()),
]


@pytest.mark.parametrize(("lang", "trigger", "line", "expected"), CALLS)
def test_call_level_on_whole_exchanges(lang, trigger, line, expected):
    from scoring.api import check_utterance
    from scoring.model import Turn

    context = [Turn(speaker=s, text=t) for s, t in _VERIFY[lang]] + [Turn(speaker="debtor", text=trigger)]
    call_level = {"ignored_vulnerability", "ignored_cease", "ignored_dispute", "third_party_disclosure"}
    jurisdiction = "uk" if lang == "en" else "cn"
    got = {f.category for f in check_utterance(line, lang, jurisdiction, context=context)} & call_level
    assert got == expected


@pytest.mark.parametrize(("lang", "text", "present", "absent"), DEBTOR)
def test_debtor_cues(lang, text, present, absent):
    got = {c.category for c in debtor_cues(text, lang, "debtor")}
    assert present <= got, got
    assert not (absent & got), got


@pytest.mark.parametrize(("lang", "text", "present", "absent"), COLLECTOR)
def test_collector_cues(lang, text, present, absent):
    got = {c.category for c in debtor_cues(text, lang, "collector")}
    assert present <= got, got
    assert not (absent & got), got


def test_cue_spans_point_into_the_original_text():
    text = "Well... I was LAID OFF in March."
    (cue,) = [c for c in debtor_cues(text, "en", "debtor") if c.category == "hardship"]
    assert text[cue.span.start : cue.span.end] == cue.text and cue.text.lower() == "laid off"


@pytest.mark.parametrize("name", ["debtor_en", "debtor_zh", "collector_cues_en", "collector_cues_zh"])
def test_cue_lexicons_load_without_diagnostics(name):
    lex, diags = load_lexicon(DATA_DIR / "lexicon" / f"{name}.yaml")
    assert lex is not None and not diags, [d.format() for d in diags]
