"""The labelled corpus (tests/corpus/) and the detection entry point the benchmarks measure.

Shared by ``detector_eval.py``, ``check_speed.py``, ``score_speed.py`` and the corpus tests, so
every one of them reads the same items the same way. See tests/corpus/README.md for the format.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from scoring.model import Turn

ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = ROOT / "tests" / "corpus"
TAXONOMY_PATH = ROOT / "scoring" / "data" / "taxonomy.yaml"
LANGS: tuple[str, ...] = ("en", "zh")
# Splits written by independent authors who never saw the patterns, in the order they were
# written. A new one is added here only; the lists below derive from it.
BLIND_SPLITS: tuple[str, ...] = (
    "blind", "blind2", "blind3", "blind4", "blind5", "blind6", "blind7", "blind8", "blind9",
    "blind10", "blind11",
)
SPLITS: tuple[str, ...] = ("dev", "holdout", "train", "train2", "train3", "train4", *BLIND_SPLITS)
# Splits a language may not have yet (train and the blind splits are written per language by
# separate authors): a missing file reads as empty instead of failing, and the corpus tests only
# check the files that exist.
OPTIONAL_SPLITS = frozenset({"train", "train2", "train3", "train4", *BLIND_SPLITS})
# What the learned model trains on (benchmarks/train_model.py). train2 to train4 were written for
# it by independent authors; a blind split joins once it has served its one clean measurement (session 7
# measured that training on read blind splits raises recall on unread ones, where fixing patterns
# from their errors did not). The holdout never joins.
MODEL_SPLITS: tuple[str, ...] = (
    "dev", "train", "train2", "train3", "train4", "blind", "blind2", "blind3", "blind4", "blind5",
    "blind6", "blind7", "blind8",
)
# Training splits no pattern was ever tuned on (written by independent authors; errors never read
# for pattern work): on them the lexicon misses and misfires as it does on new wording, so the
# trainer chooses there how far the model may overrule or extend it (benchmarks/train_model.py).
CALIBRATION_SPLITS: tuple[str, ...] = ("train2", "train3", "blind6", "blind7", "blind8")
# Splits nobody tunes patterns or trains models on: they measure wording outside the patterns
# and the model. How much each split has been read: tests/corpus/README.md.
UNSEEN_SPLITS: tuple[str, ...] = ("holdout", *(s for s in BLIND_SPLITS if s not in MODEL_SPLITS))
# Taxonomy section -> the Finding.kind value the detector reports for it.
KIND_OF_SECTION = {
    "violations": "violation",
    "required_conduct": "required_conduct",
    "empathy_positive": "empathy_positive",
    "empathy_negative": "empathy_negative",
}
# Tags that mark an item as a hard negative for the share the corpus must keep.
HARD_NEGATIVE_TAGS = frozenset({"hard_negative", "negation"})
ITEM_KEYS = frozenset({"text", "labels", "tags", "context"})
# libyaml's safe loader when PyYAML has it (the corpus is thousands of lines), else the pure-Python one.
SAFE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class CorpusItem:
    lang: str
    split: str
    index: int  # 0-based position in its file
    line: int  # 1-based line of the item in its file
    text: str
    labels: frozenset[str]
    tags: frozenset[str]
    context: tuple[Turn, ...] = field(default=())

    @property
    def where(self) -> str:
        return f"{self.lang}/{self.split}.yaml:{self.line}"


@functools.cache
def taxonomy_kinds() -> dict[str, str]:
    """Category id -> kind ("violation", "required_conduct", ...) for every detectable category."""
    with TAXONOMY_PATH.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    return {str(cat): kind for section, kind in KIND_OF_SECTION.items() for cat in data.get(section) or {}}


def split_path(lang: str, split: str) -> Path:
    return CORPUS_DIR / lang / f"{split}.yaml"


def split_exists(lang: str, split: str) -> bool:
    """Required splits always "exist" (so a missing one fails loudly); optional ones when written."""
    return split not in OPTIONAL_SPLITS or split_path(lang, split).is_file()


@functools.cache
def load_raw(lang: str, split: str) -> list[Any]:
    """The file's YAML as loaded (safe loader), for the well-formedness tests."""
    if not split_exists(lang, split):
        return []
    with split_path(lang, split).open(encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=SAFE_LOADER)  # a safe loader, never the full one
    return data if isinstance(data, list) else []


