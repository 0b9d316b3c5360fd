"""Chinese-specific folding for the detector, called by ``scoring.text.normalize`` for zh.

The language-neutral normaliser already applies NFKC, removes zero-width characters, converts
traditional to simplified characters and lower-cases. Chinese then needs one more step:

* ``fold``: spaces and filler symbols inside words (``傻 逼``, ``坐*牢``, ``s b``) and homophone or
  dialect spellings (``沙比``, ``煞笔``, ``唔会``, ``冇人``) are folded to one canonical spelling, so the
  lexicon lists each idea once. Every folded character remembers where it came from, so spans
  still point into the caller's text.

Negation and clause scope for Chinese are data, in the ``negation:`` section of
``scoring/data/lexicon/zh.yaml``. The variant table is one fixed-string google-re2 alternation:
linear time, no backtracking, whatever the input.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import re2
import yaml

# --- folding -----------------------------------------------------------------------------------

# Symbols people slip between the characters of a word to dodge filters. Removed only when they
# sit between two "tight" characters (CJK, or single Latin letters as in "s b").
_FILLERS = frozenset(" \t\u3000*_·・-~^'`\"|/\\+=#@&%.")

# Variant spelling -> canonical spelling. Keys are matched longest-first. Values are what the
# lexicon is written against. Keep each entry unambiguous in collection talk: a key must not be
# a substring of an ordinary word with another meaning.
VARIANTS_PATH = Path(__file__).resolve().parent.parent / "data" / "lexicon" / "zh_variants.yaml"


@lru_cache(maxsize=1)
def variants() -> dict[str, str]:
    """Variant spelling -> canonical spelling, from ``zh_variants.yaml`` (plain strings only)."""
    with VARIANTS_PATH.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{VARIANTS_PATH}: expected a mapping of variant: canonical")
    table: dict[str, str] = {}
    for key, value in data.items():
        # YAML may read 2b or 12 as numbers; the table is about spellings, so keep the text.
        k, v = str(key).lower(), str(value).lower()
        if not k or not v:
            raise ValueError(f"{VARIANTS_PATH}: empty variant or canonical spelling")
        table[k] = v
    return table


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF


def _is_latin(ch: str) -> bool:
    return ("a" <= ch <= "z") or ("A" <= ch <= "Z") or ("0" <= ch <= "9")


def _tight(text: str, i: int, step: int) -> bool:
    """Whether text[i] is a CJK character or a lone Latin letter (as in "s b", "t m d")."""
    ch = text[i]
    if _is_cjk(ch):
        return True
    if not _is_latin(ch):
        return False
    # A lone letter: the character on its far side is not a Latin letter.
    j = i + step
    return not (0 <= j < len(text) and _is_latin(text[j]))


def _drop_fillers(text: str) -> tuple[str, list[int]]:
    out: list[str] = []
    idx: list[int] = []
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        if ch in _FILLERS and out:
            j = i
            while j < n and text[j] in _FILLERS:
                j += 1
            if j - i >= 2 and text[i:j] == "-" * (j - i):
                # "——", the Chinese dash, ends a clause: a negation before it does not reach past
                # it ("我们不会再打你电话了——我们直接去你单位").
                out.append(",")
                idx.append(i)
                i = j
                continue
            # Look at the original characters either side of the filler run.
            if j < n and _tight(text, i - 1, -1) and _tight(text, j, 1) and j - i <= 3:
                i = j
                continue
            out.extend(text[i:j])
            idx.extend(range(i, j))
            i = j
            continue
        out.append(ch)
        idx.append(i)
        i += 1
    return "".join(out), idx


@lru_cache(maxsize=1)
def _variant_regex() -> re2._Regexp:
    keys = sorted(variants(), key=len, reverse=True)
    return re2.compile("|".join(re2.escape(k) for k in keys))


def fold(text: str) -> tuple[str, list[int]]:
    """Fold a normalised Chinese utterance to canonical spellings.

    Returns ``(folded, index_map)``: ``index_map[i]`` is the index in ``text`` of folded character
    ``i``; it has one extra final entry, ``len(text)``, so end offsets map too. Input is expected
    to be lower-cased already (the normaliser does that); folding is idempotent.
    """
    stripped, idx1 = _drop_fillers(text)
    out: list[str] = []
    idx: list[int] = []
    pos = 0
    for m in _variant_regex().finditer(stripped):
        s, e = m.start(), m.end()
        # A Latin variant ("nc", "2b") only counts as a whole token, never inside "finance".
        if (_is_latin(stripped[s]) and s > 0 and _is_latin(stripped[s - 1])) or (
            _is_latin(stripped[e - 1]) and e < len(stripped) and _is_latin(stripped[e])
        ):
            continue
        out.append(stripped[pos:s])
        idx.extend(idx1[pos:s])
        canon = variants()[m.group()]
        out.append(canon)
        # Spread the canonical characters over the variant they replace, first to first and last
        # to last, so a span over the canonical word covers the whole variant in the original.
        c_len, v_len = len(canon), e - s
        for k in range(c_len):
            src = s + (k * (v_len - 1) + (c_len - 1) // 2) // (c_len - 1) if c_len > 1 else s
            idx.append(idx1[min(src, e - 1)])
        pos = e
    out.append(stripped[pos:])
    idx.extend(idx1[pos:])
    idx.append(len(text))
    return "".join(out), idx


def map_span(index_map: list[int], start: int, end: int) -> tuple[int, int]:
    """Map a ``[start, end)`` span of folded text back to the text given to ``fold``."""
    if start >= end:
        o = index_map[start]
        return o, o
    o_start = index_map[start]
    # End: the source position just after the last folded char. When several folded chars share a
    # source start (a replaced variant) take the next distinct source index.
    nxt = index_map[end]
    last = index_map[end - 1]
    o_end = nxt if nxt > last else last + 1
    return o_start, o_end


__all__ = ["VARIANTS_PATH", "fold", "map_span", "variants"]
