"""The labelled corpus is well formed: valid labels, every category covered, sizes, the hard-negative
share, no leakage between splits or from the holdout into the lexicons."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from benchmarks.corpus_data import (
    BLIND_SPLITS,
    HARD_NEGATIVE_TAGS,
    ITEM_KEYS,
    LANGS,
    MODEL_SPLITS,
    ROOT,
    SPLITS,
    load_raw,
    load_split,
    split_exists,
    split_path,
    taxonomy_kinds,
)

# train is the large split pattern authors generalise from, so it must cover each category well.
MIN_ITEMS = {
    "dev": 400, "holdout": 180, "train": 1600, "train2": 800, "train3": 800, "train4": 800,
    **dict.fromkeys(BLIND_SPLITS, 250),
}
# train4 was written for the model's weakest categories only, so it need not cover the others.
MIN_POSITIVES = {
    "dev": 8, "holdout": 4, "train": 25, "train2": 12, "train3": 12, "train4": 0,
    **dict.fromkeys(BLIND_SPLITS, 3),
}
MIN_HARD_NEGATIVE_SHARE = 0.40
LEXICON_DIR = ROOT / "scoring" / "data" / "lexicon"
# An optional split (train) is checked for the languages that have written it.
GROUPS = [(lang, split) for lang in LANGS for split in SPLITS if split_exists(lang, split)]
ids = [f"{lang}-{split}" for lang, split in GROUPS]


@pytest.mark.parametrize(("lang", "split"), GROUPS, ids=ids)
def test_items_have_the_documented_shape(lang: str, split: str) -> None:
    problems = []
    for i, raw in enumerate(load_raw(lang, split)):
        where = f"{lang}/{split}.yaml#{i}"
        if not isinstance(raw, dict):
            problems.append(f"{where}: not a mapping")
            continue
        if extra := set(raw) - ITEM_KEYS:
            problems.append(f"{where}: unknown keys {sorted(extra)}")
        if not isinstance(raw.get("text"), str) or not raw["text"].strip():
            problems.append(f"{where}: text missing or empty")
        for key in ("labels", "tags"):
            value = raw.get(key)
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                problems.append(f"{where}: {key} must be a list of strings")
            elif len(set(value)) != len(value):
                problems.append(f"{where}: duplicate {key}")
        for turn in raw.get("context") or []:
            if not isinstance(turn, dict) or turn.get("speaker") not in ("collector", "debtor"):
                problems.append(f"{where}: context turn needs speaker collector|debtor")
            elif not isinstance(turn.get("text"), str) or not turn["text"].strip():
                problems.append(f"{where}: context turn text missing")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("lang", "split"), GROUPS, ids=ids)
def test_every_label_is_a_taxonomy_category(lang: str, split: str) -> None:
    known = taxonomy_kinds()
    unknown = [(item.where, sorted(item.labels - known.keys())) for item in load_split(lang, split)]
    assert not [u for u in unknown if u[1]]


@pytest.mark.parametrize(("lang", "split"), GROUPS, ids=ids)
def test_every_category_is_covered(lang: str, split: str) -> None:
    counts = Counter(label for item in load_split(lang, split) for label in item.labels)
    short = {cat: counts[cat] for cat in taxonomy_kinds() if counts[cat] < MIN_POSITIVES[split]}
    assert not short, f"fewer than {MIN_POSITIVES[split]} positives: {short}"


@pytest.mark.parametrize(("lang", "split"), GROUPS, ids=ids)
def test_split_size(lang: str, split: str) -> None:
    assert len(load_split(lang, split)) >= MIN_ITEMS[split]


@pytest.mark.parametrize(("lang", "split"), GROUPS, ids=ids)
def test_hard_negative_share(lang: str, split: str) -> None:
    items = load_split(lang, split)
    hard = sum(1 for item in items if item.tags & HARD_NEGATIVE_TAGS)
    assert hard / len(items) >= MIN_HARD_NEGATIVE_SHARE, f"{hard}/{len(items)}"


@pytest.mark.parametrize(("lang", "split"), GROUPS, ids=ids)
def test_hard_negatives_carry_no_violation(lang: str, split: str) -> None:
    kinds = taxonomy_kinds()
    wrong = [
        item.where
        for item in load_split(lang, split)
        if item.tags & HARD_NEGATIVE_TAGS and any(kinds[label] == "violation" for label in item.labels)
    ]
    assert not wrong


@pytest.mark.parametrize(("lang", "split"), GROUPS, ids=ids)
def test_call_level_labels_come_with_context(lang: str, split: str) -> None:
    call_level = {"third_party_disclosure", "ignored_cease", "ignored_dispute", "ignored_vulnerability"}
    bare = [item.where for item in load_split(lang, split) if item.labels & call_level and not item.context]
    assert not bare


@pytest.mark.parametrize(("lang", "split"), GROUPS, ids=ids)
def test_no_duplicate_texts_within_a_split(lang: str, split: str) -> None:
    # Exact comparison: a full-width or mixed-case copy of a line is a deliberate variant.
    texts = Counter(item.text for item in load_split(lang, split))
    assert not [t for t, n in texts.items() if n > 1]


@pytest.mark.parametrize("lang", LANGS)
def test_no_holdout_text_is_in_dev(lang: str) -> None:
    # Folded comparison: a holdout line must not be a dev line in another width or case.
    dev = {_key(item.text) for item in load_split(lang, "dev")}
    assert not [item.where for item in load_split(lang, "holdout") if _key(item.text) in dev]


@pytest.mark.parametrize(("lang", "blind"), [(lang, b) for lang in LANGS for b in BLIND_SPLITS])
def test_no_blind_text_is_in_another_split(lang: str, blind: str) -> None:
    # The blind splits' authors read none of the others; a clash would be a coincidence to remove.
    others = {_key(item.text) for split in SPLITS if split != blind for item in load_split(lang, split)}
    assert not [item.where for item in load_split(lang, blind) if _key(item.text) in others]


@pytest.mark.parametrize("lang", LANGS)
def test_no_train_text_is_in_dev_or_holdout(lang: str) -> None:
    # Folded comparison, as above. Only train positions are reported, so a clash never prints a
    # holdout sentence (train authors must not read the holdout).
    others = {_key(item.text) for split in ("dev", "holdout") for item in load_split(lang, split)}
    # every split written for training (blind splits that joined MODEL_SPLITS are checked above)
    train_splits = [s for s in MODEL_SPLITS if s != "dev" and s not in BLIND_SPLITS]
    assert "train3" in train_splits
    trained = (item for split in train_splits for item in load_split(lang, split))
    assert not [item.where for item in trained if _key(item.text) in others]


def test_zero_width_characters_are_written_as_escapes() -> None:
    """Invisible characters must be visible in the file (YAML "\\u200b" escapes), not raw."""
    raw_invisible = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
    offenders = [
        str(split_path(lang, split).relative_to(ROOT))
        for lang, split in GROUPS
        if raw_invisible.search(split_path(lang, split).read_text(encoding="utf-8"))
    ]
    assert not offenders


def _key(text: str) -> str:
    """Comparison form: width-folded, case-folded, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _lexicon_texts() -> list[tuple[Path, str]]:
    if not LEXICON_DIR.is_dir():
        return []
    return [(p, _key(p.read_text(encoding="utf-8"))) for p in sorted(LEXICON_DIR.rglob("*.y*ml"))]


def test_no_holdout_text_in_any_lexicon() -> None:
    """The holdout and blind splits measure generalisation only while their sentences stay out
    of the patterns."""
    lexicons = _lexicon_texts()
    leaks = []
    for lang in LANGS:
        # every split written unseen, including blind splits the model has since trained on
        for item in (i for split in ("holdout", *BLIND_SPLITS) for i in load_split(lang, split)):
            needle = _key(item.text).rstrip(" .!?。！？")
            if len(needle) >= 8:
                leaks += [f"{item.where} in {p.name}" for p, body in lexicons if needle in body]
    assert not leaks, "\n".join(leaks)
