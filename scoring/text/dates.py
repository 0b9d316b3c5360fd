"""Dates in what people say, English and Chinese, resolved against the day of the call.

"Friday", "next Friday", "the 15th", "on the 1st of each month", "tomorrow", "in two weeks",
"June 3", "3/6"; 明天, 后天, 周五/星期五/礼拜五, 下个月20号, 每月15号, 月底, 3月5日.

Resolution rules (the tests in `tests/scoring/test_dates.py` pin them):
- a bare weekday ("Friday", 周五) is the next one after today; "this Friday" may be today;
  "next Friday" / 下周五 is the Friday of next week (weeks start on Monday);
- a day of the month ("the 15th", 15号) is the next such day, today included;
- a month and day without a year is the next such date, today included;
- "3/6" is month/day in the US and China and day/month in the UK; without a jurisdiction hint,
  when both readings are valid and differ, the mention is `ambiguous` with `date=None` and both
  readings in `alternatives` — never a silent guess;
- recurring mentions ("the 1st of each month", 每月15号, "every Friday") give the next
  occurrence and a `recurrence`; bare frequencies ("a month", 每月) give `date=None`;
- vague periods ("next week", 下个月, "in a couple of days") resolve to the period's first day
  (or the day counted) with `approximate=True`.

All scanning is linear: a fixed set of RE2 patterns over folded text, no backtracking.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Literal

import re2

from scoring.model import Jurisdiction, Lang, Span
from scoring.text.money import parse_zh_integer
from scoring.text.slotfold import fold

DateKind = Literal["weekday", "day_of_month", "relative", "absolute", "recurring"]
Recurrence = Literal["weekly", "biweekly", "monthly"]


@dataclass(frozen=True, slots=True)
class DateMention:
    date: dt.date | None
    text: str
    span: Span
    kind: DateKind
    ambiguous: bool = False
    alternatives: tuple[dt.date, ...] = ()
    recurrence: Recurrence | None = None
    approximate: bool = False


@dataclass(frozen=True, slots=True)
class _Reading:
    """What one pattern made of one match, before spans are mapped to the original text."""

    date: dt.date | None
    kind: DateKind
    ambiguous: bool = False
    alternatives: tuple[dt.date, ...] = ()
    recurrence: Recurrence | None = None
    approximate: bool = False


# ---------------------------------------------------------------------------------------------
# Calendar arithmetic.


def _next_weekday(today: date, weekday: int, *, allow_today: bool) -> date:
    ahead = (weekday - today.weekday()) % 7
    if ahead == 0 and not allow_today:
        ahead = 7
    return today + timedelta(days=ahead)


def _weekday_next_week(today: date, weekday: int) -> date:
    monday_next = today + timedelta(days=7 - today.weekday())
    return monday_next + timedelta(days=weekday)


def _weekday_this_week(today: date, weekday: int) -> date:
    return today + timedelta(days=weekday - today.weekday())


def _month_shift(year: int, month: int, shift: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + shift
    return index // 12, index % 12 + 1


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _next_day_of_month(today: date, day: int) -> date | None:
    if not 1 <= day <= 31:
        return None
    for shift in range(0, 13):
        year, month = _month_shift(today.year, today.month, shift)
        candidate = _safe_date(year, month, day)
        if candidate is not None and candidate >= today:
            return candidate
    return None


def _day_in_month(today: date, shift: int, day: int) -> date | None:
    year, month = _month_shift(today.year, today.month, shift)
    return _safe_date(year, month, day)


def _month_end(today: date, shift: int) -> date:
    year, month = _month_shift(today.year, today.month, shift)
    return date(year, month, calendar.monthrange(year, month)[1])


def _next_month_day(today: date, month: int, day: int, year: int | None) -> date | None:
    if year is not None:
        return _safe_date(year, month, day)
    candidate = _safe_date(today.year, month, day)
    if candidate is not None and candidate >= today:
        return candidate
    return _safe_date(today.year + 1, month, day)


def _full_year(year: int) -> int:
    return year + 2000 if year < 100 else year


# ---------------------------------------------------------------------------------------------
# Vocabulary.

_EN_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "tues": 1, "wednesday": 2, "weds": 2, "thursday": 3, "thurs": 3,
    "friday": 4, "saturday": 5, "sunday": 6,
}
_EN_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}
_EN_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty-second": 22,
    "twenty-third": 23, "twenty-fourth": 24, "twenty-fifth": 25, "twenty-sixth": 26,
    "twenty-seventh": 27, "twenty-eighth": 28, "twenty-ninth": 29, "thirtieth": 30,
    "thirty-first": 31, "last": -1,
}
_EN_COUNTS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "couple": 2, "a couple": 2,
    "a couple of": 2, "couple of": 2, "few": 3, "a few": 3,
}
_ZH_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "末": 5,
                "1": 0, "2": 1, "3": 2, "4": 3, "5": 4, "6": 5, "7": 6}


def _alt(words: object) -> str:
    items = sorted({str(w) for w in words}, key=len, reverse=True)  # type: ignore[attr-defined]
    return "|".join(re2.escape(w) for w in items)


_WD = rf"(?P<wd>{_alt(_EN_WEEKDAYS)})"
_MON = rf"(?P<mon>{_alt(_EN_MONTHS)})\.?"
_ORD_WORDS = _alt(k for k in _EN_ORDINAL_WORDS if k != "last")
_ORD = rf"(?:(?P<ordn>\d{{1,2}})(?:st|nd|rd|th)?|(?P<ordw>{_ORD_WORDS}))"
_COUNT = rf"(?P<count>\d{{1,3}}|{_alt(_EN_COUNTS)})"
_B = r"\b"

_ZN = r"(?P<n>\d{1,2}|[零〇一二两三四五六七八九十]{1,3})"
_ZN_MONTH = r"(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})"
_ZH_WD = r"(?P<wd>[一二三四五六日天1-7])"
_ZH_COUNT = r"(?P<count>\d{1,3}|[一二两三四五六七八九十几]{1,3})"


# ---------------------------------------------------------------------------------------------
# Match helpers.


class _Match:
    """Named groups of an RE2 match by name (the wrapper only takes indexes for spans)."""

    def __init__(self, pattern: object, m: object, after: str = "", before: str = "") -> None:
        self._index: dict[str, int] = pattern.groupindex  # type: ignore[attr-defined]
        self._m = m
        # A little of the text around the match, for checks RE2 cannot express (no lookaround).
        self.after = after
        self.before = before

    @property
    def whole(self) -> str:
        return str(self._m.group(0))  # type: ignore[attr-defined]

    def get(self, name: str) -> str | None:
        if name not in self._index:
            return None
        value = self._m.group(self._index[name])  # type: ignore[attr-defined]
        return None if value is None else str(value)


def _ordinal(g: _Match) -> int | None:
    if g.get("ordw2"):
        return -1
    if g.get("ordn"):
        return int(str(g.get("ordn")))
    word = g.get("ordw")
    return _EN_ORDINAL_WORDS.get(word) if word else None


def _zh_number(chars: str | None) -> int | None:
    if not chars:
        return None
    if chars.isdigit():
        return int(chars)
    return parse_zh_integer(chars)


def _count(word: str | None) -> tuple[int | None, bool]:
    """(number, approximate) for "2", "two", "a couple of", 几."""
    if not word:
        return None, False
    if word.isdigit():
        return int(word), False
    word = " ".join(word.split())
    if word in _EN_COUNTS:
        return _EN_COUNTS[word], word in ("couple", "a couple", "a couple of", "couple of", "few", "a few")
    if word == "几":
        return 3, True
    value = parse_zh_integer(word)
    return value, False


Handler = Callable[[_Match, date, Jurisdiction | None], _Reading | None]


# ---------------------------------------------------------------------------------------------
# English handlers.


def _en_weekday(g: _Match, today: date, _j: Jurisdiction | None) -> _Reading:
    weekday = _EN_WEEKDAYS[str(g.get("wd"))]
    qualifier = g.get("q") or ""
    if g.get("week"):  # "Friday week": a week after the coming Friday
        return _Reading(_next_weekday(today, weekday, allow_today=False) + timedelta(days=7), "weekday")
    if qualifier.startswith("next") or qualifier == "after":
        return _Reading(_weekday_next_week(today, weekday), "weekday")
    if qualifier.startswith(("this", "coming")):
        return _Reading(_next_weekday(today, weekday, allow_today=True), "weekday")
    if qualifier == "last":
        return _Reading(today - timedelta(days=(today.weekday() - weekday) % 7 or 7), "weekday")
    return _Reading(_next_weekday(today, weekday, allow_today=False), "weekday")


def _en_every_weekday(g: _Match, today: date, _j: Jurisdiction | None) -> _Reading:
    weekday = _EN_WEEKDAYS[str(g.get("wd"))]
    recurrence: Recurrence = "biweekly" if g.get("other") else "weekly"
    return _Reading(_next_weekday(today, weekday, allow_today=False), "recurring", recurrence=recurrence)


# Words that may follow "the first"/"the 15" when it names a day ("the first of", "the 15 works").
_DAY_FOLLOWERS = frozenset(
    {"of", "and", "or", "if", "then", "at", "when", "is", "works", "would", "could", "please", "ok", "okay",
     "that", "this", "next", "instead"}
)


def _next_ascii_word(after: str) -> str:
    words = after.split(maxsplit=1)
    if not words:
        return ""
    return "".join(ch for ch in words[0] if ch.isascii() and ch.isalpha())


def _en_day_of_month(g: _Match, today: date, _j: Jurisdiction | None) -> _Reading | None:
    day = _ordinal(g)
    if day is None:
        return None
    unsuffixed = g.get("ordw") or (g.get("ordn") and g.whole.rstrip().endswith(str(g.get("ordn"))))
    if unsuffixed and not g.get("which"):
        # "the second payment", "the 2 of us": a word ordinal or bare number names a day only
        # when nothing, or a small set of linking words, follows it.
        nxt = _next_ascii_word(g.after)
        if nxt and nxt not in _DAY_FOLLOWERS:
            return None
        if nxt == "of" and g.after.split()[1:2] in (["us"], ["them"], ["all"], ["those"], ["these"]):
            return None
    which = g.get("which") or ""
    if day == -1:
        shift = 1 if which == "next" else 0
        return _Reading(_month_end(today, shift), "day_of_month")
    if which == "next":
        return _Reading(_day_in_month(today, 1, day), "day_of_month")
    if which == "this":
        return _Reading(_day_in_month(today, 0, day), "day_of_month")
    resolved = _next_day_of_month(today, day)
    return None if resolved is None else _Reading(resolved, "day_of_month")


def _en_monthly_day(g: _Match, today: date, _j: Jurisdiction | None) -> _Reading | None:
    day = _ordinal(g)
    if day is None:
        return None
    resolved = _month_end(today, 0) if day == -1 else _next_day_of_month(today, day)
    return _Reading(resolved, "recurring", recurrence="monthly")


def _en_month_edge(g: _Match, today: date, _j: Jurisdiction | None) -> _Reading:
    which = g.get("which") or "this"
    shift = 1 if which == "next" else 0
    if g.get("edge") == "end":
        return _Reading(_month_end(today, shift), "day_of_month", approximate=True)
    if shift == 0 and today.day > 1:
        shift = 1  # "the beginning of the month" said mid-month means the coming one
    year, month = _month_shift(today.year, today.month, shift)
    return _Reading(date(year, month, 1), "day_of_month", approximate=True)


def _en_month_day(g: _Match, today: date, _j: Jurisdiction | None) -> _Reading | None:
    month = _EN_MONTHS[str(g.get("mon"))]
    day = _ordinal(g)
    if day is None or day < 1:
        return None
    year = int(str(g.get("year"))) if g.get("year") else None
    resolved = _next_month_day(today, month, day, year)
    return None if resolved is None else _Reading(resolved, "absolute")


def _en_iso(g: _Match, today: date, _j: Jurisdiction | None) -> _Reading | None:
    resolved = _safe_date(int(str(g.get("y"))), int(str(g.get("a"))), int(str(g.get("b"))))
    return None if resolved is None else _Reading(resolved, "absolute")


def _numeric(g: _Match, today: date, jurisdiction: Jurisdiction | None) -> _Reading | None:
    a, b = int(str(g.get("a"))), int(str(g.get("b")))
    year = _full_year(int(str(g.get("y")))) if g.get("y") else None
    month_first = _next_month_day(today, a, b, year) if 1 <= a <= 12 else None
    day_first = _next_month_day(today, b, a, year) if 1 <= b <= 12 else None
    if month_first is None and day_first is None:
        return None
    if jurisdiction in ("us", "cn"):
        return None if month_first is None else _Reading(month_first, "absolute")
    if jurisdiction == "uk":
        return None if day_first is None else _Reading(day_first, "absolute")
    if month_first is None or day_first is None or month_first == day_first:
        return _Reading(month_first or day_first, "absolute")
    return _Reading(None, "absolute", ambiguous=True, alternatives=(month_first, day_first))


def _en_named_day(g: _Match, today: date, _j: Jurisdiction | None) -> _Reading:
    word = " ".join(str(g.get("day")).split())
    offsets = {"today": 0, "tonight": 0, "this evening": 0, "this afternoon": 0, "tomorrow": 1,
               "tmrw": 1, "tmr": 1, "tomorow": 1, "tommorow": 1, "tommorrow": 1,
               "the day after tomorrow": 2, "day after tomorrow": 2}
    return _Reading(today + timedelta(days=offsets[word]), "relative")


# "How much do you bring in a month?" is a rate, not a date a month from now.
_RATE_VERBS = frozenset(
    {"bring", "earn", "earning", "make", "making", "spend", "spending", "get", "getting", "take", "pay",
     "paying"}
)


def _is_rate(g: _Match) -> bool:
    if not g.whole.lstrip().startswith("in ") or g.get("count") not in ("a", "an", "one"):
        return False
    before = g.before.rsplit(",", 1)[-1].rsplit("?", 1)[-1]
    words = before.split()
    return ("how much" in before or "how many" in before or (bool(words) and words[-1] in _RATE_VERBS)
            or (bool(words) and any(ch.isdigit() for ch in words[-1])))


_NEGATIONS = ("n't ", "not ", "never ", "no ")


def _is_duration(g: _Match) -> bool:
    """ "You haven't paid in two months": after a negation, "in N months" is a span of time."""
    if not g.whole.lstrip().startswith("in "):
        return False
    clause = g.before.rsplit(",", 1)[-1].rsplit(".", 1)[-1].rsplit("?", 1)[-1]
    return any(neg in clause + " " for neg in _NEGATIONS)


def _en_in_count(g: _Match, today: date, _j: Jurisdiction | None) -> _Reading | None:
    count, approximate = _count(g.get("count"))
    if count is None or _is_rate(g) or _is_duration(g):
        return None
    unit = str(g.get("unit"))
    if unit.startswith("day"):
        return _Reading(today + timedelta(days=count), "relative", approximate=approximate)
    if unit.startswith("week"):
        return _Reading(today + timedelta(weeks=count), "relative", approximate=approximate)
    if unit.startswith("fortnight"):
        return _Reading(today + timedelta(weeks=2 * count), "relative", approximate=approximate)
    year, month = _month_shift(today.year, today.month, count)
    day = min(today.day, calendar.monthrange(year, month)[1])
    return _Reading(date(year, month, day), "relative", approximate=approximate)


def _en_next_period(g: _Match, today: date, _j: Jurisdiction | None) -> _Reading:
    period = str(g.get("period"))
    if period == "week":
        return _Reading(_weekday_next_week(today, 0), "relative", approximate=True)
    if period == "weekend":
        return _Reading(_weekday_next_week(today, 5), "relative", approximate=True)
    year, month = _month_shift(today.year, today.month, 1)
    return _Reading(date(year, month, 1), "relative", approximate=True)


def _en_this_weekend(g: _Match, today: date, _j: Jurisdiction | None) -> _Reading:
    return _Reading(_next_weekday(today, 5, allow_today=True), "relative", approximate=True)


def _en_frequency(g: _Match, today: date, _j: Jurisdiction | None) -> _Reading:
    word = " ".join(str(g.get("freq")).split())
    recurrence: Recurrence
    if any(k in word for k in ("two weeks", "2 weeks", "other week", "fortnight", "biweekly")):
        recurrence = "biweekly"
    elif "week" in word:
        recurrence = "weekly"
    else:
        recurrence = "monthly"
    return _Reading(None, "recurring", recurrence=recurrence)


# ---------------------------------------------------------------------------------------------
# Chinese handlers.


def _zh_weekday(g: _Match, today: date, _j: Jurisdiction | None) -> _Reading:
    weekday = _ZH_WEEKDAYS[str(g.get("wd"))]
    q = g.get("q") or ""
    if q == "下下":
        return _Reading(_weekday_next_week(today, weekday) + timedelta(days=7), "weekday")
    if q == "下":
        return _Reading(_weekday_next_week(today, weekday), "weekday")
    if q in ("这", "本", "这个"):
        return _Reading(_weekday_this_week(today, weekday), "weekday")
    return _Reading(_next_weekday(today, weekday, allow_today=False), "weekday")


def _zh_shift(q: str | None) -> int | None:
    shifts = {"这个月": 0, "本月": 0, "这月": 0, "下个月": 1, "下月": 1, "下下个月": 2, "下下月": 2}
    return shifts.get(q or "")


def _zh_day_of_month(g: _Match, today: date, _j: Jurisdiction | None) -> _Reading | None:
    day = _zh_number(g.get("n"))
    if day is None or not 1 <= day <= 31:
        return None
    shift = _zh_shift(g.get("q"))
    resolved = _day_in_month(today, shift, day) if shift is not None else _next_day_of_month(today, day)
    return None if resolved is None else _Reading(resolved, "day_of_month")


def _zh_month_edge(g: _Match, today: date, _j: Jurisdiction | None) -> _Reading:
    shift = _zh_shift(g.get("q")) or 0
    if g.get("edge") in ("底", "末"):
        return _Reading(_month_end(today, shift), "day_of_month", approximate=True)
    if shift == 0 and today.day > 10 and g.get("q") is None:
        shift = 1  # 月初 said after the first third of the month means next month
    year, month = _month_shift(today.year, today.month, shift)
    return _Reading(date(year, month, 1), "day_of_month", approximate=True)


def _zh_month_day(g: _Match, today: date, _j: Jurisdiction | None) -> _Reading | None:
    month = _zh_number(g.get("m"))
    day = _zh_number(g.get("n"))
    if month is None or day is None or not 1 <= month <= 12:
        return None
    year = _zh_number(g.get("y"))
    resolved = _next_month_day(today, month, day, year)
    return None if resolved is None else _Reading(resolved, "absolute")


def _zh_monthly_day(g: _Match, today: date, _j: Jurisdiction | None) -> _Reading | None:
    if g.get("edge"):
        return _Reading(_month_end(today, 0), "recurring", recurrence="monthly")
    day = _zh_number(g.get("n"))
    if day is None or not 1 <= day <= 31:
        return None
    return _Reading(_next_day_of_month(today, day), "recurring", recurrence="monthly")


def _zh_every_weekday(g: _Match, today: date, _j: Jurisdiction | None) -> _Reading:
    weekday = _ZH_WEEKDAYS[str(g.get("wd"))]
    recurrence: Recurrence = "biweekly" if g.get("other") else "weekly"
    return _Reading(_next_weekday(today, weekday, allow_today=False), "recurring", recurrence=recurrence)


def _zh_named_day(g: _Match, today: date, _j: Jurisdiction | None) -> _Reading:
    offsets = {"今天": 0, "今日": 0, "今晚": 0, "今天晚上": 0, "明天": 1, "明日": 1, "明早": 1,
               "明晚": 1, "后天": 2, "大后天": 3}
    return _Reading(today + timedelta(days=offsets[str(g.get("day"))]), "relative")


def _zh_after_count(g: _Match, today: date, _j: Jurisdiction | None) -> _Reading | None:
    count, approximate = _count(g.get("count"))
    if count is None:
        return None
    unit = str(g.get("unit"))
    if unit == "天":
        return _Reading(today + timedelta(days=count), "relative", approximate=approximate)
    if unit in ("周", "个星期", "个礼拜", "星期", "礼拜"):
        return _Reading(today + timedelta(weeks=count), "relative", approximate=approximate)
    year, month = _month_shift(today.year, today.month, count)
    day = min(today.day, calendar.monthrange(year, month)[1])
    return _Reading(date(year, month, day), "relative", approximate=approximate)


def _zh_next_period(g: _Match, today: date, _j: Jurisdiction | None) -> _Reading:
    period = str(g.get("period"))
    if period in ("周", "个星期", "个礼拜", "星期", "礼拜"):
        return _Reading(_weekday_next_week(today, 0), "relative", approximate=True)
    year, month = _month_shift(today.year, today.month, 1)
    return _Reading(date(year, month, 1), "relative", approximate=True)


def _zh_weekend(g: _Match, today: date, _j: Jurisdiction | None) -> _Reading:
    if g.get("q") == "下":
        return _Reading(_weekday_next_week(today, 5), "relative", approximate=True)
    return _Reading(_next_weekday(today, 5, allow_today=True), "relative", approximate=True)


def _zh_year_end(g: _Match, today: date, _j: Jurisdiction | None) -> _Reading:
    year = today.year + (1 if g.get("q") == "明" else 0)
    return _Reading(date(year, 12, 31), "day_of_month", approximate=True)


def _zh_frequency(g: _Match, today: date, _j: Jurisdiction | None) -> _Reading:
    word = str(g.get("freq"))
    recurrence: Recurrence = "monthly"
    if "两" in word or "2" in word or "双" in word:
        recurrence = "biweekly"
    elif "周" in word or "星期" in word or "礼拜" in word:
        recurrence = "weekly"
    return _Reading(None, "recurring", recurrence=recurrence)


# ---------------------------------------------------------------------------------------------
# Pattern tables: (RE2 pattern, handler). Overlaps resolve to the earliest, then longest, match.

_WEEK_WORDS = r"(?:week|weeks)"

_EN_PATTERNS: list[tuple[str, Handler]] = [
    (rf"{_B}(?:on\s+)?(?:the\s+)?{_ORD}\s+(?:day\s+)?of\s+(?:each|every|the)\s+month{_B}", _en_monthly_day),
    (rf"{_B}(?:on\s+)?(?:the\s+)?(?:{_ORD}|(?P<ordw2>last)\s+day)\s+(?:day\s+)?(?:of\s+)?(?:each|every)\s+month{_B}",
     _en_monthly_day),
    (rf"{_B}(?:every|each)\s+month\s+on\s+the\s+{_ORD}{_B}", _en_monthly_day),
    (rf"{_B}monthly\s+on\s+the\s+{_ORD}{_B}", _en_monthly_day),
    (rf"{_B}(?:on\s+)?the\s+{_ORD}\s+(?:monthly|every\s+month|each\s+month|of\s+every\s+month){_B}",
     _en_monthly_day),
    (rf"{_B}(?:every|each)\s+(?P<other>other\s+)?{_WD}{_B}", _en_every_weekday),
    (rf"{_B}on\s+{_WD}s{_B}", _en_every_weekday),
    (rf"{_B}(?:(?P<q>next|this\s+coming|this|coming|last|on|the)\s+)?{_WD}(?P<week>\s+week)?{_B}",
     _en_weekday),
    (rf"{_B}{_WD}\s+(?P<q>after)\s+next{_B}", _en_weekday),
    (rf"{_B}{_MON}\s+(?:the\s+)?{_ORD}(?:,?\s+(?P<year>\d{{4}}))?{_B}", _en_month_day),
    (rf"{_B}(?:the\s+)?{_ORD}\s+(?:of\s+)?{_MON}(?:,?\s+(?P<year>\d{{4}}))?{_B}", _en_month_day),
    (r"\b(?P<y>\d{4})-(?P<a>\d{1,2})-(?P<b>\d{1,2})\b", _en_iso),
    (r"(?:^|[^\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})(?:/(?P<y>\d{4}|\d{2}))?(?:$|[^\d/])", _numeric),
    (rf"{_B}(?:on\s+)?the\s+{_ORD}(?:\s+of\s+(?P<which>this|next|the)\s+month)?{_B}", _en_day_of_month),
    (rf"{_B}(?:on\s+)?(?P<ordn>\d{{1,2}})(?:st|nd|rd|th)(?:\s+of\s+(?P<which>this|next|the)\s+month)?{_B}",
     _en_day_of_month),
    (rf"{_B}(?:the\s+)?(?:(?P<ordw>last)\s+day)\s+of\s+(?:the\s+)?(?P<which>this|next)?\s*month{_B}",
     _en_day_of_month),
    (r"\b(?:the\s+)?(?P<edge>end|beginning|start)\s+of\s+(?:the\s+)?(?P<which>this|next)?\s*month\b",
     _en_month_edge),
    (r"\b(?P<day>(?:the\s+)?day\s+after\s+tomorrow|today|tonight|this\s+evening|this\s+afternoon|"
     r"tomorrow|tmrw|tmr|tomorow|tommorow|tommorrow)\b", _en_named_day),
    (rf"\bin\s+{_COUNT}\s+(?P<unit>days?|{_WEEK_WORDS}|fortnights?|months?)(?:'?\s+time)?\b", _en_in_count),
    (rf"\b{_COUNT}\s+(?P<unit>days?|{_WEEK_WORDS}|months?)\s+from\s+(?:now|today)\b", _en_in_count),
    (r"\bnext\s+(?P<period>week|weekend|month)\b", _en_next_period),
    (r"\bthis\s+weekend\b", _en_this_weekend),
    (r"\b(?P<freq>every\s+(?:two|2)\s+weeks|every\s+other\s+week|fortnightly|biweekly|bi-weekly|"
     r"every\s+fortnight|every\s+week|each\s+week|weekly|a\s+week|per\s+week|every\s+month|each\s+month|"
     r"monthly|a\s+month|per\s+month)\b", _en_frequency),
]

_ZH_NUM_DAY = rf"{_ZN}(?:号|日)"
_ZH_PATTERNS: list[tuple[str, Handler]] = [
    (rf"每(?:个)?月(?:的)?{_ZH_NUM_DAY}", _zh_monthly_day),
    (r"每(?:个)?月(?:的)?(?P<edge>底|末|最后一天)", _zh_monthly_day),
    (rf"每(?P<other>两|隔)?(?:个)?(?:周|星期|礼拜){_ZH_WD}", _zh_every_weekday),
    (rf"(?:(?P<y>\d{{4}}|[零〇一二三四五六七八九]{{4}})年)?{_ZN_MONTH}月(?:份)?{_ZH_NUM_DAY}", _zh_month_day),
    (rf"(?P<q>这个月|本月|这月|下下个月|下下月|下个月|下月)(?:的)?{_ZH_NUM_DAY}", _zh_day_of_month),
    (rf"(?:^|[^月\d零〇一二两三四五六七八九十第])(?:在|到)?{_ZH_NUM_DAY}", _zh_day_of_month),
    (r"(?P<q>这个月|本月|这月|下个月|下月)?月?(?P<edge>底|末|初)", _zh_month_edge),
    (rf"(?P<q>下下|下|这|本)?(?:个)?(?:周|星期|礼拜){_ZH_WD}", _zh_weekday),
    (r"(?P<q>下|这|本)?(?:个)?周末", _zh_weekend),
    (r"(?P<day>大后天|后天|明天|明日|明早|明晚|今天晚上|今天|今日|今晚)", _zh_named_day),
    (rf"(?:过)?{_ZH_COUNT}(?P<unit>天|周|个星期|个礼拜|星期|礼拜|个月)(?:以后|之后|后|内)", _zh_after_count),
    (rf"过{_ZH_COUNT}(?P<unit>天|周|个星期|个礼拜|个月)", _zh_after_count),
    (r"(?P<q>明|今)?年底", _zh_year_end),
    (r"下(?:个)?(?P<period>周|个星期|个礼拜|星期|礼拜|月)", _zh_next_period),
    (r"(?P<freq>每两周|每隔一周|每(?:个)?月|每周|每个星期|每星期|每个礼拜|每礼拜|按月|月供)", _zh_frequency),
]


@dataclass(frozen=True)
class _Table:
    """Every date pattern, plus one RE2 set that says in a single pass which of them can match."""

    patterns: tuple[tuple[Any, Handler], ...]
    prefilter: Any


@functools.cache
def _table() -> _Table:
    # Chinese lines often carry English dates and vice versa ("周五 or Friday"): both tables run
    # for both languages; each table's patterns are specific to its own script.
    sources = [*_EN_PATTERNS, *_ZH_PATTERNS]
    prefilter = re2.Set.SearchSet()
    for pattern, _handler in sources:
        prefilter.Add(pattern)
    prefilter.Compile()
    return _Table(tuple((re2.compile(pattern), handler) for pattern, handler in sources), prefilter)


@dataclass(order=True)
class _Candidate:
    start: int
    neg_end: int
    order: int
    reading: _Reading = field(compare=False)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop the context characters a pattern had to consume (RE2 has no lookaround)."""
    while start < end and not (text[start].isalnum() or "\u4e00" <= text[start] <= "\u9fff"):
        start += 1
    while end > start and not (text[end - 1].isalnum() or "\u4e00" <= text[end - 1] <= "\u9fff"):
        end -= 1
    return start, end


