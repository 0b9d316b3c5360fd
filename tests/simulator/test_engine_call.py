"""The conversation API against a small scenario and a predictable recogniser."""

from __future__ import annotations

import gc
from typing import Any

import pytest

from simulator.engine import compile_scenario, start_call
from simulator.engine.call import Call
from simulator.engine.sanitize import MAX_LINE_CHARS
from tests.simulator.engine_fakes import TODAY, fake_recogniser, scenario

GREET = "Hello, this is Alex from Northbank. Am I speaking with Maria Lopez?"


def call(seed: int = 0, **overrides: Any) -> Call:
    return start_call(
        compile_scenario(scenario(**overrides)), seed=seed, recogniser=fake_recogniser, today=TODAY
    )


def test_good_path_reaches_an_instalment_plan() -> None:
    c = call()
    first = c.say(GREET)
    assert (first.state_before, first.state_after) == ("opening", "verified")
    assert first.flags["identity_verified"] is True
    assert first.variables["trust"] == 1
    assert first.reply == "Yes, this is Maria Lopez. What is this about?"  # {name} filled
    c.say("I'm so sorry, what happened?")
    last = c.say("Could we set up a plan of $150 a month?")
    assert last.ended and last.outcome == "installment_plan" and last.ended_by == "terminal_state"
    assert last.reply == "Okay, $150 a month I can do."
    assert c.path == ["opening", "verified", "exploring", "plan_agreed"]


def test_turn_result_carries_signals_with_spans_and_slots() -> None:
    c = call()
    c.say(GREET)
    c.say("sorry")
    result = c.say("How about a plan of $150 on Friday?")
    by_id = {s.id: s for s in result.signals}
    assert by_id["propose_plan"].span.start == result.line.index("plan")
    assert by_id["amount"].source == "slot" and by_id["date"].kind == "slot"
    assert [str(a.amount) for a in result.amounts] == ["150"]
    assert result.dates[0].date is not None and result.dates[0].date.isoformat() == "2026-12-04"
    assert result.to_dict()["slots"]["amounts"][0]["amount"] == "150"


def test_first_matching_transition_in_yaml_order_wins() -> None:
    # transitions[3] (affordable -> plan_agreed) is tried before transitions[4] (too much).
    c = call()
    c.say(GREET)
    c.say("sorry")
    too_much = c.say("A plan of $500?")
    assert too_much.fired == ["transitions[4]"] and too_much.state_after == "exploring"
    assert too_much.reply == "That's more than I can afford."
    fits = c.say("A plan of $150?")
    assert fits.fired == ["transitions[3]"] and fits.state_after == "plan_agreed"


def test_yaml_order_decides_across_signals_not_signal_order() -> None:
    # "sorry" (transitions[1]) and "what happened" (transitions[2]) in one line: [1] wins.
    c = call()
    c.say(GREET)
    result = c.say("What happened? I'm sorry.")
    assert result.fired == ["transitions[1]"]
    assert result.variables["mood"] == 1  # transitions[1] adds mood +2 from -1


def test_guard_blocks_a_transition() -> None:
    spec = scenario()
    spec["variables"]["trust"]["initial"] = -3
    c = start_call(compile_scenario(spec), recogniser=fake_recogniser, today=TODAY)
    c.say(GREET)
    result = c.say("What happened?")  # the fact needs trust >= 1; trust is -2 after verifying
    assert result.revealed == [] and "laid off" not in result.reply


def test_hidden_fact_revealed_once_with_its_effect() -> None:
    c = call()
    c.say(GREET)
    result = c.say("I'm sorry, what happened?")
    assert result.revealed == ["job_loss"]
    assert result.reply.endswith("I was laid off in March.")
    assert result.flags["hardship_disclosed"] is True
    again = c.say("What happened?")
    assert again.revealed == [] and "laid off" not in again.reply


def test_global_reaction_applies_from_any_state_then_escalates_on_repeat() -> None:
    c = call()
    c.say(GREET)
    first = c.say("You will be arrested.")
    assert first.fired == ["global[0]"] and first.state_after == "verified"
    assert first.reply == "Are you threatening me?"
    assert first.variables["mood"] == -4 and first.variables["trust"] == -1
    second = c.say("We will sue you.")
    assert second.fired == ["global[0]", "global[1]"]
    assert second.ended and second.outcome == "complaint" and second.ended_by == "complaint"
    assert second.variables["mood"] == -5  # clamped at min


def test_global_move_preempts_state_transitions() -> None:
    c = call()
    result = c.say("Am I speaking with Maria, you idiot?")
    assert result.fired == ["global[2]"]
    assert result.ended and result.outcome == "hung_up" and result.ended_by == "hang_up"
    assert result.flags["identity_verified"] is False  # transitions[0] never ran


def test_internal_transition_keeps_state_and_applies_effect() -> None:
    c = call()
    c.say(GREET)
    result = c.say("hurry up")
    assert result.fired == ["transitions[5]"] and result.state_after == "verified"
    assert result.variables["mood"] == -2


