"""How often two independent annotators give a corpus line the same labels, beside how often the
detector agrees with each of them.

    python benchmarks/label_agreement.py [--lang en|zh|all] [--split blind4] [--json]

A split's own labels (its author, "A") are compared with a second annotator's labels for the same
items ("B"), kept in ``tests/corpus/agreement/<lang>/<split>.yaml`` as ``- {id: N, labels: [...]}``
(``id`` is the item's 0-based position in the split file; the second annotator saw only the text,
the context, the taxonomy and the labelling guide). Per category it prints each annotator's
positives, their agreement as F1 (B's precision and recall taken against A), Cohen's kappa, and
the detector's F1 against A and against B.

Why: the issue's targets (0.95 for violations, 0.90 for the rest) are measured against one
author's labels. Where two careful people agree on a category less often than that, no detector
can show the target on that author's split, and the detector's distance from the target is
partly the labels' own uncertainty. Where the detector agrees with A about as well as B does, it
reads that category as well as a second human does.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import yaml

from benchmarks.corpus_data import (
    CORPUS_DIR,
    LANGS,
    SAFE_LOADER,
    expand,
    load_split,
    predicted_categories,
    resolve_detector,
    taxonomy_kinds,
)

AGREEMENT_DIR = CORPUS_DIR / "agreement"
KIND_ORDER = ("violation", "required_conduct", "empathy_positive", "empathy_negative")


def agreement_path(lang: str, split: str) -> Path:
    return AGREEMENT_DIR / lang / f"{split}.yaml"


class AgreementFileError(ValueError):
    """The second annotation does not cover the split exactly once per item."""


def load_second(lang: str, split: str, n_items: int) -> list[frozenset[str]]:
    """The second annotator's label set per item, in split order."""
    path = agreement_path(lang, split)
    with path.open(encoding="utf-8") as fh:
        rows = yaml.load(fh, Loader=SAFE_LOADER) or []
    kinds = taxonomy_kinds()
    out: dict[int, frozenset[str]] = {}
    for row in rows:
        i = row.get("id") if isinstance(row, dict) else None
        if not isinstance(i, int) or not 0 <= i < n_items:
            raise AgreementFileError(f"{path}: id {i!r} is not an item of {lang}/{split}")
        if i in out:
            raise AgreementFileError(f"{path}: id {i} appears twice")
        labels = frozenset(row.get("labels") or ())
        unknown = labels - kinds.keys()
        if unknown:
            raise AgreementFileError(f"{path}: id {i}: unknown categories {sorted(unknown)}")
        out[i] = labels
    missing = sorted(set(range(n_items)) - out.keys())
    if missing:
        raise AgreementFileError(f"{path}: {len(missing)} items unlabelled, first id {missing[0]}")
    return [out[i] for i in range(n_items)]


@dataclass(frozen=True)
class Pair:
    """Two label columns for one category: counts of items with the label in A, in B, in both."""

    a: int
    b: int
    both: int
    n: int

    @property
    def f1(self) -> float:
        return 2 * self.both / (self.a + self.b) if self.a + self.b else 1.0

    @property
    def precision(self) -> float:  # B against A
        return self.both / self.b if self.b else 1.0

    @property
    def recall(self) -> float:
        return self.both / self.a if self.a else 1.0

    @property
    def kappa(self) -> float:
        """Cohen's kappa for one binary label; 1.0 when neither annotator ever uses it."""
        if self.n == 0:
            return 1.0
        agree = (self.n - self.a - self.b + 2 * self.both) / self.n
        pa, pb = self.a / self.n, self.b / self.n
        chance = pa * pb + (1 - pa) * (1 - pb)
        return 1.0 if chance == 1 else (agree - chance) / (1 - chance)


def pair(x: Sequence[frozenset[str]], y: Sequence[frozenset[str]], cats: Sequence[str]) -> Pair:
    """Pooled over ``cats``: a category on an item counts once per column."""
    wanted = frozenset(cats)
    a = sum(len(s & wanted) for s in x)
    b = sum(len(s & wanted) for s in y)
    both = sum(len(s & t & wanted) for s, t in zip(x, y, strict=True))
    return Pair(a, b, both, len(x) * len(wanted))


