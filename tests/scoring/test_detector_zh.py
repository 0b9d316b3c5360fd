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
    ("您好，我是招商银行信用卡中心的客服小王，工号1234", {"self_identification"}, set()),
    ("请问是张先生本人吗？", {"identity_verification"}, set()),
    ("麻烦您核实一下身份证后四位", {"identity_verification"}, set()),
    ("本次来电是关于您信用卡逾期账款的催收", {"debt_collector_disclosure"}, set()),
    ("您每月收入和必要开支大概多少？", {"affordability_check"}, set()),
    ("您可以申请分期、延期或者停息挂账", {"hardship_options"}, set()),
    ("您也可以咨询免费的债务咨询机构", {"debt_advice_signpost"}, set()),
    ("跟您确认一下：每月15号还800元，共12期", {"agreement_confirmation"}, set()),
    # --- obfuscation, traditional, dialect
    ("你会坐.牢的", {"threat_arrest"}, set()),
    ("ｓ.ｂ", {"abusive_language"}, set()),
    ("去你 m 的", {"abusive_language"}, set()),
    ("你唔还钱就等住坐监", {"threat_arrest"}, set()),
    ("冇人会拉你去差馆", {"reassure"}, {"threat_arrest"}),
    ("我們會通知你嘅公司同事", {"shaming_threat"}, set()),
    ("我们会起\u200d诉你", {"threat_legal_action"}, set()),
    ("打 死 你", {"threat_violence"}, set()),
    # --- paraphrases written for this table (not from the corpus)
    ('你信不信我让人废了你', {'threat_violence'}, set()),
    ('再拖着，哪天你出门被车撞了可别怪我', {'threat_violence'}, set()),
    ('我们的人就在你楼下等着呢', {'threat_violence'}, set()),
    ('钱不还，你那双手就别想要了', {'threat_violence'}, set()),
    ('小心你家那辆车', {'threat_violence'}, set()),
    ('你老婆每天几点下班我们都清楚', {'threat_violence'}, set()),
    ('惹急了我们，什么事都干得出来', {'threat_violence'}, set()),
    ('你这属于恶意透支，够判三年的', {'threat_arrest'}, set()),
    ('派出所那边我已经打过招呼了，随时可以去抓你', {'threat_arrest'}, set()),
    ('再不还，等着警察上门铐你吧', {'threat_arrest'}, set()),
    ('你就等着进局子吧', {'threat_arrest'}, set()),
    ('我们会把材料交到公安，让你吃牢饭', {'threat_arrest'}, set()),
    ('不還錢就等著坐牢', {'threat_arrest'}, set()),
    ('你這是詐騙，警察會找你', {'threat_arrest'}, set()),
    ('下周一律师函就寄到你单位', {'threat_legal_action'}, set()),
    ('我们法务部已经在准备起诉材料了', {'threat_legal_action'}, set()),
    ('到时候法院判下来，你的房子就要被拍卖', {'threat_legal_action'}, set()),
    ('再不处理，直接申请强制执行', {'threat_legal_action'}, set()),
    ('你工资卡会被冻结的，到时候别哭', {'threat_legal_action'}, set()),
    ('等着上失信名单吧，高铁飞机都坐不了', {'threat_legal_action'}, set()),
    ('我们会走司法途径追讨', {'threat_legal_action'}, set()),
    ('法庭上见吧', {'threat_legal_action'}, set()),
    ('你脑子是不是有病', {'abusive_language'}, set()),
    ('穷逼一个还敢借钱', {'abusive_language'}, set()),
    ('你个死赖皮', {'abusive_language'}, set()),
    ('傻 b 一个', {'abusive_language'}, set()),
    ('你真是个废柴', {'abusive_language'}, set()),
    ('他妈的快还钱', {'abusive_language'}, set()),
    ('滚犊子吧你', {'abusive_language'}, set()),
    ('你就是个骗子，骗了银行的钱', {'abusive_language'}, set()),
    ('你单位领导的电话我们已经拿到了', {'shaming_threat'}, set()),
    ('我们会把你欠钱的事告诉你所有同事', {'shaming_threat'}, set()),
    ('再不还，我就挨个给你通讯录里的人打电话', {'shaming_threat'}, set()),
    ('你的欠款信息我们会发到你们小区业主群', {'shaming_threat'}, set()),
    ('我们会去你老家村里贴告示', {'shaming_threat'}, set()),
    ('想让你爸妈知道你在外面欠了一屁股债吗', {'shaming_threat'}, set()),
    ('要不我打给你老婆问问她知不知道', {'shaming_threat'}, set()),
    ('我是区法院执行庭的法官', {'impersonation'}, set()),
    ('我們是公安局的，請配合調查', {'impersonation'}, set()),
    ('这边是最高人民法院执行局', {'impersonation'}, set()),
    ('我们是律所的，受法院指派', {'impersonation'}, set()),
    ('我是银保监会的工作人员', {'impersonation'}, set()),
    ('您好，我们是做人口普查的，想核对一下您的住址', {'pretext'}, set()),
    ('您有一个包裹地址不详，请问您现在住哪', {'pretext'}, set()),
    ('恭喜你抽中了一台手机，请留一下地址', {'pretext'}, set()),
    ('我是他老同学，想问问他现在住哪', {'pretext'}, set()),
    ('你这笔欠款已经被法院判决了，必须今天还', {'misrepresentation'}, set()),
    ('不还钱你的孩子以后不能当兵', {'misrepresentation'}, set()),
    ('你欠的钱会算到你父母头上', {'misrepresentation'}, set()),
    ('逾期一天，利息就翻一倍', {'misrepresentation'}, set()),
    ('你现在已经是全国通缉的老赖了', {'misrepresentation'}, set()),
    ('交500块我们马上帮你把征信记录删掉', {'misrepresentation'}, set()),
    ('我们每隔一小时给你打一次电话', {'harassment'}, set()),
    ('今晚十二点我们还会打', {'harassment'}, set()),
    ('你换号也没用，我们会一直找你', {'harassment'}, set()),
    ('从今天起每天给你发一百条短信', {'harassment'}, set()),
    ('你不接就一直打，打到你接为止', {'harassment'}, set()),
    ('你朋友那么多，随便借一点不就还上了', {'pressure_to_borrow'}, set()),
    ('下载个借钱软件，十分钟就能到账', {'pressure_to_borrow'}, set()),
    ('把你的金项链卖了吧', {'pressure_to_borrow'}, set()),
    ('找你爸妈要钱先还上', {'pressure_to_borrow'}, set()),
    ('去办张新的信用卡，套出来还我们', {'pressure_to_borrow'}, set()),
    ('你还要另外付800元的律师费', {'unauthorized_fee'}, set()),
    ('每打一次电话收你20块通讯费', {'unauthorized_fee'}, set()),
    ('想分期可以，先交300块手续费', {'unauthorized_fee'}, set()),
    ('逾期一天加收100元罚款', {'unauthorized_fee'}, set()),
    ('我能听出来您现在很焦虑', {'acknowledge_feeling'}, set()),
    ('您这段时间一定特别辛苦', {'acknowledge_feeling'}, set()),
    ('看得出来您对这件事很着急', {'acknowledge_feeling'}, set()),
    ('家里老人住院，真是辛苦您了，希望老人家早日康复', {'sympathy'}, set()),
    ('得知您离婚了，真的很遗憾', {'sympathy'}, set()),
    ('听说您的店关门了，我挺难过的', {'sympathy'}, set()),
    ('遇到这种情况，谁都会慌', {'validate'}, set()),
    ('您有这样的顾虑很正常', {'validate'}, set()),
    ('换成是我，我也会生气的', {'validate'}, set()),
    ('您放心，这件事一定能解决', {'reassure'}, set()),
    ('不用紧张，我们慢慢来', {'reassure'}, set()),
    ('我们不会找您的家人要钱', {'reassure'}, set()),
    ('您不会因为这个进监狱', {'reassure'}, set()),
    ('没有人会去您家', {'reassure'}, set()),
    ('您最近工作方面怎么样？', {'open_question'}, set()),
    ('方便和我说说是什么情况吗？', {'open_question'}, set()),
    ('您那边遇到了什么困难？', {'open_question'}, set()),
    ('我可以帮您申请减免一部分罚息', {'offer_help'}, set()),
    ('需要的话我帮您把还款提醒设置一下', {'offer_help'}, set()),
    ('有什么我能帮您的，尽管说', {'offer_help'}, set()),
    ('谢谢您的耐心', {'courtesy'}, set()),
    ('打扰您休息了，不好意思', {'courtesy'}, set()),
    ('麻烦您稍等一下，我查一下', {'courtesy'}, set()),
    ('你当初借钱的时候就该想到今天', {'blame'}, set()),
    ('都是你自己乱花钱造成的', {'blame'}, set()),
    ('谁让你借那么多网贷的', {'blame'}, set()),
    ('你的困难跟我有什么关系', {'dismiss'}, set()),
    ('我不管你失业不失业，钱必须还', {'dismiss'}, set()),
    ('别跟我说你生病了，谁没生过病', {'dismiss'}, set()),
    ('哟，您还挺会享受啊，天天下馆子', {'sarcasm'}, set()),
    ('您可真是大忙人，一个电话都接不到', {'sarcasm'}, set()),
    ('你到底听不听得懂中文', {'condescension'}, set()),
    ('这么点事都搞不明白', {'condescension'}, set()),
    ('我都说了三遍了，你还不明白？', {'condescension'}, set()),
    ('我没时间听你解释，直接说什么时候还', {'rushing'}, set()),
    ('少废话，就说还不还', {'rushing'}, set()),
    ('行了行了，别说了', {'rushing'}, set()),
    ('你给我听好了！', {'shouting'}, set()),
    ('还钱！！还钱！！', {'shouting'}, set()),
    ('您好，我是中国银行信用卡中心的客户经理张敏', {'self_identification'}, set()),
    ('我姓刘，是捷信金融的，工号8812', {'self_identification'}, set()),
    ('请问您是王建国先生吗？', {'identity_verification'}, set()),
    ('麻烦您提供一下身份证号码后六位', {'identity_verification'}, set()),
    ('今天给您打电话是想跟您沟通一下信用卡逾期的事', {'debt_collector_disclosure'}, set()),
    ('我们是受建设银行委托，负责处理您的欠款', {'debt_collector_disclosure'}, set()),
    ('您目前一个月收入大概多少？', {'affordability_check'}, set()),
    ('您每个月的房租、水电这些开销大概是多少？', {'affordability_check'}, set()),
    ('我们可以为您申请停息挂账', {'hardship_options'}, set()),
    ('可以考虑办理延期还款', {'hardship_options'}, set()),
    ('您也可以联系当地的法律援助中心，免费的', {'debt_advice_signpost'}, set()),
    ('我跟您确认一下，您这周五转2000元到还款账户，对吗？', {'agreement_confirmation'}, set()),
    ('那我们就说好，每月10号还500块，分12期', {'agreement_confirmation'}, set()),
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
