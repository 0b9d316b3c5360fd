"""The intent library's lexicons skip patterns by anchor like the detector's: never one that
matches (see tests/scoring/test_anchors.py for the detector's own lexicons)."""

from __future__ import annotations

import pytest

from benchmarks.corpus_data import load_split
from scoring.text.normalize import normalize
from simulator.nlu import IntentLibrary
from tests.scoring.re2_screen import ScreeningSets, skipped


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_intent_patterns_that_match_are_always_candidates(lang: str) -> None:
    library = IntentLibrary.load(lang)
    lines = [i.text for split in ("dev", "train") for i in load_split(lang, split)[::4]]
    checked = 0
    for compiled in library._compiled:
        lex = compiled.lexicon
        sets = ScreeningSets(lex)
        for text in lines:
            prep = lex.prepare(normalize(text, lang))
            matching = set(sets.matching(prep.text))
            missed = skipped(lex, prep, matching)
            assert not missed, (text, missed)
            checked += len(matching)
    assert checked > 50