def test_fallback_when_nothing_matches() -> None:
    c = call()
    result = c.say("The weather is nice.")
    assert result.fired == [] and result.state_after == "opening"
    assert result.reply == "Sorry, who is calling?"


def test_line_variants_follow_their_when_guards() -> None:
    c = call()
    c.say(GREET)
    assert c.say("what happened").reply.startswith("Look, things are hard.")  # mood -1
    c2 = call()
    c2.say(GREET)
    assert c2.say("sorry").reply.startswith("I'm doing my best.")  # mood +1


def test_turn_limit_ends_the_call() -> None:
    c = call(max_turns=3)
    results = [c.say("The weather is nice.") for _ in range(3)]
    assert [r.ended for r in results] == [False, False, True]
    assert results[-1].ended_by == "turn_limit" and results[-1].outcome == "hung_up"
    assert results[-1].reply.endswith("I have to go now.")
    after = c.say(GREET)
    assert after.turn == 0 and after.reply == "" and after.notices


def test_turn_limit_outcome_and_line_come_from_the_scenario() -> None:
    c = call(max_turns=1, turn_limit_outcome="callback_scheduled", turn_limit_say=["Call me next week."])
    result = c.say("hmm")
    assert result.outcome == "callback_scheduled" and result.reply.endswith("Call me next week.")


def test_turn_limit_enters_on_max_turns_when_the_scenario_names_it() -> None:
    c = call(max_turns=2, on_max_turns="complaint_end")
    c.say("hmm")
    result = c.say("hmm")
    assert result.state_after == "complaint_end" and c.path[-1] == "complaint_end"
    assert result.outcome == "complaint" and result.ended_by == "turn_limit"
    assert result.reply.endswith("I want your supervisor.")


def test_end_effect_closes_the_call() -> None:
    spec = scenario()
    spec["global"].insert(0, {"on": "rushing", "do": {"end": "hung_up"}})
    c = start_call(compile_scenario(spec), recogniser=fake_recogniser, today=TODAY)
    result = c.say("hurry up")
    assert result.ended and result.outcome == "hung_up" and result.ended_by == "hang_up"
    assert result.state_after == "opening"


def test_visited_guard_and_mood_hint() -> None:
    spec = scenario()
    spec["transitions"].insert(
        0, {"on": "sympathy", "from": "exploring", "to": "verified", "when": {"visited": "exploring"}}
    )
    c = start_call(compile_scenario(spec), recogniser=fake_recogniser, today=TODAY)
    c.say(GREET)
    into = c.say("sorry")
    assert into.state_after == "exploring" and into.mood_hint == "She sounds tired."
    back = c.say("sorry")
    assert back.fired == ["transitions[0]"] and back.state_after == "verified"


@pytest.mark.parametrize("seed", [0, 1, 7, 12345])
def test_same_seed_same_call(seed: int) -> None:
    script = [GREET, "The weather?", "I'm sorry", "what happened", "A plan of $500?", "plan $150"]

    def play() -> list[str]:
        c = call(seed)
        return [c.opening] + [c.say(line).reply for line in script]

    assert play() == play()


def test_different_seeds_vary_the_opening_line() -> None:
    assert {call(seed).opening for seed in range(40)} == {"Hello?", "Yeah, who's this?"}


def test_opening_line_has_placeholders_filled() -> None:
    spec = scenario()
    spec["states"]["opening"]["say"] = ["{first_name} speaking. You're calling about {creditor}?"]
    c = start_call(compile_scenario(spec), recogniser=fake_recogniser, today=TODAY)
    assert c.opening == "Maria speaking. You're calling about Northbank?"
    assert c.transcript().turns[0].text == c.opening


def test_transcript_is_a_scoring_transcript() -> None:
    c = call()
    c.say(GREET)
    t = c.transcript()
    assert (t.language, t.jurisdiction, t.scenario) == ("en", "us", "unit-job-loss")
    assert [turn.speaker for turn in t.turns] == ["debtor", "collector", "debtor"]
    assert t.turns[1].text == GREET


def test_jurisdiction_override_goes_to_the_transcript() -> None:
    c = start_call(compile_scenario(scenario()), recogniser=fake_recogniser, today=TODAY, jurisdiction="uk")
    assert c.transcript().jurisdiction == "uk"


def test_suggestions_have_placeholders_filled() -> None:
    texts = [s["text"] for s in call().suggestions()]
    assert texts[0] == "Hello, this is Alex from Northbank. Am I speaking with Maria Lopez?"
    assert texts[1] == "You owe $1,860. Pay now or we sue."


# --- hostile input ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "",
        "   \t  ",
        "\x00\x01\x02\x1b[31m",
        "a" * 5_000_000,
        "\u200b\u200c\u200d\ufeff",
        "\ud800 lone surrogate",
        "{name} {0.__class__} {__import__} {{",
        "\n\r\n",
        "日本語" * 1000,
        None,
        b"bytes \xff",
        12345,
    ],
    ids=lambda v: repr(v)[:30],
)
def test_hostile_input_never_raises(line: Any) -> None:
    c = call()
    result = c.say(line)
    assert result.error is None
    assert len(result.line) <= MAX_LINE_CHARS
    result.line.encode("utf-8")  # printable and storable
    result.reply.encode("utf-8")


