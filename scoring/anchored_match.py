"""Anchored RE2 matching at many start positions of one utterance, cheaply.

The lexicon finds a pattern's matches by anchored attempts at the places a match can begin
(see ``_Prepared.anchored_spans`` in ``scoring/lexicon.py``). ``re2``'s public ``match``
re-encodes the text and maps offsets on every call, about 6.7 µs a call measured here; the
compiled program underneath (``_Regexp._regexp``, the pybind ``RE2`` object) answers the same
question in about 1 µs when given the UTF-8 bytes once. google-re2 has kept that layout since
1.0; where it is missing we fall back to the public API, with identical results (a test
compares them).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

import re2

try:
    _ANCHOR_START: Any = re2._re2.RE2.Anchor.ANCHOR_START
except AttributeError:  # pragma: no cover - another google-re2 layout: public API only
    _ANCHOR_START = None
_NO_MATCH = (-1, -1)


def _utf8_len(ch: str) -> int:
    o = ord(ch)
    return 1 if o < 0x80 else 2 if o < 0x800 else 3 if o < 0x10000 else 4


@dataclass(frozen=True)
class EncodedText:
    """An utterance as UTF-8 bytes, with the character <-> byte offset maps it needs."""

    text: str
    data: bytes
    to_byte: list[int] | None  # None when the text is ASCII (offsets are the same)
    to_char: dict[int, int] | None

    @classmethod
    def of(cls, text: str) -> EncodedText:
        data = text.encode("utf-8", "surrogatepass")
        if len(data) == len(text):
            return cls(text, data, None, None)
        to_byte = [0, *accumulate(_utf8_len(c) for c in text)]
        return cls(text, data, to_byte, {b: i for i, b in enumerate(to_byte)})


def match_at(regex: Any, enc: EncodedText, pos: int, endpos: int | None = None) -> tuple[int, int] | None:
    """Span of the match of ``regex`` that starts exactly at ``pos`` (and ends by ``endpos``)."""
    end = len(enc.text) if endpos is None else endpos
    raw = getattr(regex, "_regexp", None)
    if raw is None or _ANCHOR_START is None:
        m = regex.match(enc.text, pos, end)
        return None if m is None else m.span()
    if enc.to_byte is None:
        a, b = raw.Match(_ANCHOR_START, enc.data, pos, end)[0]
        return None if a == -1 else (a, b)
    span = raw.Match(_ANCHOR_START, enc.data, enc.to_byte[pos], enc.to_byte[end])[0]
    if span == _NO_MATCH or enc.to_char is None:
        return None
    return enc.to_char[span[0]], enc.to_char[span[1]]


def match_first_at(
    regexes: Sequence[Any], enc: EncodedText, pos: int, endpos: int | None = None
) -> tuple[int, int] | None:
    """What ``A|B|...`` matches starting exactly at ``pos``, under leftmost-first rules: the span
    of the first of ``regexes`` that matches there. The hot loop of the lexicon, so it calls the
    raw binding directly and maps offsets once per call, not once per regex."""
    end = len(enc.text) if endpos is None else endpos
    to_byte, to_char = enc.to_byte, enc.to_char
    bpos, bend = (pos, end) if to_byte is None else (to_byte[pos], to_byte[end])
    for rx in regexes:
        raw = getattr(rx, "_regexp", None) if _ANCHOR_START is not None else None
        if raw is None:
            span = match_at(rx, enc, pos, endpos)
            if span is not None:
                return span
            continue
        a, b = raw.Match(_ANCHOR_START, enc.data, bpos, bend)[0]
        if a != -1:
            return (a, b) if to_char is None else (to_char[a], to_char[b])
    return None
