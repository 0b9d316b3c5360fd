"""Train the learned second-opinion detector (``scoring/learned.py``) from the labelled corpus.

    python benchmarks/train_model.py [--lang en|zh|all]

Trains on ``corpus_data.MODEL_SPLITS`` (dev, the train splits and the blind splits already
measured); the holdout and the newest blind splits stay unseen, so that ``detector_eval.py --split
unseen`` measures generalisation honestly. Needs scikit-learn (``pip install -e '.[train]'``); the
product itself reads only the JSON weights it writes.

Each category gets a logistic model on binary features. Its threshold is chosen from
out-of-fold probabilities (5-fold cross-validation) as the lowest that keeps the model's own
precision at or above a target, so the model only speaks when it is rarely wrong; a category
where no threshold reaches the target is switched off (threshold above 1). Each kind's veto bar
is chosen from the same out-of-fold probabilities on ``corpus_data.CALIBRATION_SPLITS``
(``_calibrate``). Four more columns serve the call-level checks
(``scoring.call_context.LEARNED_CALL_LEVEL``): each learns, only from the lines said after its
trigger (a wrong party, a stop request or a lawyer, a dispute, a disclosed vulnerability), which
of them break the rule anyway, at a stricter precision target (``CALL_LEVEL_PRECISION_TARGET``).
Deterministic: seeded folds, fixed solver, sorted vocabulary.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.corpus_data import load_items  # noqa: E402
from scoring.call_context import LEARNED_CALL_LEVEL, triggered_by  # noqa: E402
from scoring.detector import category_kinds  # noqa: E402
from scoring.learned import MODEL_DIR, features  # noqa: E402
from scoring.model import Kind  # noqa: E402
from scoring.text.normalize import normalize  # noqa: E402

CALL_LEVEL = {"third_party_disclosure", "ignored_cease", "ignored_dispute", "ignored_vulnerability"}
PRECISION_TARGET = {Kind.violation: 0.95}
DEFAULT_PRECISION_TARGET = 0.90
MIN_DOC_FREQ = 2
C = 1.0
PRUNE = 0.02
MIN_POSITIVES = 8
NEAR_DUPLICATE = 80  # rapidfuzz ratio at which two corpus lines count as copies
# The bars a kind's veto may take (a lexicon hit goes when the model's probability is under it),
# chosen on CALIBRATION_SPLITS from out-of-fold probabilities for the best F1 of patterns and
# model together.
VETO_GRID = (0.0, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5)
# Per language, the largest share of the lexicon's true violation hits (on the calibration lines)
# a violation veto may cost. English violation patterns are built for veiled and negated threats
# ("nobody wants the sheriff at their door", "I can't guarantee the bailiffs won't come round")
# that the English model reads as denials: its best-F1 bar (0.1) dropped 19 true hits for 130
# false alarms, and failed eight regression lines of exactly that kind, the issue's own example
# among them. At the Chinese best-F1 bar no Chinese regression line fails, and since session 3
# the Chinese model has been the stronger reader and the Chinese patterns the less precise.
# 0.2% until session 13: with train4 it allowed a bar of 0.02, which vetoed three of those
# regression lines (at 0.015-0.017), the example among them; 0.1% keeps them.
MAX_VIOLATION_VETO_COST = {"en": 0.001}
MIN_CALIBRATION_POSITIVES = 30
# Cross-validation: N_FOLDS folds. "shuffled" (what the shipped models use): StratifiedGroupKFold,
# shuffled with a fixed seed. "stable" (``--folds stable``, measured in session 11, not shipped):
# folds by a hash of each near-duplicate group, once per salt, out-of-fold probabilities averaged
# over the salts (``stable_folds``).
N_FOLDS = 5
FOLD_SCHEMES = ("shuffled", "stable")
DEFAULT_FOLDS = "shuffled"
FOLD_SALTS = ("a", "b", "c")
# Shuffled folds: ``--seeds N`` draws N assignments (random_state FOLD_SEED, FOLD_SEED + 1, ...),
# each chooses a threshold by the rule, and the median is kept (one seed: that seed's own choice).
FOLD_SEED = 7
DEFAULT_SEEDS = 1
# The veto bar is the median choice over this many bootstrap resamples of the calibration lines.
VETO_RESAMPLES = 200
VETO_SEED = 7
# The call-level columns (scoring.call_context.LEARNED_CALL_LEVEL) add to hand-written rules that
# already misfire now and then, so the model alone is held above the violation target.
CALL_LEVEL_PRECISION_TARGET = 0.97


def _categories() -> list[str]:
    return sorted(
        cat for cat, kind in category_kinds().items() if kind is not Kind.intent and cat not in CALL_LEVEL
    )


def fingerprint(lang: str, folds: str = DEFAULT_FOLDS, seeds: int = DEFAULT_SEEDS) -> str:
    """sha256 of everything a model is trained from: the corpus splits, the lexicon (its concepts
    are features) with its companion files, the feature-extraction version and the settings that
    choose the veto bars. A shipped model whose fingerprint differs from today's inputs is stale."""
    from benchmarks.corpus_data import CALIBRATION_SPLITS, MODEL_SPLITS, SPLITS, split_path
    from scoring.learned import FEATURES_VERSION
    from scoring.lexicon import LEXICON_DIR

    # The calibration settings too: they set the veto bars a scorecard's findings depend on.
    digest = hashlib.sha256(
        f"features={FEATURES_VERSION};C={C};prune={PRUNE};veto_grid={VETO_GRID};"
        f"veto_cost={sorted(MAX_VIOLATION_VETO_COST.items())};calibration={CALIBRATION_SPLITS};"
        f"veto_bootstrap={VETO_RESAMPLES},{VETO_SEED};"
        f"call_level={CALL_LEVEL_PRECISION_TARGET}".encode()
    )
    if folds != "shuffled":  # the shuffled folds' models predate this setting
        digest.update(f"folds={folds},{N_FOLDS},{FOLD_SALTS};".encode())
    if folds == "shuffled" and seeds != 1:  # one seed's models predate this setting
        digest.update(f"seeds={seeds},{FOLD_SEED};".encode())
    # The language's lexicon and its companions (zh_variants.yaml folds text before features), and
    # the debtor cues, which choose the lines the call-level columns learn from.
    lexicons = [
        LEXICON_DIR / f"{lang}.yaml",
        *sorted(LEXICON_DIR.glob(f"{lang}_*.yaml")),
        LEXICON_DIR / f"debtor_{lang}.yaml",
    ]
    paths = [split_path(lang, s) for s in MODEL_SPLITS if s in SPLITS] + lexicons
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes() if path.is_file() else b"")
    return digest.hexdigest()


