"""Jurisdiction rule packs: what each taxonomy category costs, which provision it breaks,
and what a good collector would have said instead.

A pack is YAML data (``scoring/data/rulepacks/<jurisdiction>.yaml``) loaded with the safe
marked loader, so every problem is reported at its file:line:col. Citations keep the
research notes' confidence marks (P/S/U): only P counts as a confirmed citation, because the
notes themselves say S-only paragraphs must be verified before they are shown as law.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from scoring.diagnostics import Diagnostic, DiagnosticList, has_errors
from scoring.model import JURISDICTIONS, Finding, Jurisdiction, Kind, Lang, Severity
from scoring.yamlsrc import MDict, load_yaml_file, mark_at, plain

DATA_DIR = Path(__file__).parent / "data"
PACK_DIR = DATA_DIR / "rulepacks"
TAXONOMY_PATH = DATA_DIR / "taxonomy.yaml"

Confidence = Literal["P", "S", "U"]
# When a required-conduct item is owed: on every call, only once the debtor disclosed
# difficulty, only once a payment was agreed, or not in this jurisdiction.
Applies = Literal["always", "hardship", "agreement", "hardship_payment", "never"]

_TAXONOMY_SECTIONS: dict[str, Kind] = {
    "violations": Kind.violation,
    "required_conduct": Kind.required_conduct,
    "empathy_positive": Kind.empathy_positive,
    "empathy_negative": Kind.empathy_negative,
}

DEFAULT_SEVERITY_COSTS: dict[Severity, float] = {
    Severity.auto_fail: 100.0,
    Severity.major: 20.0,
    Severity.minor: 8.0,
}


class RulePackError(Exception):
    """A pack that does not load or validate; carries every diagnostic found."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.diagnostics = list(diagnostics)
        super().__init__("\n".join(d.format() for d in self.diagnostics))


@functools.cache
def taxonomy_kinds() -> dict[str, Kind]:
    """Every reportable category id -> its kind, read from the shared taxonomy copy."""
    data, diags = load_yaml_file(TAXONOMY_PATH)
    if has_errors(diags) or not isinstance(data, dict):
        raise RulePackError(diags)
    kinds: dict[str, Kind] = {}
    for section, kind in _TAXONOMY_SECTIONS.items():
        for category in data.get(section) or {}:
            kinds[str(category)] = kind
    return kinds


@functools.cache
def outcome_ids() -> tuple[str, ...]:
    data, diags = load_yaml_file(TAXONOMY_PATH)
    if has_errors(diags) or not isinstance(data, dict):
        raise RulePackError(diags)
    return tuple(str(k) for k in data.get("outcomes") or {})