def test_huge_line_is_cut_with_a_notice() -> None:
    result = call().say("hello " * 100_000)
    assert len(result.line) <= MAX_LINE_CHARS
    assert any("cut" in n for n in result.notices)
    assert result.turn == 1


def test_control_and_zero_width_characters() -> None:
    result = call().say("Am I\x00 speaking\u200b with Maria?")
    assert "\x00" not in result.line and "\u200b" in result.line  # zero-width kept for the detector


def test_empty_line_is_not_a_turn() -> None:
    c = call()
    result = c.say("   ")
    assert result.turn == 0 and result.notices and c.turn_count == 0
    assert [t.speaker for t in c.transcript().turns] == ["debtor"]


def test_a_failing_recogniser_becomes_an_error_not_an_exception() -> None:
    def broken(text: str, today: Any, context: Any) -> Any:
        raise RuntimeError("boom")

    c = start_call(compile_scenario(scenario()), recogniser=broken, today=TODAY)
    result = c.say("hello")
    assert result.error is not None and "boom" in result.error and result.notices


def test_placeholders_never_reach_attributes() -> None:
    spec = scenario()
    spec["states"]["verified"]["say"] = ["{name.__class__} {0} {name}"]
    c = start_call(compile_scenario(spec), recogniser=fake_recogniser, today=TODAY)
    assert c.say(GREET).reply == "{name.__class__} {0} Maria Lopez"


# --- one Machine per scenario, one model per call ---------------------------------------------


def test_calls_share_the_machine_and_detach_when_they_end() -> None:
    compiled = compile_scenario(scenario())
    calls = [start_call(compiled, seed=i, recogniser=fake_recogniser, today=TODAY) for i in range(5)]
    assert len(compiled.machine.models) == 5
    calls[0].say("you idiot")  # ends by hang-up
    assert len(compiled.machine.models) == 4
    calls[1].end()
    assert len(compiled.machine.models) == 3
    del calls
    gc.collect()
    assert compiled.machine.models == []


def test_a_call_model_carries_no_per_event_methods() -> None:
    # transitions would bind an attribute per event, per `may_<event>` and per `is_<state>`
    # on every model; the engine fires events through the machine instead.
    c = call()
    assert set(vars(c.model)) <= {"state", "vars", "trigger", "may_trigger"}
    assert c.say(GREET).state_after == "verified"


def test_machine_has_no_auto_transitions() -> None:
    compiled = compile_scenario(scenario())
    assert compiled.machine.auto_transitions is False
    assert not any(name.startswith("to_") for name in compiled.machine.events)


def test_yaml_strings_never_become_callbacks() -> None:
    # A transition named after a dotted importable function stays a signal id.
    spec = scenario()
    spec["transitions"].insert(0, {"on": "os.system", "from": "opening", "to": "verified"})
    compiled = compile_scenario(spec)
    for event in compiled.machine.events.values():
        for transitions in event.transitions.values():
            for t in transitions:
                assert all(callable(c.func) for c in t.conditions)
                assert all(callable(cb) for cb in t.before + t.after + t.prepare)


# --- loaded (pydantic) scenarios -------------------------------------------------------------


def test_a_loaded_scenario_compiles_once_and_is_freed_with_its_model() -> None:
    from simulator.engine.machine import _CACHE, compiled_for
    from simulator.scenario import Scenario

    model = Scenario.model_validate(scenario())
    first = compiled_for(model)
    assert compiled_for(model) is first
    assert start_call(model, recogniser=fake_recogniser).scenario is first
    key = id(model)
    del model
    gc.collect()
    assert key not in _CACHE


def test_a_loaded_scenario_plays_like_its_yaml() -> None:
    from simulator.scenario import Scenario

    model = Scenario.model_validate(scenario())
    c = start_call(model, recogniser=fake_recogniser, today=TODAY)
    c.say(GREET)
    c.say("I'm sorry, what happened?")
    assert c.say("A plan of $500?").state_after == "exploring"
    last = c.say("A plan of $150?")
    assert last.outcome == "installment_plan" and last.reply == "Okay, $150 a month I can do."
    assert c.vars.revealed == ["job_loss"] and c.flags["hardship_disclosed"] is True


def test_she_does_not_answer_twice_running_in_the_same_words() -> None:
    # Two fallback variants: whichever the seed picks first, the next fallback is the other one.
    for seed in range(8):
        spec = scenario()
        spec["states"]["opening"]["fallback"] = ["Sorry, who is calling?", "Who is this, please?"]
        c = start_call(compile_scenario(spec), seed=seed, recogniser=fake_recogniser, today=TODAY)
        first = c.say("The weather is nice.").reply
        second = c.say("Lovely day for it.").reply
        assert first != second, seed
    # With one variant there is nothing else to say.
    c = call()
    assert c.say("The weather is nice.").reply == c.say("Lovely day for it.").reply