def stable_folds(texts: list[str], groups: list[int]) -> list[Any]:
    """One fold id per line for each of ``FOLD_SALTS``: the hash of its near-duplicate group's
    first text (in sorted order), salted. A line keeps its fold when lines are added elsewhere, so
    a retrain moves thresholds and bars only as far as the new lines do: four dev lines added
    moved one English threshold by 0.01, where with the shuffled folds they reassigned every fold
    and moved 25 thresholds by up to 0.11 (docs/measurements.md, session 11). Not the default:
    see there why the models trained this way were not shipped."""
    import numpy as np

    first: dict[int, str] = {}
    for text, group in zip(texts, groups, strict=True):
        if group not in first or text < first[group]:
            first[group] = text
    out = []
    for salt in FOLD_SALTS:
        fold_of = {
            group: int(hashlib.sha256(f"{salt}:{text}".encode()).hexdigest()[:8], 16) % N_FOLDS
            for group, text in first.items()
        }
        out.append(np.array([fold_of[g] for g in groups]))
    return out


def near_duplicate_groups(texts: list[str]) -> list[int]:
    """Group id per text, joining texts that are near-copies of each other.

    Part of the corpus is the same line in another form (a filler word in front, SMS spelling,
    a zero-width character). Cross-validation must keep such copies in one fold, or the
    out-of-fold precision that picks each threshold is measured on lines the model has seen.
    """
    from rapidfuzz import fuzz, process

    folded = [" ".join(t.lower().split()) for t in texts]
    parent = list(range(len(texts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    scores = process.cdist(folded, folded, scorer=fuzz.ratio, score_cutoff=NEAR_DUPLICATE, workers=1)
    for i, j in zip(*scores.nonzero(), strict=True):
        if i < j:
            parent[find(int(i))] = find(int(j))
    return [find(i) for i in range(len(texts))]


def train(lang: str, folds_scheme: str = DEFAULT_FOLDS, seeds: int = DEFAULT_SEEDS) -> dict[str, object]:
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedGroupKFold

    from benchmarks.corpus_data import CALIBRATION_SPLITS, MODEL_SPLITS, SPLITS

    splits = [s for s in MODEL_SPLITS if s in SPLITS]
    # Lines with debtor context count too: their utterance-level labels are what the model learns.
    items = load_items([lang], splits)
    texts = [it.text for it in items]
    norms = [normalize(t, lang) for t in texts]
    feats = [sorted({f.name for f in features(norm)}) for norm in norms]
    calibrating = np.array([it.split in CALIBRATION_SPLITS for it in items])
    lexicon_found = _lexicon_categories([norms[i] for i in np.nonzero(calibrating)[0]])
    df: dict[str, int] = {}
    for names in feats:
        for name in names:
            df[name] = df.get(name, 0) + 1
    vocab = sorted(name for name, count in df.items() if count >= MIN_DOC_FREQ)
    index = {name: i for i, name in enumerate(vocab)}
    rows, cols = [], []
    for r, names in enumerate(feats):
        for name in names:
            col = index.get(name)
            if col is not None:
                rows.append(r)
                cols.append(col)
    x = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(texts), len(vocab)))

    groups = near_duplicate_groups(texts)
    hashed = stable_folds(texts, groups) if folds_scheme == "stable" else []
    group_ids = np.array(groups)
    cats = _categories()
    kinds = category_kinds()
    bias: list[float] = []
    thresholds: list[float] = []
    weights: dict[str, list[list[float]]] = {}
    report: list[str] = []
    totals: dict[str, list[int]] = {}
    oofs: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def fold_splits(xs: Any, y: Any, rows: Any) -> list[list[tuple[Any, Any]]]:
        """(train, test) row indices of each fold assignment of ``rows``: one shuffled assignment,
        or one per hash salt."""
        if not hashed:
            return [
                list(
                    StratifiedGroupKFold(n_splits=N_FOLDS, shuffle=True, random_state=FOLD_SEED + k).split(
                        xs, y, group_ids[rows]
                    )
                )
                for k in range(seeds)
            ]
        out = []
        for assignment in hashed:
            fold = assignment[rows]
            present = [k for k in range(N_FOLDS) if (fold == k).any()]
            out.append([(np.nonzero(fold != k)[0], np.nonzero(fold == k)[0]) for k in present])
        return out

    def fit(ci: int, cat: str, rows: Any, y: Any, target: float) -> tuple[Any, int, int] | None:
        """One column: out-of-fold probabilities on ``rows``, the threshold they give, then the
        weights fitted on all of ``rows``. Returns the out-of-fold probabilities with the true and
        false positives at that threshold (None: off, too few examples)."""
        positives = int(y.sum())
        if positives < MIN_POSITIVES:
            bias.append(-30.0)
            thresholds.append(1.01)
            report.append(f"  {cat:26s} pos={positives:4d}  off (too few examples)")
            return None
        xs = x[rows]
        per_assignment = []
        for assignment in fold_splits(xs, y, rows):
            one = np.zeros(len(y))
            for tr, te in assignment:
                if y[tr].min() == y[tr].max():  # every positive in this fold: nothing to learn from
                    one[te] = float(y[tr][0])
                    continue
                clf = LogisticRegression(C=C, solver="liblinear", class_weight="balanced", random_state=0)
                clf.fit(xs[tr], y[tr])
                one[te] = clf.predict_proba(xs[te])[:, 1]
            per_assignment.append(one)
        oof = np.mean(per_assignment, axis=0)  # the mean over the assignments
        if seeds > 1:
            # Each shuffled assignment chooses its own threshold and the median is kept: a few
            # added lines reshuffle every fold, and one assignment's choice moves with them.
            chosen = float(statistics.median(_threshold(one, y, target) for one in per_assignment))
        else:
            chosen = _threshold(oof, y, target)
        pred = oof >= chosen
        tp = int((pred & (y == 1)).sum())
        fp = int((pred & (y == 0)).sum())
        subset = f" (of {len(y)} lines after a trigger)" if len(y) < x.shape[0] else ""
        report.append(
            f"  {cat:26s} pos={positives:4d}  threshold={chosen:.2f}  oof tp={tp} fp={fp} "
            f"recall={tp / positives:.2f}{subset}"
        )
        clf = LogisticRegression(C=C, solver="liblinear", class_weight="balanced", random_state=0)
        clf.fit(xs, y)
        coef = clf.coef_[0]
        bias.append(round(float(clf.intercept_[0]), 4))
        thresholds.append(chosen)
        for col in np.nonzero(np.abs(coef) >= PRUNE)[0]:
            weights.setdefault(vocab[col], []).append([ci, round(float(coef[col]), 4)])
        return oof, tp, fp

    every = np.arange(len(items))
    for ci, cat in enumerate(cats):
        y = np.array([1 if cat in it.labels else 0 for it in items])
        fitted = fit(ci, cat, every, y, PRECISION_TARGET.get(kinds[cat], DEFAULT_PRECISION_TARGET))
        if fitted is None:
            continue
        oof, tp, fp = fitted
        oofs[cat] = (oof[calibrating], y[calibrating] == 1)
        kind_totals = totals.setdefault(kinds[cat].value, [0, 0, 0])
        kind_totals[0] += tp
        kind_totals[1] += fp
        kind_totals[2] += int(y.sum())
    veto_below = _calibrate(lang, cats, kinds, oofs, lexicon_found, thresholds, report)
    # The call-level columns learn only from lines said after their trigger (or labelled with the
    # violation, when the debtor cues missed the trigger): there, the labels tell breaking the rule
    # apart from handling the wrong party, stop request, dispute or disclosure well.
    triggered = _triggered(items, lang)
    columns = list(cats)
    for violation, column in LEARNED_CALL_LEVEL.items():
        rows = np.array(
            [i for i, it in enumerate(items) if violation in triggered[i] or violation in it.labels]
        )
        y = np.array([1 if violation in items[i].labels else 0 for i in rows])
        columns.append(column)
        fit(len(columns) - 1, column, rows, y, CALL_LEVEL_PRECISION_TARGET)
    print(f"{lang}: {len(items)} items, {len(vocab)} features, {len(weights)} kept")
    print("\n".join(report))
    for kind, (tp, fp, pos) in sorted(totals.items()):
        print(f"  out-of-fold {kind:18s} precision={tp / max(1, tp + fp):.3f} recall={tp / max(1, pos):.3f}")
    return {
        "lang": lang,
        "version": "1",
        "trained_on": [f"tests/corpus/{lang}/{s}.yaml" for s in splits],
        "fingerprint": fingerprint(lang, folds_scheme, seeds),
        "items": len(items),
        "categories": columns,
        "bias": bias,
        "thresholds": thresholds,
        "veto_below": veto_below,
        "weights": dict(sorted(weights.items())),
    }


def _threshold(oof: Any, y: Any, target: float) -> float:
    """The lowest threshold from 0.50 whose out-of-fold precision reaches ``target`` (1.01: none
    does, and the model stays silent on the category)."""
    for t in [i / 100 for i in range(50, 100)]:
        pred = oof >= t
        tp = int((pred & (y == 1)).sum())
        fp = int((pred & (y == 0)).sum())
        if tp and tp / (tp + fp) >= target:
            return t
    return 1.01


def _triggered(items: list[Any], lang: str) -> list[set[str]]:
    """Per line, the call-level violations whose trigger its debtor turns show (by the debtor cues
    the call-level checks use)."""
    from scoring.api import debtor_cues

    return [
        set(triggered_by(c for t in it.context if t.speaker == "debtor" for c in debtor_cues(t.text, lang)))
        for it in items
    ]


def _lexicon_categories(norms: list[Any]) -> list[set[str]]:
    """Per line, the taxonomy categories the lexicon reports: the hits a veto may drop."""
    from scoring.detector import lexicon_findings

    return [{f.category for f in lexicon_findings(norm) if f.kind is not Kind.intent} for norm in norms]


def _combined(
    oof: Any, y: Any, lexicon: Any, add_at: float, veto_below: float
) -> tuple[int, int, int]:
    """tp, fp, fn of patterns and model together: a lexicon hit stands unless the model gives the
    category less than ``veto_below``; the model adds the category from ``add_at`` up."""
    pred = (lexicon & (oof >= veto_below)) | (~lexicon & (oof >= add_at))
    return int((pred & y).sum()), int((pred & ~y).sum()), int((~pred & y).sum())


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / max(1, 2 * tp + fp + fn)


def _calibrate(
    lang: str,
    cats: list[str],
    kinds: dict[str, Kind],
    oofs: dict[str, tuple[Any, Any]],
    lexicon_found: list[set[str]],
    thresholds: list[float],
    report: list[str],
) -> dict[str, float]:
    """One veto bar per kind: the one under which dropping lexicon hits gives the best F1 of
    patterns and model together on the calibration lines, the model adding categories at its
    usual thresholds. For English violations, only among the bars that keep nearly every true hit
    of the lexicon (``MAX_VIOLATION_VETO_COST``). Session 8 chose the bars on half of those lines
    and scored them on the other half: the veto raised violation precision in both languages,
    and the other kinds moved by under a point. Lowering the add thresholds the same way gained
    nothing more and let the model call "nobody thinks you're a deadbeat" abuse, so they keep
    the precision rule.

    The bar is the median of that choice over ``VETO_RESAMPLES`` bootstrap resamples of the
    calibration lines, not the choice on the lines as they are: session 10 found the single
    choice noise-driven (English violations came out 0, 0.005, 0.01 or 0.02 on resamples of the
    same lines), so every added split moved it. The median moves only when the evidence does."""
    import numpy as np

    found = {cat: np.array([cat in f for f in lexicon_found]) for cat in cats}
    bars: dict[str, float] = {}
    lines = len(lexicon_found)
    for kind in sorted({kinds[c] for c in oofs}, key=lambda k: k.value):
        members = [c for c in oofs if kinds[c] is kind and int(oofs[c][1].sum()) >= MIN_CALIBRATION_POSITIVES]
        if not members:
            continue
        limit = MAX_VIOLATION_VETO_COST.get(lang) if kind is Kind.violation else None

        def columns(rows: Any, members: list[str] = members) -> list[_Column]:
            return [(oofs[c][0][rows], oofs[c][1][rows], found[c][rows], thresholds[cats.index(c)])
                    for c in members]

        # The same resamples for every kind: one generator per kind, seeded alike.
        rng = np.random.default_rng(VETO_SEED)
        resamples = (rng.integers(0, lines, lines) for _ in range(VETO_RESAMPLES))
        chosen = sorted(_best_bar(columns(rows), limit) for rows in resamples)
        bar = bars[kind.value] = chosen[(len(chosen) - 1) // 2]  # the lower median: veto no more than asked
        as_they_are = columns(np.arange(lines))
        spread = ", ".join(f"{b:g} x{chosen.count(b)}" for b in sorted(set(chosen)))
        report.append(
            f"  calibration {kind.value:18s} veto below {bar:.3f} (bootstrap: {spread}; on the lines as "
            f"they are: {_best_bar(as_they_are, limit):g}): F1 on calibration lines "
            f"{_pooled_f1(as_they_are, VETO_GRID[0]):.3f} without a veto, "
            f"{_pooled_f1(as_they_are, bar):.3f} with it"
        )
    return bars


_Column = tuple[Any, Any, Any, float]  # out-of-fold probabilities, truth, lexicon hits, add threshold


def _pooled_f1(columns: list[_Column], bar: float) -> float:
    sums = [0, 0, 0]
    for oof, y, lexicon, add_at in columns:
        for k, v in enumerate(_combined(oof, y, lexicon, add_at, bar)):
            sums[k] += v
    return _f1(*sums)


def _best_bar(columns: list[_Column], limit: float | None) -> float:
    """The bar with the best pooled F1; with ``limit``, only among the bars that keep all but that
    share of the lexicon's true hits (1.01: no additions by the model)."""
    allowed = list(VETO_GRID)
    if limit is not None:
        kept = {b: sum(_combined(oof, y, lexicon & y, 1.01, b)[0] for oof, y, lexicon, _ in columns)
                for b in allowed}
        allowed = [b for b in allowed if kept[0.0] - kept[b] <= limit * kept[0.0]]
    # Ties go to the lower bar: veto no more than the data asks for.
    return max(allowed, key=lambda b: (round(_pooled_f1(columns, b), 4), -b))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", choices=["en", "zh", "all"], default="all")
    parser.add_argument(
        "--folds", choices=FOLD_SCHEMES, default=DEFAULT_FOLDS,
        help="cross-validation folds (stable: hashed, averaged over three assignments; "
        "docs/learned-model.md)",
    )
    parser.add_argument(
        "--seeds", type=int, default=DEFAULT_SEEDS,
        help="shuffled folds: draw this many fold assignments and keep each column's median threshold",
    )
    args = parser.parse_args()
    if args.seeds < 1 or (args.seeds > 1 and args.folds != "shuffled"):
        parser.error("--seeds takes a positive count, and only with --folds shuffled")
    MODEL_DIR.mkdir(parents=True, exist_ok=True)
    for lang in ["en", "zh"] if args.lang == "all" else [args.lang]:
        model = train(lang, args.folds, args.seeds)
        path = MODEL_DIR / f"{lang}.json"
        path.write_text(json.dumps(model, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
