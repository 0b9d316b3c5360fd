"""Lexicon format: validation with exact positions, compilation to RE2, matching machinery."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from scoring.lexicon import LEXICON_DIR, builtin_lexicon, load_lexicon, load_lexicon_text
from scoring.text.normalize import normalize

BASE = """\
language: en
concepts:
  YOU: [you, your]
  ARREST: {words: [arrest, jail], inflect: verb, fuzzy: true}
  NEG: [not, never, nobody, "won't", "don't", "no"]
  COND: [if, unless]
  RESTART: ["(we | i | you) ('ll | will)", "we'll", "you'll", "i'll"]
  NONCANCEL: ["{NEG} (like | want | make me)"]
  SWEAR: {words: [fuck, shit], masked: true}
negation:
  cues: "{NEG}"
  conditions: "{COND}"
  restarts: "{RESTART}"
  non_cancelling: "{NONCANCEL}"
  denials: "(that's not true)"
patterns:
  - id: arrest
    category: threat_arrest
    explanation: arrest threat
    denied: reassure
    match: ["{ARREST} ...3 {YOU}", "{YOU} ...4 {ARREST}"]
  - id: swear
    category: abusive_language
    explanation: profanity
    negatable: false
    match: "{SWEAR}"
"""


def compile_ok(text: str = BASE):
    lex, diags = load_lexicon_text(text, "t.yaml")
    assert lex is not None, [d.format() for d in diags]
    return lex


def errors_of(text: str) -> list[str]:
    lex, diags = load_lexicon_text(textwrap.dedent(text), "t.yaml")
    assert lex is None
    return [d.format() for d in diags if d.level == "error"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            """\
            language: en
            patterns:
              - id: p
                category: c
                explanation: e
                match: "{MISSING} you"
            """,
            "t.yaml:6:12: [error] unknown-concept: unknown concept {MISSING}",
        ),
        (
            """\
            language: en
            patterns:
              - id: p
                category: c
                explanation: e
                regex: "(unclosed"
            """,
            "t.yaml:6:12: [error] regex-error: does not compile in RE2: missing ): (unclosed",
        ),
        (
            """\
            language: en
            concepts:
              A: ["{B}"]
              B: ["{A}"]
            """,
            "concept-cycle",
        ),
        (
            """\
            language: en
            patterns:
              - id: p
                category: c
                match: "you"
            """,
            "t.yaml:3:5: [error] missing-key: missing required key 'explanation'",
        ),
        (
            """\
            language: xx
            """,
            "t.yaml:1:11: [error] lexicon-language",
        ),
        (
            """\
            language: en
            patterns:
              - id: p
                category: c
                explanation: e
                match: "(you | me"
            """,
            "t.yaml:6:12: [error] pattern-syntax",
        ),
        (
            """\
            language: en
            patterns:
              - id: p
                category: c
                explanation: e
                match: "(you)? ..."
            """,
            "t.yaml:6:12: [error] pattern-syntax: an alternative can match empty text",
        ),
        (
            """\
            language: en
            patterns:
              - {id: p, category: c, explanation: e, match: you}
              - {id: p, category: c, explanation: e, match: me}
            """,
            "t.yaml:4:10: [error] duplicate-id",
        ),
        (
            """\
            language: en
            patterns:
              - id: p
                category: c
                explanation: e
                match: "you ...99 me"
            """,
            "gap-too-large",
        ),
        (
            """\
            language: en
            concepts:
              MONEY: {regex: ['[0-9']}
            """,
            "t.yaml:3:19: [error] regex-error",
        ),
        (
            """\
            language: en
            patterns:
              - id: p
                category: c
                explanation: e
                match: "you"
                negatable: maybe
            """,
            "t.yaml:7:16: [error] lexicon-type: negatable must be true or false",
        ),
        (
            """\
            language: en
            language: zh
            """,
            "t.yaml:2:1: [error] duplicate-key",
        ),
        (
            """\
            language: en
            patterns: [
            """,
            "t.yaml:3:1: [error] yaml-syntax",
        ),
    ],
)
def test_validation_errors_have_exact_positions(text: str, expected: str) -> None:
    errs = errors_of(text)
    assert any(expected in e for e in errs), errs


def test_unknown_keys_are_warnings_not_errors() -> None:
    lex, diags = load_lexicon_text("language: en\nfrobnicate: 1\n", "t.yaml")
    assert lex is not None
    expected = "t.yaml:2:1: [warning] unknown-key: unknown top-level key 'frobnicate'"
    assert [d.format() for d in diags] == [expected]


@pytest.mark.parametrize(
    ("text", "pattern", "negated"),
    [
        ("we will arrest you", "arrest", False),
        ("We will ARREST you", "arrest", False),
        ("we will arrset you", "arrest", False),  # typo within one edit, same first letter
        ("you'll be arrested", "arrest", False),  # inflection
        ("nobody is going to arrest you", "arrest", True),
        ("you will not be arrested", "arrest", True),
        ("if you don't pay we'll arrest you", "arrest", False),  # negation inside the condition
        ("you won't like it when we arrest you", "arrest", False),  # non-cancelling negation
        ("we will arrest you. that's not true.", "arrest", True),  # denial in the next sentence
    ],
)
def test_matching_and_negation(text: str, pattern: str, negated: bool) -> None:
    hits = [h for h in compile_ok().match(text, include_negated=True) if h.pattern == pattern]
    assert hits, text
    assert hits[0].negated is negated


def test_negated_hit_reports_its_denied_category() -> None:
    hits = compile_ok().match("nobody is going to arrest you")
    assert [(h.pattern, h.category) for h in hits] == [("arrest.denied", "reassure")]


@pytest.mark.parametrize("text", ["f*ck", "F**K", "sh*t", "what the f u c k"])
def test_masked_words(text: str) -> None:
    assert [h.pattern for h in compile_ok().match(text)] == ["swear"]


def test_word_boundaries_and_hits_are_offsets_into_the_original() -> None:
    lex = compile_ok()
    assert lex.match("a jailbreak of yours") == []
    raw = "Ｗｅ　will\u200b ARREST ｙｏｕ"
    (hit,) = lex.match(raw)
    assert raw[hit.start : hit.end] == hit.text == "ARREST ｙｏｕ"


def test_hits_are_shrunk_to_the_tightest_match() -> None:
    (hit,) = compile_ok().match("you know what, you'll be arrested")
    assert hit.text == "you'll be arrested"


def test_gaps_do_not_cross_sentences() -> None:
    assert compile_ok().match("arrest. then you") == []


def test_zh_lexicon_matches_without_word_boundaries() -> None:
    lex = compile_ok(
        textwrap.dedent(
            """\
            language: zh
            concepts:
              JAIL: [坐牢, 拘留]
            patterns:
              - {id: jail, category: threat_arrest, explanation: e, match: "让你 ...4 {JAIL}"}
            """
        )
    )
    (hit,) = lex.match("不还钱就让你去坐牢")
    assert hit.text == "让你去坐牢"


def test_load_from_file_and_builtin_lexicons_are_clean(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(BASE, encoding="utf-8")
    lex, diags = load_lexicon(path)
    assert lex is not None and diags == []
    lex, diags = load_lexicon(LEXICON_DIR / "en.yaml")
    assert lex is not None
    assert [d.format() for d in diags] == []


def test_linear_time_on_adversarial_input() -> None:
    # RE2 guarantees it; this guards against someone adding a backtracking engine later.
    lex = compile_ok()
    text = ("you " * 5000) + "x"
    assert lex.match(text) == []


def test_compile_patterns_compiles_every_pattern_up_front() -> None:
    from scoring.lexicon import builtin_lexicon

    lex = builtin_lexicon("en")
    lex.compile_patterns()
    # The matcher runs alternatives, so those are what must be ready before the first line.
    assert all(len(p._alt_regexes) == len(p.alternatives()) for p in lex.patterns)
    assert sum(len(p.alternatives()) for p in lex.patterns) > len(lex.patterns)


def test_regex_syntax_in_a_match_expression_is_flagged_not_silently_literal() -> None:
    text = "language: zh\npatterns:\n  - {id: a, category: x, explanation: x, match: '周[一二] 还'}\n"
    lex, diags = load_lexicon_text(text)
    assert lex is not None  # a warning: the pattern still loads, as literal text
    assert [d.format() for d in diags] == [
        "<string>:3:49: [warning] literal-regex: '周[一二]' is matched as literal text: match "
        "expressions have no regex syntax; put a character class in a concept's `regex`"
    ]


def test_match_only_some_categories_is_the_full_match_filtered() -> None:
    """``only`` skips the other patterns; it must not change the hits it keeps (the debtor
    turns' payment-terms cues rely on it)."""
    from benchmarks.corpus_data import load_split

    lex = builtin_lexicon("collector_cues_en")
    wanted = frozenset({"instalment_terms", "pay_in_full_terms"})
    lines = [t.text for item in load_split("en", "dev") for t in item.context] + [
        "I could manage fifty a month from the 1st.",
        "I'll pay the whole £300 on Friday.",
    ]
    for text in lines:
        norm = normalize(text, "en")
        assert lex.match(norm, only=wanted) == [h for h in lex.match(norm) if h.category in wanted], text
    assert any(lex.match(normalize(text, "en"), only=wanted) for text in lines)
