"""Utterance-level detection: every taxonomy category one collector utterance shows.

``detect(text, lang)`` normalises the utterance, runs the language's lexicon
(``scoring/data/lexicon/<lang>.yaml``, compiled once per process) and adds the checks that
are about the shape of the text rather than its words (ALL-CAPS lines and strings of
exclamation marks count as shouting). Findings carry spans into the original text, the
lexicon pattern that fired and its explanation; severity, rule and tip are left for the
jurisdiction's rule pack.

Call-level categories (third_party_disclosure, ignored_cease, ignored_dispute,
ignored_vulnerability) need the debtor's turns and are not produced here; instead two
internal signals of kind ``intent`` feed them: ``mentions_debt`` and ``payment_request``, and
``call_level_readings`` gives the learned model's reading of whether a line breaks a call-level
rule the way the labelled violations after a wrong party, a stop request, a dispute or a
disclosure do (asked only of lines said after such a trigger; ``scoring/call_context.py`` judges
them).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from scoring.call_context import LEARNED_CALL_LEVEL
from scoring.learned import LearnedModel, Prediction, Scored, model_for, whole_runs
from scoring.lexicon import LEXICON_DIR, Hit, Lexicon, builtin_lexicon, merge_hits
from scoring.model import Finding, Kind, Lang, Span, Turn
from scoring.text.normalize import MAX_CHARS, NormalizedText, normalize

TAXONOMY_PATH = Path(__file__).parent / "data" / "taxonomy.yaml"
_TAXONOMY_SECTIONS = {
    "violations": Kind.violation,
    "required_conduct": Kind.required_conduct,
    "empathy_positive": Kind.empathy_positive,
    "empathy_negative": Kind.empathy_negative,
}
INTENT_CATEGORIES = frozenset({"mentions_debt", "payment_request"})

# Shouting by shape: this many upper-case letters in words of 2+ letters that are all caps,
# making up at least this share of the cased letters of the line.
CAPS_MIN_LETTERS = 6
CAPS_MIN_WORDS = 3
CAPS_MIN_SHARE = 0.7
EXCLAIM_RUN = 2
_SENTENCE_BREAK = re.compile(r"[\n.!?。！？]")


@functools.cache
def category_kinds() -> dict[str, Kind]:
    """Category id -> kind, from the shipped taxonomy."""
    with TAXONOMY_PATH.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    kinds: dict[str, Kind] = {}
    for section, kind in _TAXONOMY_SECTIONS.items():
        for cat in data.get(section) or {}:
            kinds[str(cat)] = kind
    for cat in INTENT_CATEGORIES:
        kinds.setdefault(cat, Kind.intent)
    return kinds


@functools.cache
def lexicon_for(lang: str) -> Lexicon | None:
    """The built-in lexicon of a language, or None when the language has none yet."""
    if not (LEXICON_DIR / f"{lang}.yaml").is_file():
        return None
    return builtin_lexicon(lang)


def _kind_of(hit: Hit) -> Kind | None:
    if hit.kind:
        try:
            return Kind(hit.kind)
        except ValueError:
            return None
    return category_kinds().get(hit.category)


def _shouting(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, pattern, explanation) for ALL-CAPS stretches and runs of '!'."""
    out: list[tuple[int, int, str, str]] = []
    limit = min(len(text), MAX_CHARS)
    has_bang = "!" in text or "！" in text
    # Fewer capitals than a shouted line needs: skip the per-character walk (most lines).
    has_upper = text != text.lower() and sum(1 for c in text[:limit] if c.isupper()) >= CAPS_MIN_LETTERS
    if not has_bang and not has_upper:
        return out
    # runs of exclamation marks (ASCII or full-width), possibly mixed with '?'
    i = 0
    while i < limit:
        if text[i] in "!！":
            j = i
            bangs = 0
            while j < limit and text[j] in "!！?？":
                bangs += text[j] in "!！"
                j += 1
            if bangs >= EXCLAIM_RUN:
                out.append((i, j, "shape.exclamations", "A string of exclamation marks reads as shouting"))
            i = j
        else:
            i += 1
    # ALL-CAPS: a line, or else one of its sentences ("I AM NOT ASKING AGAIN. Pay the bill."),
    # mostly in words of 2+ cased letters that are entirely upper case
    line_start = 0 if has_upper else limit
    while line_start < limit:
        line_end = text.find("\n", line_start, limit)
        if line_end < 0:
            line_end = limit
        span = _caps_span(text, line_start, line_end)
        pos = line_start
        while span is None and pos < line_end:
            brk = _SENTENCE_BREAK.search(text, pos, line_end)
            stop = brk.start() if brk else line_end
            if (pos, stop) != (line_start, line_end):  # the whole line was checked above
                span = _caps_span(text, pos, stop)
            pos = stop + 1
        if span is not None:
            out.append((*span, "shape.all_caps", "Written in capitals: reads as shouting"))
        line_start = line_end + 1
    return out


