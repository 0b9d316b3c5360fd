"""Anchors: the words a pattern cannot match without, used to skip patterns cheaply.

Running every pattern over every utterance is what a turn used to spend most of its time on:
RE2 builds its automaton lazily, and a line with words it has not met before makes every
pattern build new states. Yet most patterns cannot match most lines: ``{WE_SUBJ} ...6 {SUE_V}``
needs one of the "sue" verbs *and* one of the subjects. The compiler works out, for every
alternative of every pattern, such a conjunction of word sets (its *anchor*); at match time
a pattern runs only when all the sets of one of its alternatives are met.

A *clause* is a frozenset of keys, met when one of them occurs in the text; ``None`` when
nothing is known (a free ``regex:``, ``<w>``). Keys are

* runs of ``[a-z0-9_]`` in word languages (``word_boundaries: true``): RE2's ``\\b`` and ``\\w``
  are ASCII-only, so a literal ``don't`` bounded by ``\\b`` always shows ``don`` and ``t`` as
  whole runs in the text it matches;
* otherwise (Chinese, and ``*`` for masked spellings like ``f*ck``) pieces looked up as substrings.

Soundness is the one hard rule: if a pattern can match a text, one alternative has every
clause met. Which clauses to keep is a cost heuristic (rare words make good anchors).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

Clause = frozenset[str] | None
Conj = tuple[frozenset[str], ...]  # every clause must be met; () means nothing is known
# Where a match can begin: the first run (word languages) or first character of each literal
# that can open it; None when unknown (a leading gap, a free regex, a masked spelling).
Lead = frozenset[str] | None

MASK_KEY = "*"  # a masked spelling ("f*ck") needs an asterisk where the word has none
RUN = re.compile(r"[a-z0-9_]+")  # one word as RE2's ASCII-only \w and \b see it

# Words so frequent in collection calls that requiring one filters almost nothing: function
# words, pronouns and auxiliaries, plus the trade's everyday vocabulary.
COMMON_EN = frozenset(
    """
    a about after all also am an and any are as at back be because been before being but by
    call calling can could d did do does don for from get go going got had has have he her here
    him his how i if in into is it its just know let ll m make me more my need no not now of
    on one or our out re right s say see she so some t that the their them then there they this
    to today up us ve was we well were what when where which who why will with would you your
    yours account amount balance card debt due month money owe owed pay paid payment payments
    please sir madam mr mrs ms ok okay yes yeah thank thanks time week
    """.split()
)
# Characters too common in Chinese collection calls to make a useful anchor on their own.
COMMON_ZH = frozenset("的了是我你您他她们在有个这那就不也都和吗呢吧啊还要会说到给把被对一下钱款")
MAX_CLAUSES = 3  # clauses kept per alternative: the most selective ones


def literal_clause(word: str, word_boundaries: bool) -> Clause:
    """One key that occurs in any text a literal entry matches (as the lexicon builds it)."""
    if word_boundaries:
        if not word.isascii() or word != word.lower():
            return None
        runs = RUN.findall(word)
        return frozenset({min(runs, key=lambda r: (key_cost(r), -len(r), r))}) if runs else None
    pieces = [p for p in word.split(" ") if p]
    return frozenset({min(pieces, key=lambda p: (key_cost(p), -len(p), p))}) if pieces else None


def literal_lead(word: str, word_boundaries: bool) -> Lead:
    if word_boundaries:
        m = RUN.match(word)
        return frozenset({m.group()}) if m and word.isascii() and word == word.lower() else None
    return frozenset({word[0]}) if word and not word[0].isspace() else None


def masked_lead(word: str) -> Lead:
    """Leads of a masked spelling of ``word`` (``f*ck``, ``id**t``: the first and last letters as
    written, each inner one itself or ``*``, whole word). The run a match begins with is the
    word's letters up to the first ``*``, so one of the word's prefixes."""
    if not (word.isascii() and word.isalpha() and word == word.lower()):
        return None
    return frozenset(word[:k] for k in range(1, len(word) + 1))


def sequence_lead(items: Iterable[tuple[str, Lead]]) -> Lead:
    """Leads of a sequence of (kind, lead) items: its first required item's, and those of any
    optional items before it."""
    acc: set[str] = set()
    for kind, lead in items:
        if kind == "gap" or lead is None:
            return None
        acc |= lead
        if kind == "item":
            return frozenset(acc)
    return None


def key_cost(key: str) -> int:
    if RUN.fullmatch(key):
        return 40 if key in COMMON_EN else (8 if len(key) <= 2 else 1)
    if len(key) == 1:
        return 40 if key in COMMON_ZH or key == MASK_KEY else 10
    return 1


def cost(clause: frozenset[str]) -> int:
    """How often a clause is expected to be met (lower is more selective)."""
    return sum(key_cost(k) for k in clause)


def union(clauses: Iterable[Clause]) -> Clause:
    """Any of several alternatives: every alternative must be known."""
    out: set[str] = set()
    for c in clauses:
        if c is None:
            return None
        out |= c
    return frozenset(out)


def conj(clauses: Iterable[Clause]) -> Conj:
    """All of a sequence's required items: the most selective known clauses."""
    known = sorted({c for c in clauses if c is not None}, key=lambda c: (cost(c), sorted(c)))
    return tuple(known[:MAX_CLAUSES])


