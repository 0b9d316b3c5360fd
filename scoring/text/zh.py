"""Chinese-specific text handling for the detector: folding, clause scope and negation.

The language-neutral normaliser (``scoring.text.normalize``) already applies NFKC, removes
zero-width characters, converts traditional to simplified characters and lower-cases. Chinese
then needs three things English does not:

* ``fold``: spaces and filler symbols inside words (``傻 逼``, ``坐*牢``, ``s b``) and homophone or
  dialect spellings (``沙比``, ``煞笔``, ``唔会``, ``冇人``) are folded to one canonical spelling, so the
  lexicon lists each idea once. Every folded character remembers where it came from, so spans
  still point into the caller's text.
* ``clause_bounds``: Chinese has no word boundaries, so negation is scoped to the clause, split on
  punctuation and on contrast words (但是, 只会 ...).
* ``is_negated``: a match is denied ("我们不会联系您的家人", "没有人会抓您") when a negation cue
  precedes it in its clause, unless the cue only negates the debtor's own action inside a
  condition ("不还钱就让你坐牢", "如果你不配合我们就上门") or is rhetorical ("别以为我们不敢起诉你").

All patterns here are fixed strings compiled into google-re2 alternations: linear time, no
backtracking, whatever the input.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import re2

# --- folding -----------------------------------------------------------------------------------

# Symbols people slip between the characters of a word to dodge filters. Removed only when they
# sit between two "tight" characters (CJK, or single Latin letters as in "s b").
_FILLERS = frozenset(" \t\u3000*_·・-~^'`\"|/\\+=#@&%")

# Variant spelling -> canonical spelling. Keys are matched longest-first. Values are what the
# lexicon is written against. Keep each entry unambiguous in collection talk: a key must not be
# a substring of an ordinary word with another meaning.
VARIANTS: dict[str, str] = {
    # insult homophones and letter mixes
    "沙比": "傻逼", "煞笔": "傻逼", "傻比": "傻逼", "傻笔": "傻逼", "傻b": "傻逼", "傻bi": "傻逼",
    "沙b": "傻逼", "煞b": "傻逼", "傻屄": "傻逼", "傻x": "傻逼", "煞比": "傻逼", "沙雕": "傻雕",
    "傻冒": "傻帽", "二b": "二逼", "2b": "二逼", "二比": "二逼", "牛b": "牛逼",
    "尼玛": "你妈", "泥马": "你妈", "你马": "你妈", "妮玛": "你妈", "草泥马": "操你妈",
    "艹": "操", "肏": "操", "草你": "操你", "日你": "操你", "cao你": "操你", "卧槽": "我操",
    "我草": "我操", "握草": "我操", "他喵": "他妈", "特么": "他妈", "tm的": "他妈的",
    "辣鸡": "垃圾", "拉圾": "垃圾", "lj": "垃圾", "废柴": "废物", "费物": "废物",
    "脑瘫": "脑残", "智账": "智障", "老癞": "老赖", "狗币": "狗逼",
    "tmd": "他妈的", "nmsl": "你妈死了", "cnm": "操你妈", "nmb": "你妈逼", "wcnm": "我操你妈",
    "fw": "废物", "nc": "脑残", "zz": "智障",
    # traditional / variant characters the t2s table leaves alone
    "妳": "你", "甚么": "什么", "祢": "你", "牠": "它",
    # Cantonese
    "唔该": "谢谢", "唔好意思": "不好意思", "唔会": "不会", "唔使": "不用", "唔驶": "不用",
    "唔洗": "不用", "唔好": "不要", "唔系": "不是", "唔": "不", "冇人": "没人", "冇": "没有",
    "佢哋": "他们", "你哋": "你们", "我哋": "我们", "佢": "他", "畀": "给", "俾": "给",
    "嘅": "的", "咗": "了", "啲": "些", "乜嘢": "什么", "点解": "为什么", "揾": "找", "睇": "看",
    "嚟": "来", "屋企人": "家人", "屋企": "家里", "老细": "老板", "差佬": "警察", "差馆": "警察局",
    # northern / south-western / colloquial
    "啥": "什么", "咋": "怎么", "俺们": "我们", "俺": "我", "咱们": "我们", "咱": "我们",
    "甭": "不用", "莫担心": "别担心", "莫怕": "别怕", "莫急": "别急", "莫慌": "别慌",
    "莫要": "不要", "晓得": "知道", "娃儿": "孩子", "娃": "孩子", "婆娘": "老婆", "媳妇儿": "老婆",
    "媳妇": "老婆", "老汉": "爸爸", "整死": "弄死", "搞死": "弄死", "干死": "弄死",
    "条子": "警察", "局子": "看守所", "蹲号子": "坐牢", "吃牢饭": "坐牢", "踩缝纫机": "坐牢",
    "进去蹲": "坐牢", "班房": "监狱",
    # pinyin commonly typed for key words
    "zuolao": "坐牢", "fayuan": "法院", "jingcha": "警察", "qisu": "起诉", "laolai": "老赖",
    "shabi": "傻逼",
}


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF


def _is_latin(ch: str) -> bool:
    return ("a" <= ch <= "z") or ("A" <= ch <= "Z") or ("0" <= ch <= "9")


def _tight(text: str, i: int, step: int) -> bool:
    """Whether text[i] is a CJK character or a lone Latin letter (as in "s b", "t m d")."""
    ch = text[i]
    if _is_cjk(ch):
        return True
    if not _is_latin(ch):
        return False
    # A lone letter: the character on its far side is not a Latin letter.
    j = i + step
    return not (0 <= j < len(text) and _is_latin(text[j]))


def _drop_fillers(text: str) -> tuple[str, list[int]]:
    out: list[str] = []
    idx: list[int] = []
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        if ch in _FILLERS and out:
            j = i
            while j < n and text[j] in _FILLERS:
                j += 1
            # Look at the original characters either side of the filler run.
            if j < n and _tight(text, i - 1, -1) and _tight(text, j, 1) and j - i <= 3:
                i = j
                continue
            out.extend(text[i:j])
            idx.extend(range(i, j))
            i = j
            continue
        out.append(ch)
        idx.append(i)
        i += 1
    return "".join(out), idx


@lru_cache(maxsize=1)
def _variant_regex() -> re2._Regexp:
    keys = sorted(VARIANTS, key=len, reverse=True)
    return re2.compile("|".join(re2.escape(k) for k in keys))


def fold(text: str) -> tuple[str, list[int]]:
    """Fold a normalised Chinese utterance to canonical spellings.

    Returns ``(folded, index_map)``: ``index_map[i]`` is the index in ``text`` of folded character
    ``i``; it has one extra final entry, ``len(text)``, so end offsets map too. Input is expected
    to be lower-cased already (the normaliser does that); folding is idempotent.
    """
    stripped, idx1 = _drop_fillers(text)
    out: list[str] = []
    idx: list[int] = []
    pos = 0
    for m in _variant_regex().finditer(stripped):
        s, e = m.start(), m.end()
        # A Latin variant ("nc", "2b") only counts as a whole token, never inside "finance".
        if (_is_latin(stripped[s]) and s > 0 and _is_latin(stripped[s - 1])) or (
            _is_latin(stripped[e - 1]) and e < len(stripped) and _is_latin(stripped[e])
        ):
            continue
        out.append(stripped[pos:s])
        idx.extend(idx1[pos:s])
        canon = VARIANTS[m.group()]
        out.append(canon)
        # Spread the canonical characters over the variant they replace, first to first and last
        # to last, so a span over the canonical word covers the whole variant in the original.
        c_len, v_len = len(canon), e - s
        for k in range(c_len):
            src = s + (k * (v_len - 1) + (c_len - 1) // 2) // (c_len - 1) if c_len > 1 else s
            idx.append(idx1[min(src, e - 1)])
        pos = e
    out.append(stripped[pos:])
    idx.extend(idx1[pos:])
    idx.append(len(text))
    return "".join(out), idx


def map_span(index_map: list[int], start: int, end: int) -> tuple[int, int]:
    """Map a ``[start, end)`` span of folded text back to the text given to ``fold``."""
    if start >= end:
        o = index_map[start]
        return o, o
    o_start = index_map[start]
    # End: the source position just after the last folded char. When several folded chars share a
    # source start (a replaced variant) take the next distinct source index.
    nxt = index_map[end]
    last = index_map[end - 1]
    o_end = nxt if nxt > last else last + 1
    return o_start, o_end


# --- clause scope ------------------------------------------------------------------------------

_CLAUSE_PUNCT = ",，。.;；!！?？:：、\n\r…"
# Contrast and "instead" words open a new scope: "我们不会起诉，但是会通知你家人".
_CLAUSE_WORDS = ("但是", "可是", "不过", "然而", "只是", "而是", "只会", "而会", "反而", "却")


@lru_cache(maxsize=1)
def _clause_regex() -> re2._Regexp:
    punct = "[" + "".join("\\" + c if c in "\\]^-" else c for c in _CLAUSE_PUNCT) + "]+"
    words = "|".join(_CLAUSE_WORDS)
    return re2.compile(f"{punct}|{words}")


def clause_bounds(text: str) -> list[tuple[int, int]]:
    """Split into clauses; returns ``(start, end)`` pairs covering the text without delimiters."""
    bounds: list[tuple[int, int]] = []
    pos = 0
    for m in _clause_regex().finditer(text):
        if m.start() > pos:
            bounds.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        bounds.append((pos, len(text)))
    return bounds


def clause_of(text: str, start: int, end: int) -> tuple[int, int]:
    """The scope a match lives in: from the start of its first clause to the end of its last."""
    c_start, c_end = start, max(start, end)
    for s, e in clause_bounds(text):
        if s <= start:
            c_start = min(s, start) if e > start else c_start
        if e >= end:
            c_end = max(e, end)
            break
    return c_start, c_end


# --- negation ----------------------------------------------------------------------------------

# Cues that deny what follows them in the clause. Longer cues first so the longest wins.
NEGATION_CUES: tuple[str, ...] = (
    "不用担心", "不必担心", "不要担心", "别担心", "无需担心", "不用怕", "别怕", "不要怕",
    "没有人会", "没有人", "没人会", "没人", "谁也不会", "谁都不会", "不会有人", "绝对不会", "绝不会",
    "永远不会", "从来不会", "从来没有", "从来不", "从不", "从未", "绝不", "决不", "绝对不", "并不会",
    "并不", "并没有", "并没", "不可能", "不存在", "无需", "无须", "不需要", "不用", "不必", "没必要",
    "用不着", "不会", "不再", "不能", "不得", "不准", "不要", "禁止", "严禁", "不曾", "没有", "没",
    "别", "勿", "毋", "未", "不",
)

# Words that contain a cue character but do not negate anything that follows.
NOT_NEGATION: tuple[str, ...] = (
    "不好意思", "对不起", "不客气", "不过", "不然", "要不", "不断", "不停", "不少", "不仅", "不满",
    "不良", "不得不", "不得了", "不管", "不论", "不如", "不要脸", "不利", "不便", "不清楚", "不舒服",
    "不容易", "不安", "不幸", "不知道", "不行", "不对", "不错", "不一定", "不止", "不只", "不光",
    "来不及", "了不起", "差不多", "不及时", "不像话", "不识好歹", "不知好歹", "不自量力", "不负责任",
    "不讲信用", "不守信用", "不诚信", "不老实", "不是东西", "不见棺材", "不识抬举", "不给面子",
    "不客气", "不择手段", "不顾", "不了", "不够", "不方便", "不小心", "不得已", "不少于", "要不然",
    "不足", "不住", "不值", "不然的话", "能不能", "是不是", "要不要", "会不会", "可不可以", "行不行",
    "好不好", "对不对", "有没有", "方不方便", "愿不愿意", "想不想", "能否", "是否", "可否", "方便不",
    "没关系", "没事", "没办法", "没用", "没出息", "没良心", "没脸", "没完", "没皮没脸", "没教养",
    "没素质", "没文化", "没脑子", "没本事", "没空", "没时间", "没问题", "没想到", "没错",
    "别人", "特别", "区别", "分别", "告别", "个别", "类别", "级别", "别的", "别处", "差别", "辨别",
    "识别", "未来", "未还", "未缴", "未付", "未结清", "未偿还", "未按时", "未能", "未接",
)

# Between a cue and the match, these mean the cue sat in a condition and the match is its
# consequence: "不还钱就让你坐牢", "你不处理的话我们只能起诉".
CONSEQUENCE_MARKERS: tuple[str, ...] = (
    "就", "才", "否则", "不然", "的话", "那么", "那就", "那我们", "要不", "便", "则", "只能", "只好",
    "后果", "等着", "到时候", "到时", "我们会", "我们将",
)

# A cue followed by one of these negates the debtor's own action (a condition), not the threat.
DEBTOR_ACTIONS: tuple[str, ...] = (
    "还", "付", "交钱", "缴", "配合", "接电话", "接听", "处理", "回电", "回复", "回我", "理我", "理会",
    "联系我们", "打款", "转账", "结清", "履行", "管", "出面", "听话", "承认", "想办法", "筹", "凑",
    "按时", "及时", "主动", "重视", "当回事", "解决", "合作", "签", "答应", "给钱", "给我们", "把钱",
    "老实",
)

# Only these bare cues can sit inside a condition ("不还", "没处理"); "不会", "不用", "没有人" are
# statements about what the collector will or will not do.
CONDITION_CUES: frozenset[str] = frozenset({"不", "没", "没有", "未", "再不"})

# A cue followed by these is rhetorical or a dare, so the match stays asserted:
# "别以为我们不敢起诉你", "不要逼我们上门", "你也不想让家人知道吧", "别怪我们不客气".
RHETORICAL_AFTER_CUE: tuple[str, ...] = (
    "以为", "想", "希望", "愿意", "信", "相信", "逼", "怪", "让我们", "等", "敢", "会想", "要以为",
    "要逼", "要怪", "要让我们", "怕",
)

# Conditional openers before the cue put the cue inside a condition: "如果你不还，我们起诉你".
CONDITION_OPENERS: tuple[str, ...] = (
    "如果", "要是", "假如", "假设", "若", "万一", "只要", "除非", "一旦", "倘若", "如若", "再",
)

# After the match, in the same clause, these deny it: "坐牢是不可能的", "起诉你？不会的".
POSTFIX_DENIALS: tuple[str, ...] = (
    "是不会的", "是不可能的", "不会的", "不可能的", "是没有的", "不存在的", "是不存在的", "不会发生",
)


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re2.escape(w) for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=1)
def _cue_regex() -> re2._Regexp:
    # Non-negating words are listed first (and longest-first) so that, scanning left to right,
    # "不好意思" is consumed as a whole and never yields the cue "不".
    return re2.compile(f"(?P<skip>{_alternation(NOT_NEGATION)})|(?P<cue>{_alternation(NEGATION_CUES)})")


@lru_cache(maxsize=1)
def _marker_regex() -> re2._Regexp:
    return re2.compile(_alternation(CONSEQUENCE_MARKERS))


@lru_cache(maxsize=1)
def _opener_regex() -> re2._Regexp:
    return re2.compile(_alternation(CONDITION_OPENERS))


def _starts_with_any(text: str, words: Iterable[str]) -> bool:
    return any(text.startswith(w) for w in words)


def _cues_before(text: str, c_start: int, start: int) -> list[tuple[int, int]]:
    cues: list[tuple[int, int]] = []
    for m in _cue_regex().finditer(text[c_start:start]):
        if m.group("cue") is not None:
            cues.append((c_start + m.start(), c_start + m.end()))
    return cues


def is_negated(text: str, start: int, end: int) -> bool:
    """Whether the match ``text[start:end]`` is denied in its clause (see module docstring)."""
    c_start, c_end = clause_of(text, start, end)
    tail = text[end:c_end]
    if any(d in tail[:12] for d in POSTFIX_DENIALS):
        return True
    cues = _cues_before(text, c_start, start)
    if not cues:
        return False
    # The nearest cue decides; "不会不" style double negation cancels out.
    cue_s, cue_e = cues[-1]
    cue = text[cue_s:cue_e]
    after_cue = text[cue_e:start]
    if _starts_with_any(text[cue_e:], RHETORICAL_AFTER_CUE) and not _is_reassurance_cue(cue):
        return False
    if cue in CONDITION_CUES and (
        _starts_with_any(text[cue_e:], DEBTOR_ACTIONS) or _opener_regex().search(text[c_start:cue_s])
    ):
        return False
    if _marker_regex().search(after_cue):
        return False
    if len(cues) >= 2:
        prev_e = cues[-2][1]
        # "不会不" / "没有不": two cues back to back affirm.
        if prev_e == cue_s:
            return False
    return True


def _is_reassurance_cue(cue: str) -> bool:
    """Cues that are denials whatever follows ("不用担心", "没有人会")."""
    return cue.endswith("担心") or cue.endswith("怕") or cue.startswith("没有人") or cue.startswith("没人")


__all__ = [
    "CONSEQUENCE_MARKERS",
    "NEGATION_CUES",
    "VARIANTS",
    "clause_bounds",
    "clause_of",
    "fold",
    "is_negated",
    "map_span",
]
