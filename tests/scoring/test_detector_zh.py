"""Chinese detection of collector utterances: one table row per behaviour, hard negatives included.

Each row says which categories the zh lexicon must report for an utterance and which it must not. The rows
cover simplified and traditional characters, 你/您, dialect, full-width and zero-width tricks,
homophone insults, negation and denial (clean) versus conditional threats (violations).
"""

from __future__ import annotations

import pytest

import scoring.detector
from scoring.detector import detect
from scoring.model import Kind
from scoring.text import zh


@pytest.fixture(autouse=True)
def _lexicon_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """These rows pin down what zh.yaml itself detects. The learned second opinion
    (scoring/learned.py) adds findings on top and is tested with its own model."""
    monkeypatch.setattr(scoring.detector, "model_for", lambda lang: None)

THREATS = {"threat_violence", "threat_arrest", "threat_legal_action", "shaming_threat"}

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
    ("再不还我就直接报井了", {"threat_arrest"}, set()),  # 井 typed for 警
    ("我们不会报井的，您别担心", set(), {"threat_arrest"}),
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
    ("我完全理解您的心情", {"acknowledge_feeling"}, set()),
    ("换个角度说，您有这种担心完全可以理解", {"validate"}, set()),
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
    ('你给我听好了！！', {'shouting'}, set()),
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
    # --- conditional threats, denials, empathy and conduct paraphrases (second batch)
    ('你要是再不还，我们只能起诉了', {'threat_legal_action'}, set()),
    ('不还钱的话，警察会来找你的', {'threat_arrest'}, set()),
    ('你再拖，我们就联系你的紧急联系人，把事情说清楚', {'shaming_threat'}, set()),
    ('别以为我们不敢告你', {'threat_legal_action'}, set()),
    ('你也不想让你们领导知道吧', {'shaming_threat'}, set()),
    ('你不接电话是吧，那我们就天天打', {'harassment'}, set()),
    ('别逼我们用别的办法', {'threat_violence'}, set()),
    ('如果今天还不上，明天就走法律程序', {'threat_legal_action'}, set()),
    ('不处理就等着派出所传唤吧', {'threat_arrest'}, set()),
    ('你不还，你老公就得替你还', {'misrepresentation'}, set()),
    ('放心吧，不会有人去您单位的', {'reassure'}, THREATS),
    ('我们绝对不会把这件事告诉任何人', {'reassure'}, THREATS),
    ('不会坐牢的，这个您放心', {'reassure'}, THREATS),
    ('起诉？我们没这个打算', {'reassure'}, THREATS),
    ('您孩子不用替您还这笔钱', {'reassure'}, THREATS),
    ('警察不会因为欠款找您的', {'reassure'}, THREATS),
    ('您听起来很疲惫', {'acknowledge_feeling'}, set()),
    ('这事搁谁身上都不好受，您现在肯定很难受', {'acknowledge_feeling'}, set()),
    ('我能感觉到您很委屈', {'acknowledge_feeling'}, set()),
    ('很抱歉听说您父亲去世了', {'sympathy'}, set()),
    ('对于您的遭遇，我深表同情', {'sympathy'}, set()),
    ('哎，真是太难为您了', {'sympathy'}, set()),
    ('您的担心完全可以理解', {'validate'}, set()),
    ('这种情况确实让人头疼，换谁都一样', {'validate'}, set()),
    ('您这么想是很合理的', {'validate'}, set()),
    ('咱们一步一步来，总能解决的', {'reassure'}, THREATS),
    ('您先别慌，办法肯定有', {'reassure'}, THREATS),
    ('您觉得每个月还多少比较合适？', {'open_question'}, set()),
    ('能说说是什么原因导致没能按时还款吗？', {'open_question'}, set()),
    ('您目前的生活情况怎么样？', {'open_question'}, set()),
    ('您这边有什么想法吗？', {'open_question'}, set()),
    ('我这边可以帮您提交一个延期申请', {'offer_help'}, set()),
    ('如果您需要，我可以把方案发到您手机上', {'offer_help'}, set()),
    ('要不要我帮您算一下每期要还多少？', {'offer_help'}, set()),
    ('感谢您抽空接听电话', {'courtesy'}, set()),
    ('不好意思，打扰您一会儿', {'courtesy'}, set()),
    ('请问您贵姓？', {'courtesy'}, set()),
    ('你自己花的钱，自己不还谁还？', {'blame'}, set()),
    ('借的时候痛快，还的时候就装死', {'blame'}, set()),
    ('你有什么困难那是你的事', {'dismiss'}, set()),
    ('别扯那些没用的，还钱就行', {'dismiss'}, set()),
    ('您这理由可真新鲜', {'sarcasm'}, set()),
    ('真有本事，借了十几家网贷', {'sarcasm'}, set()),
    ('你连利息怎么算都不知道还敢借钱？', {'condescension'}, set()),
    ('我给你讲你也听不懂', {'condescension'}, set()),
    ('我没空跟你耗，给个准话', {'rushing'}, set()),
    ('快点说，到底还不还', {'rushing'}, set()),
    ('听清楚没有！！！', {'shouting'}, set()),
    ('您好，我叫李强，是浦发银行信用卡中心的', {'self_identification'}, set()),
    ('我是招联金融贷后部的王经理', {'self_identification'}, set()),
    ('请问是陈女士本人接听吗？', {'identity_verification'}, set()),
    ('为了确认是您本人，请说一下您的出生年月', {'identity_verification'}, set()),
    ('这次打电话主要是关于您的逾期欠款', {'debt_collector_disclosure'}, set()),
    ('我们是银行委托的催收机构', {'debt_collector_disclosure'}, set()),
    ('您家里每个月的固定开支有哪些？', {'affordability_check'}, set()),
    ('您现在的收入能覆盖日常生活吗？', {'affordability_check'}, set()),
    ('针对您的情况，可以申请个性化分期', {'hardship_options'}, set()),
    ('我们可以帮您申请暂缓还款三个月', {'hardship_options'}, set()),
    ('如果您确实困难，可以减免部分利息', {'hardship_options'}, set()),
    ('您也可以找当地的公益债务咨询机构聊聊', {'debt_advice_signpost'}, set()),
    ('有免费的财务咨询热线，需要我发给您吗', {'debt_advice_signpost'}, set()),
    ('好的，我再跟您核对一下：下周一还3000元，通过银行转账', {'agreement_confirmation'}, set()),
    ('那就这么说定了，每月5号还400，共10期', {'agreement_confirmation'}, set()),
    # --- third batch: other situations and sentence shapes
    ('我这边是物流公司的，您有个件一直没人签收，方便说下现在的地址吗', {'pretext'}, set()),
    ('您好，这里是社区卫生服务中心，想跟您核实一下家庭住址', {'pretext'}, set()),
    ('我是你表哥的朋友，他让我问问你最近住哪', {'pretext'}, set()),
    ('我们在做一个关于消费习惯的回访，能问您几个问题吗', {'pretext'}, set()),
    ('您的社保卡有问题需要重新登记，请提供一下单位地址', {'pretext'}, set()),
    ('我们是市中级人民法院委托的律师', {'impersonation'}, set()),
    ('我是公安局的民警，你这个案子归我管', {'impersonation'}, set()),
    ('我们这是代表政府来处理你的欠款', {'impersonation'}, set()),
    ('這裡是法院，請你明天來一趟', {'impersonation'}, set()),
    ('我们跟法院有合作，判决书随时能下来', {'impersonation'}, set()),
    ('你一天不还，我们就一天不停地打', {'harassment'}, set()),
    ('我们会在你上班的时候一直打你电话', {'harassment'}, set()),
    ('拉黑也没用，我们有的是号码', {'harassment'}, set()),
    ('以后每个周末我们都上门拜访', {'harassment'}, set()),
    ('凌晨三点你也得接我电话', {'harassment'}, set()),
    ('今天还的话要另加一笔200元的加急处理费', {'unauthorized_fee'}, set()),
    ('我们的上门服务费是每次500', {'unauthorized_fee'}, set()),
    ('不交停催费，电话是不会停的', {'unauthorized_fee'}, set()),
    ('律师费3000元由你承担', {'unauthorized_fee'}, set()),
    ('你这个欠款五年都不会消，一直跟着你', {'misrepresentation'}, set()),
    ('逾期超过三个月就自动变成刑事案件', {'misrepresentation'}, set()),
    ('全国的银行都已经把你拉黑了', {'misrepresentation'}, set()),
    ('你现在连火车票都买不了了', {'misrepresentation'}, set()),
    ('不还清，你父母的退休金也会被扣', {'misrepresentation'}, set()),
    ('好，那就按您说的，这个月25号先还1500，下个月再还1500', {'agreement_confirmation'}, set()),
    ('最后再确认一遍：每月8号，600元，从您尾号3321的卡里自动扣', {'agreement_confirmation'}, set()),
    ('我重复一下我们的约定，明天下午三点前通过支付宝还清4200元', {'agreement_confirmation'}, set()),
    ('如果您欠了好几家，建议先找公益的债务咨询机构帮您理一理', {'debt_advice_signpost'}, set()),
    ('各地都有法律援助中心，可以免费咨询债务问题', {'debt_advice_signpost'}, set()),
    ('最近是遇到什么事了吗？', {'open_question'}, set()),
    ('能跟我讲讲您现在的情况吗？', {'open_question'}, set()),
    ('您那边是出了什么状况？', {'open_question'}, set()),
    ('哟，您还知道接电话啊', {'sarcasm'}, set()),
    ('您这演技不去当演员可惜了', {'sarcasm'}, set()),
    ('真是稀客啊，终于肯接电话了', {'sarcasm'}, set()),
    ('我用最简单的话跟你解释，你应该能听懂吧', {'condescension'}, set()),
    ('这都不懂，你怎么办的信用卡', {'condescension'}, set()),
    ('你先去学学什么叫契约精神', {'condescension'}, set()),
    ('你生病跟我们没关系，钱照样要还', {'dismiss'}, set()),
    ('别拿孩子当借口', {'dismiss'}, set()),
    ('你那点事我不关心', {'dismiss'}, set()),
    ('你欠钱不还，还有脸跟我讲道理？', {'blame'}, set()),
    ('要不是你自己乱借，能到今天这步？', {'blame'}, set()),
    ('别绕了，直接给个数', {'rushing'}, set()),
    ('我只问一句，还不还？', {'rushing'}, set()),
    ('实在不好意思，这么晚打扰您', {'courtesy'}, set()),
    ('劳烦您帮忙转告一下', {'courtesy'}, set()),
    ('多谢您的配合', {'courtesy'}, set()),
    ('听您这么说我心里也挺难受的', {'sympathy'}, set()),
    ('感觉您现在特别无助', {'acknowledge_feeling'}, set()),
    ('我听得出您很生气', {'acknowledge_feeling'}, set()),
    ('有这种情绪很正常，换我也一样', {'validate'}, set()),
    ('这个不用担心，还有时间', {'reassure'}, THREATS),
    ('您不会因为这个失业的', {'reassure'}, THREATS),
    ('我们不会让您的邻居知道', {'reassure'}, THREATS),
    ('我可以帮您把还款日调到每月20号', {'offer_help'}, set()),
    ('您看要不要我先帮您把利息停下来', {'offer_help'}, set()),
    ('我们有困难客户帮扶计划，可以先停息半年', {'hardship_options'}, set()),
    ('可以先只还利息，本金往后延', {'hardship_options'}, set()),
    ('您家里还有谁有收入吗？', {'affordability_check'}, set()),
    ('除了这张卡，您还有别的欠款要还吗？', {'affordability_check'}, set()),
    ('跟您核对一下，您的身份证号码尾号是多少？', {'identity_verification'}, set()),
    ('我是华夏银行信用卡中心的催收专员刘芳，工号2047', {'self_identification'}, set()),
    ('我们打电话是为了您名下逾期未还的贷款', {'debt_collector_disclosure'}, set()),
    # --- negation traps (the threat stands) and denials
    ('我不是跟你开玩笑，不还钱就起诉你', {'threat_legal_action'}, {'reassure'}),
    ('别以为换了号码我们就找不到你', {'harassment'}, {'reassure'}),
    ('不还钱？那就等着坐牢吧', {'threat_arrest'}, {'reassure'}),
    ('你不想让你妈知道吧？', {'shaming_threat'}, {'reassure'}),
    ('不是我吓你，你们全家很快都会知道', {'shaming_threat'}, {'reassure'}),
    ('没有钱？去借啊', {'pressure_to_borrow'}, {'reassure'}),
    ('我们不会放过你的', {'harassment'}, {'reassure'}),
    ('别不当回事，警察上门可不是闹着玩的', {'threat_arrest'}, {'reassure'}),
    ('不是我们不给你机会，是你逼我们起诉', {'threat_legal_action'}, {'reassure'}),
    ('不还的话你这辈子都别想贷款买房', {'misrepresentation'}, {'reassure'}),
    ('没人想让自己的丑事传到单位吧', {'shaming_threat'}, {'reassure'}),
    ('你不还也行，后果你自己承担，出了事别找我们', {'threat_violence'}, {'reassure'}),
    ('我们不会冻结您的账户，这点您放心', {'reassure'}, THREATS),
    ('没有人会因为这个去找您的领导', {'reassure'}, THREATS),
    ('不会有警察找您的', {'reassure'}, THREATS),
    ('我们不会在您的朋友圈发任何东西', {'reassure'}, THREATS),
    ('您的房子不会被收走', {'reassure'}, THREATS),
    # --- Taiwan usage (traditional) and Cantonese
    ('再不繳，我們就申請法扣你的薪水', {'threat_legal_action'}, set()),
    ('你的房子會被法院查封拍賣喔', {'threat_legal_action'}, set()),
    ('你這樣是惡意倒債，會被抓去關', {'threat_arrest'}, set()),
    ('我們會打到你公司，讓你老闆知道', {'shaming_threat'}, set()),
    ('您放心，我們不會打到您公司', {'reassure'}, THREATS),
    ('您可以去法律扶助基金會免費諮詢', {'debt_advice_signpost'}, set()),
    ('您可以申請債務協商，分期慢慢還', {'hardship_options'}, set()),
    ('您好，我是玉山銀行的陳小姐', {'self_identification'}, set()),
    ('不好意思打擾您，想跟您確認一下帳款的事', {'courtesy'}, set()),
    ('今天打來是關於您信用卡逾期未繳的帳款', {'debt_collector_disclosure'}, set()),
    ('你再不還，小心出門被人堵', {'threat_violence'}, set()),
    ('你這個爛人', {'abusive_language'}, set()),
    ('你唔还钱，我哋就去你公司搵你老细', {'shaming_threat'}, set()),
    ('差佬会拉你去坐监', {'threat_arrest'}, set()),
    ('仆街，快啲还钱', {'abusive_language'}, set()),
    ('丢你老母', {'abusive_language'}, set()),
    ('唔使惊，我哋唔会搵你屋企人', {'reassure'}, THREATS),
    ('你最近发生咩事啊？', {'open_question'}, set()),
    ('唔该晒你听电话', {'courtesy'}, set()),
    ('你有冇钱关我咩事', {'dismiss'}, set()),
    ('你去问你屋企人借啦', {'pressure_to_borrow'}, set()),
    ('我哋日日打俾你，打到你还为止', {'harassment'}, set()),
    ('请问你系咪陈大文先生？', {'identity_verification'}, set()),
    ('咁我哋讲好咗，下个月一号还三千蚊', {'agreement_confirmation'}, set()),
    ('听到你屋企有人过咗身，真系好遗憾', {'sympathy'}, set()),
    ('你咁紧张好正常', {'validate'}, set()),
    ('唔好讲咁多，几时还？', {'rushing'}, set()),
    # --- session 4: empathy constructions
    # (acknowledge / validate / open_question / reassure / hardship / dismiss)
    ("我能听出来您最近压力挺大", {"acknowledge_feeling"}, set()),
    ("听你把声好似好唔开心", {"acknowledge_feeling"}, set()),
    ("我理解您的难处，但这个月还是要安排一下", {"acknowledge_feeling"}, {"validate"}),
    ("您一定急坏了吧", {"acknowledge_feeling"}, set()),
    ("您这段时间辛苦了", {"courtesy"}, {"acknowledge_feeling"}),
    ("这事确实挺让人窝火的，是吧？", {"acknowledge_feeling"}, set()),
    ("碰上谁都会着急的", {"validate"}, set()),
    ("您有情绪我完全理解", {"validate"}, set()),
    ("是我们系统出的问题，跟您没关系", {"validate"}, {"dismiss"}),
    ("不是我们系统出的问题", set(), {"validate"}),
    ("不是您的问题，是扣款通道的故障", {"validate"}, {"reassure"}),
    ("你觉得呢个安排点样？", {"open_question"}, set()),
    ("分六期还，您看怎么样？", {"open_question", "hardship_options", "offer_help"}, set()),
    ("能讲下是什么原因吗？", {"open_question"}, set()),
    ("我跟您说一下为什么会有罚息", set(), {"open_question"}),
    ("您那边最近是什么情况？", {"open_question"}, set()),
    ("你那边什么情况我不关心", {"dismiss"}, {"open_question"}),
    ("您先把房租和吃饭的钱留够", {"reassure"}, set()),
    ("以后不会再有人打电话催您了", {"reassure"}, set()),
    ("核实完之前不会再有人催您", set(), {"reassure"}),
    ("住院这段时间我们不会催您还款", {"hardship_options", "offer_help"}, set()),
    ("我把您标记为特殊困难客户", {"hardship_options", "offer_help"}, set()),
    ("我复述一下：今天先还五百，剩下的下个月还清", set(), {"hardship_options"}),
    ("您的情况我会转交给专门的同事跟进", {"offer_help"}, set()),
    ("我们会安排专人天天跟进你，电话不会停", set(), {"offer_help"}),
    ("失业归失业，钱还是要还", {"dismiss"}, set()),
    ("逾期就是逾期，没什么好说的", {"dismiss"}, set()),
    ("银行可不会等你", {"dismiss"}, set()),
    ("你刚才那些骂人的话我就当没听见，我们继续", set(), {"dismiss", "rushing"}),
    ("这跟我们有没有关系，我查一下", set(), {"dismiss"}),
    ("辛苦晒，多谢你", {"courtesy"}, set()),
    ("你个心情我明白", {"acknowledge_feeling"}, set()),
    ("这种滋味一定很难受", {"acknowledge_feeling"}, set()),
    ("您是担心会影响工作吧？", {"acknowledge_feeling"}, set()),
    ("你近排点样？", {"open_question"}, set()),
    ("您怎么看这个方案？", {"open_question"}, set()),
    ("你怎么看不懂短信呢？", set(), {"open_question"}),
    ("您希望我们怎么帮您？", {"open_question"}, set()),
    ("您肯定也不想走到这一步", {"validate"}, set()),
    ("还款日可不会因为你生病就往后推", {"dismiss"}, {"reassure"}),
    ("我们不会因为您住院就起诉您", {"reassure"}, {"dismiss"}),
    ("账单每个月会按时寄到您家", set(), {"offer_help"}),
    ("这些日子家里都还好吗？", {"open_question"}, {"courtesy"}),
    ("听你这语气，是真被电话烦到了", {"acknowledge_feeling"}, set()),
    ("怪不得您生气，之前确实打得太多", {"validate"}, set()),
    ("你家里的事我不想知道，说还款", {"dismiss"}, set()),
    ("您觉得每月还多少不吃力？", {"open_question"}, set()),
    ("这个要经理批，我帮您问问", {"offer_help"}, set()),
    ("要不要替你问候一下你老家亲戚？", set(), {"offer_help"}),
    # --- session 4: lawful explanations of legal process are not threats; short and veiled violations
    ("查封房产只有法院才有权决定，我们做不到", set(), {"threat_legal_action"}),
    ("起诉书由法院寄给您，不会由催收员打电话通知", set(), {"threat_legal_action"}),
    ("起不起诉不是我能决定的，目前也没有启动任何法律程序", {"reassure"}, {"threat_legal_action"}),
    ("这笔欠款早就超过诉讼时效了，我们不会起诉", {"reassure"}, {"threat_legal_action"}),
    ("收到“明天立案”的短信别转账，那都是骗子", set(), {"threat_legal_action"}),
    ("冻结银行卡？我们不能，也不会这样做。", {"reassure"}, {"threat_legal_action"}),
    ("家族群里见。", {"shaming_threat"}, set()),
    ("等着在你们小区出名吧", {"shaming_threat"}, set()),
    ("通讯录里的亲戚很快就会认识你", {"shaming_threat"}, set()),
    ("最近走夜路，自己注意点", {"threat_violence"}, set()),
    ("天黑了路上小心，祝您周末愉快", set(), {"threat_violence"}),
    ("我是你大学室友啊，你现在在哪上班？", {"pretext"}, set()),
    ("我就是这个案子的执行员，搬哪些东西我说了算", {"impersonation", "threat_legal_action"}, set()),
    ("按法律你的债就得你姐替你还", {"misrepresentation"}, set()),
    ("你妈妈是你的法定还款人", {"misrepresentation"}, set()),
    ("还了这笔，征信立刻恢复，一点记录都不会有", {"misrepresentation"}, set()),
    ("你的信用分我们后台一改就行", {"misrepresentation"}, set()),
    ("法院早就判了，你等着吧", {"misrepresentation"}, set()),
    ("案子移交我们以后，欠款变成两倍", {"unauthorized_fee"}, set()),
    ("罚息每周百分之三", {"unauthorized_fee"}, set()),
    ("每发一封催收信收你五十元", {"unauthorized_fee"}, set()),
    ("删征信记录的话，交三千就行", {"unauthorized_fee"}, set()),
    ("法院判你败诉了，下周执行", set(), {"threat_arrest"}),
    ("还完这笔，你的征信就干干净净了", {"misrepresentation"}, set()),
    ("判决书早就下来了", {"misrepresentation"}, set()),
    ("滞纳金一天千分之八", {"unauthorized_fee"}, set()),
    ("每打一次催收电话收你十元", {"unauthorized_fee"}, set()),
    ("等着上电视新闻吧", {"shaming_threat"}, set()),
    ("警车明天就停在你家楼下", {"threat_arrest"}, set()),
    ("你那家店的玻璃，别哪天被砸了", {"threat_violence"}, set()),
    ("“明天拘留”的短信是诈骗，别理", set(), {"threat_arrest"}),
    ("扣不扣工资轮不到我们决定，是法院的事", set(), {"threat_legal_action"}),
    ("老朋友，是我啊，你现在住哪？", {"pretext"}, set()),
    ("你们村的人马上都会知道你欠钱的事", {"shaming_threat"}, set()),
    ("法院早就判了这个案子", {"misrepresentation"}, set()),
    ("一个人走夜路的时候，留意点身后", {"threat_violence"}, set()),
    ("转到我们公司后欠款加一倍", {"unauthorized_fee", "misrepresentation"}, {"shaming_threat"}),
    # --- intents
    ("您的信用卡已经逾期两个月了", {"mentions_debt"}, set()),
    ("请您今天下午五点前还款", {"payment_request"}, set()),
    # pinyin typed for the threat words, and a card frozen "short"
    ("zai bu huan jiu juliu ni", {"threat_arrest"}, set()),
    ("月底前不还，冻您的工资卡。", {"threat_legal_action"}, set()),
    ("我们不会冻你的卡，放心。", {"reassure"}, {"threat_legal_action"}),
    # Cantonese insults; government offices as a disguise
    ("你正一蠢材，讲极都唔明。", {"abusive_language"}, set()),
    ("我这边是税务局的，要跟你核实一下收入。", {"impersonation"}, set()),
    # "if you don't want your family to know, pay": the condition is the threat
    ("你不想让你老婆知道这笔账，今天就把钱转过来。", {"shaming_threat"}, set()),
    ("你唔想你阿爸知，就快啲还。", {"shaming_threat"}, set()),
    ("您不希望家人知道，我们理解，我们不会告诉任何人。", set(), {"shaming_threat"}),
    ("要不我给你二老打个电话说说？", {"shaming_threat"}, set()),
    ("你同你老妈讲声，叫佢先借啲俾你。", set(), {"shaming_threat"}),  # asking family to lend
    # an option priced with an unauthorised fee is no help; a fee named before an offer is
    ("停息挂账可以办，但要先交八百块的通道费。", {"unauthorized_fee"}, {"hardship_options", "offer_help"}),
    # fitted from blind5's read errors: homophones and pinyin, Northeastern and veiled violence
    ("再不还，警察蜀黍就请你去喝茶。", {"threat_arrest"}, set()),
    ("月底不还就 bao你txl", {"shaming_threat"}, set()),
    ("你真是个制杖。", {"abusive_language"}, set()),
    ("再拖，我找人给你松松筋骨。", {"threat_violence"}, set()),
    ("不还就整折你胳膊。", {"threat_violence"}, set()),
    ("你的案子已经转入诉讼程序了。", {"threat_legal_action"}, set()),
    ("我是派出所的联络员，跟你核实点情况。", {"impersonation"}, set()),
    ("我们也不想去找你领导，是你逼我们的。", {"shaming_threat"}, set()),
    # "——" ends a clause: the negation before it does not deny what follows
    ("我们不会再发短信了——我们直接去你公司找你老板。", {"shaming_threat"}, set()),
    # handing the account to the legal department as pressure (en: "referred to our legal
    # department"); legal colleagues who liaise, verify or review are not a threat
    ("如果还是谈不下来，我们只能把材料交给法务。", {"threat_legal_action"}, set()),
    ("再拖下去，这笔账就要升级到法务那边了。", {"threat_legal_action"}, set()),
    ("您的账户下个月会被转到法务组。", {"threat_legal_action"}, set()),
    ("协商不了的话只能走法务程序了。", {"threat_legal_action"}, set()),
    ("您有律师的话，我们会转给法务同事跟律师对接。", set(), {"threat_legal_action"}),
    ("您的账户目前没有转到法务部门。", set(), {"threat_legal_action"}),
    ("法务部门的同事会在下周联系您核对账目。", set(), {"threat_legal_action"}),
    ("我可以把您的投诉转交给法务部门核实。", set(), {"threat_legal_action"}),
    ("您的异议材料我已经转给法务审核了，核实前不会催收。", set(), {"threat_legal_action"}),
]


