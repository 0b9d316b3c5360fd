"""Language understanding for the debtor side: intents (this package) and slots
(`scoring.text.money`, `scoring.text.dates`, shared with the scorer)."""

from simulator.nlu.library import IntentLibrary, IntentSpec, Signal, check_intents

__all__ = ["IntentLibrary", "IntentSpec", "Signal", "check_intents"]
