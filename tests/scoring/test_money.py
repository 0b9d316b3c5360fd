"""Money slots: what counts as an amount, what it is worth, and where it is in the line."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.text.money import extract_money, parse_zh_integer

# (text, lang, [(amount, currency, matched text), ...])
AMOUNTS = [
    ("I can pay $150 on Friday", "en", [("150", "USD", "$150")]),
    ("150 dollars", "en", [("150", "USD", "150 dollars")]),
    ("The balance is $1,860.50.", "en", [("1860.50", "USD", "$1,860.50")]),
    ("you owe £1,860", "en", [("1860", "GBP", "£1,860")]),
    ("maybe 1.2k by the end of the year", "en", [("1200", None, "1.2k")]),
    ("I could do two hundred", "en", [("200", None, "two hundred")]),
    ("a hundred and fifty bucks a month", "en", [("150", "USD", "a hundred and fifty bucks")]),
    ("fifty quid", "en", [("50", "GBP", "fifty quid")]),
    ("twelve hundred dollars", "en", [("1200", "USD", "twelve hundred dollars")]),
    ("forty-five dollars", "en", [("45", "USD", "forty-five dollars")]),
    ("50 cents", "en", [("0.50", "USD", "50 cents")]),
    ("I could do one fifty a month", "en", [("150", None, "one fifty")]),
    ("two twenty-five dollars", "en", [("225", "USD", "two twenty-five dollars")]),
    ("one hundred and five dollars", "en", [("105", "USD", "one hundred and five dollars")]),
    ("$5k", "en", [("5000", "USD", "$5k")]),
    ("USD 300", "en", [("300", "USD", "USD 300")]),
    ("USD150", "en", [("150", "USD", "USD150")]),
    ("$150/month", "en", [("150", "USD", "$150")]),
    ("an amateur 5", "en", [("5", None, "5")]),  # not EUR 5
    ("$ 75", "en", [("75", "USD", "$ 75")]),
    ("could you do 150 a month?", "en", [("150", None, "150")]),
    ("$100 now and $150 a month", "en", [("100", "USD", "$100"), ("150", "USD", "$150")]),
    ("2 payments of 150", "en", [("150", None, "150")]),
    ("I can pay 2000", "en", [("2000", None, "2000")]),
    ("ＵＳ＄１５０", "en", [("150", "USD", "ＵＳ＄１５０")]),
    ("$1\u200b50", "en", [("150", "USD", "$1\u200b50")]),
    ("800元", "zh", [("800", "CNY", "800元")]),
    ("每月还800块", "zh", [("800", "CNY", "800块")]),
    ("￥800", "zh", [("800", "CNY", "￥800")]),
    ("五百块", "zh", [("500", "CNY", "五百块")]),
    ("一千五", "zh", [("1500", None, "一千五")]),
    ("两千三百元", "zh", [("2300", "CNY", "两千三百元")]),
    ("先还1万", "zh", [("10000", None, "1万")]),
    ("3千", "zh", [("3000", None, "3千")]),
    ("八百块钱", "zh", [("800", "CNY", "八百块钱")]),
    ("我只能给800", "zh", [("800", None, "800")]),
    ("一万二", "zh", [("12000", None, "一万二")]),
    ("1万2", "zh", [("12000", None, "1万2")]),
    ("1.5万元", "zh", [("15000", "CNY", "1.5万元")]),
    ("一点五万", "zh", [("15000", None, "一点五万")]),
    ("一千零五十元", "zh", [("1050", "CNY", "一千零五十元")]),
    ("兩千塊", "zh", [("2000", "CNY", "兩千塊")]),
    ("還兩萬參仟塊錢", "zh", [("23000", "CNY", "兩萬參仟塊錢")]),
    ("８００元", "zh", [("800", "CNY", "８００元")]),
    ("人民币五百元", "zh", [("500", "CNY", "人民币五百元")]),
    ("800多块", "zh", [("800", "CNY", "800多块")]),
    ("分3期，每期500", "zh", [("500", None, "500")]),
    ("我欠了一万八千六", "zh", [("18600", None, "一万八千六")]),
    ("还欠两万三千六", "zh", [("23600", None, "两万三千六")]),
    ("每月还五十", "zh", [("50", None, "五十")]),
]

NOT_MONEY = [
    ("call me at 9", "en"),
    ("call me at 9:30", "en"),
    ("I get paid on the 15th", "en"),
    ("give me 2 days", "en"),
    ("in 3 weeks", "en"),
    ("my number is 555-123-4567", "en"),
    ("call 555 123 4567", "en"),
    ("under Section 1692 of the act", "en"),
    ("§1692g", "en"),
    ("I've been with the bank since 2019", "en"),
    ("on 3/6", "en"),
    ("June 3", "en"),
    ("I have 3 kids", "en"),
    ("one more thing", "en"),
    ("the card ending in 4321", "en"),
    ("one of them", "en"),
    ("I have one, twenty years ago", "en"),
    ("ten minutes", "en"),
    ("100 percent", "en"),
    ("50%", "en"),
    ("9am", "en"),
    ("each 2 weeks", "en"),
    ("每月15号", "zh"),
    ("下个月20号", "zh"),
    ("我们一块儿想办法", "zh"),
    ("三天", "zh"),
    ("十分感谢", "zh"),
    ("万一还不上怎么办", "zh"),
    ("千万不要", "zh"),
    ("13812345678", "zh"),
    ("3个月", "zh"),
    ("第一", "zh"),
    ("星期五", "zh"),
    ("2026年", "zh"),
    ("五点打给我", "zh"),
    ("一下", "zh"),
    ("一起", "zh"),
]


@pytest.mark.parametrize(("text", "lang", "expected"), AMOUNTS)
def test_amounts(text: str, lang: str, expected: list[tuple[str, str | None, str]]) -> None:
    found = extract_money(text, lang)  # type: ignore[arg-type]
    assert [(m.amount, m.currency, m.text) for m in found] == [
        (Decimal(amount), currency, matched) for amount, currency, matched in expected
    ]
    for money in found:
        assert text[money.span.start : money.span.end] == money.text


@pytest.mark.parametrize(("text", "lang"), NOT_MONEY)
def test_not_money(text: str, lang: str) -> None:
    assert extract_money(text, lang) == []  # type: ignore[arg-type]


def test_bare_amounts_are_marked_implicit() -> None:
    (bare,) = extract_money("could you do 150 a month?", "en")
    (marked,) = extract_money("could you do $150 a month?", "en")
    assert not bare.explicit
    assert marked.explicit


@pytest.mark.parametrize(
    ("chars", "value"),
    [
        ("五", 5), ("十", 10), ("十五", 15), ("二十", 20), ("一百", 100), ("三百五", 350),
        ("一千五", 1500), ("一千零五", 1005), ("两千三百", 2300), ("一万", 10000),
        ("一万二", 12000), ("十万", 100000), ("一万零五百", 10500), ("二零二六", 2026),
        ("百", None), ("五五十", None),
    ],
)
def test_parse_zh_integer(chars: str, value: int | None) -> None:
    assert parse_zh_integer(chars) == value


def test_long_input_is_handled() -> None:
    text = "I can pay $150 " * 5000
    assert len(extract_money(text, "en")) == 5000


_ALPHABET = "0123456789 ,.$£€¥￥元块钱万千百十一二两三五九零kK/:-#§%abcdeynot号月日周ＡＢ１２３\u200b兩萬塊"


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(alphabet=_ALPHABET, max_size=40), st.sampled_from(["en", "zh"]))
def test_any_text_gives_well_formed_amounts(text: str, lang: str) -> None:
    found = extract_money(text, lang)  # type: ignore[arg-type]
    last_end = -1
    for money in found:
        assert 0 <= money.span.start < money.span.end <= len(text)
        assert text[money.span.start : money.span.end] == money.text
        assert money.span.start >= last_end  # no overlaps, in order
        assert money.amount >= 0
        last_end = money.span.end
