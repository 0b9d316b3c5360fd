"""`{placeholders}` in debtor lines, fact texts and the briefing.

A placeholder is a name in braces, `{creditor}`; any other brace is literal
text. Amounts render with thousands separators and no currency symbol, so a
line reads "$1,860" in English and "1,860元" in Chinese as the author writes it.
"""

from __future__ import annotations

import re
from decimal import Decimal

from simulator.scenario.models import Scenario

PLACEHOLDER_RE = re.compile(r"\{([a-z_][a-z0-9_]*)\}")

# name -> what it holds (docs and did-you-mean); persona-backed ones may be absent.
PLACEHOLDERS: dict[str, str] = {
    "name": "persona.name",
    "creditor": "persona.account.creditor",
    "balance": "persona.account.balance",
    "currency": "persona.account.currency",
    "days_past_due": "persona.account.days_past_due",
    "reference": "persona.account.reference",
    "pay_now": "persona.finances.pay_now",
    "monthly_capacity": "persona.finances.monthly_capacity",
    "income_monthly": "persona.finances.income_monthly",
    "outgoings_monthly": "persona.finances.outgoings_monthly",
    "savings": "persona.finances.savings",
    "amount": "the last money amount the trainee mentioned in this call",
    "date": "the last date the trainee mentioned in this call",
    "collector": "the trainee's name (as given to `--trainee`)",
}
# Filled by the engine from the conversation, not from the persona.
RUNTIME_PLACEHOLDERS: frozenset[str] = frozenset({"amount", "date", "collector"})


def placeholders_in(text: str) -> list[tuple[str, int]]:
    """(name, offset in text) of each placeholder."""
    return [(m.group(1), m.start()) for m in PLACEHOLDER_RE.finditer(text)]


def format_amount(value: float | Decimal) -> str:
    """1860 -> '1,860'; 99.5 -> '99.50'."""
    dec = Decimal(str(value))
    if dec == dec.to_integral_value():
        return f"{int(dec):,}"
    return f"{dec:,.2f}"


def persona_values(scenario: Scenario) -> dict[str, str]:
    """Placeholder values the persona provides (absent optional fields are left out)."""
    account = scenario.persona.account
    finances = scenario.persona.finances
    values: dict[str, str] = {
        "name": scenario.persona.name,
        "creditor": account.creditor,
        "balance": format_amount(account.balance),
        "currency": account.currency,
        "days_past_due": str(account.days_past_due),
        "pay_now": format_amount(finances.pay_now),
        "monthly_capacity": format_amount(finances.monthly_capacity),
    }
    if account.reference is not None:
        values["reference"] = account.reference
    for key in ("income_monthly", "outgoings_monthly", "savings"):
        value = getattr(finances, key)
        if value is not None:
            values[key] = format_amount(value)
    return values


def fill(template: str, values: dict[str, str]) -> str:
    """Replace every known `{name}`; unknown ones stay as written (the validator reports them)."""
    return PLACEHOLDER_RE.sub(lambda m: values.get(m.group(1), m.group(0)), template)