def _categories(text: str) -> set[str]:
    return {f.category for f in detect(text, "zh")}


@pytest.mark.parametrize(("text", "present", "absent"), CASES, ids=[c[0] for c in CASES])
def test_zh_case(text: str, present: set[str], absent: set[str]) -> None:
    found = _categories(text)
    assert present <= found, f"missing {present - found} in {text!r}; found {found}"
    assert not (absent & found), f"false alarm {absent & found} in {text!r}"


NEUTRAL = [
    '不好意思，系统刚才死机了，您稍等。',
    '之前那份合同已经作废了，以新的为准。',
    '利息是按日滚动计算的。',
    '失信被执行人名单是法院管理的，我们无权把任何人列进去。',
    '如果您认为我们做得不对，您也有权向法院起诉我们。',
    '您是不是把我们的号码拉黑了？我们打了几次都没打通。',
    '我们一直在尝试联系您，所以给您发了短信。',
    '每天的利息是万分之五，合同里写明了。',
    '我们可以安排工作人员上门帮您办理分期手续，您看方便吗？',
    '我们无法获取您的通讯录，也不会去获取。',
    '您的个人信息不会被曝光，我们有严格的保密制度。',
    '警察同志之前来电核实过这个盗刷案件，我们已经配合调查了。',
    '如果您不方便接电话，我们可以每周发一次短信提醒。',
    '我们这边24小时都有人值班，您随时可以打来。',
    '您把电话号码换了吗？我们这边联系不上。',
    '您可以通过法院的官方渠道查询是否有涉诉信息。',
    '我们建议您不要理会任何自称能“洗白征信”的人。',
    '市面上很多号称能删除逾期记录的都是骗子，您千万别信。',
    '您女儿在哪上学不重要，我们只跟您本人谈这件事。',
    '抱歉，我刚才说话语气有点重。',
    '有任何威胁您的行为，都可以直接报警。',
    '我们公司的催收人员不会骂人，如有发现请投诉。',
    '欠款金额是12800元，包括本金和合同约定的利息。',
    '如果您遇到自称警察的人打电话要钱，请直接挂断并报警。',
    '您的身份证如果丢了，建议尽快去派出所挂失。',
    '这笔欠款没有进入诉讼程序，您放心。',
    '法院寄来的文书跟我们这个账户无关。',
    '您家人如果愿意一起商量，也可以让他们旁听，但我们不会主动联系他们。',
    '我们的客服热线是24小时的，您随时可以打过来。',
    '您可以每天在App上查看还款进度。',
    '每个月15号系统会自动扣款。',
    '我们每周会给您发一条还款提醒短信，您看可以吗？',
    '如果您想换个时间，我们晚上七点再打给您。',
    '利息是按照合同约定计算的。',
    '违约金已经按规定减免了。',
    '手续费这块，分期是免收的。',
    '您之前的滞纳金我们已经帮您申请退回了。',
    '您可以跟家人商量一下再决定。',
    '您可以考虑向亲友说明情况，但这完全由您决定。',
    '如果您卖车是自己的打算，我们尊重您的决定。',
    '我们建议您不要通过借新贷来还旧贷。',
    '您的征信报告可以到人民银行征信中心免费查询。',
    '逾期信息会按规定上报征信。',
    '如果您对金额有异议，可以申请我们寄送账单明细。',
    '律师事务所的函件是我们委托发出的正式通知，您可以核实。',
    '关于法律问题，建议您咨询专业律师。',
    '您的工作单位信息我们只用于身份核实。',
    '我们不会向您的单位透露任何信息。',
    '这边是平安银行信用卡中心，我姓周。',
    '您好，这是一通关于您信用卡账户的提醒电话。',
    '您今天能先还一部分吗？',
    '那我们约好下周三再通电话。',
    '您放心，我们会保护好您的个人信息。',
    '感谢您的坦诚。',
    '我明白了，谢谢您告诉我这些。',
    '请问您现在说话方便吗？',
    '我们可以一起看看您的还款计划。',
    '好的，我把您的诉求记录下来，会反馈给相关部门。',
    '您说的情况我们会核实，核实期间不会催收。',
    '我们会按照您的要求，只在工作日联系您。',
    '您的案子没有移交任何第三方。',
    '我们公司严禁任何形式的暴力催收。',
    '有任何不文明的催收行为，您都可以投诉。',
    '如果有人骂您或者威胁您，请告诉我们。',
    '您的孩子上学不会受任何影响。',
    '欠款不会影响您家人的征信。',
    '您不需要为这笔钱去卖房子。',
    '请您不要因为还款去借高利贷。',
    '我们从来不上门催收。',
    '催收人员都会主动表明身份。',
    '我们不会在晚上十点以后联系您。',
    '您说得很清楚，谢谢。',
    '抱歉让您久等了。',
    '这个月您已经还了800元，剩下的下月再还就行。',
    '您这边最低还款额是320元。',
    '我们这边的记录显示您上个月已经还款了。',
    '您可以通过支付宝或者银行卡转账还款。',
    '如果您的银行卡被冻结了，可能是其他原因，建议咨询开户行。',
    '我们收到您的投诉了，会有专人跟进。',
    '警察叔叔也提醒大家注意防范电信诈骗。',
    '您女儿在读书吧？那家里开销一定不小。',
    '您每个月还要给老人寄生活费吗？',
    '我先帮您算一下，每月还多少比较合适。',
    '您也可以考虑申请最低还款。',
    '这个方案不用您额外付任何费用。',
    '我们不会把您的信息发到任何群里。',
    '您的通讯录我们没有权限获取，也不会使用。',
]


