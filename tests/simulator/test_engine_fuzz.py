"""Property: no text whatsoever makes `call.say` raise, on the real recogniser too."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.engine import compile_scenario, start_call
from simulator.engine.sanitize import MAX_LINE_CHARS
from simulator.scenario import find_scenario, load_scenario
from tests.simulator.engine_fakes import TODAY, fake_recogniser, scenario

FAKE = compile_scenario(scenario())
_loaded = {sid: load_scenario(find_scenario(sid))[0] for sid in ("us-job-loss", "cn-job-loss")}

# Any code point, including surrogates, controls, zero-width and combining marks.
ANY_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=300)
MIXED = st.one_of(
    ANY_TEXT,
    st.text(alphabet="您好欠款还钱$元0123456789 ,.!?\u200b\uff01ABCabc", max_size=200),
    st.sampled_from(["", " ", "\x00", "\ufeff", "\U0001f4a9" * 50, "A" * (MAX_LINE_CHARS + 5)]),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(MIXED, min_size=1, max_size=6))
def test_engine_never_raises(lines: list[str]) -> None:
    call = start_call(FAKE, recogniser=fake_recogniser, today=TODAY)
    for line in lines:
        result = call.say(line)
        assert result.error is None
        assert len(result.line) <= MAX_LINE_CHARS
        (result.line + result.reply).encode("utf-8")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(_loaded)), st.lists(MIXED, min_size=1, max_size=3))
def test_real_recogniser_never_fails(scenario_id: str, lines: list[str]) -> None:
    call = start_call(_loaded[scenario_id], today=date(2026, 11, 30))
    for line in lines:
        result = call.say(line)
        assert result.error is None, result.error
        for signal in result.signals:
            assert 0 <= signal.span.start <= signal.span.end <= len(result.line)
