"""Precision, recall and F1 of detection on the labelled corpus, per category, language and split.

    python benchmarks/detector_eval.py [--lang en|zh|all] [--split dev|holdout|...|all|unseen] [--pool]
        [--jurisdiction us|uk|cn] [--json] [--show-errors N] [--enforce] [--targets FILE]

Every precision and recall comes with its 95% Wilson interval: with a dozen positives a category
cannot tell 0.90 from 0.97, and an unmet target says when it is below target even at the top of
its interval. ``--pool`` merges the chosen splits per language (``--split unseen --pool``: every
split the patterns and model were not built from) for narrower intervals. ``--show-errors``
lists the worst errors, 15 by default, none by default when an unseen split is chosen: their
lines stay unread unless asked for by number.

Runs ``scoring.api.check_utterance`` (falls back to ``scoring.detector.detect``) on every corpus
item, with the item's context turns, and compares the reported categories (kind "intent"
ignored) with the labels. Exit status: 0, or 1 with ``--enforce`` when a category misses its
target (default: violations P and R >= 0.95, everything else >= 0.90; a category with no
positives and no false positives counts as met), 2 on bad usage.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import yaml

from benchmarks.corpus_data import (
    LANGS,
    SPLITS,
    UNSEEN_SPLITS,
    CorpusItem,
    NoDetectorError,
    expand,
    load_split,
    predicted_categories,
    resolve_detector,
    taxonomy_kinds,
)

KINDS: tuple[str, ...] = ("violation", "required_conduct", "empathy_positive", "empathy_negative")
DEFAULT_TARGETS: dict[str, dict[str, float]] = {
    "violation": {"precision": 0.95, "recall": 0.95},
    "required_conduct": {"precision": 0.90, "recall": 0.90},
    "empathy_positive": {"precision": 0.90, "recall": 0.90},
    "empathy_negative": {"precision": 0.90, "recall": 0.90},
}


# Two-sided 95%: a category with a dozen positives cannot tell 0.90 from 0.97, and the intervals
# say so instead of leaving the reader to guess.
_Z = statistics.NormalDist().inv_cdf(0.975)


def wilson(hits: int, n: int) -> tuple[float, float]:
    """95% Wilson score interval of a proportion ``hits / n`` ((0, 1) when n is 0)."""
    if n == 0:
        return 0.0, 1.0
    p = hits / n
    centre = (p + _Z * _Z / (2 * n)) / (1 + _Z * _Z / n)
    half = _Z * math.sqrt(p * (1 - p) / n + _Z * _Z / (4 * n * n)) / (1 + _Z * _Z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision_interval(self) -> tuple[float, float]:
        # No predictions: nothing to be wrong about, so nothing narrows the interval either.
        return wilson(self.tp, self.tp + self.fp)

    @property
    def recall_interval(self) -> tuple[float, float]:
        return wilson(self.tp, self.tp + self.fn)

    @property
    def precision(self) -> float:
        # No predictions at all: nothing was wrongly flagged (recall will show the misses).
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "precision_95": [round(x, 4) for x in self.precision_interval],
            "recall_95": [round(x, 4) for x in self.recall_interval],
        }


@dataclass
class ItemResult:
    item: CorpusItem
    predicted: frozenset[str]
    error: str | None = None  # the exception text when detection crashed

    @property
    def false_negatives(self) -> frozenset[str]:
        return self.item.labels - self.predicted

    @property
    def false_positives(self) -> frozenset[str]:
        return self.predicted - self.item.labels


@dataclass
class GroupReport:
    """One language x split."""

    lang: str
    split: str
    results: list[ItemResult] = field(default_factory=list)

    def per_category(self) -> dict[str, Counts]:
        counts = {cat: Counts() for cat in taxonomy_kinds()}
        for r in self.results:
            for cat in r.item.labels & r.predicted:
                counts[cat].tp += 1
            for cat in r.false_positives:
                counts[cat].fp += 1
            for cat in r.false_negatives:
                if cat in counts:
                    counts[cat].fn += 1
        return counts

    def per_kind(self) -> dict[str, Counts]:
        kinds = taxonomy_kinds()
        totals = {kind: Counts() for kind in KINDS}
        for cat, c in self.per_category().items():
            totals[kinds[cat]].add(c)
        return totals


def evaluate(
    langs: Sequence[str], splits: Sequence[str], jurisdiction: str, *, pool: bool = False
) -> tuple[str, list[GroupReport]]:
    """One report per language and split, or with ``pool`` one per language over all ``splits``
    (named like ``holdout+blind4``): more positives per category, narrower intervals."""
    name, detect = resolve_detector(jurisdiction)
    reports = []
    for lang in langs:
        for group in ([list(splits)] if pool else [[s] for s in splits]):
            report = GroupReport(lang, "+".join(group))
            for split in group:
                for item in load_split(lang, split):
                    try:
                        found = detect(item.text, lang, item.context)
                        report.results.append(ItemResult(item, predicted_categories(found)))
                    except Exception as exc:  # a crash is a result to report, not a reason to stop
                        report.results.append(ItemResult(item, frozenset(), f"{type(exc).__name__}: {exc}"))
            reports.append(report)
    return name, reports


# ---------------------------------------------------------------------------------------------
# Targets


def load_targets(path: Path | None) -> tuple[dict[str, dict[str, float]], dict[str, dict[str, float]]]:
    """(per-kind, per-category overrides) from a targets YAML, or the issue's defaults."""
    if path is None:
        return DEFAULT_TARGETS, {}
    with path.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    kinds = {k: {**DEFAULT_TARGETS[k], **(data.get("kinds", {}).get(k) or {})} for k in KINDS}
    return kinds, dict(data.get("categories") or {})