@pytest.mark.parametrize("text", NEUTRAL)
def test_benign_mentions_of_police_court_family_and_fees_are_not_violations(text: str) -> None:
    violations = [f.category for f in detect(text, "zh") if f.kind == Kind.violation]
    assert not violations, f"false alarm {violations} in {text!r}"


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
        ("坐-牢", "坐牢"),  # one dash between characters hides a word
        ("不打了--去你单位", "不打了,去你单位"),  # a dash pair (——, folded to --) ends a clause
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


def test_shipped_zh_lexicon_loads_without_diagnostics() -> None:
    from scoring.lexicon import LEXICON_DIR, load_lexicon

    lex, diags = load_lexicon(LEXICON_DIR / "zh.yaml")
    assert lex is not None
    assert not diags, "\n".join(d.format() for d in diags)


@pytest.mark.parametrize(
    ("text", "requested"),
    [
        ("您还是得还。", True),
        ("你什么时候还？", True),
        ("转账还是刷卡？", True),
        ("我们还是要还原一下当时的情况", False),
        ("您还有其他贷款吗？", False),
        ("核实之前不会再催您还款。", False),
    ],
)
def test_payment_request_intent(text: str, requested: bool) -> None:
    found = any(f.category == "payment_request" for f in detect(text, "zh"))
    assert found is requested


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("我们不排除起诉你的可能。", "threat_legal_action"),
        ("不是不能起诉你，是给你留面子。", "threat_legal_action"),
        ("到时候免不了要走法律程序。", "threat_legal_action"),
        ("我们不得不通知你的家人了。", "shaming_threat"),
    ],
)
def test_double_negation_keeps_the_threat(text: str, category: str) -> None:
    assert category in {f.category for f in detect(text, "zh")}


