"""Chinese detection of collector utterances: one table row per behaviour, hard negatives included.

Each row says which categories must be reported for an utterance and which must not. The rows
cover simplified and traditional characters, 你/您, dialect, full-width and zero-width tricks,
homophone insults, negation and denial (clean) versus conditional threats (violations).
"""

from __future__ import annotations

import pytest

from scoring.detector import detect
from scoring.model import Kind
from scoring.text import zh

# (utterance, must report, must not report)
CASES: list[tuple[str, set[str], set[str]]] = [
    # --- threat_violence
    ("再不还钱，小心我找人打断你的腿", {"threat_violence"}, set()),
    ("我们知道你家住哪，你孩子在哪上学我们也清楚", {"threat_violence"}, set()),
    ("信不信我弄死你", {"threat_violence"}, set()),
    ("到时候别怪我们不客气", {"threat_violence"}, set()),
    ("出门走夜路小心点", {"threat_violence"}, set()),
    ("我们绝不会伤害您或您的家人", set(), {"threat_violence"}),
    ("您放心，我们只是电话沟通，不会有任何人身方面的问题", set(), {"threat_violence"}),
    # --- threat_arrest
    ("你再不还钱就等着坐牢吧", {"threat_arrest"}, set()),
    ("不还钱就让你坐牢", {"threat_arrest"}, set()),
    ("你會被抓的，警察明天就上門", {"threat_arrest"}, set()),
    ("我们已经报警了，派出所会来拘留你", {"threat_arrest"}, set()),
    ("你这是诈骗，要负刑事责任的", {"threat_arrest"}, set()),
    ("你这样下去要进去蹲几年", {"threat_arrest"}, set()),
    ("没有人会抓您，这只是民事欠款", set(), {"threat_arrest"}),
    ("您不用担心坐牢，逾期不是犯罪", set(), {"threat_arrest"}),
    ("欠款逾期属于民事纠纷，不会被拘留", set(), {"threat_arrest"}),
    # --- threat_legal_action
    ("三天内不还，我们就去法院起诉你", {"threat_legal_action"}, set()),
    ("法院传票马上就寄到你家", {"threat_legal_action"}, set()),
    ("我们会申请强制执行，冻结你的工资和银行卡", {"threat_legal_action"}, set()),
    ("等着被列为失信被执行人，限制高消费吧", {"threat_legal_action"}, set()),
    ("我们不会起诉您，先一起看看还款方案", set(), {"threat_legal_action"}),
    ("目前我们并没有走法律程序的打算", set(), {"threat_legal_action"}),
    # --- abusive_language
    ("你个傻逼，欠钱不还", {"abusive_language"}, set()),
    ("你就是个老赖，不要脸", {"abusive_language"}, set()),
    ("沙比", {"abusive_language"}, set()),
    ("你这个s b", {"abusive_language"}, set()),
    ("傻\u200b逼", {"abusive_language"}, set()),
    ("ＳＢ一个", {"abusive_language"}, set()),
    ("废物，狗东西", {"abusive_language"}, set()),
    ("tmd快点还钱", {"abusive_language"}, set()),
    ("您好，请问是王先生吗", set(), {"abusive_language"}),
    ("我们公司的finance部门会跟进", set(), {"abusive_language"}),
    # --- shaming_threat
    ("不还的话我们就爆你通讯录", {"shaming_threat"}, set()),
    ("你要是不还，我们就通知你单位", {"shaming_threat"}, set()),
    ("我们会打电话给你的领导和同事，让大家都知道你欠钱", {"shaming_threat"}, set()),
    ("你也不想让你家里人知道这件事吧", {"shaming_threat"}, set()),
    ("我们把你的照片发到朋友圈曝光", {"shaming_threat"}, set()),
    ("我们不会联系您的家人", set(), {"shaming_threat"}),
    ("我們不會聯繫您的家人和同事", set(), {"shaming_threat"}),
    ("您可以先和家人商量一下再答复我", set(), {"shaming_threat"}),
    # --- impersonation
    ("我是市公安局经侦大队的", {"impersonation"}, set()),
    ("这里是人民法院执行局，通知你明天到庭", {"impersonation"}, set()),
    ("我是王律师，代表法院跟你说话", {"impersonation"}, set()),
    ("我们是受法院委托来执行的", {"impersonation"}, set()),
    ("我们不是法院，也不是公安", set(), {"impersonation"}),
    # --- pretext
    ("您好，您有一个快递需要核实地址", {"pretext"}, set()),
    ("恭喜您中奖了，请提供一下身份证号", {"pretext"}, set()),
    ("我们在做一个满意度调查，耽误您两分钟", {"pretext"}, set()),
    ("我是哪家公司的你别管", {"pretext"}, set()),
    # --- misrepresentation
    ("你已经上了征信黑名单，一辈子贷不了款", {"misrepresentation"}, set()),
    ("这笔钱你孩子将来也得替你还", {"misrepresentation"}, set()),
    ("你不还的话会影响你孩子考公务员", {"misrepresentation"}, set()),
    ("我们已经在法院立案了", {"misrepresentation"}, set()),
    ("逾期记录会按规定报送征信，结清后五年自动消除", set(), {"misrepresentation"}),
    # --- harassment
    ("不还钱我们每天打你电话", {"harassment"}, set()),
    ("打爆你的电话，让你睡不着觉", {"harassment"}, set()),
    ("我们会二十四小时不停地给你打", {"harassment"}, set()),
    ("我们不会在晚上九点以后给您打电话", set(), {"harassment"}),
    # --- pressure_to_borrow
    ("你去找亲戚朋友借钱先还上", {"pressure_to_borrow"}, set()),
    ("没钱就去借网贷，拆东墙补西墙", {"pressure_to_borrow"}, set()),
    ("用别的信用卡套现还这张", {"pressure_to_borrow"}, set()),
    ("把车卖了还钱", {"pressure_to_borrow"}, set()),
    ("我们不建议您借钱来还款，量力而行就好", set(), {"pressure_to_borrow"}),
    # --- unauthorized_fee
    ("另外要收五百块催收费", {"unauthorized_fee"}, set()),
    ("我们上门一次你要付三百块外访费", {"unauthorized_fee"}, set()),
    ("先交两百手续费才能给你办分期", {"unauthorized_fee"}, set()),
    ("我们不收任何额外费用", set(), {"unauthorized_fee"}),
    ("办理分期不需要任何手续费", set(), {"unauthorized_fee"}),
    # --- empathy positive
    ("听起来您最近压力真的很大", {"acknowledge_feeling"}, set()),
    ("听到您失业的消息，我很难过", {"sympathy"}, set()),
    ("换了谁遇到这种事都会着急的", {"validate"}, set()),
    ("我完全理解您的心情", {"validate"}, set()),
    ("别担心，我们一起想办法", {"reassure"}, set()),
    ("能跟我说说最近发生了什么吗？", {"open_question"}, set()),
    ("我可以帮您申请看看有没有合适的方案", {"offer_help"}, set()),
    ("您好，抱歉打扰您了", {"courtesy"}, set()),
    ("麻烦您稍等一下，谢谢", {"courtesy"}, set()),
    # --- empathy negative
    ("借钱的时候怎么不想想还不上怎么办", {"blame"}, set()),
    ("这是你自己的问题，跟我没关系", {"dismiss"}, set()),
    ("你可真行啊，有钱旅游没钱还", {"sarcasm"}, set()),
    ("这么简单的道理都不懂吗", {"condescension"}, set()),
    ("别跟我废话，就说什么时候还", {"rushing"}, set()),
    ("还钱！！！", {"shouting"}, set()),
    ("闭嘴，听我说", {"shouting"}, set()),
    # --- required conduct
    ("您好，我是招商银行信用卡中心的客服小王，工号1234", {"self_identification", "courtesy"}, set()),
    ("请问是张先生本人吗？", {"identity_verification"}, set()),
    ("麻烦您核实一下身份证后四位", {"identity_verification"}, set()),
    ("本次来电是关于您信用卡逾期账款的催收", {"debt_collector_disclosure"}, set()),
    ("您每月收入和必要开支大概多少？", {"affordability_check"}, set()),
    ("您可以申请分期、延期或者停息挂账", {"hardship_options"}, set()),
    ("您也可以咨询免费的债务咨询机构", {"debt_advice_signpost"}, set()),
    ("跟您确认一下：每月15号还800元，共12期", {"agreement_confirmation"}, set()),
    # --- intents
    ("您的信用卡已经逾期两个月了", {"mentions_debt"}, set()),
    ("请您今天下午五点前还款", {"payment_request"}, set()),
]


