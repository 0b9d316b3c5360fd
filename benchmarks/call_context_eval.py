"""Precision and recall of the call-level checks on the labelled corpus.

    python benchmarks/call_context_eval.py [--split train|dev|holdout ...] [--show]

For every corpus item whose labels or findings involve a call-level category
(third_party_disclosure, ignored_cease, ignored_dispute, ignored_vulnerability), runs
``scoring.api.check_utterance`` with the item's context (the debtor's turns before it) under the
language's default jurisdiction, and compares the call-level categories found with the labels.
``--show`` prints every miss and false alarm with the debtor's last turn.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus_data import SPLITS, load_items
from scoring.api import check_utterance
from scoring.model import Turn

CALL_LEVEL = ("third_party_disclosure", "ignored_cease", "ignored_dispute", "ignored_vulnerability")
JURISDICTION = {"en": "us", "zh": "cn"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", action="append", choices=SPLITS, help="default: all splits")
    parser.add_argument("--show", action="store_true", help="print misses and false alarms")
    args = parser.parse_args(argv)
    splits = tuple(args.split) if args.split else SPLITS
    print(f"{'lang':4} {'category':24} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>9} {'recall':>7}")
    for lang in ("en", "zh"):
        tp: Counter[str] = Counter()
        fp: Counter[str] = Counter()
        fn: Counter[str] = Counter()
        for item in load_items([lang], splits):
            context = [Turn(speaker=t.speaker, text=t.text) for t in item.context]
            found = {f.category for f in check_utterance(item.text, lang, JURISDICTION[lang], context)}  # type: ignore[arg-type]
            for cat in CALL_LEVEL:
                if cat in found and cat in item.labels:
                    tp[cat] += 1
                elif cat in found or cat in item.labels:
                    (fp if cat in found else fn)[cat] += 1
                    if args.show:
                        said = [t.text for t in item.context if t.speaker == "debtor"][-1:]
                        print(f"  {'FP' if cat in found else 'FN'} {cat}: {said} -> {item.text}")
        for cat in CALL_LEVEL:
            p = tp[cat] / (tp[cat] + fp[cat]) if tp[cat] + fp[cat] else float("nan")
            r = tp[cat] / (tp[cat] + fn[cat]) if tp[cat] + fn[cat] else float("nan")
            print(f"{lang:4} {cat:24} {tp[cat]:4} {fp[cat]:4} {fn[cat]:4} {p:9.2f} {r:7.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
