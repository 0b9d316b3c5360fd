"""Rule packs: complete mapping of the taxonomy, severities per jurisdiction, citation policy,
annotation, and file:line:col diagnostics for broken packs."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from scoring.model import Finding, Kind, Severity, Span
from scoring.rulepack import PACK_DIR, load_pack, load_pack_file, validate_pack_data
from scoring.yamlsrc import load_yaml_text

TAXONOMY = yaml.safe_load((Path(__file__).parents[2] / "scoring/data/taxonomy.yaml").read_text("utf-8"))
SECTIONS = ("violations", "required_conduct", "empathy_positive", "empathy_negative")
ALL_IDS = [(section, cat) for section in SECTIONS for cat in TAXONOMY[section]]


@pytest.mark.parametrize("jurisdiction", ["us", "uk", "cn"])
@pytest.mark.parametrize(("section", "category"), ALL_IDS)
def test_every_taxonomy_id_is_mapped_with_tips(jurisdiction, section, category):
    pack = load_pack(jurisdiction)
    entry = pack.rules[category]
    assert entry.tip.en.strip() and entry.tip.zh.strip()
    if section == "violations":
        assert entry.severity is not None
        assert entry.confidence in {"P", "S", "U"}
    if section == "required_conduct":
        assert entry.applies in {"always", "hardship", "agreement", "hardship_payment", "never"}
        assert entry.severity is not None


@pytest.mark.parametrize(
    ("jurisdiction", "category", "severity"),
    [
        ("us", "ignored_cease", "auto_fail"),
        ("uk", "ignored_cease", "major"),
        ("cn", "ignored_cease", "major"),
        ("uk", "pressure_to_borrow", "auto_fail"),
        ("us", "pressure_to_borrow", "major"),
        ("uk", "ignored_vulnerability", "auto_fail"),
        ("us", "ignored_vulnerability", "major"),
        ("us", "threat_arrest", "auto_fail"),
        ("cn", "threat_violence", "auto_fail"),
        ("us", "third_party_disclosure", "auto_fail"),
        ("uk", "threat_legal_action", "major"),
        ("cn", "abusive_language", "major"),
    ],
)
def test_severity_follows_the_notes(jurisdiction, category, severity):
    assert load_pack(jurisdiction).rules[category].severity == Severity(severity)


@pytest.mark.parametrize(
    ("jurisdiction", "category", "rule", "confirmed"),
    [
        ("us", "threat_arrest", "15 U.S.C. §1692e(4)", True),
        ("us", "debt_collector_disclosure", "12 CFR 1006.18(e)(1)", False),  # [S] in the notes
        ("uk", "threat_arrest", "FCA CONC 7.11.6R", True),
        ("uk", "pressure_to_borrow", "FCA CONC 7.3.10R", False),  # number from a secondary copy
        ("uk", "harassment", "FCA CONC 7.9.4R", False),  # text P, number U
        ("cn", "abusive_language", "治安管理处罚法 第42条(二)", True),
        ("cn", "ignored_dispute", "商业银行信用卡业务监督管理办法 第69条", False),
        ("cn", "impersonation", None, False),
    ],
)
def test_citations_keep_confidence(jurisdiction, category, rule, confirmed):
    entry = load_pack(jurisdiction).rules[category]
    assert entry.rule == rule
    assert entry.confirmed is confirmed


@pytest.mark.parametrize(
    ("jurisdiction", "owed"),
    [
        ("us", {"self_identification", "identity_verification", "debt_collector_disclosure"}),
        ("uk", {"self_identification", "identity_verification"}),
        ("cn", {"self_identification", "identity_verification", "debt_collector_disclosure"}),
    ],
)
def test_required_conduct_applicability(jurisdiction, owed):
    pack = load_pack(jurisdiction)
    plain = {i.category for i in pack.applicable_required(hardship=False, agreement=False)}
    assert plain == owed
    with_agreement = {i.category for i in pack.applicable_required(hardship=False, agreement=True)}
    assert with_agreement == owed | {"agreement_confirmation"}


def test_uk_hardship_items_are_conditional():
    pack = load_pack("uk")
    hard = {i.category for i in pack.applicable_required(hardship=True, agreement=False)}
    assert {"hardship_options", "debt_advice_signpost"} <= hard
    assert "affordability_check" not in hard  # owed before a plan, not before a pause or a referral
    plan = {i.category for i in pack.applicable_required(hardship=True, agreement=True)}
    assert "affordability_check" in plan
    asked = pack.applicable_required(hardship=True, agreement=False, payment_after_hardship=True)
    assert "affordability_check" in {i.category for i in asked}
    assert "affordability_check" not in {
        i.category for i in pack.applicable_required(hardship=False, agreement=True)
    }


def _finding(category: str, kind: Kind) -> Finding:
    return Finding(
        category=category, kind=kind, span=Span(start=0, end=4), text="x", explanation="e", pattern="p"
    )


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_annotate_fills_rule_severity_and_tip(lang):
    pack = load_pack("us")
    out = pack.annotate(
        [
            _finding("threat_arrest", Kind.violation),
            _finding("sympathy", Kind.empathy_positive),
            _finding("payment_request", Kind.intent),
        ],
        lang,
    )
    threat, sympathy, intent = out
    assert threat.severity is Severity.auto_fail
    assert threat.rule == "15 U.S.C. §1692e(4)" and threat.rule_confirmed is True
    assert threat.rule_text and threat.tip == getattr(pack.rules["threat_arrest"].tip, lang)
    assert sympathy.severity is None and sympathy.rule is None and sympathy.tip
    assert intent.tip is None and intent.severity is None


def test_pack_version_and_date_are_recorded():
    pack = load_pack("uk")
    ref = pack.ref.model_dump(mode="json")
    assert ref == {"jurisdiction": "uk", "version": pack.version, "effective_date": str(pack.effective_date)}


def _broken(old: str, new: str) -> tuple[str, list]:
    text = (PACK_DIR / "us.yaml").read_text("utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    data, diags = load_yaml_text(text, "us.yaml")
    assert not diags
    pack, diags = validate_pack_data(data, "us.yaml", expect="us")
    assert pack is None
    return text, [d.format() for d in diags]


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_bad_severity_is_reported_at_its_line():
    text, diags = _broken(
        '    severity: auto_fail\n    rule: "15 U.S.C. §1692e(4)"',
        '    severity: fatal\n    rule: "15 U.S.C. §1692e(4)"',
    )
    line = _line_of(text, "severity: fatal")
    assert any(d.startswith(f"us.yaml:{line}:15: [error] invalid-value") for d in diags), diags


def test_unknown_category_suggests_the_right_one():
    text, diags = _broken("  pretext:\n", "  pretexting:\n")
    line = _line_of(text, "pretexting:")
    assert any(f"us.yaml:{line}:3: [error] unknown-category" in d and "'pretext'" in d for d in diags), diags
    assert any("unmapped-category" in d and "'pretext'" in d for d in diags)


def test_unknown_top_level_key():
    text, diags = _broken("severity_costs:", "severity_cost:")
    line = _line_of(text, "severity_cost:")
    assert any(
        d.startswith(f"us.yaml:{line}:1: [error] unknown-key") and "severity_costs" in d for d in diags
    )


def test_violation_without_severity():
    cited = '    rule: "15 U.S.C. §1692d(5)"'
    _text, diags = _broken("    severity: major\n" + cited, cited)
    assert any("missing-field" in d and "harassment" in d and "'severity'" in d for d in diags)


def test_wrong_jurisdiction_file(tmp_path):
    path = tmp_path / "uk.yaml"
    path.write_text((PACK_DIR / "us.yaml").read_text("utf-8"), "utf-8")
    pack, diags = load_pack_file(path, expect="uk")
    assert pack is None
    assert any(d.code == "wrong-jurisdiction" and d.line is not None for d in diags)


def test_unknown_jurisdiction_is_refused():
    with pytest.raises(ValueError):
        load_pack("fr")  # type: ignore[arg-type]