def test_double_negation_reassures_without_dismissing() -> None:
    found = {f.category for f in detect("我们不会不管您的。", "zh")}
    assert "reassure" in found
    assert "dismiss" not in found


# Session 13's misrepresentation probes, in its own words: 您 forms of a family's supposed duty,
# protected funds the collector claims to take, a record that follows the children, a debt with no
# limitation period; and the true statements beside them.
ZH_S13_MISREPRESENTATION = [
    ("您父母作为直系亲属，法律上有义务替您还。", {"misrepresentation"}, set()),
    ("您退休金我们可以直接划扣。", {"misrepresentation", "threat_legal_action"}, set()),
    ("您的公积金账户已经被我们冻结了。", {"misrepresentation"}, set()),
    ("逾期记录会跟着您孩子的档案走。", {"misrepresentation"}, set()),
    ("这个债务是终身有效的，永远不会过诉讼时效。", {"misrepresentation"}, set()),
    ("社保和退休金我们无权划扣，这点您放心。", set(), {"misrepresentation", "threat_legal_action"}),
    ("您家人没有义务替您还款，我们也不会找他们。", set(), {"misrepresentation"}),
    ("逾期记录不会影响您孩子上学，这点您放心。", set(), {"misrepresentation"}),
    ("诉讼时效的问题您可以咨询律师。", set(), {"misrepresentation"}),
    ("逾期记录按规定会在征信上保留五年。", set(), {"misrepresentation"}),
]

