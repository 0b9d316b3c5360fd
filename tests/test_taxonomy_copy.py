"""The packaged taxonomy is the shared spec's vocabulary: ids may be added there, never renamed."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
PACKAGED = ROOT / "scoring" / "data" / "taxonomy.yaml"
SHARED = ROOT.parent / "shared" / "spec" / "taxonomy.yaml"
SECTIONS = ("violations", "required_conduct", "empathy_positive", "empathy_negative", "outcomes")


def test_packaged_taxonomy_has_every_section() -> None:
    data = yaml.safe_load(PACKAGED.read_text(encoding="utf-8"))
    assert set(SECTIONS) <= set(data)
    ids = [cid for section in SECTIONS for cid in data[section]]
    assert len(ids) == len(set(ids)), "a category id appears in two sections"


def test_packaged_taxonomy_contains_every_shared_id() -> None:
    # CI lays shared/ beside the clone; a wheel or sdist elsewhere has only the packaged copy.
    if not SHARED.exists():
        return
    shared = yaml.safe_load(SHARED.read_text(encoding="utf-8"))
    packaged = yaml.safe_load(PACKAGED.read_text(encoding="utf-8"))
    for section in SECTIONS:
        missing = set(shared[section]) - set(packaged[section])
        assert not missing, f"{section}: {sorted(missing)} missing from scoring/data/taxonomy.yaml"
