"""The intent library: what the trainee says that the debtor reacts to, beyond the taxonomy.

Intents ("greet", "ask_reason", "propose_plan", ...) live in `scenarios/intents/<lang>.yaml`
and scenarios extend them with their own `intents:`. Patterns use the detector's lexicon
format (`docs/lexicon-format.md`) and are compiled by its compiler (`scoring.lexicon`), so they
are RE2 (linear time), typo-tolerant and negation-aware exactly like the detector's; this
module only turns intent entries into lexicon patterns and adds slot requirements.

Library file format (see the header of `scenarios/intents/en.yaml`):

    language: en
    lexicon: {fuzzy: ..., concepts: ..., negation: ...}   # shared by every intent pattern
    intents:
      propose_amount:
        description: Suggests a specific amount.
        requires_slot: amount        # optional: only when the line mentions money / a date
        negatable: true              # optional default for its patterns
        examples: [...]              # must be recognised (tests, random playthrough)
        not_examples: [...]          # must NOT be recognised (tests)
        patterns:
          - "(could|can) you (pay|manage)"                      # a match expression
          - {match: "how about", negatable: false, requires_slot: amount}
          - {regex: "^yes\\b"}                                # raw RE2 over the normalised line

A scenario's own `intents:` have the same shape (docs/scenario-format.md) and may use the
library's concepts; an intent without patterns matches its examples literally.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from scoring.diagnostics import Diagnostic, DiagnosticList, has_errors
from scoring.model import Lang, Span
from scoring.yamlsrc import MDict, MList, load_yaml_file

SLOT_NAMES = ("amount", "date")
INTENT_KEYS = frozenset(
    {"description", "examples", "not_examples", "patterns", "requires_slot", "negatable"}
)
PATTERN_ITEM_KEYS = frozenset({"match", "regex", "negatable", "requires_slot", "unless", "requires"})
LIBRARY_KEYS = frozenset({"language", "lexicon", "intents", "description", "version"})


@dataclass(frozen=True)
class Signal:
    """An intent heard in a trainee line. `span` indexes the original line."""

    id: str
    kind: str
    span: Span
    source: str
    pattern: str = ""


@dataclass(frozen=True)
class IntentSpec:
    id: str
    description: str
    examples: tuple[str, ...]
    not_examples: tuple[str, ...]
    origin: str  # "library" or "scenario"


@dataclass
class _Compiled:
    """One compiled lexicon and, per pattern id, the slot it requires (if any)."""

    lexicon: Any
    slot_of: dict[str, str | None] = field(default_factory=dict)


def intents_dir() -> Path:
    from simulator.scenario.library import builtin_dir

    return builtin_dir() / "intents"


def library_path(lang: Lang) -> Path:
    return intents_dir() / f"{lang}.yaml"


# ---------------------------------------------------------------------------------------------
# Turning intent entries into lexicon patterns.


Mark = tuple[int, int]


def _new_dict(start: Mark | None, items: Iterable[tuple[str, Any, Mark | None]]) -> MDict:
    node = MDict()
    node.start = start
    for key, value, mark in items:
        node[key] = value
        if mark is not None:
            node.key_marks[key] = mark
            node.value_marks[key] = mark
    return node


def _literal_expression(example: str, lang: str) -> str | None:
    """A match expression that matches an example line literally (words only)."""
    from scoring.text.normalize import normalize

    text = normalize(example, lang).text
    if lang == "zh":
        words = ["".join(ch for ch in text if ch.isalnum())]
    else:
        words = ["".join(ch for ch in w if ch.isalnum() or ch == "'") for w in text.split()]
    words = [w for w in words if w]
    return " ".join(words) if words else None


def _pattern_nodes(
    intent_id: str,
    body: MDict,
    lang: str,
    diags: DiagnosticList,
    slot_of: dict[str, str | None],
) -> list[MDict]:
    """Lexicon pattern mappings for one intent entry (errors about the entry go to `diags`).

    A plain string pattern is a match expression, in the library and in a scenario's
    `intents:` alike (docs/scenario-format.md); `{regex: ...}` takes raw RE2.
    """
    for key in body:
        if key not in INTENT_KEYS:
            diags.error(body.key_mark(key), "unknown-key", f"unknown key {key!r} in intent {intent_id!r}")
    description = body.get("description")
    explanation = description.strip() if isinstance(description, str) and description.strip() else intent_id
    default_negatable = body.get("negatable", True)
    if not isinstance(default_negatable, bool):
        diags.error(body.mark_of("negatable"), "intent-type", "negatable must be true or false")
        default_negatable = True
    default_slot = body.get("requires_slot")
    if default_slot is not None and default_slot not in SLOT_NAMES:
        diags.error(body.mark_of("requires_slot"), "intent-slot",
                    f"requires_slot must be one of {SLOT_NAMES}")
        default_slot = None
    raw = body.get("patterns")
    items: list[tuple[Any, tuple[int, int] | None]] = []
    if isinstance(raw, MList):
        items = [(item, raw.mark_of(i)) for i, item in enumerate(raw)]
    elif raw is not None:
        diags.error(body.mark_of("patterns"), "intent-type", "patterns must be a list")
    if not items:
        examples = body.get("examples")
        if isinstance(examples, MList):
            for i, example in enumerate(examples):
                expr = _literal_expression(str(example), lang) if isinstance(example, str) else None
                if expr:
                    items.append((expr, examples.mark_of(i)))
        if not items:
            diags.error(body.start, "intent-empty", f"intent {intent_id!r} needs patterns or examples")
    nodes: list[MDict] = []
    for n, (item, mark) in enumerate(items):
        pid = f"{intent_id}#{n + 1}"
        fields: list[tuple[str, Any, tuple[int, int] | None]] = [
            ("id", pid, mark),
            ("category", intent_id, mark),
            ("kind", "intent", mark),
            ("explanation", explanation, mark),
        ]
        negatable: Any = default_negatable
        slot: Any = default_slot
        if isinstance(item, str):
            fields.append(("match", item, mark))
        elif isinstance(item, MDict):
            for key in item:
                if key not in PATTERN_ITEM_KEYS:
                    diags.error(item.key_mark(key), "unknown-key", f"unknown key {key!r} in intent pattern")
            if ("match" in item) == ("regex" in item):
                diags.error(item.start, "intent-pattern",
                            "an intent pattern needs exactly one of match or regex")
                continue
            for key in ("match", "regex", "unless", "requires"):
                if key in item:
                    fields.append((key, item[key], item.mark_of(key)))
            negatable = item.get("negatable", default_negatable)
            slot = item.get("requires_slot", default_slot)
            if slot is not None and slot not in SLOT_NAMES:
                diags.error(item.mark_of("requires_slot"), "intent-slot",
                            f"requires_slot must be one of {SLOT_NAMES}")
                slot = None
        else:
            diags.error(mark, "intent-type", "a pattern is a match expression or a mapping with match/regex")
            continue
        fields.append(("negatable", negatable, mark))
        slot_of[pid] = slot
        nodes.append(_new_dict(mark, fields))
    return nodes


def _lexicon_data(lang: str, lexicon_section: Any, patterns: list[MDict], start: Any) -> MDict:
    data = MDict()
    data.start = start
    data["language"] = lang
    if isinstance(lexicon_section, MDict):
        for key in ("fuzzy", "concepts", "negation", "protected_words", "defaults", "word_boundaries"):
            if key in lexicon_section:
                data[key] = lexicon_section[key]
                data.key_marks[key] = lexicon_section.key_mark(key) or (0, 0)
                data.value_marks[key] = lexicon_section.mark_of(key) or (0, 0)
    plist = MList(patterns)
    plist.item_marks = [p.start or (0, 0) for p in patterns]
    plist.start = start
    data["patterns"] = plist
    return data


def _compile(lang: str, section: Any, patterns: list[MDict], start: Any, path: str,
             diags: DiagnosticList) -> Any:
    from scoring.lexicon import compile_lexicon

    if not patterns:
        return None
    lexicon, found = compile_lexicon(_lexicon_data(lang, section, patterns, start), path)
    diags.extend(found)
    return lexicon


def _specs(intents: MDict, origin: str, diags: DiagnosticList) -> dict[str, IntentSpec]:
    out: dict[str, IntentSpec] = {}
    for intent_id, body in intents.items():
        if not isinstance(body, MDict):
            continue

        def strings(key: str, body: MDict = body) -> tuple[str, ...]:
            value = body.get(key)
            if value is None:
                return ()
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                diags.error(body.mark_of(key), "intent-type", f"{key} must be a list of strings")
                return ()
            return tuple(value)

        description = body.get("description")
        out[str(intent_id)] = IntentSpec(
            id=str(intent_id),
            description=description if isinstance(description, str) else "",
            examples=strings("examples"),
            not_examples=strings("not_examples"),
            origin=origin,
        )
    return out


# ---------------------------------------------------------------------------------------------


class IntentLibrary:
    """Shared intents of one language plus a scenario's own; `recognise(line)` finds them."""

    def __init__(self, lang: Lang, intents: dict[str, IntentSpec], compiled: list[_Compiled],
                 diagnostics: list[Diagnostic], section: Any = None) -> None:
        self.lang = lang
        self.intents = intents
        self._compiled = compiled
        self.diagnostics = diagnostics
        # The library's `lexicon:` section (concepts, negation), reused by scenario intents.
        self._section = section

    # --- construction ---------------------------------------------------------------------------
    @classmethod
    def load(cls, lang: Lang, extra: Mapping[str, Any] | None = None, *, path: str | Path | None = None,
             extra_path: str = "<scenario>") -> IntentLibrary:
        """The shared library of `lang` (or the file `path`) extended by `extra` (a scenario's
        `intents:` mapping). Never raises for bad data: problems are in `.diagnostics` and
        the broken part recognises nothing."""
        base = _load_library(lang, str(path) if path is not None else None)
        if not extra:
            return base
        diags = DiagnosticList(extra_path)
        extra_node = _as_marked(extra)
        slot_of: dict[str, str | None] = {}
        patterns: list[MDict] = []
        for intent_id, body in extra_node.items():
            if not isinstance(body, MDict):
                diags.error(extra_node.mark_of(intent_id), "intent-type",
                            f"intent {intent_id!r} must be a mapping")
                continue
            patterns += _pattern_nodes(str(intent_id), body, lang, diags, slot_of)
        specs = dict(base.intents)
        specs.update(_specs(extra_node, "scenario", diags))
        compiled = list(base._compiled)
        # Compile even when an entry is wrong, so every problem is reported in one pass; a
        # scenario with errors recognises none of its own intents.
        lexicon = _compile(lang, base._section, patterns, extra_node.start, extra_path, diags)
        if lexicon is not None and not diags.has_errors:
            compiled.append(_Compiled(lexicon, slot_of))
        return cls(lang, specs, compiled, [*base.diagnostics, *diags.sorted()], base._section)

    # --- queries -----------------------------------------------------------------------------------
    @property
    def ids(self) -> frozenset[str]:
        return frozenset(self.intents)

    def examples(self) -> dict[str, list[str]]:
        """Intent id -> example lines (used by tests and the random playthrough)."""
        return {iid: list(spec.examples) for iid, spec in self.intents.items() if spec.examples}

    def recognise(self, text: str, *, today: date | None = None) -> list[Signal]:
        """Intents heard in `text`, one signal per intent (its first hit), sorted by position."""
        if not text or not self._compiled:
            return []
        from scoring.text.normalize import normalize

        norm = normalize(text, self.lang)
        slots: dict[str, bool] = {}
        best: dict[str, Signal] = {}
        for compiled in self._compiled:
            for hit in compiled.lexicon.match(norm):
                slot = compiled.slot_of.get(hit.pattern)
                if slot is not None and not self._has_slot(slot, text, slots, today):
                    continue
                current = best.get(hit.category)
                if current is None or hit.start < current.span.start:
                    best[hit.category] = Signal(
                        id=hit.category, kind="intent", span=Span(start=hit.start, end=hit.end),
                        source="intent", pattern=hit.pattern,
                    )
        return sorted(best.values(), key=lambda s: (s.span.start, s.span.end, s.id))

    def _has_slot(self, slot: str, text: str, cache: dict[str, bool], today: date | None) -> bool:
        if slot not in cache:
            if slot == "amount":
                from scoring.text.money import extract_money

                cache[slot] = bool(extract_money(text, self.lang))
            else:
                from scoring.text.dates import extract_dates

                cache[slot] = bool(extract_dates(text, self.lang, today or date.today()))
        return cache[slot]


