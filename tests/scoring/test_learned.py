"""The learned second-opinion detector: features, negation scope, evidence spans, determinism."""

from __future__ import annotations

import pytest

from scoring.call_context import LEARNED_CALL_LEVEL
from scoring.detector import call_level_readings, category_kinds, detect_normalized
from scoring.learned import features, model_for
from scoring.text.normalize import normalize


def _names(text: str, lang: str) -> list[str]:
    return [f.name for f in features(normalize(text, lang))]


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("We'll call your employer", ["w:call", "w:employer"], ["n:call"]),
        ("We won't call your employer", ["n:call", "n:employer"], ["w:call"]),
        # A condition clause ends the scope: the threat after "if you don't pay" is not negated.
        ("If you don't pay, we'll call your employer", ["w:call", "w:employer"], ["n:call"]),
        ("Don't pay and the police come", ["n:pay"], []),
        # ...also with no comma, as typed or transcribed speech comes: the main clause starts at
        # its subject, and the threat after it is not negated.
        ("if you don't pay we'll sue you", ["n:pay", "w:sue"], ["n:sue"]),
        ("and if that doesn't work we'll sue", ["n:work", "w:sue"], ["n:sue"]),
        ("IF YOU DON'T PAY WE WILL SUE", ["n:pay", "w:sue"], ["n:sue"]),
        ("unless it isn't paid you'll get sued", ["n:paid", "w:sued"], ["n:sued"]),
        # Outside a condition the negation still reaches a later clause: "I don't think we'll sue".
        ("I don't think we'll sue you", ["n:sue"], ["w:sue"]),
        ("We won't say we'll sue you", ["n:sue"], ["w:sue"]),
        # a negator with a clitic still opens the scope
        ("Nobody's going to phone your boss", ["n:phone"], ["w:phone"]),
        ("Nothing'll be done to the house", ["n:done"], ["w:done"]),
    ],
)
def test_english_negation_scope(text: str, present: list[str], absent: list[str]) -> None:
    names = _names(text, "en")
    for name in present:
        assert name in names
    for name in absent:
        assert name not in names


def test_chinese_negation_scope_and_clause_breaks() -> None:
    negated = _names("我们不会联系您的家人", "zh")
    assert "ng2:联系" in negated and "g2:联系" not in negated
    plain = _names("不还钱，我们就联系您的家人", "zh")
    assert "g2:联系" in plain  # the comma closes the scope of 不


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # a concept word at the very end of the line: a lookup once ran past the end and gave
        # the concept a span longer than the text
        ("sb,快还钱", "zh"),
        ("你这种人就该被挂出来让大家看看", "zh"),
        ("you'll go to jail", "en"),
        ("call the police", "en"),
    ],
)
def test_feature_spans_stay_inside_the_text(text: str, lang: str) -> None:
    norm = normalize(text, lang)
    for feature in features(norm):
        assert 0 <= feature.start < feature.end <= len(norm.text), feature


@pytest.mark.parametrize(
    ("text", "lang", "concept", "phrase"),
    [
        # multi-word entries are found whole, with the span of the whole phrase
        ("They'll ring the company you work for", "en", "k:THIRD_PARTY", "company you work for"),
        ("Sent by a police officer today", "en", "k:AGENT_LAW", "a police officer"),
        ("我们会通知你的七大姑八大姨", "zh", "k:FAMILY", "七大姑八大姨"),
    ],
)
def test_concept_phrases_are_found_whole(text: str, lang: str, concept: str, phrase: str) -> None:
    norm = normalize(text, lang)
    spans = [norm.text[f.start : f.end] for f in features(norm) if f.name == concept]
    assert phrase in spans


def test_typo_robust_char_ngrams() -> None:
    assert {"c:<arr", "c:rest"} <= set(_names("you'll be arrested", "en"))
    assert "c:rest" in _names("you'll be arested", "en")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_shipped_model_matches_the_taxonomy(lang: str) -> None:
    model = model_for(lang)
    assert model is not None
    kinds = category_kinds()
    call_level = set(LEARNED_CALL_LEVEL.values())
    # every taxonomy column first, then one column per call-level reading, each switched on
    assert set(model.categories) - call_level <= set(kinds)
    assert model.categories[-len(call_level):] == list(LEARNED_CALL_LEVEL.values())
    assert all(model.speaks_for(c) for c in call_level)
    assert len(model.thresholds) == len(model.categories) == len(model.bias)
    assert all(0.5 <= t <= 1.01 for t in model.thresholds)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_call_level_columns_never_become_utterance_findings(lang: str) -> None:
    """A line the model reads as pressing is a violation only after its trigger (call_context)."""
    line = {"en": "Okay, but can we count on $150 by the 20th? I need something today.",
            "zh": "行吧，那二十号之前先还一千五，今天必须给我个准话。"}[lang]
    norm = normalize(line, lang)
    assert {p.category for p in call_level_readings(norm)} & set(LEARNED_CALL_LEVEL.values())
    call_level = set(LEARNED_CALL_LEVEL.values()) | set(LEARNED_CALL_LEVEL)
    assert not {f.category for f in detect_normalized(norm)} & call_level