def compare(lang: str, split: str, with_detector: bool = True) -> dict[str, Any]:
    items = load_split(lang, split)
    first = [it.labels for it in items]
    second = load_second(lang, split, len(items))
    detected: list[frozenset[str]] | None = None
    if with_detector:
        _, detect = resolve_detector("us")
        detected = [predicted_categories(detect(it.text, lang, it.context)) for it in items]
    kinds = taxonomy_kinds()

    def figures(cats: Sequence[str]) -> dict[str, Any]:
        """Agreement of B with A over ``cats``, and the detector's F1 against each of them."""
        ab = pair(first, second, cats)
        out: dict[str, Any] = {"agreement_f1": round(ab.f1, 3), "b_precision": round(ab.precision, 3),
                               "b_recall": round(ab.recall, 3)}
        if detected is not None:
            out["detector_f1_vs_a"] = round(pair(first, detected, cats).f1, 3)
            out["detector_f1_vs_b"] = round(pair(second, detected, cats).f1, 3)
        return out

    rows = []
    for cat in sorted(kinds, key=lambda c: (KIND_ORDER.index(kinds[c]), c)):
        ab = pair(first, second, [cat])
        rows.append({"category": cat, "kind": kinds[cat], "a": ab.a, "b": ab.b, "both": ab.both,
                     "kappa": round(ab.kappa, 3), **figures([cat])})
    micro = {kind: figures([c for c in kinds if kinds[c] == kind]) for kind in KIND_ORDER}
    identical = sum(1 for s, t in zip(first, second, strict=True) if s == t)
    return {"lang": lang, "split": split, "items": len(items), "identical_label_sets": identical,
            "categories": rows, "micro": micro}


def _print(report: dict[str, Any]) -> None:
    det = "detector_f1_vs_a" in report["micro"]["violation"]
    print(f"== {report['lang']} / {report['split']}: {report['items']} items, "
          f"{report['identical_label_sets']} with identical label sets")
    head = f"  {'category':26} {'A':>4} {'B':>4} {'both':>5} {'agree F1':>9} {'B P/R':>11} {'kappa':>6}"
    print(head + (f" {'det F1 vs A':>12} {'vs B':>6}" if det else ""))
    for r in report["categories"]:
        line = (f"  {r['category']:26} {r['a']:>4} {r['b']:>4} {r['both']:>5} {r['agreement_f1']:>9.2f} "
                f"{r['b_precision']:>5.2f}/{r['b_recall']:<5.2f} {r['kappa']:>6.2f}")
        if det:
            line += f" {r['detector_f1_vs_a']:>12.2f} {r['detector_f1_vs_b']:>6.2f}"
        print(line)
    print("  -- micro")
    for kind, m in report["micro"].items():
        line = (f"  {kind:26} {'':>15} {m['agreement_f1']:>9.2f} "
                f"{m['b_precision']:>5.2f}/{m['b_recall']:<5.2f}")
        if det:
            line += f" {'':>6} {m['detector_f1_vs_a']:>12.2f} {m['detector_f1_vs_b']:>6.2f}"
        print(line)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", choices=[*LANGS, "all"], default="all")
    parser.add_argument("--split", default="blind4")
    parser.add_argument("--no-detector", action="store_true", help="annotators only (faster)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    reports = []
    for lang in expand(args.lang, LANGS):
        if not agreement_path(lang, args.split).is_file():
            print(f"no second annotation for {lang}/{args.split}: {agreement_path(lang, args.split)}",
                  file=sys.stderr)
            return 2
        try:
            reports.append(compare(lang, args.split, with_detector=not args.no_detector))
        except AgreementFileError as exc:
            print(exc, file=sys.stderr)
            return 2
    if args.json:
        print(json.dumps(reports, indent=2))
    else:
        for r in reports:
            _print(r)
    return 0


if __name__ == "__main__":
    sys.exit(main())
