"""Utterance normalisation with an exact map back to the original characters.

Detection runs on a canonical form of what the trainee typed: NFKC (full-width letters,
digits and punctuation become ASCII), invisible characters removed, case folded, quotes
straightened, whitespace collapsed, and - for English - masked or obfuscated words
undone (``id1ot``, ``sh!t``, ``a$$hole``, ``f u c k``, ``i.d.i.o.t``, ``stuuupid``) without
touching money or times (``$150``, ``£1,860``, ``9pm``). Chinese is mapped from traditional
to simplified characters one character at a time, so offsets stay 1:1, and spaces between
hanzi are dropped.

Every normalised character remembers the half-open range of original characters it came
from, so a match in the normalised text is reported as a span of the original utterance.

Work is linear in the input and capped: only the first ``MAX_CHARS`` characters of an
utterance are analysed (a collector utterance is a few hundred characters; a megabyte paste
costs the same as ``MAX_CHARS`` characters and the rest is ignored, never scanned).
"""

from __future__ import annotations

import functools
import importlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

# Characters beyond this index are not analysed (documented cap; see module docstring).
MAX_CHARS = 20_000

# Invisible characters used to split words past a filter. Category Cf covers most of these
# (U+200B-U+200F, U+202A-U+202E, U+2060-U+2064, U+2066-U+2069, U+FEFF, U+00AD); the explicit set
# is kept so the intent survives a Unicode version that recategorises one of them.
_INVISIBLE = frozenset(
    [chr(c) for c in range(0x200B, 0x2010)]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2060, 0x2070)]
    + ["\ufeff", "\u00ad", "\u034f", "\u180e", "\u115f", "\u1160", "\u3164", "\uffa0"]
    + [chr(c) for c in range(0xFE00, 0xFE10)]  # variation selectors
)

_QUOTES = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u02bc": "'",
    "\u0060": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-",
    "\u2026": "...",
}

# An e-mail address: "@", a domain label, a dot and a letter after it.
_EMAIL_TAIL = re.compile(r"@[^@.\s]+\.[^\W\d_]")
# Leetspeak substitutions applied only inside words (see _deobfuscate_token for the guards).
_LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i"}
_MASKS = frozenset("*#")
_CHAT_LETTERS = frozenset("uraiynkcbx")  # single letters that stand for words in chat ("u r a")
# A number followed by one of these is a time, ordinal, amount or unit, never leetspeak.
_UNIT_TOKEN = re.compile(
    r"[$£€¥]?\d[\d,.:/]*(?:st|nd|rd|th|am|pm|a\.m\.?|p\.m\.?|k|m|bn|x|s|h|hr|hrs|min|mins|sec|secs|"
    r"d|day|days|wk|wks|week|weeks|mo|month|months|yr|yrs|year|years|gb|mb|kg|km|mph|ish|pc|pcs|"
    r"percent|p)?[.,!?;:)\]'\"]*"
)
_EDGE_PUNCT = ".,;:?!\"'()[]{}<>"
_SENTENCE_END = frozenset(".,;:?!")


@dataclass(frozen=True)
class NormalizedText:
    """A normalised utterance and, per normalised character, its original [start, end)."""

    text: str
    original: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    lang: str
    truncated: bool = False

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) covering normalised [start, end); empty spans map to a point."""
        n = len(self.text)
        start = max(0, min(start, n))
        end = max(start, min(end, n))
        if end > start:
            return self.starts[start], self.ends[end - 1]
        if start < n:
            return self.starts[start], self.starts[start]
        point = self.ends[-1] if n else 0
        return point, point

    def original_text(self, start: int, end: int) -> str:
        a, b = self.span_to_original(start, end)
        return self.original[a:b]


# A working buffer: parallel lists of characters and their original ranges.
_Buf = tuple[list[str], list[int], list[int]]


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0x20000 <= o <= 0x2FFFF
        or 0xF900 <= o <= 0xFAFF
        or 0x3000 <= o <= 0x303F
        or 0xFF00 <= o <= 0xFFEF
    )


@functools.cache
def _t2s_table() -> dict[str, str]:
    """Traditional -> simplified, single characters only, from OpenCC's character table."""
    import opencc

    path = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    table: dict[str, str] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return table
    for line in lines:
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        src, targets = parts[0], parts[1].split(" ")
        # Only 1:1 character mappings keep offsets exact; OpenCC's table is all 1:1 today.
        if len(src) == 1 and targets and len(targets[0]) == 1 and targets[0] != src:
            table[src] = targets[0]
    return table


