"""Date slots: what counts as a date, how it resolves against the day of the call, and its span."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.text.dates import extract_dates

WED = date(2026, 12, 2)  # a Wednesday
SUN = date(2026, 11, 29)  # a Sunday, the last day of its week

# (text, lang, today, [(resolved date or None, kind, matched text), ...])
DATES = [
    ("I can pay Friday", "en", WED, [(date(2026, 12, 4), "weekday", "Friday")]),
    ("on friday", "en", WED, [(date(2026, 12, 4), "weekday", "on friday")]),
    ("this Friday", "en", WED, [(date(2026, 12, 4), "weekday", "this Friday")]),
    ("next Friday", "en", WED, [(date(2026, 12, 11), "weekday", "next Friday")]),
    ("next Friday", "en", SUN, [(date(2026, 12, 4), "weekday", "next Friday")]),
    ("Wednesday", "en", WED, [(date(2026, 12, 9), "weekday", "Wednesday")]),
    ("Friday week", "en", WED, [(date(2026, 12, 11), "weekday", "Friday week")]),
    ("the 15th", "en", WED, [(date(2026, 12, 15), "day_of_month", "the 15th")]),
    ("the 1st", "en", WED, [(date(2027, 1, 1), "day_of_month", "the 1st")]),
    ("on the 2nd", "en", WED, [(date(2026, 12, 2), "day_of_month", "on the 2nd")]),
    ("the 15th of next month", "en", WED, [(date(2027, 1, 15), "day_of_month", "the 15th of next month")]),
    ("on the first", "en", WED, [(date(2027, 1, 1), "day_of_month", "on the first")]),
    ("on the 1st of each month", "en", WED, [(date(2027, 1, 1), "recurring", "on the 1st of each month")]),
    ("every month on the 15th", "en", WED, [(date(2026, 12, 15), "recurring", "every month on the 15th")]),
    ("every Friday", "en", WED, [(date(2026, 12, 4), "recurring", "every Friday")]),
    ("tomorrow", "en", WED, [(date(2026, 12, 3), "relative", "tomorrow")]),
    ("Tomorow", "en", WED, [(date(2026, 12, 3), "relative", "Tomorow")]),
    ("the day after tomorrow", "en", WED, [(date(2026, 12, 4), "relative", "the day after tomorrow")]),
    ("in two weeks", "en", WED, [(date(2026, 12, 16), "relative", "in two weeks")]),
    ("in 3 days", "en", WED, [(date(2026, 12, 5), "relative", "in 3 days")]),
    ("in a month", "en", WED, [(date(2027, 1, 2), "relative", "in a month")]),
    ("June 3", "en", WED, [(date(2027, 6, 3), "absolute", "June 3")]),
    ("December 10th", "en", WED, [(date(2026, 12, 10), "absolute", "December 10th")]),
    ("3 June", "en", WED, [(date(2027, 6, 3), "absolute", "3 June")]),
    ("the 3rd of January", "en", WED, [(date(2027, 1, 3), "absolute", "the 3rd of January")]),
    ("March 3rd, 2027", "en", WED, [(date(2027, 3, 3), "absolute", "March 3rd, 2027")]),
    ("2027-01-15", "en", WED, [(date(2027, 1, 15), "absolute", "2027-01-15")]),
    ("13/6", "en", WED, [(date(2027, 6, 13), "absolute", "13/6")]),
    ("6/6", "en", WED, [(date(2027, 6, 6), "absolute", "6/6")]),
    ("end of the month", "en", WED, [(date(2026, 12, 31), "day_of_month", "end of the month")]),
    ("next week", "en", WED, [(date(2026, 12, 7), "relative", "next week")]),
    ("ＦＲＩＤＡＹ", "en", WED, [(date(2026, 12, 4), "weekday", "ＦＲＩＤＡＹ")]),
    ("下个月20号", "zh", WED, [(date(2027, 1, 20), "day_of_month", "下个月20号")]),
    ("下个月二十号还", "zh", WED, [(date(2027, 1, 20), "day_of_month", "下个月二十号")]),
    ("明天", "zh", WED, [(date(2026, 12, 3), "relative", "明天")]),
    ("后天", "zh", WED, [(date(2026, 12, 4), "relative", "后天")]),
    ("大后天", "zh", WED, [(date(2026, 12, 5), "relative", "大后天")]),
    ("後天", "zh", WED, [(date(2026, 12, 4), "relative", "後天")]),
    ("周五", "zh", WED, [(date(2026, 12, 4), "weekday", "周五")]),
    ("星期五", "zh", WED, [(date(2026, 12, 4), "weekday", "星期五")]),
    ("礼拜五", "zh", WED, [(date(2026, 12, 4), "weekday", "礼拜五")]),
    ("禮拜五", "zh", WED, [(date(2026, 12, 4), "weekday", "禮拜五")]),
    ("下個禮拜五", "zh", WED, [(date(2026, 12, 11), "weekday", "下個禮拜五")]),
    ("每個月十五號", "zh", WED, [(date(2026, 12, 15), "recurring", "每個月十五號")]),
    ("下周五", "zh", WED, [(date(2026, 12, 11), "weekday", "下周五")]),
    ("这周日", "zh", WED, [(date(2026, 12, 6), "weekday", "这周日")]),
    ("每月15号", "zh", WED, [(date(2026, 12, 15), "recurring", "每月15号")]),
    ("每个月十五号", "zh", WED, [(date(2026, 12, 15), "recurring", "每个月十五号")]),
    ("月底", "zh", WED, [(date(2026, 12, 31), "day_of_month", "月底")]),
    ("下个月底", "zh", WED, [(date(2027, 1, 31), "day_of_month", "下个月底")]),
    ("3月5日", "zh", WED, [(date(2027, 3, 5), "absolute", "3月5日")]),
    ("三月五号", "zh", WED, [(date(2027, 3, 5), "absolute", "三月五号")]),
    ("12月10号", "zh", WED, [(date(2026, 12, 10), "absolute", "12月10号")]),
    ("15号发工资", "zh", WED, [(date(2026, 12, 15), "day_of_month", "15号")]),
    ("三天后", "zh", WED, [(date(2026, 12, 5), "relative", "三天后")]),
    ("两周后", "zh", WED, [(date(2026, 12, 16), "relative", "两周后")]),
    ("３月５日", "zh", WED, [(date(2027, 3, 5), "absolute", "３月５日")]),
]

NOT_DATES = [
    ("one second", "en"),
    ("the second payment", "en"),
    ("first of all", "en"),
    ("call me at 9", "en"),
    ("I may pay", "en"),
    ("I was laid off in March", "en"),
    ("$150", "en"),
    ("the 2 of us", "en"),
    ("how much do you bring in a month?", "en"),
    ("You haven't paid in two months.", "en"),
    ("I can pay $150 in a month", "en"),
    ("五百块", "zh"),
    ("第一", "zh"),
    ("一千五", "zh"),
]


@pytest.mark.parametrize(("text", "lang", "today", "expected"), DATES)
def test_dates(text: str, lang: str, today: date, expected: list[tuple[date | None, str, str]]) -> None:
    found = extract_dates(text, lang, today)  # type: ignore[arg-type]
    assert [(d.date, d.kind, d.text) for d in found] == expected
    for mention in found:
        assert text[mention.span.start : mention.span.end] == mention.text


@pytest.mark.parametrize(("text", "lang"), NOT_DATES)
def test_not_dates(text: str, lang: str) -> None:
    assert extract_dates(text, lang, WED) == []  # type: ignore[arg-type]


def test_numeric_date_without_jurisdiction_is_ambiguous_not_guessed() -> None:
    (mention,) = extract_dates("can you pay on 3/6?", "en", WED)
    assert mention.date is None
    assert mention.ambiguous
    assert set(mention.alternatives) == {date(2027, 3, 6), date(2027, 6, 3)}


@pytest.mark.parametrize(
    ("jurisdiction", "expected"),
    [("us", date(2027, 3, 6)), ("uk", date(2027, 6, 3)), ("cn", date(2027, 3, 6))],
)
def test_numeric_date_follows_jurisdiction(jurisdiction: str, expected: date) -> None:
    (mention,) = extract_dates("3/6", "en", WED, jurisdiction=jurisdiction)  # type: ignore[arg-type]
    assert mention.date == expected
    assert not mention.ambiguous


def test_recurrence_is_reported() -> None:
    assert [d.recurrence for d in extract_dates("on the 1st of each month", "en", WED)] == ["monthly"]
    assert [d.recurrence for d in extract_dates("every other Friday", "en", WED)] == ["biweekly"]
    assert [d.recurrence for d in extract_dates("每月15号", "zh", WED)] == ["monthly"]
    assert extract_dates("150 a month", "en", WED) == []
    (freq,) = extract_dates("150 a month", "en", WED, include_frequencies=True)
    assert (freq.kind, freq.date, freq.recurrence) == ("recurring", None, "monthly")


def test_two_mentions_in_one_line() -> None:
    found = extract_dates("$100 tomorrow and the rest on the 15th", "en", WED)
    assert [d.date for d in found] == [date(2026, 12, 3), date(2026, 12, 15)]


def test_invalid_day_is_dropped() -> None:
    assert extract_dates("February 30", "en", WED) == []


def test_long_input_is_handled() -> None:
    assert len(extract_dates("Friday " * 5000, "en", WED)) == 5000


_ALPHABET = "0123456789 /-,.thesfriday mondaynextof每月号日周五下个明后天底年ＦＲ１２\u200b禮拜"


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    st.text(alphabet=_ALPHABET, max_size=40),
    st.sampled_from(["en", "zh"]),
    st.sampled_from([None, "us", "uk"]),
)
def test_any_text_gives_well_formed_dates(text: str, lang: str, jurisdiction: str | None) -> None:
    found = extract_dates(text, lang, WED, jurisdiction=jurisdiction)  # type: ignore[arg-type]
    last_end = -1
    for mention in found:
        assert 0 <= mention.span.start < mention.span.end <= len(text)
        assert text[mention.span.start : mention.span.end] == mention.text
        assert mention.span.start >= last_end
        assert (mention.date is None) == mention.ambiguous or mention.kind == "recurring"
        last_end = mention.span.end
