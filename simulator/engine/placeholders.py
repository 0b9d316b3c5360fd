"""Fill `{placeholders}` in debtor lines from the persona, account, finances and slots.

Deliberately not `str.format`: format strings can reach attributes (`{0.__class__}`); here a
placeholder is only ever a key looked up in a flat dict of strings. Unknown placeholders stay
as written (the validator reports them; the engine must not crash on them).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

CURRENCY_SYMBOLS = {"USD": "$", "GBP": "£", "EUR": "€"}
# Chinese amounts read "1,860元" rather than "¥1,860" in speech.
CURRENCY_SUFFIXES = {"CNY": "元", "RMB": "元"}


def format_money(amount: Any, currency: str | None) -> str:
    """`1860, "USD"` -> `$1,860`; `150.5, "GBP"` -> `£150.50`; `800, "CNY"` -> `800元`."""
    try:
        value = Decimal(str(amount))
    except Exception:
        return str(amount)
    text = f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"
    code = (currency or "").upper()
    if code in CURRENCY_SUFFIXES:
        return text + CURRENCY_SUFFIXES[code]
    return CURRENCY_SYMBOLS.get(code, "") + text


def persona_values(spec: Mapping[str, Any]) -> dict[str, str]:
    """The constant placeholders of a scenario: `{name}`, `{creditor}`, `{balance}`, ..."""
    persona = spec.get("persona") or {}
    account = persona.get("account") or {}
    finances = persona.get("finances") or {}
    currency = account.get("currency")
    values: dict[str, str] = {}
    for key, raw in persona.items():
        if isinstance(raw, str | int | float):
            values[key] = str(raw)
    for group in (account, finances):
        for key, raw in group.items():
            if isinstance(raw, bool) or not isinstance(raw, int | float | str | Decimal):
                continue
            is_money = isinstance(raw, int | float | Decimal) and key not in ("days_past_due",)
            values[key] = format_money(raw, currency) if is_money else str(raw)
            values[f"{key}_number"] = str(raw)
    name = str(persona.get("name") or "")
    if name:
        values.setdefault("first_name", name.split()[0])
    return values


def fill(text: str, values: Mapping[str, str]) -> str:
    """Replace `{key}` with `values[key]`; `{{`/`}}` are literal braces; unknowns are kept."""
    if "{" not in text:
        return text
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "{" and text.startswith("{{", i):
            out.append("{")
            i += 2
        elif ch == "}" and text.startswith("}}", i):
            out.append("}")
            i += 2
        elif ch == "{":
            end = text.find("}", i + 1)
            key = text[i + 1 : end].strip() if end != -1 else ""
            if end != -1 and key in values:
                out.append(values[key])
                i = end + 1
            else:
                out.append(ch)
                i += 1
        else:
            out.append(ch)
            i += 1
    return "".join(out)


_WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def format_date(when: date, lang: str) -> str:
    """A date as a debtor would say it (locale-independent: no strftime)."""
    if lang == "zh":
        return f"{when.month}月{when.day}日"
    return f"{_WEEKDAYS_EN[when.weekday()]} {when.day} {_MONTHS_EN[when.month - 1]}"


def slot_values(amount: Decimal | None, when: date | None, currency: str | None, lang: str) -> dict[str, str]:
    """Placeholders from what the trainee said: `{amount}`, `{date}`."""
    values: dict[str, str] = {}
    if amount is not None:
        values["amount"] = format_money(amount, currency)
        values["amount_number"] = str(amount)
    if when is not None:
        values["date"] = format_date(when, lang)
        values["date_iso"] = when.isoformat()
    return values
