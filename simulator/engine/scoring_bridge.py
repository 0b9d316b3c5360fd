"""Grade a call with the scoring package, given what the scenario says about outcomes.

The scenario supplies the scorer's context: the call's outcome category, the value of each
outcome, optional weights / pass mark, and the debtor's means (what an affordable plan is).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from simulator.engine.call import Call


def scoring_context_fields(call: Call) -> dict[str, Any]:
    """The ScoringContext arguments this call can supply (plain data, for JSON and tests)."""
    spec = call.scenario.spec
    finances = (spec.get("persona") or {}).get("finances") or {}
    scoring = spec.get("scoring") or {}
    fields: dict[str, Any] = {
        "outcome_category": call.outcome,
        "outcome_values": dict(scoring.get("outcome_values") or {}) or None,
        "weights": scoring.get("weights"),
        "pass_mark": scoring.get("pass_mark"),
        "monthly_capacity": finances.get("monthly_capacity"),
        "pay_now_capacity": finances.get("pay_now"),
        "today": call.today,
    }
    return {k: v for k, v in fields.items() if v is not None}


def scoring_context(call: Call) -> Any:
    from scoring.scorecard import ScoringContext

    fields = scoring_context_fields(call)
    known = getattr(ScoringContext, "model_fields", None)
    if known is not None:
        fields = {k: v for k, v in fields.items() if k in known}
    return ScoringContext(**fields)


def score_call(call: Call) -> Any:
    """The call's Scorecard (scoring.api.score_transcript with the scenario's context)."""
    from scoring.api import score_transcript

    return score_transcript(call.transcript(), context=scoring_context(call))
