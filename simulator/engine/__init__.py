"""The dialogue engine: scenarios as state machines, one call per trainee conversation.

Headless by design: nothing here imports Textual (tests/simulator/test_engine_imports.py).
"""

from __future__ import annotations

from simulator.engine.call import Call, TurnResult, freeze_heap, start_call
from simulator.engine.machine import CompiledScenario, ScenarioCompileError, compile_scenario, compiled_for
from simulator.engine.signals import AmountSlot, DateSlot, Heard, RecognisedSignal

__all__ = [
    "AmountSlot",
    "Call",
    "CompiledScenario",
    "DateSlot",
    "Heard",
    "RecognisedSignal",
    "ScenarioCompileError",
    "TurnResult",
    "compile_scenario",
    "compiled_for",
    "freeze_heap",
    "start_call",
]