# Cyrillic and Greek letters that look like Latin ones ("іdіot" with Cyrillic і, "mоrоn" with
# Cyrillic о): in an English call they are disguise, not Russian or Greek. Lower case only:
# case folding comes first.
_LOOKALIKES = {
    "а": "a", "в": "b", "е": "e", "ё": "e", "і": "i", "ї": "i", "ј": "j", "к": "k",
    "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s",
    "ԁ": "d", "ɡ": "g", "ո": "n", "ս": "u", "α": "a", "β": "b", "ε": "e", "ι": "i", "κ": "k",
    "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x",
}


@functools.lru_cache(maxsize=4096)
def _fold_char(ch: str, lang: str) -> str:
    """NFKC + case fold + quote straightening of one non-ASCII character ('' drops it)."""
    if ch in _INVISIBLE:
        return ""
    cat = unicodedata.category(ch)
    if cat == "Cf" or cat == "Cc":
        return " " if ch in "\t\n\r\x0b\x0c\x85" else ""
    if ch in _QUOTES:
        return _QUOTES[ch]
    out = unicodedata.normalize("NFKC", ch)
    if lang == "en":
        # Strip accents (ídiot, stüpid): decompose and drop combining marks.
        out = "".join(c for c in unicodedata.normalize("NFKD", out) if not unicodedata.combining(c))
    elif all(unicodedata.combining(c) for c in out):
        return ""
    folded = []
    for c in out.casefold():
        c = _QUOTES.get(c, c)
        if c.isspace():
            c = " "
        elif lang == "zh":
            c = _t2s_table().get(c, c)
        else:
            c = _LOOKALIKES.get(c, c)
        folded.append(c)
    return "".join(folded)


def _fold(text: str, lang: str) -> _Buf:
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for i, ch in enumerate(text):
        if ch < "\x80":
            if ch.isspace() or ch < " ":
                out = " " if ch.isspace() else ""
            else:
                out = ch.lower() if "A" <= ch <= "Z" else ("'" if ch == "`" else ch)
        else:
            out = _fold_char(ch, lang)
        for c in out:
            chars.append(c)
            starts.append(i)
            ends.append(i + 1)
    return chars, starts, ends


def _collapse_spaces(buf: _Buf, *, drop_between_cjk: bool) -> _Buf:
    chars, starts, ends = buf
    out_c: list[str] = []
    out_s: list[int] = []
    out_e: list[int] = []
    n = len(chars)
    i = 0
    while i < n:
        c = chars[i]
        if c == " ":
            j = i
            while j < n and chars[j] == " ":
                j += 1
            # leading/trailing whitespace goes; a run becomes one space
            between_cjk = drop_between_cjk and out_c and j < n and _is_cjk(out_c[-1]) and _is_cjk(chars[j])
            if out_c and j < n and not between_cjk:
                out_c.append(" ")
                out_s.append(starts[i])
                out_e.append(ends[j - 1])
            i = j
            continue
        out_c.append(c)
        out_s.append(starts[i])
        out_e.append(ends[i])
        i += 1
    return out_c, out_s, out_e


def _is_letter(c: str) -> bool:
    return "a" <= c <= "z"