# Session 14's misrepresentation probes, in its own words: a summons "already sent", interest that
# "doubles next month", accounts the collector says it has frozen; and the true statements beside
# them (all four false claims were missed before, or caught only as a legal threat).
ZH_S14_MISREPRESENTATION = [
    ("法院的传票已经寄到您老家了。", {"misrepresentation", "threat_legal_action"}, set()),
    ("利滚利，下个月就翻一倍了。", {"misrepresentation"}, set()),
    ("您的微信和支付宝明天就会被冻结。", {"misrepresentation", "threat_legal_action"}, set()),
    ("按规定您的工资卡已经被我们锁定了。", {"misrepresentation", "threat_legal_action"}, set()),
    ("如果收到所谓的传票，请先核实真伪，可能是诈骗。", set(), {"misrepresentation"}),
    ("利滚利这种说法是谣言，我们是按合同约定的年化利率计息。", set(), {"misrepresentation"}),
    ("您的信用卡已经被停用了，这是因为逾期超过九十天，合同里有写。", set(), {"misrepresentation"}),
    ("您的银行卡因为异常交易已经被风控锁定了，请联系发卡行。", set(), {"misrepresentation"}),
    ("只有法院判决后，才能申请强制执行。", set(), {"misrepresentation", "threat_legal_action"}),
]