def target_for(cat: str, kinds: dict[str, dict[str, float]], overrides: dict[str, dict[str, float]]) -> dict:
    return {**kinds[taxonomy_kinds()[cat]], **(overrides.get(cat) or {})}


def unmet_targets(
    reports: Iterable[GroupReport],
    kinds: dict[str, dict[str, float]] | None = None,
    overrides: dict[str, dict[str, float]] | None = None,
) -> list[str]:
    """One line per (group, category) below target, plus one per crashed item."""
    kinds = kinds or DEFAULT_TARGETS
    overrides = overrides or {}
    misses = []
    for rep in reports:
        for cat, c in rep.per_category().items():
            if c.tp + c.fn == 0 and c.fp == 0:
                continue  # nothing to find and nothing wrongly found: met
            want = target_for(cat, kinds, overrides)
            if c.precision < want["precision"] or c.recall < want["recall"]:
                (plo, phi), (rlo, rhi) = c.precision_interval, c.recall_interval
                clearly = phi < want["precision"] or rhi < want["recall"]
                misses.append(
                    f"{rep.lang}/{rep.split} {cat}: P={c.precision:.2f} R={c.recall:.2f} "
                    f"(target P>={want['precision']:.2f} R>={want['recall']:.2f}; "
                    f"tp={c.tp} fp={c.fp} fn={c.fn}; 95% P {plo:.2f}-{phi:.2f} R {rlo:.2f}-{rhi:.2f}"
                    f"{', below even at the top of its interval' if clearly else ''})"
                )
        misses.extend(f"{r.item.where} crashed: {r.error}" for r in rep.results if r.error)
    return misses


# ---------------------------------------------------------------------------------------------
# Output


def worst_errors(reports: Iterable[GroupReport], n: int) -> list[ItemResult]:
    """Errors that matter most first: missed or invented violations, then by how many labels are wrong."""
    kinds = taxonomy_kinds()

    def weight(r: ItemResult) -> tuple[int, int, int, str]:
        wrong = r.false_negatives | r.false_positives
        violations = sum(1 for cat in wrong if kinds.get(cat) == "violation")
        return (-(r.error is not None), -violations, -len(wrong), r.item.where)

    bad = [r for rep in reports for r in rep.results if r.error or r.false_negatives or r.false_positives]
    return sorted(bad, key=weight)[:n]


def tag_slices(rep: GroupReport) -> dict[str, tuple[int, int]]:
    """tag -> (items, items with any error)."""
    total: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    for r in rep.results:
        bad = bool(r.error or r.false_negatives or r.false_positives)
        for tag in r.item.tags:
            total[tag] += 1
            wrong[tag] += bad
    return {tag: (total[tag], wrong[tag]) for tag in sorted(total)}


def _row(label: str, c: Counts, positives: int | None = None) -> str:
    pos = "" if positives is None else f"{positives:>5}"
    (plo, phi), (rlo, rhi) = c.precision_interval, c.recall_interval
    return (
        f"  {label:<26}{pos:>5} {c.tp:>5} {c.fp:>5} {c.fn:>5}  "
        f"{c.precision:>6.3f} {c.recall:>6.3f} {c.f1:>6.3f}  {plo:.2f}-{phi:.2f}  {rlo:.2f}-{rhi:.2f}"
    )