def _deobfuscate_token(tok: list[str]) -> list[str | None]:
    """Per character of one space-free token: its replacement ('' = drop) or None = keep."""
    n = len(tok)
    result: list[str | None] = [None] * n
    word = "".join(tok)
    letters = sum(1 for c in tok if _is_letter(c))
    if letters == 0 or _UNIT_TOKEN.fullmatch(word):
        return result
    if "@" in word and _EMAIL_TAIL.search(word):
        return result  # an e-mail address ("dumb@ss." is not: nothing follows its full stop)
    if "/" in word or word.startswith(("http", "www.")):
        return result

    # i.d.i.o.t / f-u-c-k / f_u_c_k: single letters joined by one separator, three or more.
    core = word.strip(_EDGE_PUNCT)
    if len(core) >= 5 and all(
        (_is_letter(c) if k % 2 == 0 else c in ".-_") for k, c in enumerate(core)
    ) and len(core) % 2 == 1:
        lead = word.index(core)
        for k in range(1, len(core), 2):
            result[lead + k] = ""
        return result

    def wordish(k: int) -> bool:
        return 0 <= k < n and (_is_letter(tok[k]) or tok[k] in _LEET or tok[k] in _MASKS)

    def letter(k: int) -> bool:
        return 0 <= k < n and _is_letter(tok[k])

    if letters < 2:
        return result
    for k, c in enumerate(tok):
        if c in _MASKS:
            if wordish(k - 1) or wordish(k + 1):
                result[k] = "*"
            continue
        sub = _LEET.get(c)
        if sub is None:
            continue
        if c == "$":
            nxt = k + 1
            while nxt < n and tok[nxt] == "$":
                nxt += 1
            if nxt < n and (tok[nxt].isdigit() or tok[nxt] in ".,"):
                continue  # money: $150, US$1,860
            if letter(k - 1) or (nxt < n and _is_letter(tok[nxt])):
                result[k] = sub
        elif c == "!":
            if letter(k - 1) and (letter(k + 1) or (k + 1 < n and tok[k + 1] in _LEET and letter(k + 2))):
                result[k] = sub
        elif c.isdigit():
            # inside a word (l0ser, id1ot) or at its edge next to at least two letters (1diot, sh1t)
            left, right = letter(k - 1), letter(k + 1)
            if left and right:
                result[k] = sub
            elif (left and letter(k - 2)) or (right and letter(k + 2)):
                neighbours_digits = (k > 0 and tok[k - 1].isdigit()) or (k + 1 < n and tok[k + 1].isdigit())
                if not neighbours_digits:
                    result[k] = sub
        elif c == "@" and letter(k + 1) and (k == 0 or letter(k - 1) or tok[k - 1] in _LEET):
            result[k] = sub
    _leet_digit_runs(tok, result)
    return result


def _leet_digit_runs(tok: list[str], result: list[str | None]) -> None:
    """Two or three leet digits with letters on both sides are letters too ("st00pid", "id10t");
    then a digit at the word's edge reads as a letter when the two characters beside it now do
    ("1d10t"). Plain numbers never change: they have no letters beside them."""
    n = len(tok)

    def leet_digit(k: int) -> bool:
        return 0 <= k < n and tok[k].isdigit() and tok[k] in _LEET

    def reads_letter(k: int) -> bool:
        if not 0 <= k < n:
            return False
        got = result[k]
        return _is_letter(tok[k]) if got is None else got.isalpha()

    k = 0
    while k < n:
        if not leet_digit(k) or result[k] is not None:
            k += 1
            continue
        j = k
        while j < n and leet_digit(j) and result[j] is None:
            j += 1
        if 2 <= j - k <= 3 and reads_letter(k - 1) and reads_letter(j):
            for m in range(k, j):
                result[m] = _LEET[tok[m]]
        k = j
    for k in (0, n - 1):
        if leet_digit(k) and result[k] is None:
            step = 1 if k == 0 else -1
            if reads_letter(k + step) and reads_letter(k + 2 * step) and not leet_digit(k + step):
                result[k] = _LEET[tok[k]]