@pytest.mark.parametrize(
    ("lang", "text", "category"),
    [
        ("en", "I'm so sorry to hear about your job, that sounds really hard.", "sympathy"),
        ("zh", "您好，打扰您了，谢谢您接听电话。", "courtesy"),
    ],
)
def test_predictions_carry_evidence_inside_the_original_text(lang: str, text: str, category: str) -> None:
    model = model_for(lang)
    assert model is not None
    preds = model.predict(normalize(text, lang))
    by_cat = {p.category: p for p in preds}
    assert category in by_cat
    pred = by_cat[category]
    assert 0 <= pred.start < pred.end <= len(text)
    assert pred.probability >= pred.threshold
    assert pred.evidence and all(e for e in pred.evidence)
    assert preds == model.predict(normalize(text, lang))
    # What the lexicon already found is skipped; the other predictions are unchanged.
    others = [p for p in preds if p.category != category]
    assert model.predict(normalize(text, lang), skip={category}) == others


def test_hostile_input_is_bounded() -> None:
    model = model_for("en")
    assert model is not None
    huge = "idiot " * 200_000 + "\u200b" * 1000
    preds = model.predict(normalize(huge, "en"))
    assert all(p.end <= len(huge) for p in preds)


def test_scorecards_record_which_detector_graded_them() -> None:
    from scoring.api import score_transcript
    from scoring.model import Transcript, Turn

    model = model_for("zh")
    assert model is not None and len(model.fingerprint) == 64
    card = score_transcript(
        Transcript(language="zh", jurisdiction="cn", turns=[Turn(speaker="collector", text="您好")])
    )
    assert card.detector_version == f"zh-{model.fingerprint[:12]}"


def test_the_learned_reading_catches_pressing_no_pattern_hears() -> None:
    """End to end with the shipped model: after a bereavement, a bare "what are we looking at,
    £150 by the 20th?" presses (no pattern hears a payment request in it); pausing the account
    does not."""
    from scoring.api import check_utterance
    from scoring.model import Turn

    call = [
        Turn(speaker="collector", text="Am I speaking with Dana?"),
        Turn(speaker="debtor", text="Yes, that's me."),
        Turn(speaker="debtor", text="My mother died on Saturday."),
    ]
    pressing = "Right. So what are we looking at, a hundred and fifty by the twentieth?"
    got = [f for f in check_utterance(pressing, "en", "us", call) if f.category == "ignored_vulnerability"]
    assert [f.pattern for f in got] == ["call.ignored_vulnerability.learned"]
    assert "learned model" in got[0].explanation
    kind = "I'm so sorry. Take whatever time you need; we'll pause the account for a month."
    assert not [f for f in check_utterance(kind, "en", "us", call) if f.category.startswith("ignored")]


@pytest.mark.parametrize(
    ("text", "span", "widened"),
    [
        ("每月15号还400元", (3, 7), (2, 9)),  # "5号还4" -> "15号还400"
        ("每月15号还400元", (4, 6), (4, 6)),  # "号还": no number cut
        ("用app还款", (0, 2), (0, 4)),  # "用a" -> "用app"
        ("pay 150 today", (4, 7), (4, 7)),
        ("", (0, 0), (0, 0)),
    ],
)
def test_evidence_never_cuts_a_number_or_a_latin_word(
    text: str, span: tuple[int, int], widened: tuple[int, int]
) -> None:
    from scoring.learned import whole_runs

    assert whole_runs(text, *span) == widened


@pytest.mark.parametrize("line", ["确认一下：每月15号还400元。", "确认一下：每月１５号还４００元。"])
def test_a_chinese_finding_quotes_whole_numbers(line: str) -> None:
    texts = {f.text for f in detect_normalized(normalize(line, "zh"))}
    assert not any(t.startswith(("5号", "0", "５号", "０")) or t.endswith(("还4", "还40", "还４", "还４０"))
                   for t in texts), texts
