"""The two entry points everything else calls: check one utterance, score one call.

Both are deterministic and cache what does not depend on the call: detector findings per
(utterance, language), lexicon cues per (utterance, language, speaker), annotated findings per
(utterance, language, jurisdiction). Packs and lexicons compile once per process. That keeps
grading 10,000 twenty-turn transcripts inside the benchmark budget when utterances repeat, and
a fresh utterance costs one detector pass. ``score_many`` grades a batch with the cyclic garbage
collector paused, which grading never needs.
"""

from __future__ import annotations

import contextlib
import functools
import gc
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from scoring.call_context import (
    LEARNED_CALL_LEVEL,
    OFFER_VERIFICATION,
    PAYMENT_TERMS_CUES,
    CallFacts,
    Cue,
    TurnView,
    analyse_call,
    triggered_by,
)
from scoring.model import Finding, Jurisdiction, Kind, Lang, Span, Speaker, Transcript, Turn
from scoring.rulepack import load_pack
from scoring.scorecard import Scorecard, ScoringContext, build_scorecard

if TYPE_CHECKING:
    from scoring.lexicon import Hit, Lexicon
    from scoring.text.normalize import NormalizedText

_CACHE_SIZE = 1 << 16


@functools.cache
def _cue_lexicon(name: str) -> Lexicon:
    from scoring.lexicon import builtin_lexicon

    return builtin_lexicon(name)


# Small: a normalised text (with its per-character offset maps) is only needed while its turn
# is detected and cue-matched, and the maps are large.
@functools.lru_cache(maxsize=1024)
def _normalized(text: str, lang: Lang) -> NormalizedText:
    """One normalisation per utterance, shared by the detector and the cue lexicons."""
    from scoring.text.normalize import normalize

    return normalize(text, lang)


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _detect(text: str, lang: Lang) -> tuple[Finding, ...]:
    from scoring.detector import detect_normalized

    return tuple(detect_normalized(_normalized(text, lang)))


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _learned_cues(text: str, lang: Lang) -> tuple[Cue, ...]:
    """The learned call-level readings of a collector line, as collector-side cues. Asked for
    right after the line's detection, whose model pass they reuse (scoring.detector)."""
    from scoring.detector import call_level_readings

    return tuple(
        Cue(category=p.category, span=Span(start=p.start, end=p.end), text=text[p.start : p.end],
            probability=round(p.probability, 4), evidence=p.evidence)
        for p in call_level_readings(_normalized(text, lang))
    )


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _triggered_cues(text: str, lang: Lang, violations: frozenset[str]) -> tuple[Cue, ...]:
    """A collector line's cues after the triggers of ``violations``: the lexicon's, and the learned
    readings for those violations only. Cached as one tuple, so every turn saying the line shares
    its call-level look-ups (call_context._Lookup)."""
    wanted = {LEARNED_CALL_LEVEL[v] for v in violations}
    learned = tuple(c for c in _learned_cues(text, lang) if c.category in wanted)
    return debtor_cues(text, lang, "collector") + learned


@functools.lru_cache(maxsize=_CACHE_SIZE)
def debtor_cues(text: str, lang: Lang, speaker: Speaker = "debtor") -> tuple[Cue, ...]:
    """Cues in one turn: debtor cues for the debtor, collector-side cues for the collector."""
    name = f"debtor_{lang}" if speaker == "debtor" else f"collector_cues_{lang}"
    return _as_cues(_cue_lexicon(name).match(_normalized(text, lang)))


def _as_cues(hits: Sequence[Hit]) -> tuple[Cue, ...]:
    return tuple(Cue(category=h.category, span=Span(start=h.start, end=h.end), text=h.text) for h in hits)


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _annotated(text: str, lang: Lang, jurisdiction: Jurisdiction) -> tuple[Finding, ...]:
    return tuple(load_pack(jurisdiction).annotate(_detect(text, lang), lang))


def _view(
    index: int,
    turn: Turn,
    lang: Lang,
    findings: tuple[Finding, ...] | None = None,
    *,
    triggered: frozenset[str] = frozenset(),
) -> TurnView:
    """One turn with its findings and cues; ``triggered``: the call-level violations whose trigger
    a debtor turn before it gave, so their learned readings are worth asking for."""
    if turn.speaker == "collector":
        found = _detect(turn.text, lang) if findings is None else findings
        if triggered:
            cues = _triggered_cues(turn.text, lang, triggered)
        else:
            cues = debtor_cues(turn.text, lang, "collector")
        return TurnView(index, "collector", turn.text, found, cues)
    return TurnView(index, "debtor", turn.text, (), _debtor_turn_cues(turn.text, lang))


def _views(turns: Sequence[Turn], lang: Lang, last: tuple[Finding, ...] | None = None) -> list[TurnView]:
    """The call's turns in order (``last``: the final turn's findings, when already detected)."""
    out: list[TurnView] = []
    triggered: frozenset[str] = frozenset()
    for i, turn in enumerate(turns):
        view = _view(i, turn, lang, last if i == len(turns) - 1 else None, triggered=triggered)
        if turn.speaker == "debtor":
            triggered |= triggered_by(view.cues)
        out.append(view)
    return out


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _debtor_turn_cues(text: str, lang: Lang) -> tuple[Cue, ...]:
    # Payment terms count whoever states them ("I could manage £50 a month").
    terms = _cue_lexicon(f"collector_cues_{lang}").match(_normalized(text, lang), only=PAYMENT_TERMS_CUES)
    return debtor_cues(text, lang, "debtor") + _as_cues(terms)


