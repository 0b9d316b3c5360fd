"""Engine notices shown to the trainee, in the call's language (the product is bilingual)."""

from __future__ import annotations

from typing import Any

_MESSAGES: dict[str, dict[str, str]] = {
    "cut": {
        "en": "Your line was cut to {cap} characters (it had {length:,}).",
        "zh": "你的发言过长，已截断为 {cap} 个字符（原有 {length:,} 个）。",
    },
    "not_text": {
        "en": "Input of type {kind} was read as text.",
        "zh": "输入类型 {kind} 已按文本处理。",
    },
    "empty": {
        "en": "Nothing was said; the debtor is still waiting.",
        "zh": "你没有说话，对方还在等你开口。",
    },
    "ended": {
        "en": "The call has ended ({reason}); start a new call to go on.",
        "zh": "通话已结束（{reason}），请重新开始一通电话。",
    },
    "error": {
        "en": "The simulator could not process that line ({error}); the call goes on.",
        "zh": "模拟器无法处理这句话（{error}），通话继续。",
    },
    "turn_limit": {
        "en": "Sorry, I have to go now.",
        "zh": "不好意思，我得挂了。",
    },
    "you": {"en": "You: {text}", "zh": "你：{text}"},
    "typing_hint": {
        "en": "(type your lines; Enter sends, Ctrl-D ends the call)",
        "zh": "（输入你的话术；回车发送，Ctrl-D 结束通话）",
    },
    "debtor": {"en": "Debtor: {text}", "zh": "客户：{text}"},
    "call_ended": {
        "en": "-- call ended: {ended_by}; outcome: {outcome}",
        "zh": "-- 通话结束：{ended_by}；结果：{outcome}",
    },
    "none": {"en": "none", "zh": "无"},
    "score_line": {
        "en": (
            "Score: empathy {empathy}, legality {legality}, outcome {outcome}, overall {overall} — {verdict}"
        ),
        "zh": "得分：同理心 {empathy}，合规 {legality}，结果 {outcome}，总分 {overall} — {verdict}",
    },
    "passed": {"en": "passed", "zh": "通过"},
    "not_passed": {"en": "not passed", "zh": "未通过"},
    "auto_fail": {"en": " (automatic fail)", "zh": "（一票否决）"},
    "turn_n": {"en": "turn {n}", "zh": "第 {n} 轮"},
    "whole_call": {"en": "call", "zh": "整通电话"},
    "silence": {
        "en": "...",
        "zh": "……",
    },
}


def message(key: str, lang: str, **values: Any) -> str:
    """A fixed engine message; the templates are ours (never from YAML), so str.format is safe."""
    table = _MESSAGES[key]
    return table.get(lang, table["en"]).format(**values)