def _caps_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """First to last all-capital word of text[start:end] when capitals dominate it."""
    caps_words: list[tuple[int, int]] = []
    upper = lower = 0
    k = start
    while k < end:
        if text[k].isalpha():
            w = k
            while k < end and text[k].isalpha():
                k += 1
            word = text[w:k]
            u = sum(1 for c in word if c.isupper())
            lo = sum(1 for c in word if c.islower())
            upper += u
            lower += lo
            if u >= 2 and lo == 0:
                caps_words.append((w, k))
        else:
            k += 1
    caps_letters = sum(b - a for a, b in caps_words)
    if (
        len(caps_words) >= CAPS_MIN_WORDS
        and caps_letters >= CAPS_MIN_LETTERS
        and upper >= CAPS_MIN_SHARE * (upper + lower)
    ):
        return caps_words[0][0], caps_words[-1][1]
    return None


# A lexicon hit stands unless the learned model is this sure the category is absent. A trained
# model carries its own bar per kind (``LearnedModel.veto_below``, chosen by
# benchmarks/train_model.py on lines no pattern was tuned on); these are the bars for a model
# without one. Violations: only in Chinese, and far lower (hand-picked in session 3, when the
# models were weaker than the patterns on veiled and negated threats).
VETO_BELOW = 0.05
VIOLATION_VETO_BELOW = {"zh": 0.02}


def veto_bar(model: LearnedModel, kind: Kind) -> float:
    """The probability under which ``model`` drops a lexicon hit of ``kind``."""
    bar = model.veto_below.get(kind.value)
    if bar is not None:
        return bar
    return VIOLATION_VETO_BELOW.get(model.lang, 0.0) if kind is Kind.violation else VETO_BELOW


# The model's call-level columns (``call_level_readings``): never utterance findings.
_CALL_LEVEL_COLUMNS = frozenset(LEARNED_CALL_LEVEL.values())


def _learned_findings(
    model: LearnedModel, norm: NormalizedText, found: set[str], scored: Scored
) -> list[Finding]:
    """Categories the lexicon missed but the learned model is confident about (scoring/learned.py)."""
    kinds = category_kinds()
    out: list[Finding] = []
    for pred in model.predict(norm, scored, skip=found | _CALL_LEVEL_COLUMNS):
        kind = kinds.get(pred.category)
        if kind is None:
            continue
        words = ", ".join(f"'{e}'" for e in pred.evidence)
        out.append(
            Finding(
                category=pred.category, kind=kind, span=Span(start=pred.start, end=pred.end),
                text=norm.original[pred.start : pred.end],
                explanation=(
                    f"Wording like {words} is what {pred.category.replace('_', ' ')} usually sounds like "
                    f"(learned model, confidence {pred.probability:.2f})"
                ),
                pattern=f"learned.{norm.lang}.{pred.category}",
            )
        )
    return out


def _vetoed(finding: Finding, model: LearnedModel, scored: Scored, norm: NormalizedText) -> bool:
    """A lexicon hit the learned model all but rules out.

    Patterns match words; the model weighs the whole line against thousands of labelled ones:
    a scheduling question read as an offer of help, "I'm not a police officer" read as
    reassurance, an insult aimed at the dialler rather than the debtor. The bar is per kind
    (``veto_bar``); figures in docs/learned-model.md. Only categories the model was trained for,
    never the shape checks (shouting by capitals)."""
    if finding.kind is Kind.intent or finding.pattern.startswith("shape."):
        return False
    if not model.speaks_for(finding.category):
        return False
    bar = veto_bar(model, finding.kind)
    if model.probability(scored, finding.category) >= bar:
        return False
    # The model learned from utterances of a sentence or two. In a longer turn the other sentences'
    # words weigh on every category: "This is Dana from Northbank, calling about your card. This
    # call is from a debt collector." gave the introduction 0.004 (0.80 on its own sentence), and a
    # correct opening lost the self-identification. So a hit stands if its own sentence clears the bar.
    # Not for violations: what clears a threat often sits in the next sentence ("... arrested?
    # No, nothing like that."), and on the corpus the rescue restored only false alarms there.
    if finding.kind is Kind.violation:
        return True
    sentence = _sentence_around(norm, finding.span.start, finding.span.end)
    if sentence is None:
        return True
    return model.probability(_scored(model, normalize(sentence, norm.lang)), finding.category) < bar


def _sentence_around(norm: NormalizedText, start: int, end: int) -> str | None:
    """The original text of the sentence (as the lexicon's sentence scope cuts them) that holds
    original ``start:end``; None when the utterance is one sentence or the span crosses a sentence end."""
    lex = lexicon_for(norm.lang)
    spans = lex.sentence_spans(norm.text) if lex is not None else []
    if len(spans) < 2:
        return None
    for a, b in spans:
        oa, ob = norm.span_to_original(a, b)
        if oa <= start and end <= ob:
            return norm.original[oa:ob].strip() or None
    return None


