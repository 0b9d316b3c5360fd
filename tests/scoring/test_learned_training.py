"""The shipped learned weights are trained from today's corpus, lexicon and features.

If this fails, the corpus, a lexicon or the features changed without retraining:
run ``python benchmarks/train_model.py`` and commit scoring/data/model/*.json.
"""

from __future__ import annotations

import hashlib
import json

import numpy as np
import pytest

from benchmarks.corpus_data import CorpusItem
from benchmarks.train_model import (
    _best_bar,
    _calibrate,
    _combined,
    _threshold,
    _triggered,
    fingerprint,
    near_duplicate_groups,
    stable_folds,
)
from scoring.learned import MODEL_DIR
from scoring.model import Kind, Turn


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


def test_a_line_keeps_its_fold_when_lines_are_added_elsewhere() -> None:
    # Distinct lines (no two near-copies): hex digests read as unrelated strings.
    texts = [hashlib.sha256(str(n).encode()).hexdigest()[: 20 + n % 20] for n in range(60)]
    before = stable_folds(texts, near_duplicate_groups(texts))
    more = [*texts[:30], "We'll have the police pick you up tomorrow.", *texts[30:], "Thanks for your time."]
    after = stable_folds(more, near_duplicate_groups(more))
    kept = [i for i in range(len(more)) if i not in (30, len(more) - 1)]
    for old, new in zip(before, after, strict=True):
        assert new[kept].tolist() == old.tolist()
        assert set(old.tolist()) == set(range(5))  # 60 lines fill every fold
    assert not (before[0] == before[1]).all()  # the salts give different assignments


def test_near_copies_share_every_fold_assignment() -> None:
    texts = [
        "We'll have the police pick you up tomorrow.",
        "Right, we'll have the police pick you up tomorrow.",
        *(hashlib.sha256(str(n).encode()).hexdigest() for n in range(20)),
    ]
    for fold in stable_folds(texts, near_duplicate_groups(texts)):
        assert fold[0] == fold[1]


def test_combined_counts_follow_the_veto_and_add_rules() -> None:
    oof = np.array([0.9, 0.01, 0.6, 0.2])
    y = np.array([True, False, True, False])
    lexicon = np.array([True, True, False, False])
    # no veto, add from 0.5: the lexicon's false alarm stays, the model adds line 3
    assert _combined(oof, y, lexicon, 0.5, 0.0) == (2, 1, 0)
    # veto under 0.05 drops the false alarm; add from 0.7 misses line 3
    assert _combined(oof, y, lexicon, 0.7, 0.05) == (1, 0, 1)


def test_calibration_vetoes_the_false_alarms_the_model_rules_out() -> None:
    # 40 true hits the model backs, 20 false alarms it gives 0.3%, 40 misses it adds (0.995).
    oof = np.array([0.8] * 40 + [0.003] * 20 + [0.995] * 40)
    y = np.array([True] * 40 + [False] * 20 + [True] * 40)
    found = [{"threat_arrest"}] * 60 + [set()] * 40
    thresholds = [0.99]
    report: list[str] = []
    bars = _calibrate(
        "zh", ["threat_arrest"], {"threat_arrest": Kind.violation}, {"threat_arrest": (oof, y)}, found,
        thresholds, report,
    )
    assert 0.003 < bars["violation"] <= 0.8  # the false alarms go, the backed hits stay
    assert thresholds == [0.99]  # add thresholds keep the precision rule
    assert len(report) == 1  # one calibration line for the one kind


@pytest.mark.parametrize(
    ("lang", "kind", "vetoes"),
    [("en", Kind.violation, False), ("en", Kind.empathy_positive, True), ("zh", Kind.violation, True)],
)
def test_an_english_violation_veto_may_not_cost_true_hits(lang: str, kind: Kind, vetoes: bool) -> None:
    # 500 true hits the model backs, 5 true hits it reads as denials (a veiled threat), 100 false
    # alarms it rules out just as firmly: the best F1 drops all 105. For a violation that costs
    # 1% of the lexicon's true hits, over the English limit, so no bar that low is allowed there.
    oof = np.array([0.8] * 500 + [0.003] * 105)
    y = np.array([True] * 505 + [False] * 100)
    found = [{"cat"}] * 605
    bars = _calibrate(lang, ["cat"], {"cat": kind}, {"cat": (oof, y)}, found, [0.99], [])
    assert (bars[kind.value] > 0.003) is vetoes


def test_one_more_line_at_a_near_tie_does_not_move_the_bar() -> None:
    # 300 true hits the model backs; at 0.004, 36 false alarms and 33 true hits: vetoing them all
    # is a near-tie with vetoing none. One more false alarm flips the choice made on the lines as
    # they are; the bootstrap median, which the trainer ships, stays where it was.
    def lines(false_alarms: int) -> tuple[np.ndarray, np.ndarray, list[set[str]]]:
        oof = np.array([0.8] * 300 + [0.004] * (false_alarms + 33))
        y = np.array([True] * 300 + [False] * false_alarms + [True] * 33)
        return oof, y, [{"cat"}] * len(oof)

    singles, shipped = [], []
    for false_alarms in (36, 37):
        oof, y, found = lines(false_alarms)
        singles.append(_best_bar([(oof, y, np.ones(len(oof), dtype=bool), 0.99)], None))
        bars = _calibrate("zh", ["cat"], {"cat": Kind.empathy_positive}, {"cat": (oof, y)}, found, [0.99], [])
        shipped.append(bars["empathy_positive"])
    assert singles == [0.0, 0.005]
    assert shipped == [0.0, 0.0]


def test_call_level_columns_learn_from_the_lines_after_their_trigger() -> None:
    def item(*said: str) -> CorpusItem:
        context = tuple(Turn(speaker="debtor", text=t) for t in said)
        return CorpusItem("en", "t", 0, 1, "Can you pay today?", frozenset(), frozenset(), context)

    got = _triggered(
        [
            item(),
            item("Stop calling me."),
            item("I'm his wife, he's at work.", "I've never had an account with you."),
            item("My husband died last week."),
            item("I'm not disputing it, I just can't pay."),
        ],
        "en",
    )
    assert got == [
        set(),
        {"ignored_cease"},
        {"third_party_disclosure", "ignored_dispute"},
        {"ignored_vulnerability"},
        set(),
    ]


def test_the_threshold_is_the_lowest_that_reaches_the_precision_target() -> None:
    y = np.array([1, 1, 1, 0, 0, 1, 0, 0])
    oof = np.array([0.95, 0.9, 0.8, 0.75, 0.6, 0.55, 0.3, 0.1])
    assert _threshold(oof, y, 0.99) == 0.76  # above the first false alarm, all three positives
    assert _threshold(oof, y, 0.75) == 0.61  # three of the four lines over 0.6 are positives
    assert _threshold(np.array([0.4, 0.3]), np.array([1, 0]), 0.9) == 1.01  # none over 0.5: off


def test_seeds_enter_the_fingerprint_only_when_more_than_one() -> None:
    assert fingerprint("en", "shuffled", 1) == fingerprint("en")
    assert fingerprint("en", "shuffled", 5) != fingerprint("en")