def _merge(own: Sequence[Finding], call_level: Sequence[Finding]) -> list[Finding]:
    """Call-level findings join the utterance's own unless the detector already reported that category."""
    have = {f.category for f in own if f.kind is Kind.violation}
    merged = [*own, *(f for f in call_level if f.category not in have)]
    # Stating the debt to someone not verified as the debtor breaks the rules; it is not the
    # disclosure the debtor is owed, so it earns no checklist credit and is not reported as one.
    if any(f.category == "third_party_disclosure" for f in merged):
        merged = [f for f in merged if f.category != "debt_collector_disclosure"]
    return merged


def check_utterance(
    text: str, lang: Lang, jurisdiction: Jurisdiction, context: Sequence[Turn] = ()
) -> list[Finding]:
    """Findings for one collector utterance, annotated with the jurisdiction's rules and tips.

    With ``context`` (the call so far) the call-level checks run too and report what this
    utterance breaks given what the debtor said (a payment request after "stop calling me").
    Without context there is no call to judge, so only the utterance's own findings are given.
    """
    from scoring.detector import detect

    pack = load_pack(jurisdiction)
    own = detect(text, lang, context=context)
    call_level: list[Finding] = []
    if context:
        views = _views([*context, Turn(speaker="collector", text=text)], lang, tuple(own))
        last = len(context)
        result = analyse_call(views, lang)
        call_level = [f.model_copy(update={"turn": None}) for f in result.findings if f.turn == last]
        own = _owed_not_offered(own, views[last], result.facts)
    merged = _merge(own, call_level)
    merged.sort(key=lambda f: (f.span.start, f.span.end, f.kind.value, f.category))
    return pack.annotate(merged, lang)


# Offers that are more than the verification itself keep the turn's offer_help.
_REAL_OFFERS = frozenset({"hardship_options", "debt_advice_signpost"})


def _owed_not_offered(findings: list[Finding], view: TurnView, facts: CallFacts) -> list[Finding]:
    """Verifying a disputed debt is what the law requires, not an offer of help: after a dispute,
    a turn that offers verification earns no offer_help for it (tests/corpus/README.md)."""
    disputed_before = facts.dispute_turn is not None and facts.dispute_turn < view.index
    if not disputed_before or view.has_cue(OFFER_VERIFICATION) is None:
        return findings
    if any(f.category in _REAL_OFFERS for f in findings):
        return findings
    return [f for f in findings if f.category != "offer_help"]


def score_transcript(transcript: Transcript, *, context: ScoringContext | None = None) -> Scorecard:
    """Grade a whole call. Deterministic: same transcript, context and pack version, same scorecard."""
    lang, jurisdiction = transcript.language, transcript.jurisdiction
    pack = load_pack(jurisdiction)
    views = _views(transcript.turns, lang)
    result = analyse_call(views, lang)
    call_by_turn: dict[int, list[Finding]] = {}
    for f in pack.annotate(result.findings, lang):
        call_by_turn.setdefault(f.turn or 0, []).append(f)
    findings: list[Finding] = []
    for view in views:
        if view.speaker != "collector":
            continue
        own = [f.model_copy(update={"turn": view.index}) for f in _annotated(view.text, lang, jurisdiction)]
        own = _owed_not_offered(own, view, result.facts)
        findings.extend(_merge(own, call_by_turn.get(view.index, [])))
    return build_scorecard(
        views=views,
        findings=findings,
        facts=result.facts,
        pack=pack,
        lang=lang,
        jurisdiction=jurisdiction,
        scenario=transcript.scenario,
        context=context,
    )


@contextlib.contextmanager
def cycle_collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a batch of grading, then restore it.

    Grading makes no reference cycles: everything it allocates is freed by reference counting
    (tests/scoring/test_score_many.py holds that). The collector still runs every few thousand
    allocations and, now and then, walks every long-lived object: the compiled lexicons, the
    models and the per-utterance caches. Over 10,000 transcripts that was 12-15% of the time
    (docs/measurements.md, session 12) and freed nothing.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def score_many(
    transcripts: Sequence[Transcript], contexts: Sequence[ScoringContext | None] | None = None
) -> list[Scorecard]:
    """Grade a batch of calls, each exactly as ``score_transcript`` would (``contexts``: one per
    transcript, or none). Takes a sequence, not a lazy iterable, so that the caller's own work
    (reading files, say) never runs while the collector is paused."""
    if contexts is not None and len(contexts) != len(transcripts):
        raise ValueError(f"{len(contexts)} contexts for {len(transcripts)} transcripts")
    with cycle_collector_paused():
        return [
            score_transcript(t, context=None if contexts is None else contexts[i])
            for i, t in enumerate(transcripts)
        ]
