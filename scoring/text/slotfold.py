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

from dataclasses import dataclass

# Zero-width and invisible formatting characters people (or tricksters) paste into text.
_DROPPED = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e")

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
    return ch.translate(_TRAD_TO_SIMP)


def fold(text: str) -> Folded:
    """Lower-case, fold full-width forms and a few traditional characters, drop zero-width ones."""
    out: list[str] = []
    index: list[int] = []
    for pos, ch in enumerate(text):
        if ch in _DROPPED:
            continue
        out.append(_fold_char(ch))
        index.append(pos)
    index.append(len(text))
    return Folded("".join(out), tuple(index))
