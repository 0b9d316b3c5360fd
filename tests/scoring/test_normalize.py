"""Normalisation: canonical text for matching, with exact offsets back to the original."""

from __future__ import annotations

import pytest

from scoring.text.normalize import MAX_CHARS, normalize


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("You IDIOT", "you idiot"),
        ("Ｙｏｕ　ｉｄｉｏｔ１２３", "you idiot123"),  # full-width letters, digits, ideographic space
        ("id\u200biot", "idiot"),  # zero-width space
        ("id\u200c\u200d\u2060\ufeffiot", "idiot"),  # other invisibles
        ("stu\u00adpid", "stupid"),  # soft hyphen
        ("a\u202eb\u202cc", "abc"),  # bidi controls
        ("don\u2019t", "don't"),
        ("\u201cquoted\u201d", '"quoted"'),
        ("  lots\t of\n\n space  ", "lots of space"),
        ("ídiot", "idiot"),  # accents stripped for en
        ("id1ot", "idiot"),
        ("1diot", "idiot"),
        ("l0ser", "loser"),
        ("st00pid", "stoopid"),  # a run of leet digits between letters
        ("1d10t", "idiot"),  # the edge digit reads once the run beside it does
        ("covid19", "covid19"),  # 9 is no letter, so neither is the 1 beside it
        ("0161 496 0732", "0161 496 0732"),  # numbers have no letters beside them
        ("room 1001", "room 1001"),
        ("sh!t", "shit"),
        ("a$$hole", "asshole"),
        ("$hit", "shit"),
        ("@sshole", "asshole"),
        ("f*cking", "f*cking"),  # masks stay; the lexicon's masked words match them
        ("f##k", "f**k"),
        ("f u c k you", "fuck you"),
        ("what a m o r o n.", "what amoron."),  # the lexicon splits the article off again
        ("u r a", "you are a"),  # chat letters stay apart, and read as words
        ("y o u  i d i o t", "you idiot"),  # the wider gap in the original is between the words
        ("you \u0456d\u0456ot", "you idiot"),  # Cyrillic i
        ("y\u043eu m\u043er\u043en", "you moron"),  # Cyrillic o
        ("i.d.i.o.t", "idiot"),
        ("i-d-i-o-t", "idiot"),
        ("stuuupid", "stupid"),
        ("idiooooot", "idiot"),
        ("cooperate", "cooperate"),  # a double letter is real spelling
        ("pay $150 by 9pm", "pay $150 by 9pm"),
        ("£1,860 on the 1st", "£1,860 on the 1st"),
        ("US$150 at 10am, 5k, 3rd", "us$150 at 10am, 5k, 3rd"),
        ("john@example.com", "john@example.com"),
        ("email help@acme.co.uk.", "email help@acme.co.uk."),
        ("back off, dumb@ss.", "back off, dumbass."),  # a full stop with nothing after it ends no address
        ("what!?", "what!?"),
        ("I owe 2 people", "i owe 2 people"),
        ("car gets repo'd", "car gets repossessed"),  # slang past tense, as a chat spelling
    ],
)
def test_english_normalisation(raw: str, expected: str) -> None:
    assert normalize(raw, "en").text == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("我們不會聯繫您的家人", "我们不会联系您的家人"),  # traditional -> simplified
        ("我 们 不 会", "我们不会"),  # spaces between hanzi dropped
        ("还款１２３元", "还款123元"),  # full-width digits
        ("你好ＳＢ", "你好sb"),
        ("坐\u200b牢", "坐牢"),
    ],
)
def test_chinese_normalisation(raw: str, expected: str) -> None:
    assert normalize(raw, "zh").text == expected


def test_traditional_to_simplified_is_one_to_one() -> None:
    raw = "頭髮後來說話還錢銀行"
    norm = normalize(raw, "zh")
    assert len(norm.text) == len(raw)
    assert all(norm.span_to_original(i, i + 1) == (i, i + 1) for i in range(len(raw)))


@pytest.mark.parametrize(
    ("raw", "word"),
    [
        ("You ID1OT!!", "idiot"),
        ("f u c k off", "fuck"),
        ("stuuupid", "stupid"),
        ("go \u200bi\u200bd\u200bi\u200bo\u200bt", "idiot"),
        ("Ｙｏｕ　ａｒｅ　ａ　ｌｏｓｅｒ", "loser"),
        ("i.d.i.o.t", "idiot"),
        ("what an 1d10t", "idiot"),
        ("you m\u043er\u043en", "moron"),
    ],
)
def test_spans_map_back_to_the_original_characters(raw: str, word: str) -> None:
    norm = normalize(raw, "en")
    start = norm.text.index(word)
    a, b = norm.span_to_original(start, start + len(word))
    original = raw[a:b]
    # the original slice is exactly the obfuscated word: nothing before or after it
    assert normalize(original, "en").text == word
    assert not original[0].isspace() and not original[-1].isspace()


def test_span_of_whole_text_and_empty_spans() -> None:
    raw = "  Hello   world  "
    norm = normalize(raw, "en")
    assert norm.text == "hello world"
    assert raw[slice(*norm.span_to_original(0, len(norm.text)))] == "Hello   world"
    assert norm.span_to_original(3, 3) == (5, 5)
    assert norm.span_to_original(0, 999) == (2, 15)


def test_empty_and_invisible_only_input() -> None:
    assert normalize("", "en").text == ""
    assert normalize("\u200b\u200b", "en").text == ""
    assert normalize("\u200b", "en").span_to_original(0, 0) == (0, 0)


def test_megabyte_input_is_capped() -> None:
    raw = "you idiot " * 200_000  # 2,000,000 characters
    norm = normalize(raw, "en")
    assert norm.truncated
    assert len(norm.text) <= MAX_CHARS
    assert norm.original is raw