def _as_marked(data: Mapping[str, Any]) -> MDict:
    """Scenario intents usually come from the marked loader; plain dicts get no marks."""
    if isinstance(data, MDict):
        return data
    node = MDict()
    for key, value in data.items():
        node[key] = _as_marked_value(value)
    return node


def _as_marked_value(value: Any) -> Any:
    if isinstance(value, MDict | MList):
        return value
    if isinstance(value, Mapping):
        return _as_marked(value)
    if hasattr(value, "model_dump"):  # a pydantic Intent model from simulator.scenario
        return _as_marked(value.model_dump(exclude_none=True))
    if isinstance(value, list | tuple):
        return MList([_as_marked_value(v) for v in value])
    return value


@functools.cache
def _load_library(lang: str, path: str | None) -> IntentLibrary:
    file = Path(path) if path is not None else library_path(lang)  # type: ignore[arg-type]
    diags = DiagnosticList(str(file))
    data, found = load_yaml_file(file)
    diags.extend(found)
    if not isinstance(data, MDict):
        if not found:
            diags.error(None, "intent-library", "the intent library must be a mapping")
        library = IntentLibrary(lang, {}, [], diags.sorted())  # type: ignore[arg-type]
        return library
    for key in data:
        if key not in LIBRARY_KEYS:
            diags.error(data.key_mark(key), "unknown-key", f"unknown top-level key {key!r}")
    if data.get("language") != lang:
        diags.error(data.mark_of("language"), "intent-language",
                    f"language must be {lang!r}, got {data.get('language')!r}")
    intents = data.get("intents")
    if not isinstance(intents, MDict):
        diags.error(data.mark_of("intents"), "intent-type", "intents must be a mapping of id: intent")
        intents = MDict()
    slot_of: dict[str, str | None] = {}
    patterns: list[MDict] = []
    for intent_id, body in intents.items():
        if not isinstance(body, MDict):
            diags.error(intents.mark_of(intent_id), "intent-type", f"intent {intent_id!r} must be a mapping")
            continue
        patterns += _pattern_nodes(str(intent_id), body, lang, diags, slot_of)
    section = data.get("lexicon")
    compiled: list[_Compiled] = []
    lexicon = _compile(lang, section, patterns, data.start, str(file), diags)
    if lexicon is not None and not diags.has_errors:
        compiled.append(_Compiled(lexicon, slot_of))
    specs = _specs(intents, "library", diags)
    return IntentLibrary(lang, specs, compiled, diags.sorted(), section)  # type: ignore[arg-type]


def check_intents(intents: Any, lang: Lang, path: str) -> list[Diagnostic]:
    """Diagnostics for a scenario's `intents:` mapping (for the scenario validator)."""
    library = IntentLibrary.load(lang, intents, extra_path=path) if intents else IntentLibrary.load(lang)
    return [d for d in library.diagnostics if d.path == path]


def library_has_errors(lang: Lang) -> bool:
    return has_errors(IntentLibrary.load(lang).diagnostics)
