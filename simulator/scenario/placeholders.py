"""Which `{placeholders}` a scenario's texts may use (the engine fills them).

A placeholder is a name in braces, `{creditor}`; `{{` and `}}` are literal braces.
Money values render with the account's currency the way the engine formats them:
`{balance}` -> "$1,860" (USD), "£1,860" (GBP), "1,860元" (CNY); the `_number` forms
give the bare number.
"""

from __future__ import annotations

import re

from simulator.scenario.models import LineVariant, SayLine, Scenario

# `{name}` not inside `{{...}}`.
PLACEHOLDER_RE = re.compile(r"(?<!\{)\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}(?!\})")

_MONEY_FIELDS = {
    "balance": "persona.account.balance",
    "pay_now": "persona.finances.pay_now",
    "monthly_capacity": "persona.finances.monthly_capacity",
    "income_monthly": "persona.finances.income_monthly",
    "outgoings_monthly": "persona.finances.outgoings_monthly",
    "savings": "persona.finances.savings",
}

# name -> what it holds (for docs and messages).
PLACEHOLDERS: dict[str, str] = {
    "name": "persona.name",
    "first_name": "the first word of persona.name",
    "background": "persona.background",
    "temperament": "persona.temperament",
    "creditor": "persona.account.creditor",
    "currency": "persona.account.currency",
    "days_past_due": "persona.account.days_past_due",
    "reference": "persona.account.reference",
    **{key: f"{path}, as money" for key, path in _MONEY_FIELDS.items()},
    **{f"{key}_number": f"{path}, as a bare number" for key, path in _MONEY_FIELDS.items()},
    "amount": "the last money amount the trainee mentioned, as money",
    "amount_number": "the last money amount the trainee mentioned, as a bare number",
    "date": "the last date the trainee mentioned, spoken (Friday 5 December / 12月5日)",
    "date_iso": "the last date the trainee mentioned, YYYY-MM-DD",
    "trainee": "the trainee's name (collectsim play/run --trainee)",
}
# Filled from the conversation, so always available to the validator.
RUNTIME_PLACEHOLDERS: frozenset[str] = frozenset({"amount", "amount_number", "date", "date_iso", "trainee"})
_OPTIONAL_PERSONA = {
    "reference": "persona.account.reference",
    **{k: p for k, p in _MONEY_FIELDS.items() if k not in ("balance", "pay_now", "monthly_capacity")},
}


def placeholders_in(text: str) -> list[str]:
    """Names of the placeholders in `text`, in order."""
    return [m.group(1) for m in PLACEHOLDER_RE.finditer(text)]


def available_placeholders(scenario: Scenario) -> set[str]:
    """Placeholders this scenario's texts may use: persona fields that are set, variables, runtime ones."""
    names = set(PLACEHOLDERS)
    account, finances = scenario.persona.account, scenario.persona.finances
    for key, path in _OPTIONAL_PERSONA.items():
        section = account if path.startswith("persona.account") else finances
        if getattr(section, key) is None:
            names.discard(key)
            names.discard(f"{key}_number")
    names.update(scenario.variables)
    return names


def line_text(line: SayLine) -> str:
    return line.text if isinstance(line, LineVariant) else line
