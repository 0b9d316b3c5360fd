"""Lexicons: named concept lists and patterns over them, loaded from YAML and compiled to RE2.

A lexicon is data (see ``docs/lexicon-format.md``). Loading validates it and reports every
problem as a ``Diagnostic`` with the line and column of the offending YAML node; nothing in
the file can execute code, and every pattern compiles to google-re2, so matching is linear in
the length of the utterance whatever the patterns say.

On top of the regular expressions this module adds what RE2 cannot express:

* typo tolerance: words of ``fuzzy.min_length`` letters or more that are not known words are
  corrected to the nearest word of a fuzzy concept within a bounded edit distance
  (deletion-neighbourhood index, so the cost per token is bounded by its length);
* clause-scoped negation and denial ("nobody is going to arrest you"), with conditions
  ("if you don't pay we'll ...") and non-cancelling negations ("you won't like ...") that
  do not cancel;
* per-pattern guards: ``requires`` / ``unless`` / ``unless_before`` / ``unless_after``.

``Lexicon.match(normalized)`` is language-neutral and knows nothing about the taxonomy: a
pattern's category is any id, so the same machinery serves the detector, debtor cues and
intents.
"""

from __future__ import annotations

import bisect
import functools
import importlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import re2
from rapidfuzz.distance import OSA

from scoring import anchors
from scoring.anchored_match import EncodedText, match_first_at
from scoring.anchors import AnchorIndex, Clause, Conj, Lead
from scoring.diagnostics import Diagnostic, DiagnosticList, has_errors
from scoring.text.normalize import NormalizedText, normalize
from scoring.yamlsrc import MDict, MList, load_yaml_file, load_yaml_text

# Anchored attempts to make: start positions in order, and per position the compiled
# alternatives to try there, in pattern order.
Tries = tuple[Sequence[int], Sequence[Sequence[Any]]]

Mark = tuple[int, int]

LANG_DEFAULTS: dict[str, dict[str, Any]] = {
    "en": {"word_boundaries": True, "gap": 5},
    "zh": {"word_boundaries": False, "gap": 8},
}
MAX_GAP = 50  # words (or characters) one gap may skip; keeps compiled programs small
MAX_FUZZY_TOKEN = 24  # longer tokens are never typo-corrected (bounded work per token)

# Regex building blocks. Sentence terminators end every gap: a pattern never spans sentences.
_TERM = ".!?;。"
_EN_JOIN = r"[^\w.!?;。]*"  # between two items: spaces, commas, quotes, dashes
_EN_SEP = r"[^\w.!?;。]+"  # between the words of one phrase
_EN_GAPWORD = r"[^\s.!?;。]+(?:\.[^\s.!?;。]+)*"
_ZH_JOIN = r"[ ]?"
_ZH_GAPCHAR = r"[^.!?;。]"

TOP_KEYS = {
    "language", "word_boundaries", "defaults", "fuzzy", "protected_words", "concepts",
    "negation", "patterns", "description", "version",
}
CONCEPT_KEYS = {"words", "regex", "fuzzy", "masked", "inflect", "description"}
PATTERN_KEYS = {
    "id", "category", "kind", "explanation", "match", "regex", "negatable", "gap",
    "requires", "unless", "unless_sentence", "unless_before", "unless_after", "unless_inside", "window",
    "description",
    "examples", "denied", "also", "negated_after",
}
NEGATION_KEYS = {
    "cues", "after", "denials", "non_cancelling", "conditions", "restarts", "bridges", "breaks",
    "window", "after_window",
}


@functools.lru_cache(maxsize=65536)
def _literal_rx(word: str, wb: bool) -> str:
    """RE2 text for one literal entry: words joined by separators, whole words where wb."""
    body = _EN_SEP.join(re2.escape(w) for w in word.split(" ")) if wb else re2.escape(word)
    if not wb:
        return body.replace(r"\ ", " ?")
    left = r"\b" if (word[0].isalnum() or word[0] == "_") else ""
    right = r"\b" if (word[-1].isalnum() or word[-1] == "_") else ""
    return left + body + right


@functools.lru_cache(maxsize=65536)
def _norm_entry(text: str, lang: str) -> str:
    """Normalise a lexicon word like the text it will meet (cached: lexicons repeat words a lot)."""
    if _PLAIN_ENTRY.fullmatch(text) and not _TRIPLE.search(text) and not _SPACED.search(text):
        return text  # already canonical: lower-case ASCII words
    return normalize(text, lang).text


# Fixed helper expressions over lexicon entries (not user text), for the fast path above.
_PLAIN_ENTRY = re.compile(r"[a-z']+(?: [a-z']+)*")
_TRIPLE = re.compile(r"([a-z])\1\1")
_SPACED = re.compile(r"(?:^| )[a-z](?: [a-z]){2,}(?: |$)")


def _re2_options() -> Any:
    opts = re2.Options()
    opts.log_errors = False
    opts.max_mem = 64 << 20
    return opts


def _compile(pattern: str) -> Any:
    return re2.compile(pattern, options=_re2_options())


def _re2_error_text(exc: Exception) -> str:
    msg = exc.args[0] if exc.args else str(exc)
    if isinstance(msg, bytes):
        msg = msg.decode("utf-8", "replace")
    return str(msg)


# --------------------------------------------------------------------------- public records


@dataclass(frozen=True)
class Hit:
    """One pattern match. ``start``/``end`` index the ORIGINAL utterance; ``nstart``/``nend``
    index ``NormalizedText.text``."""

    pattern: str
    category: str
    kind: str | None
    start: int
    end: int
    text: str
    explanation: str
    nstart: int
    nend: int
    negated: bool = False


@dataclass
class Pattern:
    id: str
    category: str
    kind: str | None
    explanation: str
    source: str  # the RE2 program text; validated at load, compiled on first use
    negatable: bool
    requires: Any | None = None
    unless: Any | None = None
    unless_before: Any | None = None
    unless_after: Any | None = None
    unless_inside: Any | None = None
    unless_sentence: Any | None = None
    window: int = 4
    denied: str | None = None  # category reported when a hit is negated ("nobody will arrest you")
    also: tuple[str, ...] = ()  # further categories every hit also shows
    negated_after: bool = False  # any negation cue after the hit in its clause also negates it
    anchor: tuple[Conj, ...] = ()  # per alternative, the words it cannot match without (scoring/anchors.py)
    mid_word: bool = False  # a free regex is involved: a match may begin inside a word
    # The top-level alternatives of ``source`` (one per `match` expression and top-level `|`),
    # in order, each compiled on its own: a line runs only those whose anchors it meets.
    alt_sources: tuple[str, ...] = ()
    alt_leads: tuple[Lead, ...] = ()
    _regex: Any = field(default=None, repr=False)
    _alt_regexes: dict[int, Any] = field(default_factory=dict, repr=False)
    # alternatives tried together -> (lead word -> the programs worth trying where it starts,
    # the programs worth trying at any start)
    _plans: dict[tuple[int, ...], tuple[dict[str, list[Any]], list[Any]]] = field(
        default_factory=dict, repr=False
    )

    @property
    def regex(self) -> Any:
        """The whole pattern as one program (the matcher runs its alternatives instead)."""
        if self._regex is None:
            self._regex = _compile(self.source)
        return self._regex

    def alternative(self, i: int) -> Any:
        # Compiled on first use: most alternatives never meet a line that has their words.
        rx = self._alt_regexes.get(i)
        if rx is None:
            rx = self._alt_regexes[i] = _compile(self.alt_sources[i]) if self.alt_sources else self.regex
        return rx

    def alternatives(self) -> range:
        return range(len(self.alt_sources) or 1)

    def plan(self, alts: tuple[int, ...]) -> tuple[dict[str, list[Any]], list[Any]]:
        """For the alternatives ``alts``: each lead word with the programs worth trying where it
        starts, and the programs worth trying at any start (those of alternatives without leads),
        all in pattern order, so leftmost-first order survives. An alternative with leads cannot
        match where none of them starts, so leaving it out there changes no match; tried at every
        start beside one without leads, such alternatives made about 40% of the English patterns'
        attempts (136 -> 76 a line on the corpus). Built once per combination: the leads are
        fixed, and a line meets the same few combinations again and again."""
        got = self._plans.get(alts)
        if got is None:
            leads = [self.alt_leads[i] if self.alt_leads else None for i in alts]
            anywhere = [self.alternative(i) for i, lead in zip(alts, leads, strict=True) if lead is None]
            keys = sorted({key for lead in leads if lead is not None for key in lead})
            by_key = {
                key: [
                    self.alternative(i)
                    for i, lead in zip(alts, leads, strict=True)
                    if lead is None or key in lead
                ]
                for key in keys
            }
            got = self._plans[alts] = (by_key, anywhere)
        return got


