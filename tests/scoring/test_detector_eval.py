"""The evaluation script's statistics: Wilson intervals and pooled splits."""

from __future__ import annotations

import pytest

from benchmarks.corpus_data import load_split
from benchmarks.detector_eval import Counts, GroupReport, evaluate, shown_errors, unmet_targets, wilson


@pytest.mark.parametrize(
    ("hits", "n", "low", "high"),
    [
        (9, 10, 0.596, 0.982),  # textbook values for the 95% Wilson interval
        (10, 10, 0.722, 1.0),
        (0, 10, 0.0, 0.278),
        (50, 100, 0.404, 0.596),
        (0, 0, 0.0, 1.0),  # nothing observed: nothing known
    ],
)
def test_wilson_interval(hits: int, n: int, low: float, high: float) -> None:
    lo, hi = wilson(hits, n)
    assert lo == pytest.approx(low, abs=0.001)
    assert hi == pytest.approx(high, abs=0.001)


def test_counts_report_their_intervals() -> None:
    c = Counts(tp=9, fp=0, fn=1)
    assert c.as_dict()["recall_95"] == [pytest.approx(0.5958, abs=1e-4), pytest.approx(0.9821, abs=1e-4)]
    assert c.as_dict()["precision_95"][1] == 1.0


def test_unmet_target_says_whether_it_is_below_even_at_the_top_of_its_interval() -> None:
    rep = GroupReport("en", "x")
    counts = {"threat_arrest": Counts(tp=9, fn=1), "threat_violence": Counts(tp=5, fn=5)}
    rep.per_category = lambda: counts  # type: ignore[method-assign]
    arrest, violence = unmet_targets([rep])
    assert "threat_arrest" in arrest and "below even" not in arrest  # 0.90, but 0.95 is inside 0.60-0.98
    assert "threat_violence" in violence and "below even at the top of its interval" in violence


def test_pooled_splits_make_one_group_per_language() -> None:
    _, separate = evaluate(["zh"], ["dev", "holdout"], "cn")
    _, pooled = evaluate(["zh"], ["dev", "holdout"], "cn", pool=True)
    assert [r.split for r in separate] == ["dev", "holdout"]
    assert [r.split for r in pooled] == ["dev+holdout"]
    assert len(pooled[0].results) == len(load_split("zh", "dev")) + len(load_split("zh", "holdout"))
    for cat, c in pooled[0].per_category().items():
        a, b = separate[0].per_category()[cat], separate[1].per_category()[cat]
        assert (c.tp, c.fp, c.fn) == (a.tp + b.tp, a.fp + b.fp, a.fn + b.fn)


@pytest.mark.parametrize(
    ("asked", "splits", "shown"),
    [
        (None, ["dev"], 15),
        (None, ["train2", "dev"], 15),
        (None, ["holdout"], 0),
        (None, ["dev", "blind11"], 0),  # one unseen split among others is enough
        (5, ["holdout"], 5),  # asked for by number: listed
        (0, ["dev"], 0),
    ],
)
def test_unseen_splits_list_no_errors_unless_asked(asked: int | None, splits: list[str], shown: int) -> None:
    assert shown_errors(asked, splits) == shown