def _violation(f: Finding) -> bool:
    return f.kind == Kind.violation


def _category(*names: str) -> Callable[[Finding], bool]:
    wanted = frozenset(names)
    return lambda f: f.category in wanted


# Per language, the ids of the patterns whose own category is offer_help; registered when the
# language's lexicon first detects (its findings cannot exist before that), so that judging an
# English line never loads the Chinese lexicon.
_OFFER_PATTERNS: dict[str, frozenset[str]] = {}


def _register_offer_patterns(lang: str, lex: Lexicon) -> None:
    if lang not in _OFFER_PATTERNS:
        _OFFER_PATTERNS[lang] = frozenset(p.id for p in lex.patterns if p.category == "offer_help")


def _behavioural_offer(f: Finding) -> bool:
    """An offer a pattern hears as such. The offer_help that hardship options and debt-advice
    signposting imply (their ``also``) is not behaviour, and stays."""
    return f.category == "offer_help" and any(f.pattern in ids for ids in _OFFER_PATTERNS.values())


@dataclass(frozen=True)
class Exclusion:
    """Two things one utterance does not do at once: when ``trigger`` is found, ``victim`` goes.
    Neither corpus labels any of these pairs together."""

    why: str
    trigger: Callable[[Finding], bool]
    victim: Callable[[Finding], bool]
    langs: frozenset[str] | None = None
    # Only victims that begin before a trigger does: the price named after the offer
    # ("a plan, once you pay the fee"), not a fee merely mentioned beside one.
    trigger_after: bool = False


EXCLUSIONS: tuple[Exclusion, ...] = (
    Exclusion(
        'An "offer" inside a threat or a demand is not help ("pay now or we\'ll freeze your account")',
        _violation, _behavioural_offer,
    ),
    Exclusion(
        'An option priced with an unauthorised fee is not help ("a plan, once you pay the $75 setup '
        'charge")',
        _category("unauthorized_fee"), _category("hardship_options", "offer_help"), trigger_after=True,
    ),
    Exclusion(
        'A threat in the same utterance is not reassuring ("I\'m not kidding, the police will come")',
        _violation, _category("reassure"),
    ),
    Exclusion(
        "A caller who claims to be the court or invents a reason for the call is not identifying "
        "themselves or verifying the debtor lawfully "
        "(\"This is the sheriff's office, confirm your address\")",
        _category("impersonation", "pretext"), _category("self_identification", "identity_verification"),
    ),
    Exclusion(
        'A "question" that pictures a threat ("how will your kids feel visiting you in prison?") does '
        "not invite the debtor's story",
        _violation, _category("open_question"),
    ),
    Exclusion(
        '"I\'m sorry you\'re unwell" is sorrow for their situation (sympathy), not an apology (courtesy); '
        "thanks, please and permission still count",
        _category("sympathy"), lambda f: f.category == "courtesy" and f.pattern == "empathy.courtesy_apology",
    ),
    Exclusion(
        "Kind words inside a sneer are not kind (\"It's not complicated, sweetheart\"), nor inside blame "
        "(\"borrowing for a wedding you couldn't afford, that's on you\")",
        _category("sarcasm", "condescension", "blame"),
        lambda f: f.category == "reassure" or _behavioural_offer(f),
    ),
    Exclusion(
        "Sorrow, validation or a named feeling inside a sneer (\"Oh, I'm so sorry, are the bills getting in "
        "the way of your social life?\") is not empathy",
        _category("sarcasm", "condescension"), _category("sympathy", "validate", "acknowledge_feeling"),
        langs=frozenset({"en"}),
    ),
)


def _learned(f: Finding) -> bool:
    return f.pattern.startswith("learned.")


def _exclude(findings: list[Finding], rule: Exclusion) -> list[Finding]:
    triggers = [f for f in findings if rule.trigger(f)]
    if not triggers:
        return findings
    victim = rule.victim
    if rule.trigger_after:
        last = max(t.span.start for t in triggers)

        def before_last_trigger(f: Finding) -> bool:
            return rule.victim(f) and f.span.start < last

        victim = before_last_trigger
    if not any(victim(f) for f in findings):
        return findings
    if (
        all(_learned(t) and t.kind is not Kind.violation for t in triggers)
        and any(victim(f) and not _learned(f) for f in findings)
    ):
        # Words a pattern matched outweigh the model's reading of the whole line: when only the
        # model hears the trigger ("You're absolutely right to ask for proof" as sarcasm), the
        # model's finding goes, not the pattern's. Not for a violation: missing a fee demand
        # costs more than missing the offer a pattern heard beside it.
        return [f for f in findings if not (rule.trigger(f) and _learned(f))]
    return [f for f in findings if not victim(f)]