def print_table(name: str, reports: list[GroupReport], show_errors: int) -> None:
    kinds = taxonomy_kinds()
    print(f"detector: {name}")
    for rep in reports:
        per_cat = rep.per_category()
        crashed = sum(1 for r in rep.results if r.error)
        note = f", {crashed} CRASHED" if crashed else ""
        print(f"\n== {rep.lang} / {rep.split}: {len(rep.results)} items{note}")
        print(
            f"  {'category':<26}{'pos':>5} {'tp':>5} {'fp':>5} {'fn':>5}  {'P':>6} {'R':>6} {'F1':>6}"
            f"  {'P 95%':<9}  {'R 95%':<9}"
        )
        for kind in KINDS:
            print(f"  -- {kind}")
            for cat, c in per_cat.items():
                if kinds[cat] == kind:
                    print(_row(cat, c, c.tp + c.fn))
        print("  -- micro averages")
        for kind, c in rep.per_kind().items():
            print(_row(kind, c, c.tp + c.fn))
        slices = ", ".join(f"{tag} {bad}/{n}" for tag, (n, bad) in tag_slices(rep).items())
        print(f"  items with any error, by tag: {slices}")
    if show_errors:
        print(f"\n== worst errors (up to {show_errors})")
        for r in worst_errors(reports, show_errors):
            ctx = " | ".join(f"{t.speaker}: {t.text}" for t in r.item.context)
            print(f"- {r.item.where}: {r.item.text!r}")
            if ctx:
                print(f"    context: {ctx}")
            if r.error:
                print(f"    CRASH: {r.error}")
            if r.false_negatives:
                print(f"    missed: {', '.join(sorted(r.false_negatives))}")
            if r.false_positives:
                print(f"    false alarm: {', '.join(sorted(r.false_positives))}")


def as_json(name: str, reports: list[GroupReport], show_errors: int, misses: list[str]) -> dict[str, Any]:
    return {
        "detector": name,
        "groups": [
            {
                "lang": rep.lang,
                "split": rep.split,
                "items": len(rep.results),
                "crashed": sum(1 for r in rep.results if r.error),
                "categories": {cat: c.as_dict() for cat, c in rep.per_category().items()},
                "micro": {kind: c.as_dict() for kind, c in rep.per_kind().items()},
            }
            for rep in reports
        ],
        "unmet_targets": misses,
        "errors": [
            {
                "where": r.item.where,
                "text": r.item.text,
                "missed": sorted(r.false_negatives),
                "false_alarm": sorted(r.false_positives),
                "crash": r.error,
            }
            for r in worst_errors(reports, show_errors)
        ],
    }


DEFAULT_SHOWN_ERRORS = 15


def shown_errors(asked: int | None, splits: Sequence[str]) -> int:
    """How many errors to list. An unseen split's lines stay unread unless asked for by number:
    a listing by default (as up to session 10) put fifteen of their errors on screen with every
    pooled measurement."""
    if asked is not None:
        return asked
    return 0 if any(s in UNSEEN_SPLITS for s in splits) else DEFAULT_SHOWN_ERRORS


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", choices=[*LANGS, "all"], default="all")
    parser.add_argument(
        "--split", choices=[*SPLITS, "all", "unseen"], default="dev",
        help=f"one split, all of them, or 'unseen' ({', '.join(UNSEEN_SPLITS)})",
    )
    parser.add_argument(
        "--pool", action="store_true",
        help="one group per language over the chosen splits (more positives per category)",
    )
    parser.add_argument("--jurisdiction", choices=["us", "uk", "cn"], default="us")
    parser.add_argument("--json", action="store_true", help="one JSON document on stdout")
    parser.add_argument(
        "--show-errors", type=int, default=None, metavar="N",
        help=f"list the N worst errors (default {DEFAULT_SHOWN_ERRORS}; 0 when an unseen split is chosen)",
    )
    parser.add_argument("--enforce", action="store_true", help="exit 1 when any category misses its target")
    parser.add_argument("--targets", type=Path, help="targets YAML (default: the issue's targets)")
    parser.add_argument(
        "--lexicon-only", action="store_true",
        help="switch the learned model off, to see what the patterns alone catch (the model has seen "
        "dev and train, so its figures there flatter it)",
    )
    args = parser.parse_args(argv)
    if args.lexicon_only:
        import scoring.detector

        scoring.detector.model_for = lambda lang: None  # type: ignore[assignment]

    try:
        splits = list(UNSEEN_SPLITS) if args.split == "unseen" else expand(args.split, SPLITS)
        name, reports = evaluate(expand(args.lang, LANGS), splits, args.jurisdiction, pool=args.pool)
        args.show_errors = shown_errors(args.show_errors, splits)
    except NoDetectorError as exc:
        print(exc, file=sys.stderr)
        return 2
    kinds, overrides = load_targets(args.targets)
    misses = unmet_targets(reports, kinds, overrides)
    if args.json:
        json.dump(as_json(name, reports, args.show_errors, misses), sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print_table(name, reports, args.show_errors)
        print(f"\n{len(misses)} target(s) unmet" + (":" if misses else "."))
        for line in misses:
            print(f"  {line}")
    return 1 if args.enforce and misses else 0


if __name__ == "__main__":
    sys.exit(main())
