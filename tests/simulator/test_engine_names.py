"""The `wrong_name` signal: whom a line asks for by name, and whether that is the persona."""

from __future__ import annotations

import pytest

from scoring.model import Lang
from simulator.engine import start_call
from simulator.engine.names import asked_names, wrong_name
from simulator.scenario import find_scenario, load_scenario

EN = [
    # (line, names asked, wrong for Maria Lopez)
    ("Am I speaking with John Smith?", ["John Smith"], True),
    ("am i speaking with john", ["john"], True),
    ("Could I talk to Jennifer, please?", ["Jennifer"], True),
    ("I'm looking for Dana Cole.", ["Dana Cole"], True),
    ("Is Mr. Reid available?", ["Reid"], True),
    ("Is this Maria Lopez?", ["Maria Lopez"], False),
    ("Is Maria there?", ["Maria"], False),
    ("Could I speak to Mrs Lopez please", ["Lopez"], False),
    ("Am I speaking to Ms. Maria Lopez?", ["Maria Lopez"], False),
    ("Is this Maira Lopez?", ["Maira Lopez"], False),  # a slip of the keyboard is still her
    ("Hi, is this Maria Lopez's phone?", ["Maria Lopez"], False),
    ("Hi, this is Alex from Northbank. Am I speaking with Maria Lopez?", ["Maria Lopez"], False),
    # no name asked: never a wrong name
    ("Am I speaking with the account holder?", [], False),
    ("Is this a good time?", [], False),
    ("Is that you, Maria?", [], False),
    ("Is this still a good number for you?", [], False),
    ("Who am I speaking with?", [], False),
]

ZH = [
    # (line, names asked, wrong for 王芳)
    ("请问是张伟吗？", ["张伟"], True),
    ("请问是王强先生吗？", ["王强"], True),
    ("李娜在吗？", ["李娜"], True),
    ("找一下张经理。", ["张经理"], True),
    ("请问是王芳女士吗？", ["王芳"], False),
    ("请问您是王芳本人吗？", ["王芳"], False),
    ("麻烦找一下王芳。", ["王芳"], False),
    ("是不是王芳？", ["王芳"], False),
    ("请问是王先生吗？", ["王"], False),  # the surname alone may be her
    ("是小王吗？", ["小王"], False),
    ("喂，王芳是吧？", ["王芳"], False),
    ("你是王芳吧？", ["王芳"], False),
    ("张伟是吧？", ["张伟"], True),
    ("您好，王女士是吗？", ["王"], False),
    ("请问是哪位？", [], False),
    ("你是不是觉得我们好欺负？", [], False),
    ("您是机主本人吗？", [], False),
    ("这是王芳的电话吗？", [], False),
    ("请问您贵姓？", [], False),
]


@pytest.mark.parametrize(
    ("lang", "persona", "line", "names", "wrong"),
    [("en", "Maria Lopez", *case) for case in EN] + [("zh", "王芳", *case) for case in ZH],
)
def test_names_asked_for_and_whether_they_are_the_persona(
    lang: Lang, persona: str, line: str, names: list[str], wrong: bool
) -> None:
    assert [n.text for n in asked_names(line, lang)] == names
    assert (wrong_name(line, lang, persona) is not None) is wrong


def test_the_span_points_at_the_name() -> None:
    line = "Hi there, am I speaking with John Smith?"
    asked = wrong_name(line, "en", "Maria Lopez")
    assert asked is not None and line[asked.span.start : asked.span.end] == "John Smith"


@pytest.mark.parametrize(
    ("scenario", "wrong", "right"),
    [
        ("us-job-loss", "Hi, this is Alex from Northbank. Am I speaking with John Smith?",
         "Sorry, my mistake. Am I speaking with Maria Lopez?"),
        ("cn-job-loss", "您好，我是北方银行信用卡中心的小李，请问是张伟先生吗？",
         "不好意思，请问是王芳女士本人吗？"),
    ],
)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_persona_does_not_answer_to_another_name(
    scenario: str, wrong: str, right: str, seed: int
) -> None:
    loaded, _ = load_scenario(find_scenario(scenario))
    call = start_call(loaded, seed=seed)
    turn = call.say(wrong)
    assert "wrong_name" in {s.id for s in turn.signals}
    assert turn.state_after == "opening" and not turn.flags.get("identity_verified")
    turn = call.say(right)
    assert "wrong_name" not in {s.id for s in turn.signals}
    assert turn.state_after == "verified" and turn.flags["identity_verified"]