class Tip(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    en: str = Field(min_length=1)
    zh: str = Field(min_length=1)


class Citation(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    rule: str = Field(min_length=1)
    text: str = Field(min_length=1)
    confidence: Confidence


class RuleEntry(BaseModel):
    """How one taxonomy category is graded in one jurisdiction."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    severity: Severity | None = None
    rule: str | None = None
    text: str | None = None
    confidence: Confidence | None = None
    also: tuple[Citation, ...] = ()
    applies: Applies | None = None
    tip: Tip

    @property
    def confirmed(self) -> bool:
        """True only for a provision whose wording the notes checked in a primary text."""
        return self.rule is not None and self.confidence == "P"


class RequiredItem(BaseModel):
    """A required-conduct item that applies in a jurisdiction (always or on a condition)."""

    model_config = ConfigDict(frozen=True)

    category: str
    applies: Applies
    severity: Severity
    rule: str | None
    confirmed: bool


class RulePackRef(BaseModel):
    """What a scorecard records so a stored session can be re-graded and compared."""

    model_config = ConfigDict(frozen=True)

    jurisdiction: Jurisdiction
    version: str
    effective_date: date


class RulePack(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    jurisdiction: Jurisdiction
    name: str = Field(min_length=1)
    version: str = Field(min_length=1)
    effective_date: date
    severity_costs: dict[Severity, float] = Field(default_factory=lambda: dict(DEFAULT_SEVERITY_COSTS))
    rules: dict[str, RuleEntry]

    @property
    def ref(self) -> RulePackRef:
        return RulePackRef(
            jurisdiction=self.jurisdiction, version=self.version, effective_date=self.effective_date
        )

    @functools.cached_property
    def required_conduct(self) -> list[RequiredItem]:
        """Required-conduct items owed in this jurisdiction (conditional ones included), taxonomy order."""
        kinds = taxonomy_kinds()
        items = []
        for category, kind in kinds.items():
            entry = self.rules.get(category)
            if kind is not Kind.required_conduct or entry is None or entry.applies in (None, "never"):
                continue
            assert entry.applies is not None and entry.severity is not None  # validated on load
            items.append(
                RequiredItem(
                    category=category,
                    applies=entry.applies,
                    severity=entry.severity,
                    rule=entry.rule,
                    confirmed=entry.confirmed,
                )
            )
        return items

    def applicable_required(
        self, *, hardship: bool, agreement: bool, payment_after_hardship: bool = False
    ) -> list[RequiredItem]:
        """The required-conduct items owed on a call with these facts. ``payment_after_hardship``:
        the collector asked for a payment after the debtor disclosed difficulty."""
        owed = {
            "always": True,
            "hardship": hardship,
            "agreement": agreement,
            "hardship_payment": hardship and (agreement or payment_after_hardship),
            "never": False,
        }
        return [item for item in self.required_conduct if owed[item.applies]]

    def tip(self, category: str, lang: Lang) -> str | None:
        entry = self.rules.get(category)
        return None if entry is None else getattr(entry.tip, lang)

    def cost(self, severity: Severity) -> float:
        return self.severity_costs.get(severity, DEFAULT_SEVERITY_COSTS[severity])

    def annotate(self, findings: Iterable[Finding], lang: Lang) -> list[Finding]:
        """Fill severity (violations), rule, rule_text, rule_confirmed and the tip in ``lang``.

        Intent findings and categories this pack does not know pass through unchanged.
        """
        out = []
        updates = self._annotations
        for finding in findings:
            key = (finding.category, finding.kind, lang)
            update = updates.get(key)
            if update is None:
                update = updates[key] = self._annotation(*key)
            out.append(finding.model_copy(update=update) if update else finding)
        return out

    @functools.cached_property
    def _annotations(self) -> dict[tuple[str, Kind, Lang], dict[str, Any]]:
        """What ``annotate`` fills in, per (category, kind, language): the same few dozen
        combinations come back for every finding of every call."""
        return {}

    def _annotation(self, category: str, kind: Kind, lang: Lang) -> dict[str, Any]:
        entry = self.rules.get(category)
        if entry is None or kind is Kind.intent:
            return {}
        update: dict[str, Any] = {"tip": getattr(entry.tip, lang)}
        if kind in (Kind.violation, Kind.required_conduct):
            update.update(rule=entry.rule, rule_text=entry.text, rule_confirmed=entry.confirmed)
        if kind is Kind.violation:
            update["severity"] = entry.severity
        return update


# ------------------------------------------------------------------ validation

_TOP_KEYS = ("jurisdiction", "name", "version", "effective_date", "severity_costs", "rules")
_REQUIRED_TOP = ("jurisdiction", "name", "version", "effective_date", "rules")


def _did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _pydantic_errors(diags: DiagnosticList, data: Any, base: tuple[Any, ...], exc: ValidationError) -> None:
    for err in exc.errors():
        loc = tuple(err["loc"])
        where = mark_at(data, base + loc)
        field = ".".join(str(p) for p in base + loc)
        diags.error(where, "invalid-value", f"{field}: {err['msg']}")


def _check_entry(diags: DiagnosticList, data: Any, category: str, kind: Kind, entry: RuleEntry) -> None:
    path = ("rules", category)

    def need(field: str, why: str) -> None:
        diags.error(mark_at(data, path), "missing-field", f"rules.{category}: {why} needs '{field}'")

    raw = data["rules"][category]
    if kind in (Kind.violation, Kind.required_conduct):
        if entry.severity is None:
            need("severity", f"a {kind.value} category")
        if entry.confidence is None:
            need("confidence", "a citation")
        if "rule" not in raw:
            need("rule", "a citation (null when no provision was found)")
        if entry.text is None:
            need("text", "a citation")
        if entry.confidence == "P" and entry.rule is None:
            diags.error(
                mark_at(data, (*path, "confidence")),
                "confidence-without-rule",
                f"rules.{category}: confidence P but no rule is cited",
            )
    if kind is Kind.required_conduct and entry.applies is None:
        need("applies", "a required-conduct item")
    if kind is not Kind.required_conduct and entry.applies is not None:
        diags.error(
            mark_at(data, (*path, "applies")),
            "unexpected-field",
            f"rules.{category}: 'applies' is only for required-conduct items",
        )
    if kind in (Kind.empathy_positive, Kind.empathy_negative) and entry.severity is not None:
        diags.warning(
            mark_at(data, (*path, "severity")),
            "ignored-field",
            f"rules.{category}: empathy categories are scored, not given a severity",
        )


def validate_pack_data(
    data: Any, path: str, *, expect: Jurisdiction | None = None
) -> tuple[RulePack | None, list[Diagnostic]]:
    """Check a loaded pack document; every problem comes back as a diagnostic."""
    diags = DiagnosticList(path)
    if not isinstance(data, MDict):
        diags.error(getattr(data, "start", None), "not-a-mapping", "a rule pack must be a mapping")
        return None, diags.sorted()
    for key in data:
        if key not in _TOP_KEYS:
            diags.error(
                data.key_mark(key), "unknown-key", f"unknown key {key!r}{_did_you_mean(str(key), _TOP_KEYS)}"
            )
    for key in _REQUIRED_TOP:
        if key not in data:
            diags.error(data.start, "missing-key", f"missing required key {key!r}")
    if diags.has_errors:
        return None, diags.sorted()
    if expect is not None and data["jurisdiction"] != expect:
        diags.error(
            data.mark_of("jurisdiction"),
            "wrong-jurisdiction",
            f"file is for {data['jurisdiction']!r} but was loaded as {expect!r}",
        )
    if not isinstance(data["version"], str):
        diags.error(data.mark_of("version"), "invalid-value", 'version must be a quoted string, e.g. "1.0.0"')
    rules = data["rules"]
    if not isinstance(rules, MDict):
        diags.error(data.mark_of("rules"), "invalid-value", "rules must be a mapping of category id -> rule")
        return None, diags.sorted()

    kinds = taxonomy_kinds()
    entries: dict[str, RuleEntry] = {}
    for category, raw in rules.items():
        if category not in kinds:
            diags.error(
                rules.key_mark(category),
                "unknown-category",
                f"{category!r} is not a taxonomy category{_did_you_mean(str(category), kinds)}",
            )
            continue
        try:
            entry = RuleEntry.model_validate(plain(raw))
        except ValidationError as exc:
            _pydantic_errors(diags, data, ("rules", category), exc)
            continue
        _check_entry(diags, data, category, kinds[category], entry)
        entries[category] = entry
    for category in kinds:
        if category not in rules:
            diags.error(
                data.key_mark("rules"), "unmapped-category", f"taxonomy category {category!r} has no rule"
            )

    top = {k: plain(v) for k, v in data.items() if k != "rules"}
    try:
        pack = RulePack.model_validate({**top, "rules": entries})
    except ValidationError as exc:
        _pydantic_errors(diags, data, (), exc)
        return None, diags.sorted()
    if diags.has_errors:
        return None, diags.sorted()
    return pack, diags.sorted()


def load_pack_file(
    path: str | Path, *, expect: Jurisdiction | None = None
) -> tuple[RulePack | None, list[Diagnostic]]:
    data, diags = load_yaml_file(path)
    if has_errors(diags):
        return None, diags
    pack, more = validate_pack_data(data, str(path), expect=expect)
    return pack, [*diags, *more]


@functools.cache
def load_pack(jurisdiction: Jurisdiction) -> RulePack:
    """The built-in pack for a jurisdiction, validated once and cached for the process."""
    if jurisdiction not in JURISDICTIONS:
        raise ValueError(f"unknown jurisdiction {jurisdiction!r}; expected one of {', '.join(JURISDICTIONS)}")
    pack, diags = load_pack_file(PACK_DIR / f"{jurisdiction}.yaml", expect=jurisdiction)
    if pack is None:
        raise RulePackError(diags)
    return pack
