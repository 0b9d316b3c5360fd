"""Character folding for slot extraction (money, dates), with a map back to the original text.

Slot parsers need digits, currency signs and a handful of Chinese characters in one canonical
form, but must report spans into what the trainee typed. Every kept character folds to exactly
one character, and zero-width characters are dropped, so `index[i]` is the original offset of
folded character `i` (and `index[len(folded)] == len(original)`).

The detector's `scoring.text.normalize` does the full job for pattern matching (punctuation,
whitespace, every traditional character); this module is the minimum slot parsing needs, kept
one-to-one so amounts like "1,860.50" and "3/6" survive untouched.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

# Zero-width and invisible formatting characters people (or tricksters) paste into text
# (the same ranges the detector's normaliser removes).
_DROPPED = frozenset(
    [chr(c) for c in range(0x200B, 0x2010)]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2060, 0x2070)]
    + [chr(c) for c in range(0xFE00, 0xFE10)]
    + ["\ufeff", "\u00ad", "\u034f", "\u180e"]
)

# Traditional -> simplified for the characters that numbers and dates are written with.
# (The detector's normaliser converts everything with OpenCC; slots only need these.)
_TRAD_TO_SIMP = str.maketrans(
    {
        "兩": "两",
        "萬": "万",
        "億": "亿",
        "塊": "块",
        "錢": "钱",
        "號": "号",
        "禮": "礼",
        "後": "后",
        "週": "周",
        "個": "个",
        "點": "点",
        "圓": "圆",
        "貳": "贰",
        "參": "叁",
        "陸": "陆",
        "幾": "几",
        "幣": "币",
        "鎊": "镑",
        "歐": "欧",
        "這": "这",
        "來": "来",
        "過": "过",
        "單": "单",
        "雙": "双",
        "時": "时",
        "間": "间",
        "內": "内",
        "開": "开",
        "頭": "头",
        "發": "发",
        "資": "资",
    }
)


@functools.cache
def _opencc_t2s() -> dict[int, str]:
    """Every 1:1 traditional -> simplified character of OpenCC's table (as the detector's
    normaliser uses), so a slot in any traditional spelling reads like its simplified form."""
    try:
        import opencc

        path = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
        lines = path.read_text(encoding="utf-8").splitlines()
    except (ImportError, OSError):
        return {}
    table: dict[int, str] = {}
    for line in lines:
        parts = line.split("\t")
        if len(parts) >= 2 and len(parts[0]) == 1:
            target = parts[1].split(" ")[0]
            if len(target) == 1 and target != parts[0]:
                table[ord(parts[0])] = target
    return table


@dataclass(frozen=True, slots=True)
class Folded:
    text: str
    index: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets in the original text covering folded characters [start, end)."""
        if end <= start:
            pos = self.index[start]
            return pos, pos
        return self.index[start], self.index[end - 1] + 1


def _fold_char(ch: str) -> str:
    code = ord(ch)
    if 0xFF01 <= code <= 0xFF5E and ch != "，":
        # Full-width ASCII forms (１２３, ＄, ｋ). The full-width comma is left alone: in
        # Chinese it separates clauses ("付500，300下个月"), never thousands.
        ch = chr(code - 0xFEE0)
    elif ch == "\u3000":
        ch = " "
    elif ch == "￥":
        ch = "¥"
    elif ch == "￡":
        ch = "£"
    elif ch in "\u00a0\u2009\u202f":
        ch = " "
    lowered = ch.lower()
    if len(lowered) == 1:
        ch = lowered
    return ch.translate(_t2s())


@functools.cache
def _t2s() -> dict[int, str]:
    table = dict(_opencc_t2s())
    # Ours win: in amounts 參 is the financial numeral 叁 (three), not 参.
    table.update({code: str(simple) for code, simple in _TRAD_TO_SIMP.items()})
    return table


@functools.cache
def _fast_table() -> dict[int, str]:
    table: dict[int, str] = {code: chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F) if code != 0xFF0C}
    table.update({0x3000: " ", ord("￥"): "¥", ord("￡"): "£", 0xA0: " ", 0x2009: " ", 0x202F: " "})
    table.update(_t2s())
    return table


def fold(text: str) -> Folded:
    """Lower-case, fold full-width forms and a few traditional characters, drop zero-width ones."""
    if text.isascii():
        return Folded(text.lower(), tuple(range(len(text) + 1)))
    if _DROPPED.isdisjoint(text):
        # One C-level pass when nothing is dropped and lower-casing keeps every length
        # (it does for everything but a few letters such as "İ").
        table = _fast_table()
        lowered = text.translate(table).lower()
        if len(lowered) == len(text):
            return Folded(lowered.translate(table), tuple(range(len(text) + 1)))
    out: list[str] = []
    index: list[int] = []
    for pos, ch in enumerate(text):
        if ch in _DROPPED:
            continue
        out.append(_fold_char(ch))
        index.append(pos)
    index.append(len(text))
    return Folded("".join(out), tuple(index))