_ZH_CONTEXT_VERBS = ("在", "到")


def extract_dates(
    text: str,
    lang: Lang,
    today: date,
    *,
    jurisdiction: Jurisdiction | None = None,
    include_frequencies: bool = False,
) -> list[DateMention]:
    """Every date mentioned in `text`, in order, resolved against `today`.

    `jurisdiction` decides how numeric dates like "3/6" read (see the module docstring).
    Bare frequencies ("a month", 每月) name no day; they are left out unless
    `include_frequencies` is true, so that a date slot always means a day was said.
    """
    return list(_extract_dates(text, lang, today, jurisdiction, include_frequencies))


@functools.lru_cache(maxsize=4096)
def _extract_dates(
    text: str, lang: Lang, today: date, jurisdiction: Jurisdiction | None, include_frequencies: bool
) -> tuple[DateMention, ...]:
    folded = fold(text)
    ftext = folded.text
    candidates: list[_Candidate] = []
    table = _table()
    for order in sorted(table.prefilter.Match(ftext) or ()):
        pattern, handler = table.patterns[order]
        for m in pattern.finditer(ftext):
            start, end = _trim(ftext, m.start(), m.end())
            if ftext[start] in _ZH_CONTEXT_VERBS and start + 1 < end:
                start += 1
            if end <= start:
                continue
            before = ftext[max(0, m.start() - 40) : m.start()]
            around = _Match(pattern, m, ftext[m.end() : m.end() + 24], before)
            reading = handler(around, today, jurisdiction)
            if reading is None:
                continue
            if reading.date is None and not reading.ambiguous and not include_frequencies:
                continue
            candidates.append(_Candidate(start, -end, order, reading))
    candidates.sort()
    mentions: list[DateMention] = []
    last_end = -1
    for cand in candidates:
        if cand.start < last_end:
            continue
        last_end = -cand.neg_end
        o_start, o_end = folded.original_span(cand.start, last_end)
        r = cand.reading
        mentions.append(
            DateMention(
                date=r.date,
                text=text[o_start:o_end],
                span=Span(start=o_start, end=o_end),
                kind=r.kind,
                ambiguous=r.ambiguous,
                alternatives=r.alternatives,
                recurrence=r.recurrence,
                approximate=r.approximate,
            )
        )
    return tuple(mentions)
