"""Make any trainee input safe to process, store and print; never raise.

A line may be empty, megabytes long, or full of control characters, lone surrogates (which
cannot be encoded to UTF-8 and would crash printing or JSON) or zero-width characters. Control
characters become spaces, surrogates become U+FFFD, over-long lines are cut with a notice.
Zero-width characters are kept: the detector's normaliser sees through them, and the transcript
must show what was really typed.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.engine.messages import message

MAX_LINE_CHARS = 1000

_TABLE: dict[int, int | str | None] = {}
for _code in range(0x20):
    _TABLE[_code] = " "
_TABLE[0x7F] = " "
for _code in range(0x80, 0xA0):
    _TABLE[_code] = " "
for _code in range(0xD800, 0xE000):
    _TABLE[_code] = "\ufffd"


@dataclass(frozen=True)
class CleanLine:
    text: str
    notices: tuple[str, ...]


def clean_line(raw: object, *, lang: str = "en", cap: int = MAX_LINE_CHARS) -> CleanLine:
    notices: list[str] = []
    if not isinstance(raw, str):
        if isinstance(raw, bytes):
            raw = raw.decode("utf-8", errors="replace")
        else:
            notices.append(message("not_text", lang, kind=type(raw).__name__))
            raw = "" if raw is None else str(raw)
    assert isinstance(raw, str)
    original_length = len(raw)
    # Cut before cleaning so a megabyte line costs no more than a capped one. Keep some slack
    # for leading whitespace that strip() removes.
    text = raw[: cap * 2] if original_length > cap * 2 else raw
    text = text.translate(_TABLE).strip()
    if len(text) > cap:
        text = text[:cap].rstrip()
        notices.append(message("cut", lang, cap=cap, length=original_length))
    return CleanLine(text=text, notices=tuple(notices))