def _deobfuscate(buf: _Buf) -> _Buf:
    """English: undo leetspeak and masking per token, join spaced-out letters, squeeze repeats."""
    chars, starts, ends = buf
    n = len(chars)
    out_c: list[str] = []
    out_s: list[int] = []
    out_e: list[int] = []

    # 1. token boundaries
    tokens: list[tuple[int, int]] = []
    i = 0
    while i < n:
        if chars[i] == " ":
            i += 1
            continue
        j = i
        while j < n and chars[j] != " ":
            j += 1
        tokens.append((i, j))
        i = j

    # 2. runs of >= 4 single-letter tokens ("f u c k") are one word: mark the spaces to drop
    drop_space_after: set[int] = set()
    run: list[int] = []

    def flush() -> None:
        # four or more ("f u c k", "i d i o t"); three only when they are not chat letters
        # ("s u e" is a word spelled out, "u r a" is "you are a")
        if len(run) >= 4 or (len(run) == 3 and not all(chars[tokens[t][0]] in _CHAT_LETTERS for t in run)):
            for t in run[:-1]:
                drop_space_after.add(t)
        run.clear()

    def gap(t: int) -> int:
        """Characters of the original text between token t - 1 and token t."""
        return starts[tokens[t][0]] - ends[tokens[t - 1][1] - 1]

    for t, (a, b) in enumerate(tokens):
        if len(run) >= 2 and gap(t) > 1 and gap(run[-1]) == 1:
            flush()  # "y o u  i d i o t": the wider gap in the original text is between words
        if b - a == 1 and _is_letter(chars[a]):
            run.append(t)
        elif b - a == 2 and _is_letter(chars[a]) and chars[a + 1] in _SENTENCE_END and run:
            run.append(t)  # "m o r o n." ends the word and the sentence
            flush()
        else:
            flush()
    flush()

    for t, (a, b) in enumerate(tokens):
        repl = _deobfuscate_token(chars[a:b])
        for k in range(a, b):
            r = repl[k - a]
            c = chars[k] if r is None else r
            if not c:
                continue
            # squeeze a letter repeated three or more times (stuuupid -> stupid)
            if (
                _is_letter(c)
                and len(out_c) >= 2
                and out_c[-1] == c
                and out_c[-2] == c
                and out_s[-1] >= starts[a]
                and out_s[-2] >= starts[a]
            ):
                out_e[-1] = ends[k]
                continue
            out_c.append(c)
            out_s.append(starts[k])
            out_e.append(ends[k])
        if t + 1 < len(tokens) and t not in drop_space_after:
            out_c.append(" ")
            out_s.append(starts[b])
            out_e.append(ends[b])
    return _squeeze_triples(out_c, out_s, out_e)


# Chat spellings expanded to the words lexicons are written in ("ur" -> "your"). Whole tokens
# only; each expansion keeps the original token's span.
CHAT_WORDS = {
    "u": "you", "ur": "your", "yr": "your", "ya": "you", "r": "are", "pls": "please",
    "plz": "please", "thx": "thanks", "thanx": "thanks", "ty": "thank you", "tmrw": "tomorrow",
    "tmr": "tomorrow", "tmoro": "tomorrow", "2moro": "tomorrow", "2morrow": "tomorrow",
    "2day": "today", "2nite": "tonight", "tonite": "tonight", "coz": "because", "cuz": "because",
    "cos": "because", "bc": "because", "b4": "before", "im": "i'm", "ive": "i've", "youre": "you're",
    "youll": "you'll", "youve": "you've", "dont": "don't", "wont": "won't", "cant": "can't",
    "didnt": "didn't", "doesnt": "doesn't", "isnt": "isn't", "arent": "aren't", "wasnt": "wasn't",
    "wouldnt": "wouldn't", "couldnt": "couldn't", "shouldnt": "shouldn't", "havent": "haven't",
    "hasnt": "hasn't", "thats": "that's", "whats": "what's", "theres": "there's", "theyre": "they're",
    "theyll": "they'll", "weve": "we've", "wanna": "want to", "gotta": "got to", "ppl": "people",
    "repo'd": "repossessed", "repoed": "repossessed", "repo's": "repossesses",
    "msg": "message", "txt": "text", "abt": "about", "rn": "right now", "nobodys": "nobody's",
    "noones": "no one's", "govt": "government", "dept": "department", "acct": "account",
    "a.m": "am", "p.m": "pm", "gonna": "going to",
}
_EDGE = ".,;:?!\"'()"


def _expand_chat(buf: _Buf) -> _Buf:
    chars, starts, ends = buf
    out_c: list[str] = []
    out_s: list[int] = []
    out_e: list[int] = []
    n = len(chars)
    i = 0
    while i < n:
        if chars[i] == " ":
            out_c.append(" ")
            out_s.append(starts[i])
            out_e.append(ends[i])
            i += 1
            continue
        j = i
        while j < n and chars[j] != " ":
            j += 1
        a, b = i, j
        while a < b and chars[a] in _EDGE:
            a += 1
        while b > a and chars[b - 1] in _EDGE:
            b -= 1
        expansion = CHAT_WORDS.get("".join(chars[a:b])) if b - a <= 7 else None
        for k in range(i, j):
            if expansion is not None and k == a:
                for c in expansion:
                    out_c.append(c)
                    out_s.append(starts[a])
                    out_e.append(ends[b - 1])
            if expansion is not None and a <= k < b:
                continue
            out_c.append(chars[k])
            out_s.append(starts[k])
            out_e.append(ends[k])
        i = j
    return out_c, out_s, out_e