def item_lines(lang: str, split: str) -> list[int]:
    """1-based line where each list item starts (from the YAML node marks)."""
    if not split_exists(lang, split):
        return []
    with split_path(lang, split).open(encoding="utf-8") as fh:
        root = yaml.compose(fh, Loader=SAFE_LOADER)
    if not isinstance(root, yaml.SequenceNode):
        return []
    return [node.start_mark.line + 1 for node in root.value]


def _to_item(lang: str, split: str, index: int, line: int, raw: dict[str, Any]) -> CorpusItem:
    turns = tuple(Turn(speaker=t["speaker"], text=t["text"]) for t in raw.get("context") or ())
    return CorpusItem(
        lang=lang,
        split=split,
        index=index,
        line=line,
        text=str(raw["text"]),
        labels=frozenset(raw.get("labels") or ()),
        tags=frozenset(raw.get("tags") or ()),
        context=turns,
    )


@functools.cache
def load_split(lang: str, split: str) -> tuple[CorpusItem, ...]:
    raws, lines = load_raw(lang, split), item_lines(lang, split)
    return tuple(
        _to_item(lang, split, i, line, raw) for i, (line, raw) in enumerate(zip(lines, raws, strict=True))
    )


def expand(choice: str, every: Sequence[str]) -> list[str]:
    """'all' -> every value, otherwise the one chosen."""
    return list(every) if choice == "all" else [choice]


def load_items(langs: Iterable[str], splits: Iterable[str]) -> list[CorpusItem]:
    return [item for lang in langs for split in splits for item in load_split(lang, split)]


# ---------------------------------------------------------------------------------------------
# What we measure: scoring.api.check_utterance when the scorecard branch is present (it adds the
# call-level categories from the context), else scoring.detector.detect.

Detector = Callable[[str, str, Sequence[Turn]], list[Any]]


class NoDetectorError(RuntimeError):
    """Neither scoring.api nor scoring.detector can be imported."""


def resolve_detector(jurisdiction: str = "us") -> tuple[str, Detector]:
    """(name, fn(text, lang, context) -> findings) for the best entry point available."""
    try:
        api: Any = importlib.import_module("scoring.api")
    except ImportError:
        api = None
    if api is not None and hasattr(api, "check_utterance"):

        def via_api(text: str, lang: str, context: Sequence[Turn]) -> list[Any]:
            return list(api.check_utterance(text, lang, jurisdiction, context=context))

        return "scoring.api.check_utterance", via_api
    try:
        from scoring.detector import detect
    except ImportError as exc:  # neither branch merged yet
        raise NoDetectorError(f"no detector available: {exc}") from exc

    def via_detector(text: str, lang: str, context: Sequence[Turn]) -> list[Any]:
        return list(detect(text, lang, context=context))

    return "scoring.detector.detect", via_detector


def finding_field(finding: Any, name: str) -> Any:
    """A Finding's attribute, whether it is a model object or a plain dict."""
    if isinstance(finding, dict):
        return finding.get(name)
    return getattr(finding, name, None)


def predicted_categories(findings: Iterable[Any]) -> frozenset[str]:
    """Taxonomy categories reported, ignoring intents and anything outside the taxonomy."""
    kinds = taxonomy_kinds()
    out = set()
    for f in findings:
        kind = str(finding_field(f, "kind") or "")
        cat = str(finding_field(f, "category") or "")
        if kind.endswith("intent") or cat not in kinds:
            continue
        out.add(cat)
    return frozenset(out)