def clause_of(alternatives: Sequence[Conj]) -> Clause:
    """One clause for a group of alternatives (used inside a bigger sequence)."""
    return union(a[0] if a else None for a in alternatives)


# Above this many substring keys, slicing the text beats searching it once per key.
_SLICE_ABOVE = 64
# A clause as the index checks it: keys looked up among the text's runs, keys searched as substrings.
_Split = tuple[frozenset[str], tuple[str, ...]]


@dataclass
class AnchorIndex:
    """Pattern alternatives by the keys of their most selective clause."""

    word_boundaries: bool
    always: list[int] = field(default_factory=list)
    by_key: dict[str, list[tuple[int, int, tuple[_Split, ...]]]] = field(default_factory=dict)
    by_first: dict[str, list[str]] = field(default_factory=dict)  # substring keys by first character

    def add(self, index: int, alternatives: Sequence[Conj] | None) -> None:
        if not alternatives or any(not a for a in alternatives):
            self.always.append(index)
            return
        for n, alt in enumerate(alternatives):
            rest = tuple(self._split(c) for c in alt[1:])
            for key in sorted(alt[0]):
                if key not in self.by_key and not self._is_run(key):
                    self.by_first.setdefault(key[0], []).append(key)
                self.by_key.setdefault(key, []).append((index, n, rest))

    def _is_run(self, key: str) -> bool:
        return self.word_boundaries and RUN.fullmatch(key) is not None

    def _split(self, clause: frozenset[str]) -> _Split:
        runs = frozenset(k for k in clause if self._is_run(k))
        return runs, tuple(sorted(clause - runs))

    @functools.cached_property
    def _substring_keys(self) -> tuple[frozenset[str], tuple[int, ...]]:
        """Keys found as substrings (all of them without word boundaries), and their lengths.
        Read after the index is built: ``add`` is not called once matching starts."""
        keys = frozenset(k for group in self.by_first.values() for k in group)
        return keys, tuple(sorted({len(k) for k in keys}))

    def candidates(self, text: str) -> dict[int, list[int]]:
        """Patterns that may match ``text`` (a superset of those that do), each with the indices
        of its alternatives that may; patterns without anchors with ``[]`` (all of them)."""
        runs: set[str] = set(RUN.findall(text)) if self.word_boundaries else set()
        present = set(runs)
        keys, lengths = self._substring_keys
        if len(keys) > _SLICE_ABOVE:
            # Many substring keys (Chinese): every slice of a key's length, looked up at once.
            n = len(text)
            present |= keys.intersection([text[i : i + k] for k in lengths for i in range(n - k + 1)])
        else:
            by_first = self.by_first
            for ch in set(text):
                for key in by_first.get(ch, ()):
                    if key in text:
                        present.add(key)
        found: dict[int, set[int]] = {i: set() for i in self.always}
        by_key = self.by_key
        # Plain loops, not all()/any() over generators: this runs for every pattern entry of
        # every word of every line, and generator set-up was most of its cost.
        for key in present:
            for index, n, rest in by_key.get(key, ()):
                alts = found.get(index)
                if alts is not None and n in alts:
                    continue
                for clause_runs, clause_keys in rest:
                    if not clause_runs.isdisjoint(runs):
                        continue
                    for k in clause_keys:
                        if k in text:
                            break
                    else:
                        break  # this clause is not met
                else:
                    if alts is None:
                        found[index] = {n}
                    else:
                        alts.add(n)
        return {i: sorted(alts) for i, alts in found.items()}