@dataclass
class _Negation:
    cues: Any | None = None
    after: Any | None = None
    denials: Any | None = None
    non_cancelling: Any | None = None
    conditions: Any | None = None
    restarts: Any | None = None
    bridges: Any | None = None
    breaks: Any | None = None
    window: int = 8
    after_window: int = 5


@dataclass
class _Prepared:
    """An utterance ready for matching: the (typo-corrected) text and its maps."""

    norm: NormalizedText
    text: str
    to_norm_start: list[int]
    to_norm_end: list[int]
    word_starts: list[int]
    word_boundaries: bool = True
    free_ids: frozenset[int] = frozenset()  # ids of guard/negation regexes built on a free regex
    # Guard/negation regex id -> the words (characters, without word boundaries) its matches
    # begin with; such a regex is tried only where one of them starts.
    scoped_leads: dict[int, frozenset[str]] = field(default_factory=dict)
    _cache: dict[Any, list[tuple[int, int]]] = field(default_factory=dict)

    def punct_spans(self, regex: Any) -> list[tuple[int, int]]:
        """Leftmost-first matches of a small fixed regex (sentence and clause breaks), which may
        start at a space."""
        key = id(regex)
        got = self._cache.get(key)
        if got is None:
            got = [m.span() for m in regex.finditer(self.text)] if self.text else []
            self._cache[key] = got
        return got

    def cached(self, key: Any, compute: Any) -> list[tuple[int, int]]:
        got = self._cache.get(key)
        if got is None:
            got = self._cache[key] = compute()
        return got

    def spans(self, regex: Any) -> list[tuple[int, int]]:
        """Leftmost-first matches of a guard or negation expression (anchored attempts, see
        ``anchored_spans``)."""
        key = id(regex)
        if key in self.free_ids:
            return self.anchored_spans(regex, range(len(self.text)))
        lead = self.scoped_leads.get(key)
        if lead is None:
            return self.anchored_spans(regex, self.starts)
        index = self.lead_index
        return self.anchored_spans(regex, sorted(p for k in lead if k in index for p in index[k]))

    def anchored_spans(self, regex: Any, starts: Sequence[int]) -> list[tuple[int, int]]:
        """Leftmost-first matches of ``regex``, found by anchored attempts at ``starts``.

        An unanchored search that reports where a match starts makes RE2 compile the pattern
        a second time, reversed, on the first hit: up to 60 ms for a large concept pattern, in
        the middle of a turn. Anchored attempts only ever run the forward program.
        """
        key = id(regex)
        got = self._cache.get(key)
        if got is None:
            got = _anchored_scan((starts, [[regex]] * len(starts)), self.encoded) if self.text else []
            self._cache[key] = got
        return got

    def tries_for(self, pat: Pattern, alts: tuple[int, ...]) -> Tries:
        """Where a match of the pattern's alternatives ``alts`` may begin, in order, each with the
        alternatives (compiled, in pattern order) worth trying there: those whose leads include
        the word that starts there. When some of them have no leads: any start (any position at
        all when a free regex is involved), with those, and with the others where their leads
        start (``Pattern.plan``)."""
        by_key, anywhere = pat.plan(alts)
        if anywhere:
            starts: Sequence[int] = range(len(self.text)) if pat.mid_word else self.starts
            if not by_key:
                return starts, [anywhere] * len(starts)
            word_at = self.word_at
            return starts, [by_key.get(word_at.get(p, ""), anywhere) for p in starts]
        index = self.lead_index
        common = index.keys() & by_key.keys()
        if len(common) == 1:  # most lines meet a pattern at one lead word: no merging needed
            (key,) = common
            positions = index[key]
            return positions, [by_key[key]] * len(positions)
        # Different lead words never start at the same position: sorting never compares keys.
        located = sorted((p, key) for key in common for p in index[key])
        return [p for p, _ in located], [by_key[key] for _, key in located]

    @functools.cached_property
    def encoded(self) -> EncodedText:
        return EncodedText.of(self.text)

    @functools.cached_property
    def lead_index(self) -> dict[str, list[int]]:
        """Start positions of each run of letters and digits (each character without word
        boundaries), keyed like pattern leads."""
        out: dict[str, list[int]] = {}
        if self.word_boundaries:
            for m in anchors.RUN.finditer(self.text):
                out.setdefault(m.group(), []).append(m.start())
        else:
            for i, ch in enumerate(self.text):
                if not ch.isspace():
                    out.setdefault(ch, []).append(i)
        return out

    @functools.cached_property
    def word_at(self) -> dict[int, str]:
        """The lead-index key that starts at each position that starts one."""
        return {p: key for key, positions in self.lead_index.items() for p in positions}

    @functools.cached_property
    def starts(self) -> list[int]:
        """Where a match can begin: not a space, and in word languages not the middle of a word."""
        if not self.word_boundaries:  # no \b in these patterns: a match may begin at any character
            return [m.start() for m in _NOT_SPACE.finditer(self.text)]
        return [m.start() for m in _WORD_STARTS.finditer(self.text)]

    def words_between(self, a: int, b: int) -> int:
        """Number of word starts in [a, b) (for zh: characters)."""
        if a >= b:
            return 0
        return bisect.bisect_left(self.word_starts, b) - bisect.bisect_left(self.word_starts, a)

    def to_normalized(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            p = self.to_norm_start[start] if start < len(self.to_norm_start) else len(self.norm.text)
            return p, p
        return self.to_norm_start[start], self.to_norm_end[end - 1]


# --------------------------------------------------------------------------- the lexicon


@dataclass
class Lexicon:
    language: str
    word_boundaries: bool
    patterns: list[Pattern] = field(repr=False)
    negation: _Negation = field(repr=False)
    path: str = "<string>"
    _fuzzy_index: dict[str, set[str]] = field(default_factory=dict, repr=False)
    _anchors: AnchorIndex | None = field(default=None, repr=False)
    _unanchored: Any = field(default=None, repr=False)  # RE2 set screening the patterns without anchors
    _free_ids: frozenset[int] = field(default=frozenset(), repr=False)  # see _Prepared.free_ids
    _scoped_leads: dict[int, frozenset[str]] = field(default_factory=dict, repr=False)  # see _Prepared
    _known_words: frozenset[str] = field(default=frozenset(), repr=False)
    fuzzy_min: int = 5
    fuzzy_long: int = 9
    fuzzy_max: int = 1
    fuzzy_long_max: int = 2
    _token_re: Any = None
    _sentence_re: Any = None
    _clause_punct_re: Any = None

    # ---- preparation: typo correction and word index
    def _correct(self, word: str) -> str | None:
        if word in self._known_words or len(word) < self.fuzzy_min or len(word) > MAX_FUZZY_TOKEN:
            return None
        maxd = self.fuzzy_long_max if len(word) >= self.fuzzy_long else self.fuzzy_max
        candidates: set[str] = set()
        for key in _deletions(word, maxd):
            found = self._fuzzy_index.get(key)
            if found:
                candidates |= found
        best: tuple[int, str] | None = None
        for cand in candidates:
            if cand[0] != word[0]:
                continue  # first letters are rarely mistyped; requiring them avoids false fixes
            limit = self.fuzzy_long_max if len(cand) >= self.fuzzy_long else self.fuzzy_max
            d = OSA.distance(word, cand, score_cutoff=min(maxd, limit))
            if d <= min(maxd, limit) and (best is None or (d, cand) < best):
                best = (d, cand)
        return best[1] if best else None

    def _split_article(self, norm: NormalizedText, a: int, b: int, word: str) -> str | None:
        """"what a m o r o n" is normalised to "amoron": when a word spelled out letter by letter
        is unknown but is "a" or "i" before a lexicon word, the article was spelled out with it.
        Only for spelled-out words: "ideal" or "await" typed as such stay whole."""
        if word[0] not in "ai" or word in self._known_words or word[1:] not in self._known_words:
            return None
        oa, ob = norm.span_to_original(a, b)
        return f"{word[0]} {word[1:]}" if " " in norm.original[oa:ob] else None

    def prepare(self, norm: NormalizedText) -> _Prepared:
        prep = self._prepare(norm)
        prep.free_ids = self._free_ids
        prep.scoped_leads = self._scoped_leads
        return prep

    def _prepare(self, norm: NormalizedText) -> _Prepared:
        text = norm.text
        n = len(text)
        if not self._fuzzy_index or not self.word_boundaries:
            ident = list(range(n))
            return _Prepared(
                norm, text, ident, [i + 1 for i in ident], self._word_starts(text), self.word_boundaries
            )
        parts: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        pos = 0
        for m in self._token_re.finditer(text):
            a, b = m.span()
            fixed = self._split_article(norm, a, b, m.group()) or self._correct(m.group())
            if fixed is None:
                continue
            parts.append(text[pos:a])
            starts.extend(range(pos, a))
            ends.extend(range(pos + 1, a + 1))
            parts.append(fixed)
            starts.extend([a] * len(fixed))
            ends.extend([b] * len(fixed))
            pos = b
        if not parts:
            ident = list(range(n))
            return _Prepared(
                norm, text, ident, [i + 1 for i in ident], self._word_starts(text), self.word_boundaries
            )
        parts.append(text[pos:])
        starts.extend(range(pos, n))
        ends.extend(range(pos + 1, n + 1))
        fixed_text = "".join(parts)
        return _Prepared(norm, fixed_text, starts, ends, self._word_starts(fixed_text), self.word_boundaries)

    def _word_starts(self, text: str) -> list[int]:
        if not self.word_boundaries:
            return list(range(len(text)))
        return [m.start() for m in self._token_re.finditer(text)] if text else []

    def compile_patterns(self) -> None:
        """Compile every pattern now. A pattern's first compilation costs milliseconds; a
        long-lived session (a screen, `run`) pays it while the phone rings instead of in the
        middle of a turn."""
        for pat in self.patterns:
            for i in pat.alternatives():
                pat.alternative(i)

    # ---- matching
    def match(
        self,
        normalized: NormalizedText | str,
        *,
        include_negated: bool = False,
        only: frozenset[str] | None = None,
    ) -> list[Hit]:
        """All pattern hits in an utterance, sorted by (start, end, pattern id); with ``only``,
        just the hits of those categories (the other patterns are not run)."""
        norm = normalized if isinstance(normalized, NormalizedText) else normalize(normalized, self.language)
        if not norm.text or not self.patterns:
            return []
        prep = self.prepare(norm)
        hits: list[Hit] = []
        for idx, alts in self._candidates(prep.text):
            pat = self.patterns[idx]
            if only is not None and only.isdisjoint((pat.category, pat.denied, *pat.also)):
                continue
            for a, b in self.pattern_spans(prep, pat, alts):
                a, b = _trim(prep.text, a, b)
                if b <= a or not self._guards_pass(prep, pat, a, b):
                    continue
                negated = pat.negatable and self.is_negated(prep, a, b, any_after=pat.negated_after)
                na, nb = prep.to_normalized(a, b)
                oa, ob = norm.span_to_original(na, nb)
                text = norm.original[oa:ob]
                if negated and pat.denied:
                    why = f"Denies it: {pat.explanation[:1].lower()}{pat.explanation[1:]}"
                    hits.append(Hit(f"{pat.id}.denied", pat.denied, None, oa, ob, text, why, na, nb))
                if negated and not include_negated:
                    continue
                hits.append(
                    Hit(pat.id, pat.category, pat.kind, oa, ob, text, pat.explanation, na, nb, negated)
                )
                if not negated:
                    for cat in pat.also:
                        hits.append(Hit(f"{pat.id}.{cat}", cat, None, oa, ob, text, pat.explanation, na, nb))
        if only is not None:
            hits = [h for h in hits if h.category in only]
        hits.sort(key=lambda h: (h.start, h.end, h.pattern))
        return hits

    def pattern_spans(self, prep: _Prepared, pat: Pattern, alts: Sequence[int]) -> list[tuple[int, int]]:
        """Leftmost-first matches of the pattern restricted to alternatives ``alts`` (the others
        cannot match), each narrowed to its latest-starting match."""
        key = (id(pat), tuple(alts))
        tries = prep.tries_for(pat, key[1])
        spans = prep.cached(key, lambda: _anchored_scan(tries, prep.encoded) if prep.text else [])
        return [_shrink(tries, prep, a, b) for a, b in spans]

    def _candidates(self, text: str) -> list[tuple[int, list[int]]]:
        """Patterns, in file order, whose anchor words occur in ``text``, with the alternatives
        (by index) that may match.

        Measured on lines the process had not seen: screening every pattern with RE2 sets cost
        about 2 ms a line on average and 12 ms at the tail (each set builds automaton states
        for new words); the anchor lookup leaves about 9 of the 108 English patterns a line.
        """
        if self._anchors is None:
            return [(i, list(p.alternatives())) for i, p in enumerate(self.patterns)]
        found = self._anchors.candidates(text)
        if self._unanchored is not None:
            # Patterns with no anchor (free regexes) are screened together by one RE2 set, which
            # only runs forward: whether they match, not where.
            for i in self._anchors.always:
                found.pop(i, None)
            for j in self._unanchored.Match(text) or ():
                i = self._anchors.always[j]
                found[i] = list(self.patterns[i].alternatives())
        return sorted(found.items())

    # ---- scopes
    def sentence_spans(self, text: str) -> list[tuple[int, int]]:
        """[start, end) of each sentence of normalised ``text``, the break that ends it included:
        the sentences that ``unless_sentence`` and the gaps between pattern items stay inside."""
        spans: list[tuple[int, int]] = []
        start = 0
        for _, end in [m.span() for m in self._sentence_re.finditer(text)] if text else []:
            if text[start:end].strip():
                spans.append((start, end))
            start = end
        if text[start:].strip():
            spans.append((start, len(text)))
        return spans

    def _sentence(self, prep: _Prepared, a: int, b: int) -> tuple[int, int]:
        bounds = prep.punct_spans(self._sentence_re)
        start, end = 0, len(prep.text)
        for s, e in bounds:
            if e <= a:
                start = e
            elif s >= b:
                end = s
                break
        return start, end

    def _clause(self, prep: _Prepared, a: int, b: int) -> tuple[int, int]:
        start, end = self._sentence(prep, a, b)
        cuts = list(prep.punct_spans(self._clause_punct_re))
        if self.negation.breaks is not None:
            cuts += prep.spans(self.negation.breaks)
        for s, e in cuts:
            if e <= a and e > start:
                start = e
            elif s >= b and s < end:
                end = s
        return start, end

    def _guards_pass(self, prep: _Prepared, pat: Pattern, a: int, b: int) -> bool:
        if pat.requires is not None:
            s, e = self._sentence(prep, a, b)
            if not any(x >= s and y <= e for x, y in prep.spans(pat.requires)):
                return False
        if pat.unless is not None:
            s, e = self._clause(prep, a, b)
            if any(x >= s and y <= e for x, y in prep.spans(pat.unless)):
                return False
        if pat.unless_sentence is not None:
            s, e = self._sentence(prep, a, b)
            if any(x >= s and y <= e for x, y in prep.spans(pat.unless_sentence)):
                return False
        if pat.unless_inside is not None and any(x >= a and y <= b for x, y in prep.spans(pat.unless_inside)):
            return False
        if pat.unless_before is not None:
            s, _ = self._sentence(prep, a, b)
            for x, y in prep.spans(pat.unless_before):
                if x >= s and y <= a + 1 and prep.words_between(y, a) <= pat.window:
                    return False
        if pat.unless_after is not None:
            _, e = self._sentence(prep, a, b)
            for x, y in prep.spans(pat.unless_after):
                if x >= b - 1 and y <= e and prep.words_between(b, x) <= pat.window:
                    return False
        return True

    def is_negated(self, prep: _Prepared, a: int, b: int, *, any_after: bool = False) -> bool:
        """True when a negation or denial in scope cancels the hit at [a, b) of ``prep.text``."""
        if self.language == "zh":
            hook = _zh_negation_hook()
            if hook is not None:
                # Chinese scope rules (就/才/否则 consequence markers) live in scoring.text.zh
                return bool(hook(prep.text, a, b))
        neg = self.negation
        cs, ce = self._clause(prep, a, b)
        if neg.cues is not None and self._negated_before(prep, a, b, cs):
            return True
        after_cues = [neg.after] if neg.after is not None else []
        if any_after and neg.cues is not None:
            after_cues.append(neg.cues)
        for cue_rx in after_cues:
            conds = prep.spans(neg.conditions) if neg.conditions is not None else []
            for x, _y in prep.spans(cue_rx):
                if x < b or x >= ce or prep.words_between(b, x) > neg.after_window:
                    continue
                if any(b <= c0 < x for c0, _ in conds):
                    continue  # "you'll be sued if you don't pay": the cue sits in a condition
                return True
        if neg.denials is not None:
            _ss, se = self._sentence(prep, a, b)
            nxt_end = self._sentence(prep, se + 1, se + 1)[1] if se < len(prep.text) else se
            for x, _y in prep.spans(neg.denials):
                if x >= b and (x < se or (x <= se + 3 and x < nxt_end)):
                    return True
        return False

    def _negated_before(self, prep: _Prepared, a: int, b: int, clause_start: int) -> bool:
        neg = self.negation
        noncancel = prep.spans(neg.non_cancelling) if neg.non_cancelling is not None else []
        restarts = prep.spans(neg.restarts) if neg.restarts is not None else []
        if neg.bridges is not None and restarts:
            # "nobody thinks you're a ...": a clause embedded under a verb of saying or thinking
            # stays inside the negation's scope
            bridges = prep.spans(neg.bridges)
            restarts = [r for r in restarts if not any(b0 < r[0] and r[1] <= b1 for b0, b1 in bridges)]
        conds = prep.spans(neg.conditions) if neg.conditions is not None else []
        for x, y in prep.spans(neg.cues):
            if x < clause_start or x >= b:
                continue
            if x >= a:
                pass  # a cue inside the hit ("you will not be taken to court") negates it
            elif prep.words_between(y, a) > neg.window:
                continue
            if any(n0 <= x < n1 for n0, n1 in noncancel):
                continue  # "you won't like what happens", "don't make me send ..."
            if any(y <= r0 <= a for r0, _ in restarts):
                continue  # "if you don't pay we'll have you arrested": a new clause starts
            cond_before = [c0 for c0, _ in conds if clause_start <= c0 < x]
            if cond_before:
                last_cond = max(cond_before)
                if not any(last_cond < r0 <= x for r0, _ in restarts):
                    continue  # the cue belongs to the condition, not to the threat
            return True
        return False


@functools.cache
def _zh_negation_hook() -> Any:
    """``scoring.text.zh.is_negated(text, start, end)`` when the zh helper provides it."""
    try:
        zh = importlib.import_module("scoring.text.zh")
    except ImportError:
        return None
    hook = getattr(zh, "is_negated", None)
    return hook if callable(hook) else None


# Letters and digits join into words; CJK scripts (from U+2E80) have no word breaks. As a class
# ([^\W_] is str.isalnum), so start positions come from one scan, not a loop over characters.
_JOINS = r"[^\W_\u2e80-\U0010ffff]"
_NOT_SPACE = re.compile(r"\S")
_WORD_STARTS = re.compile(rf"(?!(?<={_JOINS}){_JOINS})\S")  # not inside a run of letters and digits


def _anchored_scan(tries: Tries, enc: EncodedText) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = 0
    for p, regexes in zip(*tries, strict=True):
        if p < pos:
            continue
        span = match_first_at(regexes, enc, p)
        if span is not None:
            out.append(span)
            pos = max(span[1], span[0] + 1)
    return out


def _shrink(tries: Tries, prep: _Prepared, a: int, b: int) -> tuple[int, int]:
    """The latest-starting match inside [a, b): leftmost-first matching starts a hit at the first
    possible anchor ("you don't pay, you get hurt" would start at the first "you"), which makes
    spans wide and puts unrelated words (and negations) inside them. Anchored attempts, latest
    start first (see ``_Prepared.anchored_spans`` for why never an unanchored search)."""
    starts, regexes = tries
    hi = bisect.bisect_left(starts, b)
    lo = bisect.bisect_right(starts, a)
    for k in range(hi - 1, lo - 1, -1):
        span = match_first_at(regexes[k], prep.encoded, starts[k], b)
        if span is not None and span[1] > span[0]:
            return span
    return a, b


_TRIM = " ,:;-\"'"


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    """Drop separators a join or gap may have swallowed at either end of a match."""
    while a < b and text[a] in _TRIM:
        a += 1
    while b > a and text[b - 1] in _TRIM:
        b -= 1
    return a, b


def _deletions(word: str, depth: int) -> set[str]:
    out = {word}
    frontier = {word}
    for _ in range(depth):
        nxt: set[str] = set()
        for w in frontier:
            for i in range(len(w)):
                nxt.add(w[:i] + w[i + 1 :])
        out |= nxt
        frontier = nxt
    return out


# --------------------------------------------------------------------------- English inflection


def _inflect(word: str, how: str) -> list[str]:
    """Regular English inflections of the first word of an entry (irregular forms: list them)."""
    head, sep, rest = word.partition(" ")
    if not head.isalpha():
        return [word]
    forms = {head}
    vowels = "aeiou"
    if head.endswith("y") and len(head) > 2 and head[-2] not in vowels:
        plural = head[:-1] + "ies"
    elif head.endswith(("s", "x", "z", "ch", "sh")):
        plural = head + "es"
    else:
        plural = head + "s"
    forms.add(plural)
    if how == "verb":
        if head.endswith("e"):
            forms |= {head + "d", head[:-1] + "ing"}
        elif head.endswith("y") and len(head) > 2 and head[-2] not in vowels:
            forms |= {head[:-1] + "ied", head + "ing"}
        elif (
            len(head) <= 4
            and len(head) >= 3
            and head[-1] not in vowels + "wxy"
            and head[-2] in vowels
            and head[-3] not in vowels
        ):
            forms |= {head + head[-1] + "ed", head + head[-1] + "ing", head + "ed", head + "ing"}
        else:
            forms |= {head + "ed", head + "ing"}
    return sorted(f + sep + rest for f in forms)


# --------------------------------------------------------------------------- compiler


_Item = tuple[str, str, Clause, Lead]  # (kind, regex, clause, lead) of one item of a sequence


@dataclass(frozen=True)
class _Alternative:
    """One top-level alternative of a match expression, compiled and screened on its own."""

    source: str
    anchor: Conj
    lead: Lead


class _Compiler:
    def __init__(self, data: MDict, diags: DiagnosticList) -> None:
        self.diags = diags
        lang = data.get("language")
        if lang not in LANG_DEFAULTS:
            diags.error(data.mark_of("language"), "lexicon-language",
                        f"language must be one of {sorted(LANG_DEFAULTS)}, got {lang!r}")
            lang = "en"
        self.lang: str = lang
        wb = data.get("word_boundaries", LANG_DEFAULTS[lang]["word_boundaries"])
        if not isinstance(wb, bool):
            diags.error(
                data.mark_of("word_boundaries"), "lexicon-type", "word_boundaries must be true or false"
            )
            wb = LANG_DEFAULTS[lang]["word_boundaries"]
        self.wb: bool = wb
        self.default_gap: int = LANG_DEFAULTS[lang]["gap"]
        self.default_negatable = True
        self.concept_src: dict[str, tuple[Any, Mark | None]] = {}
        self.concept_re: dict[str, str] = {}
        self.concept_opts: dict[str, dict[str, Any]] = {}
        self.concept_anchor: dict[str, Clause] = {}
        self.concept_lead: dict[str, Lead] = {}
        self.concept_free: dict[str, bool] = {}  # a free regex is inside (see Pattern.mid_word)
        # Set while compiling an expression that uses a free regex whose matches may begin
        # inside a word (see anchors.regex_opens_at_start).
        self.free_regex = False
        self.free_ids: set[int] = set()  # compiled guard/negation regexes built on a free regex
        self.scoped_leads: dict[int, frozenset[str]] = {}  # see _Prepared.scoped_leads
        self.in_progress: set[str] = set()
        self.words: set[str] = set()
        self.fuzzy_words: set[str] = set()

    def compile_scoped(self, source: str, where: Mark | None, *, gap: int) -> Any | None:
        """Compile a guard or negation expression, remembering whether a free regex is inside it
        (its matches are then looked for at every position) or else the leads its matches begin
        with (they are looked for only there)."""
        self.free_regex = False
        rx, alternatives = self.expression_anchored(source, where, gap=gap)
        if rx is None:
            return None
        compiled = _compile_checked(rx, where, self.diags)
        if compiled is None:
            return None
        lead = anchors.union(a.lead for a in alternatives) if alternatives else None
        if self.free_regex:
            self.free_ids.add(id(compiled))
        elif lead is not None:
            self.scoped_leads[id(compiled)] = lead
        return compiled

    # ---- entry -> regex
    def _literal(self, word: str) -> str:
        return _literal_rx(word, self.wb)

    def _masked(self, word: str) -> str | None:
        """f*ck / f**k / sh*t: first and last letters literal, inner letters may be masked."""
        if not self.wb or len(word) < 4 or not word.isalpha():
            return None
        inner = "".join(f"[{c}*]" for c in word[1:-1])
        return r"\b" + re2.escape(word[0]) + inner + re2.escape(word[-1]) + r"\b"

    def concept(self, name: str, where: Mark | None) -> str | None:
        if name in self.concept_re:
            self.free_regex |= self.concept_free.get(name, False)
            return self.concept_re[name]
        if name not in self.concept_src:
            self.diags.error(where, "unknown-concept", f"unknown concept {{{name}}}")
            return None
        if name in self.in_progress:
            self.diags.error(where, "concept-cycle", f"concept {{{name}}} refers to itself")
            return None
        self.in_progress.add(name)
        raw, mark = self.concept_src[name]
        opts: dict[str, Any] = {"fuzzy": False, "masked": False, "inflect": None}
        extra_rx: list[str] = []
        entries: Any = raw
        entry_marks: Any = None
        if isinstance(raw, MDict):
            for key in raw:
                if key not in CONCEPT_KEYS:
                    self.diags.warning(raw.key_mark(key), "unknown-key", f"unknown concept key {key!r}")
            entries = raw.get("words")
            for key in ("fuzzy", "masked"):
                if key in raw and not isinstance(raw[key], bool):
                    self.diags.error(raw.mark_of(key), "lexicon-type", f"{key} must be true or false")
                elif key in raw:
                    opts[key] = raw[key]
            if "inflect" in raw:
                if raw["inflect"] not in ("verb", "noun", None):
                    self.diags.error(raw.mark_of("inflect"), "lexicon-type", "inflect must be verb or noun")
                else:
                    opts["inflect"] = raw["inflect"]
            mark = raw.mark_of("words") if "words" in raw else raw.start
            raw_rx = raw.get("regex")
            if raw_rx is not None:
                rx_list = raw_rx if isinstance(raw_rx, MList) else MList([raw_rx])
                for i, r in enumerate(rx_list):
                    rmark = rx_list.mark_of(i) if isinstance(raw_rx, MList) else raw.mark_of("regex")
                    if not isinstance(r, str) or not r:
                        msg = f"concept {name}: regex entries must be strings"
                        self.diags.error(rmark, "lexicon-type", msg)
                    elif _compile_checked(r, rmark, self.diags) is not None:
                        extra_rx.append(r)
                if entries is None:
                    entries = MList()
        if isinstance(entries, MList):
            entry_marks = entries
        elif isinstance(entries, str):
            entries = MList([entries])
            entries.item_marks = [mark] if mark else []
            entry_marks = entries
        else:
            msg = f"concept {name} must be a list of words or a mapping with words"
            self.diags.error(mark, "lexicon-type", msg)
            self.in_progress.discard(name)
            self.concept_re[name] = "(?:$^)"
            self.concept_anchor[name] = frozenset()
            self.concept_lead[name] = frozenset()
            return self.concept_re[name]
        alts: list[str] = []
        entry_anchors: list[Clause] = [None] if extra_rx else []
        entry_leads: list[Lead] = [None] if extra_rx else []
        outer_free = self.free_regex
        self.free_regex = any(not anchors.regex_opens_at_start(r, self.wb) for r in extra_rx)
        for i, entry in enumerate(entries):
            emark = entry_marks.mark_of(i)
            if isinstance(entry, (int, float)) and not isinstance(entry, bool):
                entry = str(entry)
            if not isinstance(entry, str) or not entry.strip():
                self.diags.error(emark, "lexicon-type", f"concept {name}: entries must be non-empty strings")
                continue
            if any(c in entry for c in "{(|<?") or "..." in entry:
                rx, parts = self.expression_anchored(entry, emark, gap=self.default_gap)
                if rx is not None:
                    alts.append(rx)
                    entry_anchors.append(anchors.clause_of([a.anchor for a in parts]))
                    entry_leads.append(anchors.union(a.lead for a in parts))
                continue
            entry = _norm_entry(entry, self.lang) or entry.strip()
            forms = _inflect(entry, opts["inflect"]) if (opts["inflect"] and self.lang == "en") else [entry]
            for form in forms:
                self.words.update(form.split(" "))
                if opts["fuzzy"] and " " not in form and form.isalpha():
                    self.fuzzy_words.add(form)
                alts.append(self._literal(form))
                entry_anchors.append(anchors.literal_clause(form, self.wb))
                entry_leads.append(anchors.literal_lead(form, self.wb))
                if opts["masked"]:
                    m = self._masked(form)
                    if m:
                        alts.append(m)
                        entry_leads.append(anchors.masked_lead(form))
                        masked = frozenset({anchors.MASK_KEY})
                        entry_anchors.append(anchors.union([entry_anchors[-1], masked]))
        alts.extend(f"(?:{r})" for r in extra_rx)
        if not alts:
            self.diags.error(mark, "empty-concept", f"concept {name} has no usable entries")
            rx = "(?:$^)"
        else:
            # longest first so leftmost-first alternation prefers "no one" over "no"
            alts = sorted(set(alts), key=lambda s: (-len(s), s))
            rx = "(?:" + "|".join(alts) + ")"
        self.in_progress.discard(name)
        self.concept_re[name] = rx
        self.concept_opts[name] = opts
        self.concept_anchor[name] = anchors.union(entry_anchors) if alts else frozenset()
        self.concept_lead[name] = anchors.union(entry_leads) if alts else frozenset()
        self.concept_free[name] = self.free_regex
        self.free_regex |= outer_free
        return rx

    # ---- match expression -> regex
    def expression(self, source: str, where: Mark | None, *, gap: int) -> str | None:
        return self.expression_anchored(source, where, gap=gap)[0]

    def expression_anchored(
        self, source: str, where: Mark | None, *, gap: int
    ) -> tuple[str | None, list[_Alternative]]:
        """The RE2 text of a match expression, and its top-level alternatives, each with its own
        source, anchor and lead (see scoring/anchors.py)."""
        tokens = _tokenize(source)
        if tokens is None:
            self.diags.error(where, "pattern-syntax", f"unbalanced parentheses or braces in {source!r}")
            return None, []
        pos = 0
        wb = self.wb

        def seq_anchor(items: list[_Item]) -> Conj:
            return anchors.conj(a for k, _rx, a, _lead in items if k == "item")

        def seq_lead(items: list[_Item]) -> Lead:
            return anchors.sequence_lead((k, lead) for k, _rx, _a, lead in items)

        def parse_seq(depth: int) -> list[list[_Item]] | None:
            # returns alternatives, each a list of (kind, regex, clause, lead) items
            nonlocal pos
            alts: list[list[_Item]] = [[]]
            while pos < len(tokens):
                tok = tokens[pos]
                if tok == ")":
                    if depth == 0:
                        return None
                    pos += 1
                    return alts
                if tok == "|":
                    alts.append([])
                    pos += 1
                    continue
                pos += 1
                if tok == "(":
                    inner = parse_seq(depth + 1)
                    if inner is None:
                        return None
                    rx = "(?:" + "|".join(self._join(a, gap) for a in inner) + ")"
                    group = anchors.clause_of([seq_anchor(a) for a in inner])
                    item: _Item = ("item", rx, group, anchors.union(seq_lead(a) for a in inner))
                elif tok.startswith("...") and (tok == "..." or tok[3:].isdigit()):
                    n = int(tok[3:]) if tok[3:] else gap
                    if n > MAX_GAP:
                        self.diags.error(where, "gap-too-large", f"gap {tok} exceeds {MAX_GAP}")
                        n = MAX_GAP
                    item = ("gap", str(n), None, None)
                elif tok == "?":
                    if not alts[-1] or alts[-1][-1][0] != "item":
                        msg = f"'?' must follow a word or group in {source!r}"
                        self.diags.error(where, "pattern-syntax", msg)
                        return None
                    _kind, rx, _anchor, lead = alts[-1].pop()
                    item = ("opt", rx, None, lead)
                elif tok == "<w>":
                    # one word; in word languages a word that starts with a letter (names, not "$2,400")
                    item = ("item", r"\b[^\W\d_][\w'-]*" if self.wb else r"[^\s.!?;。,]", None, None)
                elif tok.startswith("{") and tok.endswith("}"):
                    rx2 = self.concept(tok[1:-1], where)
                    if rx2 is None:
                        return None
                    name = tok[1:-1]
                    item = ("item", rx2, self.concept_anchor.get(name), self.concept_lead.get(name))
                else:
                    if "[" in tok or "]" in tok:
                        self.diags.warning(
                            where, "literal-regex",
                            f"{tok!r} is matched as literal text: match expressions have no regex "
                            "syntax; put a character class in a concept's `regex`",
                        )
                    word = tok.replace("\\", "")
                    word = _norm_entry(word, self.lang) or word
                    self.words.update(word.split(" "))
                    item = (
                        "item", self._literal(word), anchors.literal_clause(word, wb),
                        anchors.literal_lead(word, wb),
                    )
                alts[-1].append(item)
            if depth != 0:
                return None
            return alts

        alts = parse_seq(0)
        if alts is None:
            self.diags.error(where, "pattern-syntax", f"cannot parse {source!r}")
            return None, []
        if any(not a or all(k in ("gap", "opt") for k, *_ in a) for a in alts):
            self.diags.error(where, "pattern-syntax", f"an alternative can match empty text in {source!r}")
            return None, []
        parts = [_Alternative(self._join(a, gap), seq_anchor(a), seq_lead(a)) for a in alts]
        return "|".join(a.source for a in parts), parts

    def _join(self, items: list[_Item], gap: int) -> str:
        join = _EN_JOIN if self.wb else _ZH_JOIN
        out = ""
        first = True
        for kind, rx, _anchor, _lead in items:
            if kind == "gap":
                n = int(rx)
                piece = (
                    f"(?:{_EN_GAPWORD}{_EN_JOIN}){{0,{n}}}?" if self.wb else f"{_ZH_GAPCHAR}{{0,{n}}}?"
                )
                out += piece if first else join + piece
                first = True  # the gap already ends in a joiner
                continue
            if kind == "opt":
                out += f"(?:{rx}{join})?" if first else f"(?:{join}{rx})?"
                continue
            out += f"(?:{rx})" if first else join + f"(?:{rx})"
            first = False
        return out


def _tokenize(source: str) -> list[str] | None:
    """Split a match expression into words, {CONCEPT}s, parentheses, '|', '?', gaps."""
    tokens: list[str] = []
    i = 0
    n = len(source)
    while i < n:
        c = source[i]
        if c.isspace():
            i += 1
        elif source.startswith("<w>", i):
            tokens.append("<w>")
            i += 3
        elif c == "{":
            j = source.find("}", i)
            if j < 0:
                return None
            tokens.append(source[i : j + 1])
            i = j + 1
        elif c in "()|?":
            tokens.append(c)
            i += 1
        elif c == "}":
            return None
        else:
            j = i
            while j < n and not source[j].isspace() and source[j] not in "(){}|?":
                if source[j] == "\\" and j + 1 < n:
                    j += 1
                j += 1
            tokens.append(source[i:j])
            i = j
    depth = 0
    for t in tokens:
        depth += {"(": 1, ")": -1}.get(t, 0)
        if depth < 0:
            return None
    return tokens if depth == 0 else None


def _str_field(node: MDict, key: str, diags: DiagnosticList, *, required: bool) -> str | None:
    if key not in node:
        if required:
            diags.error(node.start, "missing-key", f"missing required key {key!r}")
        return None
    value = node[key]
    if not isinstance(value, str) or not value.strip():
        diags.error(node.mark_of(key), "lexicon-type", f"{key} must be a non-empty string")
        return None
    return value


def _int_field(node: MDict, key: str, default: int, diags: DiagnosticList, lo: int, hi: int) -> int:
    if key not in node:
        return default
    value = node[key]
    if not isinstance(value, int) or isinstance(value, bool) or not lo <= value <= hi:
        diags.error(node.mark_of(key), "lexicon-type", f"{key} must be an integer from {lo} to {hi}")
        return default
    return value


def compile_lexicon(data: Any, path: str = "<string>") -> tuple[Lexicon | None, list[Diagnostic]]:
    """Validate parsed lexicon data (MDict from scoring.yamlsrc) and compile it."""
    diags = DiagnosticList(path)
    if not isinstance(data, MDict):
        diags.error(getattr(data, "start", None), "lexicon-type", "a lexicon must be a mapping")
        return None, diags.sorted()
    for key in data:
        if key not in TOP_KEYS:
            diags.warning(data.key_mark(key), "unknown-key", f"unknown top-level key {key!r}")
    if "language" not in data:
        diags.error(data.start, "missing-key", "missing required key 'language'")
    comp = _Compiler(data, diags)

    defaults = data.get("defaults")
    if isinstance(defaults, MDict):
        comp.default_gap = _int_field(defaults, "gap", comp.default_gap, diags, 0, MAX_GAP)
        if "negatable" in defaults:
            if isinstance(defaults["negatable"], bool):
                comp.default_negatable = defaults["negatable"]
            else:
                diags.error(defaults.mark_of("negatable"), "lexicon-type", "negatable must be true or false")
    elif defaults is not None:
        diags.error(data.mark_of("defaults"), "lexicon-type", "defaults must be a mapping")

    concepts = data.get("concepts", MDict())
    if not isinstance(concepts, MDict):
        diags.error(data.mark_of("concepts"), "lexicon-type", "concepts must be a mapping of NAME: [words]")
        concepts = MDict()
    for name in concepts:
        if not isinstance(name, str) or not name.replace("_", "").isalnum():
            diags.error(concepts.key_mark(name), "concept-name", f"bad concept name {name!r}")
            continue
        comp.concept_src[name] = (concepts[name], concepts.mark_of(name))
    for name in list(comp.concept_src):
        comp.concept(name, concepts.key_mark(name))

    lex = Lexicon(comp.lang, comp.wb, [], _Negation(), path)

    fuzzy = data.get("fuzzy")
    if isinstance(fuzzy, MDict):
        lex.fuzzy_min = _int_field(fuzzy, "min_length", 5, diags, 3, 30)
        lex.fuzzy_max = _int_field(fuzzy, "max_distance", 1, diags, 0, 2)
        lex.fuzzy_long = _int_field(fuzzy, "long_length", 9, diags, 3, 40)
        lex.fuzzy_long_max = _int_field(fuzzy, "long_distance", 2, diags, 0, 2)
    elif fuzzy is not None:
        diags.error(data.mark_of("fuzzy"), "lexicon-type", "fuzzy must be a mapping")

    protected = data.get("protected_words", [])
    if not isinstance(protected, list) or not all(isinstance(w, str) for w in protected):
        msg = "protected_words must be a list of words"
        diags.error(data.mark_of("protected_words"), "lexicon-type", msg)
        protected = []

    # negation scopes
    neg = data.get("negation")
    if isinstance(neg, MDict):
        for key in neg:
            if key not in NEGATION_KEYS:
                diags.warning(neg.key_mark(key), "unknown-key", f"unknown negation key {key!r}")
        scopes = ("cues", "after", "denials", "non_cancelling", "conditions", "restarts", "bridges", "breaks")
        for key in scopes:
            if key in neg:
                src = neg[key]
                if isinstance(src, list):
                    src = "(" + " | ".join(str(s) for s in src) + ")"
                if not isinstance(src, str):
                    diags.error(neg.mark_of(key), "lexicon-type", f"negation.{key} must be an expression")
                    continue
                compiled = comp.compile_scoped(src, neg.mark_of(key), gap=comp.default_gap)
                if compiled is not None:
                    setattr(lex.negation, key, compiled)
        lex.negation.window = _int_field(neg, "window", 8, diags, 0, MAX_GAP)
        lex.negation.after_window = _int_field(neg, "after_window", 5, diags, 0, MAX_GAP)
    elif neg is not None:
        diags.error(data.mark_of("negation"), "lexicon-type", "negation must be a mapping")

    # patterns
    patterns = data.get("patterns", MList())
    if not isinstance(patterns, MList):
        diags.error(data.mark_of("patterns"), "lexicon-type", "patterns must be a list")
        patterns = MList()
    seen: dict[str, Mark | None] = {}
    # Adding a pattern to an RE2 set parses it without building a program: a cheap syntax check
    # (the precise RE2 message comes from compiling the pattern when the check fails).
    rset = re2.Set.SearchSet(_re2_options())
    for i, node in enumerate(patterns):
        where = patterns.mark_of(i)
        if not isinstance(node, MDict):
            diags.error(where, "lexicon-type", "each pattern must be a mapping")
            continue
        pat = _compile_pattern(node, comp, diags)
        if pat is None:
            continue
        if pat.id in seen:
            first = seen[pat.id]
            diags.error(node.mark_of("id"), "duplicate-id",
                        f"duplicate pattern id {pat.id!r} (first at line {first[0] if first else '?'})")
            continue
        seen[pat.id] = node.mark_of("id")
        try:
            rset.Add(pat.source)
        except re2.error:
            where = node.mark_of("regex") if "regex" in node else node.mark_of("match")
            if _compile_checked(pat.source, where, diags) is not None:
                diags.error(where, "regex-error", "does not compile in RE2")
            continue
        lex.patterns.append(pat)

    if diags.has_errors:
        return None, diags.sorted()


    lex._free_ids = frozenset(comp.free_ids)
    lex._scoped_leads = dict(comp.scoped_leads)
    lex._anchors = AnchorIndex(comp.wb)
    for i, pat in enumerate(lex.patterns):
        lex._anchors.add(i, pat.anchor)
    if lex._anchors.always:
        lex._unanchored = re2.Set.SearchSet(_re2_options())
        for i in lex._anchors.always:
            lex._unanchored.Add(lex.patterns[i].source)
        lex._unanchored.Compile()

    lex._known_words = frozenset(comp.words | {w.lower() for w in protected})
    index: dict[str, set[str]] = {}
    for w in sorted(comp.fuzzy_words):
        if len(w) < lex.fuzzy_min:
            continue
        depth = lex.fuzzy_long_max if len(w) >= lex.fuzzy_long else lex.fuzzy_max
        for key in _deletions(w, depth):
            index.setdefault(key, set()).add(w)
    lex._fuzzy_index = index
    # internal, fixed token pattern (not from data): Python's re is cheaper per call here
    lex._token_re = re.compile(r"[a-z]+(?:'[a-z]+)?" if comp.wb else r"\S")
    lex._sentence_re = _compile(r"[.!?;。]+(?:\s|$)|[。!?;]+|\s-\s|\s--\s")
    lex._clause_punct_re = _compile(r"[,:，、]\s?|\s-\s|\(|\)")
    return lex, diags.sorted()


def _compile_checked(rx: str, where: Mark | None, diags: DiagnosticList) -> Any | None:
    try:
        return _compile(rx)
    except re2.error as exc:
        diags.error(where, "regex-error", f"does not compile in RE2: {_re2_error_text(exc)}")
        return None


def _compile_pattern(node: MDict, comp: _Compiler, diags: DiagnosticList) -> Pattern | None:
    for key in node:
        if key not in PATTERN_KEYS:
            diags.warning(node.key_mark(key), "unknown-key", f"unknown pattern key {key!r}")
    pid = _str_field(node, "id", diags, required=True)
    category = _str_field(node, "category", diags, required=True)
    explanation = _str_field(node, "explanation", diags, required=True)
    kind = _str_field(node, "kind", diags, required=False)
    gap = _int_field(node, "gap", comp.default_gap, diags, 0, MAX_GAP)
    window = _int_field(node, "window", 4, diags, 0, MAX_GAP)
    negatable = node.get("negatable", comp.default_negatable)
    if not isinstance(negatable, bool):
        diags.error(node.mark_of("negatable"), "lexicon-type", "negatable must be true or false")
        negatable = True
    sources: list[str] = []
    parts: list[_Alternative] = []
    comp.free_regex = False
    if "match" in node and "regex" in node:
        diags.error(node.key_mark("regex"), "pattern-syntax", "give either match or regex, not both")
    if "match" in node:
        m = node["match"]
        items = m if isinstance(m, MList) else MList([m])
        if not isinstance(m, MList):
            match_mark = node.mark_of("match")
            items.item_marks = [match_mark] if match_mark is not None else []
        if not items:
            diags.error(node.mark_of("match"), "lexicon-type", "match must not be empty")
        for i, expr in enumerate(items):
            if not isinstance(expr, str) or not expr.strip():
                diags.error(items.mark_of(i), "lexicon-type", "each match must be a non-empty string")
                continue
            rx, expr_parts = comp.expression_anchored(expr, items.mark_of(i), gap=gap)
            if rx is not None:
                sources.append(rx)
                parts.extend(expr_parts)
    elif "regex" in node:
        r = node["regex"]
        if not isinstance(r, str) or not r:
            diags.error(node.mark_of("regex"), "lexicon-type", "regex must be a non-empty string")
        else:
            sources.append(r)
            parts.append(_Alternative(r, (), None))
            comp.free_regex = not anchors.regex_opens_at_start(r, comp.wb)
    else:
        diags.error(node.start, "missing-key", "a pattern needs match or regex")
    mid_word = comp.free_regex
    if not sources or pid is None or category is None or explanation is None:
        return None
    source = "|".join(f"(?:{s})" for s in sources) if len(sources) > 1 else sources[0]
    guards: dict[str, Any] = {}
    for key in ("requires", "unless", "unless_sentence", "unless_before", "unless_after", "unless_inside"):
        if key in node:
            g = node[key]
            if isinstance(g, list):
                g = "(" + " | ".join(str(s) for s in g) + ")"
            if not isinstance(g, str):
                diags.error(node.mark_of(key), "lexicon-type", f"{key} must be an expression")
                continue
            compiled = comp.compile_scoped(g, node.mark_of(key), gap=gap)
            if compiled is not None:
                guards[key] = compiled
    denied = _str_field(node, "denied", diags, required=False)
    also: list[str] = []
    if "also" in node:
        raw_also = node["also"]
        if isinstance(raw_also, str):
            raw_also = [raw_also]
        if not isinstance(raw_also, list) or not all(isinstance(c, str) and c for c in raw_also):
            diags.error(node.mark_of("also"), "lexicon-type", "also must be a category id or a list of them")
        else:
            also = list(raw_also)
    negated_after = node.get("negated_after", False)
    if not isinstance(negated_after, bool):
        diags.error(node.mark_of("negated_after"), "lexicon-type", "negated_after must be true or false")
        negated_after = False
    return Pattern(
        id=pid, category=category, kind=kind, explanation=explanation.strip(), source=source,
        negatable=negatable, window=window, denied=denied, also=tuple(also), negated_after=negated_after,
        anchor=tuple(a.anchor for a in parts), mid_word=mid_word,
        alt_sources=tuple(a.source for a in parts), alt_leads=tuple(a.lead for a in parts), **guards,
    )


def load_lexicon_text(text: str, path: str = "<string>") -> tuple[Lexicon | None, list[Diagnostic]]:
    data, diags = load_yaml_text(text, path)
    if data is None:
        return None, diags or [Diagnostic(path, None, None, "error", "empty", "the lexicon file is empty")]
    lex, more = compile_lexicon(data, path)
    if has_errors(diags):
        lex = None  # e.g. a duplicate key: the file does not mean what it seems to say
    return lex, sorted([*diags, *more], key=Diagnostic.sort_key)


def load_lexicon(path: str | Path) -> tuple[Lexicon | None, list[Diagnostic]]:
    """Load, validate and compile a lexicon YAML file; ``None`` when it has errors."""
    data, diags = load_yaml_file(path)
    if data is None:
        return None, diags or [
            Diagnostic(str(path), None, None, "error", "empty", "the lexicon file is empty")
        ]
    lex, more = compile_lexicon(data, str(path))
    if has_errors(diags):
        lex = None
    return lex, sorted([*diags, *more], key=Diagnostic.sort_key)


LEXICON_DIR = Path(__file__).parent / "data" / "lexicon"


@functools.cache
def builtin_lexicon(name: str) -> Lexicon:
    """A lexicon shipped in scoring/data/lexicon (compiled once per process)."""
    lex, diags = load_lexicon(LEXICON_DIR / f"{name}.yaml")
    if lex is None:
        raise ValueError("built-in lexicon has errors:\n" + "\n".join(d.format() for d in diags))
    return lex


def merge_hits(hits: Iterable[Hit]) -> list[Hit]:
    """Collapse overlapping hits of the same category into the earliest, longest one."""
    out: list[Hit] = []
    last_end: dict[str, int] = {}
    for h in sorted(hits, key=lambda h: (h.start, -h.end, h.pattern)):
        if last_end.get(h.category, -1) > h.start:
            continue
        out.append(h)
        last_end[h.category] = h.end
    return out


__all__: Sequence[str] = [
    "Hit", "Lexicon", "Pattern", "builtin_lexicon", "compile_lexicon", "load_lexicon",
    "load_lexicon_text", "merge_hits",
]
