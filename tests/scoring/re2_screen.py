"""The plain RE2 answer to "which patterns of a lexicon match this text", for tests that hold
the lexicon's anchor screening to it."""

from __future__ import annotations

from typing import Any

import re2

from scoring.lexicon import Lexicon, _re2_options


class ScreeningSets:
    """Which patterns match a text, by RE2 sets of four patterns (one set of all thrashes)."""

    def __init__(self, lex: Lexicon) -> None:
        self.sets: list[tuple[Any, range]] = []
        for start in range(0, len(lex.patterns), 4):
            rset = re2.Set.SearchSet(_re2_options())
            chunk = range(start, min(start + 4, len(lex.patterns)))
            for i in chunk:
                rset.Add(lex.patterns[i].source)
            rset.Compile()
            self.sets.append((rset, chunk))

    def matching(self, text: str) -> list[int]:
        return [chunk[j] for rset, chunk in self.sets for j in rset.Match(text) or ()]


def skipped(lex: Lexicon, prep: Any, matching: set[int]) -> list[str]:
    """Patterns (and alternatives, as ``id#n``) that match the prepared text but that the
    lexicon's anchor screening would not run."""
    candidates = dict(lex._candidates(prep.text))
    out = []
    for i in sorted(matching):
        pat = lex.patterns[i]
        alts = candidates.get(i)
        if alts is None:
            out.append(pat.id)
            continue
        unrun = [n for n in pat.alternatives() if n not in alts]
        out += [f"{pat.id}#{n}" for n in unrun if pat.alternative(n).search(prep.text)]
    return out
