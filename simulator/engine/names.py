"""Whom a trainee line asks for by name, and whether that is the persona.

"Am I speaking with John Smith?" to Maria Lopez must not be answered "Yes, speaking": the
engine derives the `wrong_name` signal when a line that asks for the debtor (the detector's
`identity_verification` or the library's `ask_for_debtor`) names someone else, and a scenario
reacts to it like any other signal. Only an explicit name counts: "Am I speaking with the
account holder?" names nobody, so it is never a wrong name.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from scoring.model import Lang, Span

ASKS_FOR_DEBTOR = frozenset({"identity_verification", "ask_for_debtor"})

# Where an English line puts the name it asks for.
_EN_CUE = re.compile(
    r"\b(?:speak(?:ing)?|talk(?:ing)?)\s+(?:with|to)\s+"
    r"|\b(?:is|was)\s+(?:this|that|it)\s+"
    r"|\b(?:looking|asking)\s+for\s+"
    r"|\bput\s+me\s+through\s+to\s+"
    r"|\b(?:is|are)\s+(?=[\w'.-]+(?:\s+[\w'.-]+){0,2}\s+(?:there|in|home|around|available|about)\b)",
    re.IGNORECASE,
)
_HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. miss dr dr. mister sir madam ma'am".split())
# Words that end a name, or show that what follows is not one ("the account holder").
_EN_STOP = frozenset(
    """the a an someone somebody anyone anybody you your yours her him his them they me my our who
    whoever whom person account holder owner customer debtor card cardholder please today now about
    regarding re there in home available around right correct speaking here at on for from with and
    or but by this that it one number line phone household house husband wife son daughter mother
    father mum mom dad partner friend family relative brother sister still currently yes no ok okay
    hi hello again back""".split()
)
_EN_TOKEN = re.compile(r"[^\W\d_][\w'-]*", re.UNICODE)

_HAN = r"[\u4e00-\u9fff]"
_ZH_ASK = (
    re.compile(rf"是(?:不是)?(?P<n>{_HAN}{{1,3}}?)(?:先生|女士|小姐)?(?:本人)?(?:吗|嘛|么|不|是吧|对吧|吧|？|\?)"),
    re.compile(rf"找(?:一下|下)?(?P<n>{_HAN}{{1,3}}?)(?:先生|女士|小姐)?(?:在吗|接电话|，|,|。|？|\?|$)"),
    re.compile(rf"(?:^|[，,。？?！!\s])(?P<n>{_HAN}{{1,3}}?)(?:先生|女士|小姐)?在(?:家)?吗"),
    # "喂，王芳是吧？": the name first, then the check
    re.compile(rf"(?:^|[，,。？?！!\s])(?:喂|你好|您好)?[，,]?(?P<n>{_HAN}{{2,3}}?)(?:先生|女士|小姐)?(?:是吧|是吗|是不是|对吧|对吗)"),
    re.compile(rf"(?:^|[，,。？?！!\s])(?:喂|你好|您好)?[，,]?(?P<n>{_HAN})(?:先生|女士|小姐)(?:是吧|是吗|是不是|对吧|对吗)"),
)
# Not names: pronouns, roles and question words that the patterns above can also catch.
_ZH_NOT_NAME = re.compile(
    r"[你您我他她它这那谁哪的了不没本人机主户主持卡位家属号码电话请问吧吗呢啊嘛么呀哦喂好]"
)
_ZH_HONORIFICS = ("先生", "女士", "小姐")
_ZH_FAMILIAR = ("小", "老", "阿")


@dataclass(frozen=True)
class AskedName:
    text: str
    span: Span


def asked_names(text: str, lang: Lang) -> list[AskedName]:
    """The names a line asks for, in order (empty when it names nobody)."""
    return _zh_asked(text) if lang == "zh" else _en_asked(text)


def _en_asked(text: str) -> list[AskedName]:
    out: list[AskedName] = []
    for cue in _EN_CUE.finditer(text):
        words: list[re.Match[str]] = []
        pos = cue.end()
        while len(words) < 3:
            m = _EN_TOKEN.match(text, pos)
            if m is None:
                break
            word = m.group().lower()
            if word in _HONORIFICS or word.rstrip(".") in _HONORIFICS:
                pos = _skip_space(text, m.end() + (1 if text[m.end() : m.end() + 1] == "." else 0))
                continue
            if word.removesuffix("'s") in _EN_STOP:
                break
            words.append(m)
            after = m.end()
            if word.endswith("'s") or text[after : after + 1] not in (" ", "\t"):
                break  # "Maria's husband", "Maria?", "Maria, ..."
            pos = _skip_space(text, after)
        if words:
            start, end = words[0].start(), words[-1].end()
            out.append(AskedName(text[start:end].removesuffix("'s"), Span(start=start, end=end)))
    return out


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    return pos


def _zh_asked(text: str) -> list[AskedName]:
    out: dict[tuple[int, str], AskedName] = {}
    for pattern in _ZH_ASK:
        for m in pattern.finditer(text):
            name = m.group("n")
            for honorific in _ZH_HONORIFICS:  # a lazy match can still swallow one: 王女士
                name = name.removesuffix(honorific)
            if not name or _ZH_NOT_NAME.search(name):
                continue
            start = m.start("n")
            out.setdefault((start, name), AskedName(name, Span(start=start, end=start + len(name))))
    return [out[k] for k in sorted(out)]


def is_the_persona(asked: str, persona_name: str, lang: Lang) -> bool:
    """Whether an asked-for name can mean the persona: any of its words (first name, surname)
    in English, with one slip of the keyboard allowed; in Chinese the full name, the given
    name, or the surname alone (李先生, 小李)."""
    if lang == "zh":
        name = asked
        for familiar in _ZH_FAMILIAR:
            if len(name) == 2 and name.startswith(familiar):
                name = name[1:]
        persona = persona_name.strip()
        return bool(persona) and (
            name == persona or (len(name) == 1 and persona.startswith(name)) or name == persona[1:]
        )
    persona_words = {w.lower() for w in _EN_TOKEN.findall(persona_name)}
    for word in (w.lower() for w in _EN_TOKEN.findall(asked)):
        for own in persona_words:
            if word == own or (
                min(len(word), len(own)) >= 4 and difflib.SequenceMatcher(None, word, own).ratio() >= 0.8
            ):
                return True
    return False


def wrong_name(text: str, lang: Lang, persona_name: str) -> AskedName | None:
    """The first name the line asks for when none of them is the persona's, else None."""
    names = asked_names(text, lang)
    if not names or any(is_the_persona(n.text, persona_name, lang) for n in names):
        return None
    return names[0]