# ---------------------------------------------------------------------------------------------
# Free regexes: where can their matches begin?

_OPTIONAL_AFTER = ("?", "*", "{0")


def regex_opens_at_start(rx: str, word_boundaries: bool) -> bool:
    """True when every match of ``rx`` begins where the lexicon tries matches anyway: at a
    word's first character or at a symbol (in word languages), at any non-space character
    (otherwise). Decided from the regex's first atom, conservatively: when unsure, False, and
    the pattern is then tried at every position."""
    alts = _top_level_alternatives(rx)
    return alts is not None and all(_alt_opens_at_start(a, word_boundaries) for a in alts)


def _alt_opens_at_start(alt: str, wb: bool) -> bool:
    if alt.startswith(("^", "\\b")):
        return True
    if alt.startswith("("):
        close = _closing(alt, 0, "(", ")")
        if close is None or alt[close + 1 : close + 3].startswith(_OPTIONAL_AFTER):
            return False
        inner = alt[3:close] if alt.startswith("(?:") else alt[1:close]
        return regex_opens_at_start(inner, wb)
    if alt.startswith("["):
        close = _closing(alt, 0, "[", "]")
        if close is None or alt.startswith("[^") or alt[close + 1 : close + 3].startswith(_OPTIONAL_AFTER):
            return False
        body = alt[1:close]
        return not any(c.isspace() for c in body) and (not wb or _no_word_chars(body))
    if alt.startswith("\\"):
        # \s, \w, \d, \pN ...: classes that may start in a word or at a space
        ch = alt[1:2]
        return bool(ch) and not ch.isalnum() and not alt[2:4].startswith(_OPTIONAL_AFTER)
    if not alt or alt[0].isspace() or alt[0] in ".|)" or alt[1:3].startswith(_OPTIONAL_AFTER):
        return False
    return not wb or not (alt[0].isalnum() or alt[0] == "_")


def _no_word_chars(body: str) -> bool:
    return not any(c.isalnum() or c == "_" for c in body.replace("\\", ""))


def _closing(text: str, i: int, open_: str, close: str) -> int | None:
    depth = 0
    j = i
    in_class = False
    while j < len(text):
        c = text[j]
        if c == "\\":
            j += 2
            continue
        if open_ == "(" and c == "[" and not in_class:
            in_class = True
        elif in_class and c == "]":
            in_class = False
        elif not in_class or open_ == "[":
            if c == open_:
                depth += 1
            elif c == close:
                depth -= 1
                if depth == 0:
                    return j
        j += 1
    return None


def _top_level_alternatives(rx: str) -> list[str] | None:
    out, depth, start, j, in_class = [], 0, 0, 0, False
    while j < len(rx):
        c = rx[j]
        if c == "\\":
            j += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(rx[start:j])
            start = j + 1
        j += 1
    if depth != 0:
        return None
    out.append(rx[start:])
    return out