@pytest.mark.parametrize(("text", "present", "absent"), ZH_S13_MISREPRESENTATION + ZH_S14_MISREPRESENTATION)
def test_misrepresentation_probes(text: str, present: set[str], absent: set[str]) -> None:
    found = {f.category for f in detect(text, "zh")}
    assert present <= found, (text, found)
    assert not (absent & found), (text, found)


# Session 13: a reduplicated brush-off straight into the payment question, and a debtor's situation
# declared outside what the company considers; the look-alikes are patient or helpful.
@pytest.mark.parametrize(
    ("text", "dismissive"),
    [
        ("行行行，知道了，那什么时候还？", True),
        ("您的情况不是我们考虑的范围。", True),
        ("好好好，您别着急，我们慢慢来。", False),
        ("行行行，那我们先把还款日往后挪一挪。", False),
        ("您的情况不是个例，很多人都遇到过。", False),
        ("您的困难我们会认真考虑，先帮您申请延期。", False),
    ],
)
def test_session_13_brush_offs(text: str, dismissive: bool) -> None:
    assert ("dismiss" in {f.category for f in detect(text, "zh")}) is dismissive


def test_sincere_congratulations_are_not_sarcasm() -> None:
    assert "sarcasm" not in {f.category for f in detect("您真厉害，这么快就找到新工作了，恭喜您。", "zh")}
    assert "sarcasm" in {f.category for f in detect("恭喜您，又逾期了一个月，真厉害。", "zh")}
