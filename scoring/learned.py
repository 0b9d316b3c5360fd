"""A learned second opinion beside the lexicon: linear weights over words, word pairs and
character n-grams, one logistic model per category and language.

Why: hand-written patterns are precise but miss wording their authors never thought of.
A linear model trained on the labelled corpus (never on the holdout split) catches
paraphrases that share vocabulary with known violations, while staying explainable: every
score is a sum of per-feature weights, so the evidence is the handful of words that pushed
it over the threshold, with their positions in the utterance.

The weights are data (``scoring/data/model/<lang>.json``), produced by ``scoring.training``;
this module only reads them. Negation is encoded in the features themselves: words inside a
negation's scope get their own features ("n:call" is not "w:call"), so "we won't call your
employer" does not look like "we'll call your employer".
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Container
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from scoring.lexicon import LEXICON_DIR
from scoring.text.normalize import NormalizedText

MODEL_DIR = Path(__file__).parent / "data" / "model"
# Bump when features() changes meaning: the shipped weights must then be retrained.
FEATURES_VERSION = 4

# Feature extraction stops after this many characters of normalised text: a megabyte
# utterance costs no more than a long paragraph.
MAX_FEATURE_CHARS = 4000

_EN_NEGATORS = frozenset(
    "not never no nobody none nothing neither nor cannot without "
    "won't wont don't dont doesn't doesnt didn't didnt isn't isnt aren't arent wasn't wasnt "
    "weren't can't cant couldn't couldnt wouldn't wouldnt shouldn't shouldnt mustn't haven't "
    "havent hasn't hasnt hadn't ain't".split()
)
_EN_SCOPE_BREAKERS = frozenset("but if unless or otherwise because so until when then and".split())
_EN_SCOPE = 4
# A negation inside a condition ends where the main clause starts, even with no comma between
# them: in "if you don't pay we'll sue" (typed or transcribed speech) "sue" is not negated. The
# main clause is taken to start at a subject that cannot be the condition's object.
_EN_CONDITIONS = frozenset("if unless until once".split())
_EN_MAIN_SUBJECTS = frozenset(
    "we we'll we're we've we'd i i'll i'm i've i'd they they'll they're they've "
    "you'll you're you've he'll she'll it'll there'll".split()
)
_ZH_NEGATORS = ("不", "没", "别", "未", "无", "勿", "莫", "非")
_ZH_SCOPE = 4
_CLAUSE_PUNCT = frozenset(",.;:!?，。；：！？、\n\"“”()（）")


@dataclass(frozen=True)
class Feature:
    name: str
    start: int  # offsets into the normalised text
    end: int


# (name, start, end): what the extractors build. A prediction makes a hundred or more of these per
# line, and a plain tuple costs a tenth of a dataclass instance.
_Raw = tuple[str, int, int]


# A word: letters and digits, with inner apostrophes before a letter ("won't", "nothing's").
# [^\W_] is exactly str.isalnum, and [^\W\d_] str.isalpha for the letters normalisation leaves.
# Each character has one way to match, so the scan is linear; a regex scan is several times faster
# than walking the characters in Python, and this runs on every utterance.
_EN_TOKEN = re.compile(
    r"([^\W_](?:[^\W_]|'(?=[^\W\d_]))*)|[" + re.escape("".join(sorted(_CLAUSE_PUNCT))) + "]"
)


def _en_tokens(text: str) -> list[tuple[str, int, int]]:
    """Words with their offsets; clause punctuation becomes a "|" token."""
    return [
        (m.group(1), m.start(), m.end()) if m.group(1) else ("|", m.start(), m.end())
        for m in _EN_TOKEN.finditer(text)
    ]


_CONCEPT_MAX_WORDS = 4
_CONCEPT_PAIR_WINDOW = {"en": 6, "zh": 10}  # tokens (en) or characters (zh) between paired concepts
_PLAIN_ENTRY = {"en": frozenset("abcdefghijklmnopqrstuvwxyz0123456789' "), "zh": None}


@functools.cache
def _concept_table(lang: str) -> dict[str, tuple[str, ...]]:
    """Plain word and phrase entries of the lexicon's concepts: phrase -> concept names.

    The lexicon authors' synonym lists are knowledge the corpus alone cannot teach: with them a
    word the training data never paired with a category still counts as, say, a kind of jail.
    Entries written in the pattern syntax are skipped; only literal words and phrases are used.
    """
    path = LEXICON_DIR / f"{lang}.yaml"
    if not path.is_file():
        return {}
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with path.open(encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=loader) or {}
    table: dict[str, set[str]] = {}
    allowed = _PLAIN_ENTRY[lang]
    for name, spec in (data.get("concepts") or {}).items():
        words = spec.get("words", []) if isinstance(spec, dict) else spec
        for word in words or []:
            if not isinstance(word, str):
                continue
            entry = " ".join(word.lower().replace("-", " ").split())
            if not entry:
                continue
            if allowed is not None and not set(entry) <= allowed:
                continue
            if allowed is None and not all("\u4e00" <= c <= "\u9fff" for c in entry):
                continue
            table.setdefault(entry, set()).add(str(name))
    return {k: tuple(sorted(v)) for k, v in table.items()}


def _concept_features(found: list[tuple[str, int, int, bool, int]], lang: str) -> list[_Raw]:
    """Concept occurrences (name, start, end, negated, position) -> single and ordered-pair features."""
    longest: dict[tuple[str, int], tuple[str, int, int, bool, int]] = {}
    for occ in found:
        key = (occ[0], occ[1])
        if key not in longest or occ[2] > longest[key][2]:
            longest[key] = occ
    occs = sorted(longest.values(), key=lambda o: (o[4], o[1], o[0]))
    feats = [(("nk:" if neg else "k:") + name, a, b) for name, a, b, neg, _ in occs]
    window = _CONCEPT_PAIR_WINDOW[lang]
    paired: set[str] = set()
    count = len(occs)
    for i, (n1, a1, _b1, neg1, p1) in enumerate(occs):
        for j in range(i + 1, count):  # no slice: a line full of concepts would copy the list per concept
            n2, _a2, b2, neg2, p2 = occs[j]
            if p2 - p1 > window:
                break
            if p2 > p1 and n1 != n2:
                name = f"{'nkk' if (neg1 or neg2) else 'kk'}:{n1}>{n2}"
                if name not in paired:
                    paired.add(name)
                    feats.append((name, a1, b2))
    return feats


def _en_features(text: str) -> list[_Raw]:
    feats: list[_Raw] = []
    scope = 0
    prev: tuple[str, int, int] | None = None
    words: list[tuple[str, int, int, bool, int]] = []  # token, start, end, negated, clause id
    clause = 0
    in_condition = False  # inside an if/unless clause of this punctuation clause
    negated_condition = False  # ...whose negation may still run
    for tok, a, b in _en_tokens(text):
        if tok == "|":
            scope = 0
            prev = None
            clause += 1
            in_condition = negated_condition = False
            continue
        if tok in _EN_SCOPE_BREAKERS:
            scope = 0
        if negated_condition and tok in _EN_MAIN_SUBJECTS:
            scope = 0
            in_condition = negated_condition = False
        if tok in _EN_CONDITIONS:
            in_condition = True
        negated = scope > 0
        words.append((tok, a, b, negated, clause))
        feats.append((("n:" if negated else "w:") + tok, a, b))
        if prev is not None:
            feats.append((f"b:{prev[0]}_{tok}", prev[1], b))
        if len(tok) >= 5 and tok.isalpha():
            padded = f"<{tok}>"
            feats.extend(("c:" + padded[k : k + 4], a, b) for k in range(len(padded) - 3))
        if tok in _EN_NEGATORS or ("'" in tok and tok[: tok.index("'")] in _EN_NEGATORS):  # "nothing's"
            scope = _EN_SCOPE
            negated_condition = in_condition
        elif scope > 0:
            scope -= 1
        prev = (tok, a, b)
    table = _concept_table("en")
    prefixes = _concept_prefixes("en")
    found: list[tuple[str, int, int, bool, int]] = []
    for i, first in enumerate(words):
        phrase = first[0]
        for last in words[i : i + _CONCEPT_MAX_WORDS]:
            if last is not first:
                if last[4] != first[4]:
                    break
                phrase = f"{phrase} {last[0]}"
            if phrase not in prefixes:
                break
            for name in table.get(phrase, ()):
                found.append((name, first[1], last[2], first[3], i))
    feats.extend(_concept_features(found, "en"))
    return feats


@functools.cache
def _concept_prefixes(lang: str) -> frozenset[str]:
    """Every leading part of a concept entry (whole words in English, characters in Chinese):
    a lookup that is not one of these cannot grow into an entry, so the scan stops there."""
    prefixes: set[str] = set()
    for entry in _concept_table(lang):
        if lang == "zh":
            prefixes.update(entry[:k] for k in range(1, len(entry) + 1))
        else:
            words = entry.split(" ")
            prefixes.update(" ".join(words[:k]) for k in range(1, len(words) + 1))
    return frozenset(prefixes)


def _zh_features(text: str) -> list[_Raw]:
    # Latin words inside Chinese lines (sb, tmd, app names) count as words.
    feats: list[_Raw] = [("w:" + tok, a, b) for tok, a, b in _en_tokens(text) if tok != "|" and tok.isascii()]
    table = _concept_table("zh")
    prefixes = _concept_prefixes("zh")
    found: list[tuple[str, int, int, bool, int]] = []
    negated_until = -1
    n = len(text)
    clause_end = 0  # n-grams stop at punctuation and spaces: where the current run of text ends
    for i, ch in enumerate(text):
        if ch in _CLAUSE_PUNCT or ch.isspace():
            negated_until = -1
            continue
        if i >= clause_end:
            clause_end = i + 1
            while clause_end < n and not (text[clause_end] in _CLAUSE_PUNCT or text[clause_end].isspace()):
                clause_end += 1
        if ch in _ZH_NEGATORS:
            negated_until = i + _ZH_SCOPE
        negated = i <= negated_until and ch not in _ZH_NEGATORS
        prefix = "n" if negated else ""
        if "\u4e00" <= ch <= "\u9fff":
            feats.append((f"{prefix}g1:{ch}", i, i + 1))
        if i + 2 <= clause_end:
            feats.append((f"{prefix}g2:{text[i : i + 2]}", i, i + 2))
            if i + 3 <= clause_end:
                feats.append((f"{prefix}g3:{text[i : i + 3]}", i, i + 3))
        for end in range(i + 1, n + 1):
            piece = text[i:end]
            if piece not in prefixes:
                break
            names = table.get(piece)
            if names:
                found.extend((name, i, end, negated, i) for name in names)
    feats.extend(_concept_features(found, "zh"))
    return feats


def _raw_features(norm: NormalizedText) -> list[_Raw]:
    text = norm.text[:MAX_FEATURE_CHARS]
    return _zh_features(text) if norm.lang == "zh" else _en_features(text)


def features(norm: NormalizedText) -> list[Feature]:
    """Every feature of an utterance, with where it occurs (training and tests read these)."""
    return [Feature(*raw) for raw in _raw_features(norm)]


@dataclass(frozen=True)
class Prediction:
    category: str
    probability: float
    threshold: float
    start: int  # offsets into the original utterance
    end: int
    evidence: tuple[str, ...]


class LearnedModel:
    """Linear weights (feature x category), densified at load so a prediction is one gather-and-sum."""

    def __init__(self, data: dict[str, Any], path: Path) -> None:
        self.path = path
        self.lang = str(data["lang"])
        self.version = str(data["version"])
        # Identifies the lexicon, corpus and features the weights were trained from.
        self.fingerprint = str(data.get("fingerprint", ""))
        self.categories: list[str] = [str(c) for c in data["categories"]]
        self.category_index = {c: i for i, c in enumerate(self.categories)}
        self.bias = np.array([float(b) for b in data["bias"]], dtype=np.float64)
        self.thresholds = np.array([float(t) for t in data["thresholds"]], dtype=np.float64)
        # Kind -> the probability under which a lexicon hit of that kind is dropped, chosen by the
        # trainer; models without it leave the bar to the detector's defaults.
        bars = data.get("veto_below") or {}
        self.veto_below: dict[str, float] = {str(k): float(v) for k, v in bars.items()}
        raw: dict[str, list[list[float]]] = data["weights"]
        self.index: dict[str, int] = {name: i for i, name in enumerate(raw)}
        self.matrix = np.zeros((len(raw), len(self.categories)), dtype=np.float64)
        for row, pairs in enumerate(raw.values()):
            for cat, weight in pairs:
                self.matrix[row, int(cat)] = weight

    def score(self, norm: NormalizedText) -> Scored:
        """Every category's probability for an utterance, with the features that produced it."""
        raw = _raw_features(norm)
        # Weight row -> its first feature. Binary features: a word said twice is not twice the evidence.
        first: dict[int, int] = {}
        for k, row in enumerate(map(self.index.get, [f[0] for f in raw])):
            if row is not None and row not in first:
                first[row] = k
        rows = list(first)
        located = [raw[k] for k in first.values()]
        if not rows:
            probs = 1.0 / (1.0 + np.exp(-np.clip(self.bias, -30.0, 30.0)))
            return Scored(probs, np.zeros((0, len(self.categories))), [])
        block = self.matrix[rows]
        scores = self.bias + block.sum(axis=0)
        probs = 1.0 / (1.0 + np.exp(-np.clip(scores, -30.0, 30.0)))
        return Scored(probs, block, located)

    def speaks_for(self, category: str) -> bool:
        """Whether the model was trained for ``category`` (too few examples switch it off)."""
        i = self.category_index.get(category)
        return i is not None and self.thresholds[i] <= 1.0

    def probability(self, scored: Scored, category: str) -> float:
        return float(scored.probs[self.category_index[category]])

    def predict(
        self,
        norm: NormalizedText,
        scored: Scored | None = None,
        skip: Container[str] = (),
        only: Container[str] | None = None,
    ) -> list[Prediction]:
        """Categories over their threshold, with evidence; none of ``skip`` (the detector passes
        what the lexicon already found, so no evidence is gathered for a finding it would drop)
        and, with ``only``, just those."""
        scored = self.score(norm) if scored is None else scored
        block, located, probs = scored.block, scored.located, scored.probs
        if not located:
            return []
        out: list[Prediction] = []
        for cat in np.nonzero(probs >= self.thresholds)[0]:
            name = self.categories[cat]
            if name in skip or (only is not None and name not in only):
                continue
            column = block[:, cat]
            positive = np.flatnonzero(column > 0)
            # Heaviest first, ties in feature order (numpy: this runs for every line over a threshold).
            pushing = positive[np.lexsort((positive, -column[positive]))].tolist()
            # Show a person words, not character fragments: prefer word and phrase features.
            readable: list[int] = []
            for i in pushing:
                if located[i][0].startswith(_READABLE):
                    readable.append(i)
                    if len(readable) == 3:
                        break
            top = [located[i] for i in (readable or pushing)[:3]]
            if not top:
                continue
            pieces = _merge_spans([whole_runs(norm.text, f[1], f[2]) for f in top])
            start, end = pieces[0][0], pieces[-1][1]
            o_start, o_end = norm.span_to_original(start, end)
            evidence = tuple(dict.fromkeys(norm.original_text(a, b) for a, b in pieces))
            out.append(
                Prediction(
                    name, float(probs[cat]), float(self.thresholds[cat]), o_start, o_end,
                    evidence,
                )
            )
        return out


@dataclass(frozen=True)
class Scored:
    """One utterance as the model sees it: per-category probabilities, and the weight rows
    (``block``) of the features found (``located``, in the same order)."""

    probs: Any  # numpy array, one probability per category
    block: Any  # numpy array, features x categories
    located: list[_Raw]


_READABLE = ("w:", "n:", "b:", "g2:", "g3:", "ng2:", "ng3:", "k:", "nk:")


def _is_run_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def whole_runs(text: str, a: int, b: int) -> tuple[int, int]:
    """Widen ``a:b`` so it does not cut through a number or a Latin word: a Chinese n-gram can
    start or end inside "400" or "app", and "5号还4" tells a trainee nothing."""
    if a < b:
        while a > 0 and _is_run_char(text[a - 1]) and _is_run_char(text[a]):
            a -= 1
        while b < len(text) and _is_run_char(text[b]) and _is_run_char(text[b - 1]):
            b += 1
    return a, b


def _merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching spans become one, so evidence reads as phrases."""
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


@functools.cache
def model_for(lang: str) -> LearnedModel | None:
    path = MODEL_DIR / f"{lang}.json"
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return LearnedModel(data, path)
