"""The corpus size table of tests/corpus/README.md, recomputed from the files.

    python benchmarks/corpus_counts.py [--splits dev holdout blind]

Prints Markdown: items, hard negatives, clean items, items with context, then positives per
category (a multi-label item counts once per category), one column per language and split.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.corpus_data import (  # noqa: E402
    HARD_NEGATIVE_TAGS,
    KIND_OF_SECTION,
    LANGS,
    SPLITS,
    load_split,
    taxonomy_kinds,
)


def table(splits: list[str]) -> str:
    cols = [(lang, split) for split in splits for lang in LANGS]
    items = {c: load_split(*c) for c in cols}
    rows = [
        "| | " + " | ".join(f"{lang} {split}" for lang, split in cols) + " |",
        "|---|" + "---:|" * len(cols),
        "| items | " + " | ".join(str(len(items[c])) for c in cols) + " |",
    ]

    def share(c: tuple[str, str]) -> str:
        hard = sum(1 for i in items[c] if i.tags & HARD_NEGATIVE_TAGS)
        return f"{hard} ({hard / max(1, len(items[c])):.0%})"

    rows.append("| hard negative / negation | " + " | ".join(share(c) for c in cols) + " |")
    clean = (str(sum(not i.labels for i in items[c])) for c in cols)
    rows.append("| clean (no labels) | " + " | ".join(clean) + " |")
    with_context = (str(sum(bool(i.context) for i in items[c])) for c in cols)
    rows.append("| with context | " + " | ".join(with_context) + " |")
    counts = {c: Counter(label for i in items[c] for label in i.labels) for c in cols}
    kinds = taxonomy_kinds()
    for section, kind in KIND_OF_SECTION.items():
        rows.append(f"| **{section}** |" + " |" * len(cols))
        for cat in (cat for cat, k in kinds.items() if k == kind):
            rows.append(f"| {cat} | " + " | ".join(str(counts[c][cat]) for c in cols) + " |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--splits", nargs="+", choices=SPLITS, default=["dev", "holdout", "blind"])
    print(table(parser.parse_args(argv).splits))
    return 0


if __name__ == "__main__":
    sys.exit(main())
