"""The learned model's veto: a lexicon hit for a behaviour or a required-conduct item is dropped
when the model is all but sure the category is absent; violations and shape checks never are."""

from __future__ import annotations

from pathlib import Path

import pytest

import scoring.detector
from scoring.detector import VETO_BELOW, detect
from scoring.learned import LearnedModel


def _model(weights: dict[str, list[list[float]]], thresholds: list[float]) -> LearnedModel:
    data = {
        "lang": "en",
        "version": "test",
        "categories": ["offer_help", "threat_arrest", "shouting", "courtesy"],
        "bias": [-6.0, -6.0, -6.0, -6.0],  # sigmoid(-6) = 0.0025: "absent" unless a word says otherwise
        "thresholds": thresholds,
        "weights": weights,
    }
    return LearnedModel(data, Path("test-model.json"))


@pytest.fixture
def use_model(monkeypatch: pytest.MonkeyPatch):
    def install(model: LearnedModel) -> None:
        monkeypatch.setattr(scoring.detector, "model_for", lambda lang: model)

    return install


OFFER = "I can set up a payment plan for you."
ARREST = "Pay today or you will be arrested."
SHOUT = "PAY THIS BILL TODAY OR ELSE"
THANKS = "Thank you for your time."


def _cats(text: str) -> set[str]:
    return {f.category for f in detect(text, "en")}


def test_without_a_model_the_lexicon_hits_stand(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scoring.detector, "model_for", lambda lang: None)
    assert "offer_help" in _cats(OFFER)
    assert "threat_arrest" in _cats(ARREST)
    assert "shouting" in _cats(SHOUT)
    assert "courtesy" in _cats(THANKS)


def test_a_behaviour_the_model_rules_out_is_dropped(use_model) -> None:
    use_model(_model({}, [0.9, 0.9, 0.9, 0.9]))
    assert VETO_BELOW > 0.0025
    assert "offer_help" not in _cats(OFFER)


def test_a_behaviour_the_model_finds_plausible_stays(use_model) -> None:
    # "plan" lifts offer_help to sigmoid(-6 + 3.5) = 0.076: above the bar, below the threshold.
    use_model(_model({"w:plan": [[0, 3.5]]}, [0.9, 0.9, 0.9, 0.9]))
    assert "offer_help" in _cats(OFFER)


def test_violations_and_shape_checks_are_never_vetoed(use_model) -> None:
    use_model(_model({}, [0.9, 0.9, 0.9, 0.9]))
    assert "threat_arrest" in _cats(ARREST)
    assert "shouting" in _cats(SHOUT)


def test_a_category_the_model_was_not_trained_for_is_never_vetoed(use_model) -> None:
    use_model(_model({}, [0.9, 0.9, 0.9, 1.01]))  # courtesy switched off (too few examples)
    assert "courtesy" in _cats(THANKS)
