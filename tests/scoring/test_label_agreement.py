"""benchmarks/label_agreement.py: the agreement arithmetic and the second annotation's checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import label_agreement as la
from benchmarks.corpus_data import LANGS, load_split


def test_agreement_f1_precision_recall_and_kappa() -> None:
    a = [frozenset({"x"}), frozenset({"x"}), frozenset(), frozenset()]
    b = [frozenset({"x"}), frozenset(), frozenset({"x"}), frozenset()]
    p = la.pair(a, b, ["x"])
    assert (p.a, p.b, p.both, p.n) == (2, 2, 1, 4)
    assert p.f1 == pytest.approx(0.5)
    assert p.precision == pytest.approx(0.5) and p.recall == pytest.approx(0.5)
    # observed agreement 2/4, chance 0.5*0.5 + 0.5*0.5 = 0.5: no better than chance
    assert p.kappa == pytest.approx(0.0)


def test_perfect_and_unused_categories() -> None:
    a = [frozenset({"x"}), frozenset()]
    assert la.pair(a, a, ["x"]).kappa == pytest.approx(1.0)
    unused = la.pair([frozenset()] * 3, [frozenset()] * 3, ["x"])
    assert unused.f1 == 1.0 and unused.kappa == 1.0


def test_pooled_pair_counts_each_category_once_per_item() -> None:
    a = [frozenset({"x", "y"})]
    b = [frozenset({"x"})]
    p = la.pair(a, b, ["x", "y"])
    assert (p.a, p.b, p.both, p.n) == (2, 1, 1, 2)


def _write(tmp_path: Path, body: str) -> None:
    (tmp_path / "en").mkdir(parents=True, exist_ok=True)
    (tmp_path / "en" / "blind4.yaml").write_text(body, encoding="utf-8")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("- {id: 0, labels: []}\n- {id: 0, labels: []}\n", "appears twice"),
        ("- {id: 7, labels: []}\n", "is not an item"),
        ("- {id: 0, labels: [not_a_category]}\n", "unknown categories"),
        ("- {id: 0, labels: []}\n", "unlabelled"),
    ],
)
def test_a_bad_second_annotation_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str, message: str
) -> None:
    monkeypatch.setattr(la, "AGREEMENT_DIR", tmp_path)
    _write(tmp_path, body)
    with pytest.raises(la.AgreementFileError, match=message):
        la.load_second("en", "blind4", 2)


@pytest.mark.parametrize("lang", LANGS)
def test_shipped_second_annotations_cover_their_splits(lang: str) -> None:
    for path in sorted((la.AGREEMENT_DIR / lang).glob("*.yaml")) if la.AGREEMENT_DIR.is_dir() else []:
        split = path.stem
        second = la.load_second(lang, split, len(load_split(lang, split)))
        assert len(second) == len(load_split(lang, split))
