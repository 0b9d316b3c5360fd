"""`{placeholders}` in debtor lines: the persona's values plus what the trainee said.

The syntax and the persona values follow `simulator.scenario.placeholders` (the format's
owner): a placeholder is `{snake_case_name}`, amounts render as "1,860" with no currency
symbol (the author writes "$" or "元"), unknown names stay as written. Never `str.format`,
which could reach attributes (`{0.__class__}`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from simulator.scenario.placeholders import fill, format_amount

__all__ = ["fill", "format_amount", "format_date", "persona_values", "runtime_values"]

_NUMBERS = {
    "account": ("balance",),
    "finances": ("pay_now", "monthly_capacity", "income_monthly", "outgoings_monthly", "savings"),
}
_TEXTS = {"account": ("creditor", "currency", "days_past_due", "reference")}


def persona_values(spec: Mapping[str, Any]) -> dict[str, str]:
    """Placeholder values the persona provides, from the YAML-shaped scenario."""
    persona = spec.get("persona") or {}
    values: dict[str, str] = {}
    if persona.get("name") is not None:
        values["name"] = str(persona["name"])
    for section, keys in _NUMBERS.items():
        for key in keys:
            raw = (persona.get(section) or {}).get(key)
            if raw is not None:
                values[key] = format_amount(raw)
    for section, keys in _TEXTS.items():
        for key in keys:
            raw = (persona.get(section) or {}).get(key)
            if raw is not None:
                values[key] = str(int(raw)) if isinstance(raw, float) and raw.is_integer() else str(raw)
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
    amount: Decimal | None, when: date | None, collector: str | None, lang: str
) -> dict[str, str]:
    """`{amount}` / `{date}`: the last the trainee mentioned; `{collector}`: the trainee's name."""
    values: dict[str, str] = {}
    if amount is not None:
        values["amount"] = format_amount(amount)
    if when is not None:
        values["date"] = format_date(when, lang)
    if collector:
        values["collector"] = collector
    return values