def lexicon_findings(norm: NormalizedText) -> list[Finding]:
    """What the language's patterns alone report: the hits the learned model may then veto
    (benchmarks/train_model.py calibrates that veto on exactly these)."""
    lex = lexicon_for(norm.lang)
    if lex is None:
        return []
    _register_offer_patterns(norm.lang, lex)
    findings: list[Finding] = []
    for hit in merge_hits(lex.match(norm)):
        kind = _kind_of(hit)
        if kind is None:
            continue
        # The tightest match can stop inside a number ("每月15号还400" reported as "5号还4"): widen
        # on the normalised text, as the model's evidence is, so full-width digits count too.
        start, end, text = hit.start, hit.end, hit.text
        widened = whole_runs(norm.text, hit.nstart, hit.nend)
        if widened != (hit.nstart, hit.nend):
            oa, ob = norm.span_to_original(*widened)
            start, end = min(start, oa), max(end, ob)
            text = norm.original[start:end]
        findings.append(
            Finding(
                category=hit.category, kind=kind, span=Span(start=start, end=end),
                text=text, explanation=hit.explanation, pattern=hit.pattern,
            )
        )
    return findings


def detect_normalized(norm: NormalizedText, *, context: Sequence[Turn] = ()) -> list[Finding]:
    """``detect`` for an already normalised utterance."""
    text = norm.original
    findings = lexicon_findings(norm)
    model = model_for(norm.lang)
    if model is not None:
        scored = _scored(model, norm)
        findings = [f for f in findings if not _vetoed(f, model, scored, norm)]
        findings.extend(_learned_findings(model, norm, {f.category for f in findings}, scored))
    if not any(f.category == "shouting" for f in findings):
        for a, b, pid, why in _shouting(text)[:1]:
            findings.append(
                Finding(category="shouting", kind=Kind.empathy_negative, span=Span(start=a, end=b),
                        text=text[a:b], explanation=why, pattern=pid)
            )
    for rule in EXCLUSIONS:
        if rule.langs is None or norm.lang in rule.langs:
            findings = _exclude(findings, rule)
    findings.sort(key=lambda f: (f.span.start, f.span.end, f.category, f.pattern))
    return findings


def call_level_readings(norm: NormalizedText) -> list[Prediction]:
    """The learned model's call-level columns over their thresholds ("after_trigger.ignored_cease",
    ...), with the words that carried them: the line reads like the labelled lines that collect
    after a stop request, a dispute or a disclosure, or that give the debt away after the listener
    said they are someone else. Only such a trigger earlier in the call makes it a violation, so
    callers ask only for lines said after one (scoring.api)."""
    model = model_for(norm.lang)
    return [] if model is None else model.predict(norm, _scored(model, norm), only=_CALL_LEVEL_COLUMNS)


# The model's reading of the last few utterances, by (original text, language), which fix the
# normalised text. The call-level readings of a collector line are asked for right after its
# detection (scoring.api), and a second feature pass would cost as much as the first: a third of
# the scoring benchmark's model time. Small, so a benchmark pass over thousands of lines never
# finds an earlier pass's entry.
_SCORED: dict[tuple[str, str], tuple[LearnedModel, Scored]] = {}
_SCORED_MAX = 64


def _scored(model: LearnedModel, norm: NormalizedText) -> Scored:
    key = (norm.original, norm.lang)
    got = _SCORED.get(key)
    if got is not None and got[0] is model:  # the same weights (tests swap models in)
        return got[1]
    if len(_SCORED) >= _SCORED_MAX:
        _SCORED.clear()
    scored = model.score(norm)
    _SCORED[key] = (model, scored)
    return scored


_WARM_UP_LINE = "We can set up a payment plan for you."


def warm_up(lang: str) -> None:
    """Load and fully compile the language's lexicon and learned model ahead of the first line."""
    lex = lexicon_for(lang)
    if lex is not None:
        lex.compile_patterns()
    model = model_for(lang)
    if model is not None:  # its concept table is read from the lexicon file on first use
        model.score(normalize(_WARM_UP_LINE, lang))


def detector_version(lang: str) -> str:
    """What produced the findings. The learned model's fingerprint covers the lexicon file, the
    corpus it was trained on and the feature set, so a stored scorecard can tell whether
    re-grading it today would use the same detector."""
    model = model_for(lang)
    return f"{lang}-{model.fingerprint[:12]}" if model is not None else f"{lang}-lexicon-only"


def detect(text: str, lang: Lang | str, *, context: Sequence[Turn] = ()) -> list[Finding]:
    """Findings for one collector utterance, sorted by span start (deterministic)."""
    return detect_normalized(normalize(text, lang), context=context)
