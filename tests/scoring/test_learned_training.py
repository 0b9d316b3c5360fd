"""The shipped learned weights are trained from today's corpus, lexicon and features.

If this fails, the corpus, a lexicon or the features changed without retraining:
run ``python benchmarks/train_model.py`` and commit scoring/data/model/*.json.
"""

from __future__ import annotations

import json

import pytest

from benchmarks.train_model import fingerprint, near_duplicate_groups
from scoring.learned import MODEL_DIR


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_shipped_model_is_fresh(lang: str) -> None:
    shipped = json.loads((MODEL_DIR / f"{lang}.json").read_text(encoding="utf-8"))
    assert shipped["fingerprint"] == fingerprint(lang)


def test_near_copies_share_a_fold_group() -> None:
    texts = [
        "We'll have the police pick you up tomorrow.",
        "Right, we'll have the police pick you up tomorrow.",
        "we'll have the police pick u up tmrw",
        "Thank you for taking my call today.",
    ]
    groups = near_duplicate_groups(texts)
    assert groups[0] == groups[1] == groups[2]
    assert groups[3] != groups[0]