def _categories(text: str) -> set[str]:
    return {f.category for f in detect(text, "zh")}


@pytest.mark.parametrize(("text", "present", "absent"), CASES, ids=[c[0] for c in CASES])
def test_zh_case(text: str, present: set[str], absent: set[str]) -> None:
    found = _categories(text)
    assert present <= found, f"missing {present - found} in {text!r}; found {found}"
    assert not (absent & found), f"false alarm {absent & found} in {text!r}"


def test_neutral_sentences_are_clean_of_violations() -> None:
    neutral = [
        "您好，请问现在方便接电话吗？",
        "我们可以根据您的情况调整还款计划",
        "好的，那我们下周二再联系您",
        "您的账单金额是三千二百元",
        "如果有任何疑问，可以拨打我们的客服热线",
    ]
    for text in neutral:
        kinds = {f.kind for f in detect(text, "zh")}
        assert Kind.violation not in kinds, text


def test_spans_point_into_the_original_text() -> None:
    text = "你會被抓"
    findings = [f for f in detect(text, "zh") if f.category == "threat_arrest"]
    assert findings
    for f in findings:
        assert text[f.span.start : f.span.end] == f.text
        assert f.text


def test_fold_maps_homophone_back_to_original() -> None:
    folded, index_map = zh.fold("你个沙比")
    assert folded == "你个傻逼"
    assert len(index_map) == len(folded) + 1
    assert zh.map_span(index_map, 2, 4) == (2, 4)


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("傻 逼", "傻逼"),
        ("坐*牢", "坐牢"),
        ("s b", "sb"),
        ("唔会", "不会"),
        ("冇人", "没人"),
        ("我系", "我是"),
        ("finance", "finance"),  # a Latin variant ("nc") never folds inside a word
        ("nc", "脑残"),
        ("12b栋", "12b栋"),
    ],
)
def test_fold_variants(raw: str, folded: str) -> None:
    assert zh.fold(raw)[0] == folded


def test_fold_span_of_a_longer_variant_covers_it_all() -> None:
    text = "傻bi你"
    folded, index_map = zh.fold(text)
    assert folded == "傻逼你"
    assert zh.map_span(index_map, 0, 2) == (0, 3)


def test_variant_table_is_plain_strings() -> None:
    table = zh.variants()
    assert table and all(isinstance(k, str) and isinstance(v, str) and k and v for k, v in table.items())
