"""Money amounts in what people say, English and Chinese: "$1,860.50", "fifty quid", "1.2k", 五百块, 一千五.

Used by the simulator (does the proposed amount fit the debtor's means?) and by the scorer (what
was agreed). Numbers that are not money are left out: times ("call me at 9"), dates ("the 15th",
"3/6", 15号), durations ("2 days", 三天), counts ("2 payments", 3个月), phone numbers, years
("since 2019") and citations ("Section 1692").

A number with a currency sign or word is always money. A bare number is money unless its
context says otherwise (the tables in `tests/scoring/test_money.py` pin the rules); such amounts
come back with `explicit=False` so callers can prefer explicit ones.

All scanning is linear: one pass of fixed RE2 patterns plus hand-written scanners.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import re2

from scoring.model import Lang, Span
from scoring.text.slotfold import Folded, fold


@dataclass(frozen=True, slots=True)
class Money:
    amount: Decimal
    currency: str | None
    span: Span
    text: str
    explicit: bool = True
    """True when a currency sign/word or a multiplier ("1.2k", 五百块, 1万) marks it as money."""
    approximate: bool = False
    """"800多块", "about"-style amounts: the figure is a floor, not exact."""


# ---------------------------------------------------------------------------------------------
# Currency vocabulary (folded, lower-case forms).

_PREFIX_CURRENCY = {
    "us$": "USD",
    "$": "USD",
    "usd": "USD",
    "£": "GBP",
    "gbp": "GBP",
    "€": "EUR",
    "eur": "EUR",
    "¥": "CNY",
    "rmb": "CNY",
    "cny": "CNY",
    "人民币": "CNY",
}

_SUFFIX_CURRENCY = {
    "dollars": "USD",
    "dollar": "USD",
    "bucks": "USD",
    "buck": "USD",
    "usd": "USD",
    "quid": "GBP",
    "pounds": "GBP",
    "pound": "GBP",
    "gbp": "GBP",
    "euros": "EUR",
    "euro": "EUR",
    "eur": "EUR",
    "yuan": "CNY",
    "rmb": "CNY",
    "cny": "CNY",
    "元钱": "CNY",
    "元": "CNY",
    "块钱": "CNY",
    "块": "CNY",
    "人民币": "CNY",
    "美元": "USD",
    "美金": "USD",
    "刀": "USD",
    "英镑": "GBP",
    "欧元": "EUR",
    "港币": "HKD",
    "港元": "HKD",
    "日元": "JPY",
    "$": "USD",
}

# Minor units: "50 cents" is half a dollar.
_MINOR_SUFFIX = {"cents": "USD", "cent": "USD", "pence": "GBP", "p": "GBP"}

_EN_MULTIPLIERS = {
    "k": Decimal(1000),
    "grand": Decimal(1000),
    "thousand": Decimal(1000),
    "hundred": Decimal(100),
    "million": Decimal(1_000_000),
    "mil": Decimal(1_000_000),
}
_ZH_MULTIPLIERS = {"万": Decimal(10_000), "w": Decimal(10_000), "千": Decimal(1000), "百": Decimal(100)}


_ASCII_WORD_END = r"(?:\b|$)"

# One RE2 pattern finds every Arabic-digit amount with its optional currency and multiplier.
# Words that are ASCII must end at a word boundary ("150 people" is not "150 p").
_DIGIT_AMOUNT = re2.compile(
    r"(?:(?P<pre>us\$|\$|£|€|¥|usd|gbp|eur|rmb|cny|人民币)\s?)?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
    r"(?:\s?(?P<mult>(?:k|grand|thousand|hundred|million|mil)\b|万|千|百|w\b))?"
    r"(?:\s?(?P<approx>多|来|余)?\s?(?P<suf>"
    + "|".join(
        f"(?:{re2.escape(w)}){_ASCII_WORD_END}" if w.isascii() and w.isalpha() else re2.escape(w)
        for w in sorted(set(_SUFFIX_CURRENCY) | set(_MINOR_SUFFIX), key=len, reverse=True)
    )
    + r"))?"
)

_ASCII_WORD = re2.compile(r"[a-z]+(?:'[a-z]+)?|[#§%]")

# ---------------------------------------------------------------------------------------------
# What makes a bare number "not money".

def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


# The word right after the number says what is being counted.
_UNIT_WORDS = _words(
    """
    day days week weeks fortnight fortnights month months year years yr yrs hour hours hr hrs
    minute minutes min mins second seconds sec secs time times am pm oclock o'clock percent pct
    st nd rd th kid kids child children people person persons adult adults job jobs card cards
    call calls letter letters text texts email emails payment payments instalment instalments
    installment installments kg kgs lb lbs mile miles km miles feet ft inch inches of
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
    digit digits number numbers
    """
)

# The word right before the number says it is a reference, a time, a count or a date.
_REFERENCE_WORDS = _words(
    """
    section sec § chapter article rule regulation page number no # room apartment apt unit suite
    ext extension line code version route level step part item case reference ref ending id pin
    option press dial floor aged age zip postcode account acct
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    """
)
_TIME_WORDS = frozenset({"at", "around", "about", "by", "after", "before", "till", "until"})
_YEAR_WORDS = frozenset(
    {"in", "since", "of", "from", "until", "till", "by", "year", "before", "after", "back", "during"}
)

_ZH_UNIT_PREFIXES = (
    "天", "日", "号", "月", "个", "周", "年", "岁", "点", "次", "分", "秒", "倍", "遍", "回", "位",
    "条", "家", "张", "份", "期", "小时", "钟", "层", "楼", "米", "公里", "斤", "星期", "礼拜", "人",
    "口", "台", "部", "页", "%", "成", "折", "几", "多月", "多天", "多年", "来月", "来天", "笔", "项",
    "章", "款", "节", "床", "辆", "套", "间", "位", "名", "只", "碗",
)
_ZH_REFERENCE_SUFFIXES = (
    "第", "周", "星期", "礼拜", "号码", "电话", "尾号", "编号", "手机", "分机", "今年", "去年",
)


# ---------------------------------------------------------------------------------------------
# Chinese numerals.

_ZH_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3, "四": 4,
    "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9,
    "玖": 9,
}
_ZH_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_ZH_BIG = {"万": 10_000, "亿": 100_000_000}
_ZH_NUMERAL_CHARS = frozenset(_ZH_DIGITS) | frozenset(_ZH_UNITS) | frozenset(_ZH_BIG)


def parse_zh_integer(chars: str) -> int | None:
    """Value of a run of Chinese numeral characters, or None when it is not a number.

    Handles the spoken abbreviations: 一千五 = 1500, 两万三 = 23000, 三百五 = 350, and
    零 gaps: 一千零五 = 1005. A run of bare digits (二零二六) reads digit by digit.
    """
    if not chars:
        return None
    if all(ch in _ZH_DIGITS for ch in chars):
        if len(chars) == 1:
            return _ZH_DIGITS[chars]
        return int("".join(str(_ZH_DIGITS[ch]) for ch in chars))
    total = 0
    section = 0
    number = 0
    last_unit = 0  # the last 十/百/千 (or 万) seen; used for 一千五-style abbreviation
    zero_gap = False
    prev_was_digit = False
    for ch in chars:
        if ch in _ZH_DIGITS:
            if prev_was_digit and number != 0 and _ZH_DIGITS[ch] != 0:
                return None  # "五五" inside a number with units is not a number
            number = _ZH_DIGITS[ch]
            if number == 0:
                zero_gap = True
            prev_was_digit = True
        elif ch in _ZH_UNITS:
            unit = _ZH_UNITS[ch]
            if number == 0 and not prev_was_digit:
                if unit != 10:
                    return None  # 百 / 千 without a digit in front
                number = 1  # 十五 = 15
            section += number * unit
            number = 0
            last_unit = unit
            zero_gap = False
            prev_was_digit = False
        else:
            big = _ZH_BIG[ch]
            if number == 0 and section == 0 and not prev_was_digit:
                return None
            section += number
            total += section * big
            section = 0
            number = 0
            last_unit = big
            zero_gap = False
            prev_was_digit = False
    if number and prev_was_digit and not zero_gap and last_unit >= 100 and len(chars) >= 3:
        # 一千五: the trailing digit counts in the unit below the last one.
        number *= last_unit // 10
    return total + section + number


def _zh_numeral_runs(text: str) -> list[tuple[int, int]]:
    """Maximal runs of Chinese numeral characters that start with a digit or 十."""
    runs: list[tuple[int, int]] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in _ZH_NUMERAL_CHARS and (ch in _ZH_DIGITS or ch in "十拾"):
            j = i + 1
            while j < n and text[j] in _ZH_NUMERAL_CHARS:
                j += 1
            runs.append((i, j))
            i = j
        else:
            i += 1
    return runs


# ---------------------------------------------------------------------------------------------
# English number words.

_EN_ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_EN_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
_EN_SCALES = {"hundred": 100, "thousand": 1000, "grand": 1000, "million": 1_000_000}


def _en_word_numbers(words: list[tuple[str, int, int]], text: str) -> list[tuple[int, int, int, bool]]:
    """(first word index, last word index + 1, value, has_scale) for each run of number words."""
    found: list[tuple[int, int, int, bool]] = []
    i = 0
    n = len(words)
    while i < n:
        word = words[i][0]
        is_article = word in ("a", "an") and i + 1 < n and words[i + 1][0] in _EN_SCALES
        if not (word in _EN_ONES or word in _EN_TENS or is_article):
            i += 1
            continue
        total = 0
        current = 0
        prev = ""  # "ones", "teen", "tens", "hundred", "big", "and"
        has_scale = False
        j = i
        while j < n:
            w = words[j][0]
            if j > i:
                gap = text[words[j - 1][2] : words[j][1]]
                if gap.strip(" -") or len(gap) > 3:
                    break
            if w in ("a", "an") and j == i:
                current = 1
                prev = "ones"
            elif w in _EN_ONES:
                value = _EN_ONES[w]
                kind = "ones" if value < 10 else "teen"
                if prev == "ones" and kind == "teen" and not has_scale and total == 0:
                    current = current * 100 + value  # "one fifteen" = 115
                    prev, has_scale = "teen", True
                    j += 1
                    continue
                if prev in ("ones", "teen") or (prev == "tens" and kind == "teen"):
                    break
                current += value
                prev = kind
            elif w in _EN_TENS:
                if prev == "ones" and not has_scale and total == 0:
                    current = current * 100 + _EN_TENS[w]  # spoken prices: "one fifty" = 150
                    prev, has_scale = "tens", True
                    j += 1
                    continue
                if prev in ("ones", "teen", "tens"):
                    break
                current += _EN_TENS[w]
                prev = "tens"
            elif w == "hundred":
                if prev in ("", "hundred", "and"):
                    break
                current = (current or 1) * 100
                prev = "hundred"
                has_scale = True
            elif w in _EN_SCALES:
                if prev in ("", "and"):
                    break
                total += (current or 1) * _EN_SCALES[w]
                current = 0
                prev = "big"
                has_scale = True
            elif w == "and" and prev in ("hundred", "big") and j + 1 < n and (
                words[j + 1][0] in _EN_ONES or words[j + 1][0] in _EN_TENS
            ):
                prev = "and"
            else:
                break
            j += 1
        if prev == "and":  # never end on a dangling "and"
            j -= 1
        if j > i and not (j == i + 1 and words[i][0] in ("a", "an")):
            found.append((i, j, total + current, has_scale))
            i = j
        else:
            i += 1
    return found


# ---------------------------------------------------------------------------------------------
# Context checks.


def _prev_word(text: str, start: int) -> str:
    k = start - 1
    while k >= 0 and text[k] == " ":
        k -= 1
    end = k + 1
    while k >= 0 and (text[k].isascii() and (text[k].isalpha() or text[k] in "'.")):
        k -= 1
    word = text[k + 1 : end].strip(".")
    if not word and end > 0 and text[end - 1] in "#§":
        return text[end - 1]
    return word


def _next_word(text: str, end: int) -> str:
    k = end
    while k < len(text) and text[k] == " ":
        k += 1
    if k < len(text) and text[k] in "%#":
        return text[k]
    m = _ASCII_WORD.match(text, k)
    if m is None:
        return ""
    return str(m.group(0)).replace(".", "")


def _digit_count(num: str) -> int:
    return sum(ch.isdigit() for ch in num)


def _is_phone_like(text: str, start: int, end: int) -> bool:
    """Seven or more digits strung together with spaces, dashes, dots or brackets."""
    lo = start
    while lo > 0 and (text[lo - 1].isdigit() or text[lo - 1] in " -().+"):
        lo -= 1
    hi = end
    while hi < len(text) and (text[hi].isdigit() or text[hi] in " -()."):
        hi += 1
    run = text[lo:hi]
    if "," in text[start:end]:
        return False
    digits = _digit_count(run)
    if digits < 7:
        return False
    if digits == _digit_count(text[start:end]) or any(c in run for c in "-()+"):
        return True
    return len(run.split()) >= 3  # "555 123 4567"


def _touches_date_or_time(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    after2 = text[end + 1] if end + 1 < len(text) else ""
    before2 = text[start - 2] if start > 1 else ""
    if after in "/:" and after2.isdigit():
        return True
    if before in "/:" and before2.isdigit():
        return True
    # ISO-style 2027-06-03 or 03-06-2027
    if after == "-" and after2.isdigit() and (end - start == 4 or "-" in text[end + 1 : end + 6]):
        return True
    return before == "-" and before2.isdigit() and "-" in text[max(0, start - 6) : start - 1]


def _blocked_en(text: str, start: int, end: int, value: Decimal, is_integer: bool) -> bool:
    """True when the context says a bare number is not an amount of money."""
    if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "§#"):
        return True
    if end < len(text) and text[end].isascii() and text[end].isalpha():
        return True  # glued to letters: "15th", "9am", "2x", "5kg"
    nxt = _next_word(text, end)
    if nxt in _UNIT_WORDS or nxt == "%":
        return True
    if nxt in ("a", "p") and text[end : end + 5].replace(" ", "").startswith(("a.m", "p.m")):
        return True
    prev = _prev_word(text, start)
    if prev in _REFERENCE_WORDS:
        return True
    before_prev = _prev_word(text, start - len(prev) - 1)
    if prev in ("in", "with") and before_prev in ("ending", "ends", "ended"):
        return True  # "account ending in 4321"
    if prev in _TIME_WORDS and is_integer and value <= 24:
        return True
    if is_integer and 1900 <= value <= 2100:
        if prev in _YEAR_WORDS or prev in _REFERENCE_WORDS:
            return True
        if text[:start].rstrip().endswith(","):
            return True
    if _touches_date_or_time(text, start, end):
        return True
    return _is_phone_like(text, start, end)


def _blocked_zh(text: str, start: int, end: int) -> bool:
    rest = text[end:].lstrip(" ")
    if rest.startswith(_ZH_UNIT_PREFIXES):
        return True
    head = text[:start].rstrip(" ")
    if head.endswith(_ZH_REFERENCE_SUFFIXES):
        return True
    return head.endswith(("万", "千")) and text[start] in _ZH_DIGITS


def _decimal(num: str) -> Decimal | None:
    try:
        return Decimal(num.replace(",", ""))
    except InvalidOperation:
        return None


# ---------------------------------------------------------------------------------------------


def _make(original: str, folded: Folded, start: int, end: int, amount: Decimal, currency: str | None,
          explicit: bool, approximate: bool = False) -> Money:
    o_start, o_end = folded.original_span(start, end)
    if amount == amount.to_integral_value():
        amount = amount.quantize(Decimal(1))
    return Money(
        amount=amount.normalize() if amount != amount.to_integral_value() else amount,
        currency=currency,
        span=Span(start=o_start, end=o_end),
        text=original[o_start:o_end],
        explicit=explicit,
        approximate=approximate,
    )


def _scan_digits(original: str, folded: Folded, lang: Lang) -> list[Money]:
    text = folded.text
    found: list[Money] = []
    for m in _DIGIT_AMOUNT.finditer(text):
        num = m.group("num")
        amount = _decimal(num)
        if amount is None:
            continue
        pre, mult, suf = m.group("pre"), m.group("mult"), m.group("suf")
        start, end = m.start(), m.end()
        num_start = _group_start(m, "num")
        num_end = num_start + len(num)
        tail = None
        if mult in _ZH_MULTIPLIERS and not suf and _single_digit_at(text, end):
            # 1万2 = 12000, 3千5 = 3500: the digit after the multiplier counts in the unit below.
            tail = text[end]
            end += 1
            for word in _ZH_CURRENCY_WORDS:
                if text.startswith(word, end):
                    suf = word
                    end += len(word)
                    break
        if num_start > 0 and (text[num_start - 1].isdigit() or text[num_start - 1] == "."):
            continue
        currency: str | None = None
        minor = False
        if pre and pre[0].isalpha() and start > 0 and text[start - 1].isalpha():
            # "amateur 5" is not EUR 5: a currency code must start a word.
            pre = None
            start = num_start
        if pre:
            currency = _PREFIX_CURRENCY[pre]
        if suf:
            if suf in _MINOR_SUFFIX:
                if pre or mult:
                    end = _group_start(m, "suf")
                    end = len(text[:end].rstrip())
                    suf = None
                else:
                    currency = _MINOR_SUFFIX[suf]
                    minor = True
            else:
                currency = currency or _SUFFIX_CURRENCY[suf]
        if mult:
            factor = _EN_MULTIPLIERS.get(mult) or _ZH_MULTIPLIERS[mult]
            amount *= factor
            if tail:
                amount += Decimal(int(tail)) * factor / 10
        if minor:
            amount /= 100
        explicit = bool(pre or suf or mult)
        if not explicit:
            is_integer = "." not in num
            if lang == "zh" or _is_cjk(text, num_start, num_end):
                if _blocked_zh(text, num_start, num_end) or _touches_date_or_time(text, num_start, num_end):
                    continue
                if _is_phone_like(text, num_start, num_end):
                    continue
                if num_start > 0 and text[num_start - 1].isascii() and text[num_start - 1].isalpha():
                    continue
                if end < len(text) and text[end].isascii() and text[end].isalpha():
                    continue
            elif _blocked_en(text, num_start, num_end, amount, is_integer):
                continue
        elif mult and not pre and not suf and (
            # "1万" / "3千" are amounts, but "3千米" (metres) or "5k run" are not.
            _blocked_zh(text, num_start, end) or _next_word(text, end) in _UNIT_WORDS
        ):
            continue
        if pre is None and num_start > 0 and text[num_start - 1].isascii() and text[num_start - 1].isalpha():
            continue
        approximate = bool(m.group("approx")) and bool(suf)
        if m.group("approx") and not suf:
            end = _group_start(m, "approx")
        found.append(_make(original, folded, start, len(text[:end].rstrip()), amount, currency, explicit,
                           approximate))
    return found


def _single_digit_at(text: str, pos: int) -> bool:
    return pos < len(text) and text[pos].isdigit() and (pos + 1 == len(text) or not text[pos + 1].isdigit())


def _group_start(m: object, name: str) -> int:
    index = _DIGIT_AMOUNT.groupindex[name]
    return int(m.start(index))  # type: ignore[attr-defined]


def _is_cjk(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    return any("\u4e00" <= ch <= "\u9fff" for ch in (before, after) if ch)


def _scan_zh_numerals(original: str, folded: Folded) -> list[Money]:
    text = folded.text
    found: list[Money] = []
    for start, end in _zh_numeral_runs(text):
        chars = text[start:end]
        value = parse_zh_integer(chars)
        if value is None:
            continue
        amount = Decimal(value)
        span_end = end
        # 一点五万 = 15000
        if end + 1 < len(text) and text[end] == "点" and text[end + 1] in _ZH_DIGITS:
            k = end + 1
            while k < len(text) and text[k] in _ZH_DIGITS:
                k += 1
            frac = "".join(str(_ZH_DIGITS[c]) for c in text[end + 1 : k])
            if k < len(text) and text[k] in ("万", "千", "百", "亿"):
                factor = Decimal(_ZH_BIG.get(text[k]) or _ZH_UNITS[text[k]])
                amount = (Decimal(value) + Decimal("0." + frac)) * factor
                span_end = k + 1
        rest = text[span_end:]
        approx = rest.startswith(("多", "来", "余"))
        after = rest[1:] if approx else rest
        currency = None
        suffix_len = 0
        for word in _ZH_CURRENCY_WORDS:
            if after.startswith(word):
                if word == "块" and after.startswith("块儿"):
                    break  # 一块儿 = together
                currency = _SUFFIX_CURRENCY[word]
                suffix_len = len(word)
                break
        prefix_start = start
        head = text[:start].rstrip(" ")
        for word, code in (("人民币", "CNY"), ("¥", "CNY"), ("rmb", "CNY"), ("$", "USD")):
            if head.endswith(word):
                currency = currency or code
                prefix_start = len(head) - len(word)
                break
        if currency is None:
            has_unit = any(ch in _ZH_UNITS or ch in _ZH_BIG for ch in chars) or span_end > end
            if not has_unit or amount < 10 or _blocked_zh(text, start, span_end):
                continue
            if head.endswith(("第", "周", "星期", "礼拜", "初", "十")):
                continue
            final_end = span_end
        else:
            final_end = span_end + (1 if approx else 0) + suffix_len
        found.append(_make(original, folded, prefix_start, final_end, amount, currency,
                           currency is not None or amount >= 10, approx and currency is not None))
    return found


_ZH_CURRENCY_WORDS = sorted(
    [w for w in _SUFFIX_CURRENCY if not w.isascii()], key=len, reverse=True
)


def _scan_en_words(original: str, folded: Folded) -> list[Money]:
    text = folded.text
    words = [(str(m.group(0)), m.start(), m.end()) for m in _ASCII_WORD.finditer(text)]
    found: list[Money] = []
    for i, j, value, has_scale in _en_word_numbers(words, text):
        start, end = words[i][1], words[j - 1][2]
        currency = None
        nxt_index = j
        if nxt_index < len(words) and not text[end : words[nxt_index][1]].strip():
            word = words[nxt_index][0]
            if word in _SUFFIX_CURRENCY and word.isascii():
                currency = _SUFFIX_CURRENCY[word]
                end = words[nxt_index][2]
            elif word in _MINOR_SUFFIX and word != "p":
                currency = _MINOR_SUFFIX[word]
                end = words[nxt_index][2]
                found.append(_make(original, folded, start, end, Decimal(value) / 100, currency, True))
                continue
        if currency is None:
            if value < 20 and not has_scale:
                continue
            if _blocked_en(text, start, end, Decimal(value), True):
                continue
        found.append(_make(original, folded, start, end, Decimal(value), currency, currency is not None
                           or has_scale))
    return found


def extract_money(text: str, lang: Lang) -> list[Money]:
    """Every amount of money mentioned in `text`, in order of appearance, spans into `text`."""
    return list(_extract_money(text, lang))


# The engine (debtor reactions, intent slot requirements) and the scorer read the same line;
# the results are immutable, so one extraction serves them all.
@functools.lru_cache(maxsize=4096)
def _extract_money(text: str, lang: Lang) -> tuple[Money, ...]:
    folded = fold(text)
    found = _scan_digits(text, folded, lang)
    found += _scan_zh_numerals(text, folded)
    if lang == "en" or folded.text.isascii():
        found += _scan_en_words(text, folded)
    found.sort(key=lambda money: (money.span.start, -money.span.end))
    result: list[Money] = []
    for money in found:
        if result and money.span.start < result[-1].span.end:
            continue  # overlapping readings: the earlier, longer one wins
        result.append(money)
    return tuple(result)
