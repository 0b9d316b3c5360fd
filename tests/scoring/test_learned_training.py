"""The shipped learned weights are exactly what the trainer makes of the corpus today.

If this fails, the corpus (or the features) changed without retraining:
run ``python benchmarks/train_model.py`` and commit scoring/data/model/*.json.
"""

from __future__ import annotations

import json

import pytest

from benchmarks.train_model import train
from scoring.learned import MODEL_DIR


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_shipped_model_is_reproducible_from_the_corpus(lang: str) -> None:
    shipped = json.loads((MODEL_DIR / f"{lang}.json").read_text(encoding="utf-8"))
    fresh = train(lang)
    assert fresh["categories"] == shipped["categories"]
    assert fresh["thresholds"] == shipped["thresholds"]
    assert fresh["items"] == shipped["items"]
    assert fresh["bias"] == pytest.approx(shipped["bias"], abs=1e-3)
    assert set(fresh["weights"]) == set(shipped["weights"])
    for name, pairs in shipped["weights"].items():
        got = dict((int(c), w) for c, w in fresh["weights"][name])  # type: ignore[index]
        want = dict((int(c), w) for c, w in pairs)
        assert got.keys() == want.keys(), name
        assert list(got.values()) == pytest.approx(list(want.values()), abs=1e-3), name