def _squeeze_triples(chars: list[str], starts: list[int], ends: list[int]) -> _Buf:
    """After the 2-limit pass, letters that were repeated 3+ times in the input collapse to one."""
    out_c: list[str] = []
    out_s: list[int] = []
    out_e: list[int] = []
    n = len(chars)
    i = 0
    while i < n:
        c = chars[i]
        if (
            _is_letter(c)
            and i + 1 < n
            and chars[i + 1] == c
            and ends[i + 1] - starts[i + 1] > 1
        ):
            # chars[i+1] absorbed extra repeats: the original had >= 3 of this letter
            out_c.append(c)
            out_s.append(starts[i])
            out_e.append(ends[i + 1])
            i += 2
            continue
        out_c.append(c)
        out_s.append(starts[i])
        out_e.append(ends[i])
        i += 1
    return out_c, out_s, out_e


# Optional Chinese folding supplied by the zh helper (homophone obfuscations, separators
# between hanzi). Signature: fold(text) -> (folded, index_map) where index_map[i] is the index
# in ``text`` of folded character i (one extra trailing entry allowed).
_ZhFold = Callable[[str], tuple[str, list[int]]]


@functools.cache
def _zh_fold_hook() -> _ZhFold | None:
    try:
        zh = importlib.import_module("scoring.text.zh")
    except ImportError:
        return None
    fold = getattr(zh, "fold", None)
    return fold if callable(fold) else None


def _apply_zh_fold(buf: _Buf) -> _Buf:
    fold = _zh_fold_hook()
    if fold is None:
        return buf
    chars, starts, ends = buf
    folded, index_map = fold("".join(chars))
    if len(index_map) < len(folded):
        return buf  # a hook that breaks the contract is ignored rather than trusted
    out_s: list[int] = []
    out_e: list[int] = []
    for i in range(len(folded)):
        src = index_map[i]
        if not 0 <= src < len(chars):
            return buf
        out_s.append(starts[src])
        out_e.append(ends[src])
    return list(folded), out_s, out_e


# Plain English needs nothing but lower-casing: ASCII, single spaces, no leet, masks, spaced
# letters, letter runs, control characters or chat spellings. Such text (most utterances) takes
# a fast path with an identity offset map; anything else goes through the full pipeline.
_NEEDS_WORK = re.compile(
    r"[\x00-\x1f\x7f`]|  |^ | $|[A-Za-z][0-9@$!*#]|[0-9@$!*#][A-Za-z]|([A-Za-z])\1\1"
    r"|(?:^| )[A-Za-z](?:[ .\-_][A-Za-z]){2,}(?=$|[ .,!?])"
)


def _plain_english(text: str) -> bool:
    if not text.isascii() or _NEEDS_WORK.search(text):
        return False
    lowered = text.lower()
    return not any(tok.strip(_EDGE) in CHAT_WORDS for tok in lowered.split(" "))


def normalize(text: str, lang: str) -> NormalizedText:
    """Normalise one utterance for matching; see the module docstring for what is folded."""
    if lang == "en" and len(text) <= MAX_CHARS and _plain_english(text):
        n = len(text)
        return NormalizedText(text.lower(), text, tuple(range(n)), tuple(range(1, n + 1)), lang)
    truncated = len(text) > MAX_CHARS
    source = text[:MAX_CHARS] if truncated else text
    buf = _fold(source, lang)
    buf = _collapse_spaces(buf, drop_between_cjk=(lang == "zh"))
    buf = _apply_zh_fold(buf) if lang == "zh" else _expand_chat(_deobfuscate(buf))
    chars, starts, ends = buf
    return NormalizedText(
        text="".join(chars),
        original=text,
        starts=tuple(starts),
        ends=tuple(ends),
        lang=lang,
        truncated=truncated,
    )
