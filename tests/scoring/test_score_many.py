"""`scoring.api.score_many`: a batch graded exactly as one call at a time, with the cyclic
garbage collector paused and restored, and the reason that is safe: grading makes no
reference cycles, so with the collector paused nothing is left for it to find."""

from __future__ import annotations

import gc

import pytest

from benchmarks import score_speed
from benchmarks.speed_util import clear_utterance_caches
from scoring.api import cycle_collector_paused, score_many, score_transcript
from scoring.model import Transcript, Turn
from scoring.scorecard import ScoringContext


def _call(lang: str, jurisdiction: str, *lines: str) -> Transcript:
    turns = [Turn(speaker="collector" if i % 2 == 0 else "debtor", text=t) for i, t in enumerate(lines)]
    return Transcript(language=lang, jurisdiction=jurisdiction, turns=turns)


# Calls that reach the call-level checks (stop, lawyer, wrong party, hardship, a plan confirmed),
# so their code paths allocate too.
CALLS = [
    _call(
        "en", "us",
        "Hi, this is Sam from Harbor Recovery. Am I speaking with Dana Cole?",
        "Who? There's nobody here by that name.",
        "She owes us $2,300 on a credit card, can you tell her to call?",
        "I said wrong number.",
    ),
    _call(
        "en", "uk",
        "Good morning, it's Priya from Westfield Finance. Is that Mr Hughes?",
        "Yes. I lost my job last month and I can't sleep for worrying.",
        "I'm sorry, that sounds really hard. Could you manage £40 a month from the 1st?",
        "Yes, I could do that.",
        "So that's £40 a month from the 1st of January, confirmed. Free advice is at StepChange.",
    ),
    _call(
        "en", "us",
        "This is Northbank about your overdue account.",
        "My lawyer handles this now. Stop calling me.",
        "Your lawyer can't help you. Pay today or we'll keep calling.",
    ),
    _call(
        "zh", "cn",
        "您好，我是安信资产的小王，请问是李明先生吗？",
        "是我。我最近失业了，家里还有老人生病。",
        "理解您的难处，我们可以先协商一个分期方案，您每个月能还多少？",
        "一个月五百吧。",
        "好的，那就每月五百，下个月一号开始，我再跟您确认一遍。",
    ),
    _call(
        "zh", "cn",
        "喂，是张伟吗？",
        "打错了，没这个人。",
        "他欠我们三万块信用卡，你让他赶紧还钱。",
    ),
]
CONTEXTS = [None, ScoringContext(outcome_category="payment_plan"), None, None, None]


def test_a_batch_is_graded_exactly_as_one_call_at_a_time() -> None:
    expected = [score_transcript(t, context=c) for t, c in zip(CALLS, CONTEXTS, strict=True)]
    assert score_many(CALLS, CONTEXTS) == expected
    assert score_many(CALLS) == [score_transcript(t) for t in CALLS]


def test_contexts_must_pair_with_transcripts() -> None:
    with pytest.raises(ValueError, match="2 contexts for 5 transcripts"):
        score_many(CALLS, [None, None])


def test_the_collector_is_restored_after_a_batch_and_after_an_error() -> None:
    assert gc.isenabled()
    score_many(CALLS[:1])
    assert gc.isenabled()
    with pytest.raises(RuntimeError), cycle_collector_paused():
        assert not gc.isenabled()
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_a_caller_that_paused_the_collector_keeps_it_paused() -> None:
    gc.disable()
    try:
        score_many(CALLS[:1])
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_grading_makes_no_reference_cycles() -> None:
    """If this fails, something in grading now builds cyclic garbage, and pausing the collector
    for a batch would let memory grow: find the cycle (gc.garbage with gc.DEBUG_SAVEALL) first."""
    fresh = score_speed.make_transcripts(40, 12, seed=11, unique=True)  # lines no cache has seen
    score_many(CALLS)  # lexicons, models and packs compiled outside the measured part
    clear_utterance_caches()
    gc.collect()
    gc.disable()
    try:
        for transcript, context in zip(CALLS, CONTEXTS, strict=True):
            score_transcript(transcript, context=context)
        for transcript in fresh:
            score_transcript(transcript)
        unreachable = gc.collect()
    finally:
        gc.enable()
    assert unreachable == 0
