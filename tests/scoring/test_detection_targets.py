"""Detection meets the targets in tests/corpus/targets.yaml on the dev split of the labelled corpus.

The thresholds live in that YAML so the lead can set them; the holdout split is measured by
benchmarks/detector_eval.py and deliberately not asserted here (nobody tunes against it).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from benchmarks.corpus_data import CORPUS_DIR
from benchmarks.detector_eval import evaluate, load_targets, unmet_targets

TARGETS = CORPUS_DIR / "targets.yaml"


def _config() -> dict:
    with Path(TARGETS).open(encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


@pytest.mark.parametrize("lang", _config().get("langs", ["en", "zh"]))
def test_dev_split_meets_detection_targets(lang: str) -> None:
    config = _config()
    _, reports = evaluate([lang], [config.get("split", "dev")], config.get("jurisdiction", "us"))
    kinds, overrides = load_targets(TARGETS)
    misses = unmet_targets(reports, kinds, overrides)
    assert not misses, f"{len(misses)} categories below target:\n" + "\n".join(misses)
