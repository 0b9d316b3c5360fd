"""Intent recognition: every library example is heard as its intent, negations and look-alikes are not."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring.yamlsrc import load_yaml_text
from simulator.nlu import IntentLibrary, check_intents


def _cases(lang: str, key: str) -> list[tuple[str, str]]:
    library = IntentLibrary.load(lang)  # type: ignore[arg-type]
    out = []
    for intent_id, spec in sorted(library.intents.items()):
        lines = spec.examples if key == "examples" else spec.not_examples
        out += [(intent_id, line) for line in lines]
    return out


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_library_loads_clean(lang: str) -> None:
    library = IntentLibrary.load(lang)  # type: ignore[arg-type]
    assert [d.format() for d in library.diagnostics] == []
    assert len(library.ids) >= 20
    assert all(spec.examples for spec in library.intents.values())


@pytest.mark.parametrize(("intent_id", "line"), _cases("en", "examples") + _cases("zh", "examples"))
def test_every_example_is_recognised(intent_id: str, line: str) -> None:
    lang = "en" if line.isascii() else "zh"
    heard = [s.id for s in IntentLibrary.load(lang).recognise(line)]
    assert intent_id in heard


@pytest.mark.parametrize(("intent_id", "line"), _cases("en", "not_examples") + _cases("zh", "not_examples"))
def test_not_examples_are_not_recognised(intent_id: str, line: str) -> None:
    lang = "en" if line.isascii() else "zh"
    heard = [s.id for s in IntentLibrary.load(lang).recognise(line)]
    assert intent_id not in heard


# Paraphrases, typos and negations beyond the library's own examples.
HEARD = [
    ("en", "Can't you pay something today?", "ask_can_pay_today"),
    ("en", "Could you pay anything at all right now?", "ask_can_pay_today"),
    ("en", "why couldnt you make the payments", "ask_reason"),
    ("en", "What's your monthly incmoe?", "ask_income"),
    ("en", "We could set up a paymnet plan", "propose_plan"),
    ("en", "what hapened?", "ask_reason"),
    ("en", "are you workng at the moment", "ask_income"),
    ("en", "we could setup a payment plann", "propose_plan"),
    ("en", "so just to confrim, $150 on the first", "confirm_agreement"),
    ("en", "whats been going on", "ask_reason"),
    ("en", "HOW ABOUT $150 A MONTH?", "propose_amount"),
    ("en", "Ｃｏｕｌｄ ｙｏｕ ｍａｎａｇｅ $１５０?", "propose_amount"),
    ("en", "Would a hundred and fifty bucks work?", "propose_amount"),
    ("en", "Could you pay on the 1st of next month?", "propose_date"),
    ("en", "Hi, this is Alex from Northbank. Am I speaking with Maria Lopez?", "ask_for_debtor"),
    ("en", "we will not call you again", "acknowledge_cease"),
    ("zh", "您能不能先付300？", "propose_amount"),
    ("zh", "您现在的收入大概多少", "ask_income"),
    ("zh", "請問您是王芳本人嗎？", "ask_for_debtor"),
    ("zh", "每月还800块，分12期，您看可以吗？", "propose_plan"),
    ("zh", "下个月20号之前能还一部分吗", "propose_date"),
]

NOT_HEARD = [
    ("en", "I'm not asking you to pay today.", "ask_can_pay_today"),
    ("en", "You don't need to pay anything today.", "ask_can_pay_today"),
    ("en", "Could you manage something?", "propose_amount"),  # no amount said
    ("en", "Could you manage $150 a month?", "propose_date"),  # a frequency is not a date
    ("en", "Is there anything else I can help with?", "ask_for_debtor"),
    ("en", "We can't offer a payment plan.", "propose_plan"),
    ("en", "pay now or we'll sue you", "propose_plan"),
    ("zh", "我不是要您今天就还。", "ask_can_pay_today"),
    ("zh", "您好，我是北方银行的小李。", "agree"),
    ("zh", "我们这边不能办理分期。", "propose_plan"),
    ("zh", "不还钱就等着坐牢吧", "ask_can_pay_today"),
    ("zh", "能跟我说说是什么情况吗？", "ask_for_debtor"),  # RE2's \W is ASCII-only: anchors must not slide
    ("zh", "你是说下个月吗？", "ask_for_debtor"),
]


@pytest.mark.parametrize(("lang", "line", "intent_id"), HEARD)
def test_paraphrases_and_typos_are_heard(lang: str, line: str, intent_id: str) -> None:
    assert intent_id in [s.id for s in IntentLibrary.load(lang).recognise(line)]  # type: ignore[arg-type]


@pytest.mark.parametrize(("lang", "line", "intent_id"), NOT_HEARD)
def test_negations_and_look_alikes_are_not_heard(lang: str, line: str, intent_id: str) -> None:
    assert intent_id not in [s.id for s in IntentLibrary.load(lang).recognise(line)]  # type: ignore[arg-type]


def test_signal_spans_point_into_the_original_line() -> None:
    line = "Ｈｅｌｌｏ, could you manage $150 today?"
    for signal in IntentLibrary.load("en").recognise(line):
        assert 0 <= signal.span.start < signal.span.end <= len(line)
        assert signal.kind == "intent"
    greet = next(s for s in IntentLibrary.load("en").recognise(line) if s.id == "greet")
    assert line[greet.span.start : greet.span.end] == "Ｈｅｌｌｏ"


def test_scenario_intents_extend_the_library() -> None:
    extra = {
        "mention_temping": {
            "description": "Asks about the temp job.",
            "examples": ["How is the temp work going?"],
            "patterns": ["(temp|temping|agency) (work|job|shifts)?", {"regex": r"\btemporary\b"}],
        },
        "ask_about_dog": {"examples": ["How is your dog?"]},  # no patterns: examples match literally
    }
    library = IntentLibrary.load("en", extra=extra)
    assert {"mention_temping", "ask_about_dog", "greet"} <= library.ids
    assert [s.id for s in library.recognise("and how's the temping going?")] == ["mention_temping"]
    assert "mention_temping" in [s.id for s in library.recognise("Is it temporary work?")]
    assert "ask_about_dog" in [s.id for s in library.recognise("So, how is your dog?")]
    assert library.examples()["mention_temping"] == ["How is the temp work going?"]
    # the shared library is not changed by a scenario's additions
    assert "mention_temping" not in IntentLibrary.load("en").ids


def test_scenario_intents_can_use_library_concepts() -> None:
    extra = {"pay_today_exact": {"patterns": ["{PAY} ...2 {TODAY}"]}}
    library = IntentLibrary.load("en", extra=extra)
    assert "pay_today_exact" in [s.id for s in library.recognise("please pay today")]


def test_bad_scenario_intent_is_a_diagnostic_with_its_line() -> None:
    text = "intents:\n  broken:\n    patterns:\n      - \"(unbalanced\"\n    colour: red\n"
    data, diags = load_yaml_text(text, "s.yaml")
    assert not diags
    found = check_intents(data["intents"], "en", "s.yaml")
    formatted = [d.format() for d in found]
    assert any(f.startswith("s.yaml:4:9: [error]") for f in formatted), formatted
    assert any(f.startswith("s.yaml:5:5: [error] unknown-key") for f in formatted), formatted
    # a broken scenario intent recognises nothing, and nothing raises
    library = IntentLibrary.load("en", extra=data["intents"], extra_path="s.yaml")
    assert "broken" not in [s.id for s in library.recognise("(unbalanced")]


def test_library_file_errors_are_reported_not_raised(tmp_path: Path) -> None:
    bad = tmp_path / "en.yaml"
    bad.write_text("language: en\nintents:\n  greet:\n    patterns: [\"{NOPE}\"]\n", encoding="utf-8")
    library = IntentLibrary.load("en", path=bad)
    assert any("unknown-concept" in d.format() and ":4:" in d.format() for d in library.diagnostics)
    assert library.recognise("hello") == []


def test_long_line_is_handled() -> None:
    line = "could you manage $150 today? " * 2000
    assert "propose_amount" in [s.id for s in IntentLibrary.load("en").recognise(line)]


def test_english_and_chinese_libraries_offer_the_same_intents() -> None:
    # A scenario translated from one language to the other can listen to the same ids.
    assert IntentLibrary.load("en").ids == IntentLibrary.load("zh").ids
