"""Fill `{placeholders}` in debtor lines from the persona, account, finances and the call.

Names and rendering follow `simulator.scenario.placeholders` (the validator's list):
money renders with the account's currency (`{balance}` -> "$1,860", "£1,860", "1,860元"),
`{x_number}` gives the bare number; `{amount}`/`{date}` are the last the trainee mentioned;
`{trainee}` is the trainee's name; variables by name. `{{`/`}}` are literal braces.

Deliberately not `str.format`: format strings can reach attributes (`{0.__class__}`); here a
placeholder is only ever a key looked up in a flat dict of strings. Unknown placeholders stay
as written (the validator reports them; the engine must not crash on them).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

CURRENCY_SYMBOLS = {"USD": "$", "GBP": "£", "EUR": "€", "HKD": "HK$"}
# Chinese amounts read "1,860元" rather than "¥1,860" in speech.
CURRENCY_SUFFIXES = {"CNY": "元", "RMB": "元"}
MONEY_FIELDS = {
    "account": ("balance",),
    "finances": ("pay_now", "monthly_capacity", "income_monthly", "outgoings_monthly", "savings"),
}
TEXT_FIELDS = {"account": ("creditor", "currency", "days_past_due", "reference")}


def format_number(amount: Any) -> str:
    """1860 -> "1,860"; 99.5 -> "99.50"."""
    try:
        value = Decimal(str(amount))
    except Exception:
        return str(amount)
    return f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"


def format_money(amount: Any, currency: str | None) -> str:
    """`1860, "USD"` -> `$1,860`; `150.5, "GBP"` -> `£150.50`; `800, "CNY"` -> `800元`."""
    text = format_number(amount)
    code = (currency or "").upper()
    if code in CURRENCY_SUFFIXES:
        return text + CURRENCY_SUFFIXES[code]
    return CURRENCY_SYMBOLS.get(code, "") + text


def persona_values(spec: Mapping[str, Any]) -> dict[str, str]:
    """The constant placeholders of a scenario: `{name}`, `{creditor}`, `{balance}`, ..."""
    persona = spec.get("persona") or {}
    currency = (persona.get("account") or {}).get("currency")
    values: dict[str, str] = {}
    for key in ("name", "background", "temperament"):
        if persona.get(key) is not None:
            values[key] = str(persona[key]).strip()
    if values.get("name"):
        values["first_name"] = values["name"].split()[0]
    for section, keys in MONEY_FIELDS.items():
        for key in keys:
            raw = (persona.get(section) or {}).get(key)
            if raw is not None:
                values[key] = format_money(raw, currency)
                values[f"{key}_number"] = format_number(raw)
    for section, keys in TEXT_FIELDS.items():
        for key in keys:
            raw = (persona.get(section) or {}).get(key)
            if raw is not None:
                values[key] = format_number(raw) if isinstance(raw, int | float) else str(raw)
    return values


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


def runtime_values(
    amount: Decimal | None, when: date | None, currency: str | None, trainee: str | None, lang: str
) -> dict[str, str]:
    """Placeholders from the conversation: `{amount}`, `{date}`, `{trainee}` (+ `_number`/`_iso`)."""
    values: dict[str, str] = {}
    if amount is not None:
        values["amount"] = format_money(amount, currency)
        values["amount_number"] = format_number(amount)
    if when is not None:
        values["date"] = format_date(when, lang)
        values["date_iso"] = when.isoformat()
    if trainee:
        values["trainee"] = trainee
    return values


def fill(text: str, values: Mapping[str, str]) -> str:
    """Replace `{key}` with `values[key]`; `{{`/`}}` are literal braces; unknowns are kept."""
    if "{" not in text and "}}" not in text:
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
