"""Anchors and anchored matching: the lexicon skips patterns that cannot match and finds spans
with anchored attempts only. Both must change nothing but speed; these tests hold them to the
plain RE2 answer (patterns screened by RE2 sets, spans from unanchored searches)."""

from __future__ import annotations

import functools
from typing import Any

import pytest
import re2
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.corpus_data import load_split
from scoring import anchors
from scoring.anchored_match import EncodedText, match_at, match_first_at
from scoring.lexicon import Lexicon, builtin_lexicon
from scoring.text.normalize import normalize
from tests.scoring.re2_screen import ScreeningSets, skipped

LEXICONS = ["en", "zh", "debtor_en", "debtor_zh", "collector_cues_en", "collector_cues_zh"]


@functools.cache
def corpus_lines(lang: str) -> list[str]:
    """Every 3rd collector line of dev and train, and the debtor turns of their contexts."""
    out: list[str] = []
    for split in ("dev", "train"):
        for item in load_split(lang, split)[::3]:
            out.append(item.text)
            out.extend(t.text for t in item.context)
    return out


def reference_spans(regex: Any, text: str) -> list[tuple[int, int]]:
    """Leftmost-first matches (RE2's own finditer), each narrowed to the latest-starting match
    inside it, found by trying every position with the public API."""
    out = []
    for m in regex.finditer(text):
        a, b = m.span()
        for p in range(b - 1, a, -1):
            inner = regex.match(text, p, b)
            if inner is not None and inner.end() > inner.start():
                a, b = inner.span()
                break
        out.append((a, b))
    return out


@functools.cache
def screening_set(name: str) -> ScreeningSets:
    return ScreeningSets(builtin_lexicon(name))


@pytest.mark.parametrize("name", LEXICONS)
def test_anchors_never_skip_a_pattern_that_matches(name: str) -> None:
    lex: Lexicon = builtin_lexicon(name)
    rset = screening_set(name)
    checked = 0
    for text in corpus_lines(lex.language):
        prep = lex.prepare(normalize(text, lex.language))
        matching = set(rset.matching(prep.text))
        missed = skipped(lex, prep, matching)
        assert not missed, (text, missed)
        checked += len(matching)
    assert checked > 100  # the corpus does exercise the patterns


@pytest.mark.parametrize("name", ["en", "zh", "debtor_en", "debtor_zh"])
def test_anchored_spans_equal_unanchored_search(name: str) -> None:
    lex = builtin_lexicon(name)
    rset = screening_set(name)
    compared = 0
    for text in corpus_lines(lex.language)[::2]:
        prep = lex.prepare(normalize(text, lex.language))
        for i in sorted(rset.matching(prep.text)):
            pat = lex.patterns[i]
            # Every alternative at once here (the unrun ones cannot match, test above).
            got = lex.pattern_spans(prep, pat, list(pat.alternatives()))
            assert got == reference_spans(pat.regex, prep.text), (text, pat.id)
            compared += 1
    assert compared > 100


def _scoped_regexes(lex: Any) -> list[Any]:
    guards = ("requires", "unless", "unless_sentence", "unless_before", "unless_after", "unless_inside")
    found = [getattr(pat, key) for pat in lex.patterns for key in guards]
    neg = lex.negation
    keys = ("cues", "after", "denials", "non_cancelling", "conditions", "restarts", "bridges", "breaks")
    found += [getattr(neg, key, None) for key in keys]
    return list({id(rx): rx for rx in found if rx is not None}.values())


@pytest.mark.parametrize("name", ["en", "zh", "debtor_en", "collector_cues_zh"])
def test_guard_and_negation_spans_equal_unanchored_search(name: str) -> None:
    # Guards and negation scopes are tried only where their leads start (or everywhere, for
    # a free regex): the spans must be what an unanchored search finds.
    lex = builtin_lexicon(name)
    regexes = _scoped_regexes(lex)
    assert len(regexes) > 2
    compared = 0
    for text in corpus_lines(lex.language)[::3]:
        prep = lex.prepare(normalize(text, lex.language))
        for rx in regexes:
            expected = [m.span() for m in rx.finditer(prep.text)]
            assert prep.spans(rx) == expected, (text, rx.pattern[:80])
            compared += bool(expected)
    assert compared > 100


@pytest.mark.parametrize(
    "text",
    ["we will sue you, we will", "我们会起诉你，我们会", "naïve café – we will sue 🙂 we will sue", ""],
)
def test_match_at_agrees_with_the_public_api(text: str) -> None:
    regex = re2.compile(r"we will(?: sue)?|我们会|🙂")
    enc = EncodedText.of(text)
    for pos in range(len(text) + 1):
        for end in (None, len(text), max(pos, len(text) - 3)):
            m = regex.match(text, pos, len(text) if end is None else end)
            assert match_at(regex, enc, pos, end) == (None if m is None else m.span()), (pos, end)


@pytest.mark.parametrize("text", ["we will sue you, we will", "sue we will", "我们会起诉你", ""])
def test_match_first_at_is_the_first_alternative_that_matches(text: str) -> None:
    alternatives = [re2.compile(r"we will sue"), re2.compile(r"we will|sue"), re2.compile(r"会起诉|we")]
    joined = re2.compile("|".join(f"(?:{rx.pattern})" for rx in alternatives))
    enc = EncodedText.of(text)
    for pos in range(len(text) + 1):
        for end in (None, max(pos, len(text) - 2)):
            m = joined.match(text, pos, len(text) if end is None else end)
            expected = None if m is None else m.span()
            assert match_first_at(alternatives, enc, pos, end) == expected, (pos, end)


def test_fallback_to_the_public_api_gives_the_same_spans() -> None:
    class PublicOnly:
        def __init__(self, rx: Any) -> None:
            self.match = rx.match

    regex = re2.compile(r"会起诉")
    enc = EncodedText.of("我们会起诉你")
    assert match_at(PublicOnly(regex), enc, 2) == match_at(regex, enc, 2) == (2, 5)
    assert match_at(PublicOnly(regex), enc, 1) is match_at(regex, enc, 1) is None


@pytest.mark.parametrize(
    ("word", "wb", "clause", "lead"),
    [
        ("sue", True, {"sue"}, {"sue"}),
        ("take you to court", True, {"court"}, {"take"}),  # the rarest run is required, the first leads
        ("don't", True, {"don"}, {"don"}),
        ("'ve got", True, {"got"}, None),  # a match may begin at the apostrophe: no word lead
        ("café", True, None, None),  # RE2's \b is ASCII-only: no run is certain
        ("起诉 你", False, {"起诉"}, {"起"}),
    ],
)
def test_literal_clause_and_lead(word: str, wb: bool, clause: set[str] | None, lead: set[str] | None) -> None:
    assert anchors.literal_clause(word, wb) == (None if clause is None else frozenset(clause))
    assert anchors.literal_lead(word, wb) == (None if lead is None else frozenset(lead))


def test_sequence_lead_and_conjunction() -> None:
    sue, we = frozenset({"sue"}), frozenset({"we", "i"})
    lead = anchors.sequence_lead([("opt", frozenset({"so"})), ("item", we), ("item", sue)])
    assert lead == {"so", "we", "i"}
    assert anchors.sequence_lead([("gap", None), ("item", sue)]) is None
    # the rare verb is checked first; both must be met
    assert anchors.conj([we, sue, None]) == (sue, we)
    assert anchors.union([we, None]) is None


def test_index_requires_every_clause_of_an_alternative() -> None:
    index = anchors.AnchorIndex(word_boundaries=True)
    index.add(0, [(frozenset({"sue"}), frozenset({"we", "i"}))])
    index.add(1, [(frozenset({anchors.MASK_KEY, "fuck"}),)])
    index.add(2, [()])  # nothing known: always a candidate
    assert index.candidates("we will sue") == {0: [0], 2: []}
    assert index.candidates("they will sue") == {2: []}
    assert index.candidates("what the f*ck") == {1: [0], 2: []}


@pytest.mark.parametrize("text", ["you id**t", "you i*iot!", "you idiot", "you *diot", "idi*t, id*ot"])
def test_masked_spellings_lead_with_a_prefix_of_the_word(text: str) -> None:
    """A masked spelling opens with the word's letters up to its first '*': with every prefix
    as a lead, its alternative is tried only there and still finds what plain RE2 finds."""
    import json

    from scoring.lexicon import load_lexicon_text

    assert anchors.masked_lead("idiot") == {"i", "id", "idi", "idio", "idiot"}
    assert anchors.masked_lead("café") is None
    src = json.dumps({
        "language": "en",
        "concepts": {"M": {"words": ["idiot"], "masked": True}},
        "patterns": [{"id": "p", "category": "x", "explanation": "x", "negatable": False, "match": "{M}"}],
    })
    lex, diags = load_lexicon_text(src)
    assert lex is not None, diags
    pat = lex.patterns[0]
    assert all(lead is not None for lead in pat.alt_leads)
    prep = lex.prepare(normalize(text, "en"))
    got = lex.pattern_spans(prep, pat, list(pat.alternatives()))
    assert got == reference_spans(pat.regex, prep.text)


def test_masked_spellings_are_candidates() -> None:
    lex = builtin_lexicon("en")
    cats = {h.category for h in lex.match(normalize("you f*cking idiot", "en"))}
    assert "abusive_language" in cats


# ---------------------------------------------------------------------------------------------
# Random lexicons: the anchors and leads are sound for any expression the format allows, not
# just for the built-in lexicons and the corpus.

_WORDS = ["we", "will", "sue", "you", "don't", "pay", "court", "'ll", "$5", "f*ck", "now", "the"]
_ZH_WORDS = ["我们", "会", "起诉", "你", "不", "还钱", "法院", "现在"]


def _expression(draw: Any, words: list[str], depth: int = 0) -> str:
    from hypothesis import strategies as st

    items: list[str] = []
    for _ in range(draw(st.integers(1, 4))):
        kinds = ["word", "word", "concept", "group", "gap", "w"] if depth < 2 else ["word"]
        kind = draw(st.sampled_from(kinds))
        if kind == "word":
            items.append(draw(st.sampled_from(words)))
        elif kind == "concept":
            items.append("{" + draw(st.sampled_from(["A", "B", "M", "R"])) + "}")
        elif kind == "group":
            alts = [_expression(draw, words, depth + 1) for _ in range(draw(st.integers(1, 3)))]
            items.append("(" + " | ".join(alts) + ")")
        elif kind == "gap" and items:
            items.append(f"...{draw(st.integers(0, 3))}")
        elif kind == "w":
            items.append("<w>")
        if items and items[-1][0] not in ".<" and draw(st.booleans()) and len(items) > 1:
            items[-1] += " ?"
    if all(i.startswith("...") or i.endswith("?") for i in items):
        items.append(draw(st.sampled_from(words)))
    return " ".join(items)


def _lexicon_yaml(lang: str, exprs: list[str], words: list[str]) -> str:
    import json

    concepts = {
        "A": {"words": words[:4], "inflect": "verb"} if lang == "en" else words[:4],
        "B": words[3:7],
        "M": {"words": ["fuck", "court"], "masked": True} if lang == "en" else {"regex": ["[0-9]+元"]},
        # one regex that opens at a word start, one that can open inside a word
        "R": {"regex": ["\\$[0-9]+", "ing\\b"]} if lang == "en" else {"regex": ["\\s?现在", "元"]},
    }
    pats = [
        {"id": f"p{i}", "category": "x", "explanation": "x", "negatable": False, "match": e}
        for i, e in enumerate(exprs)
    ]
    return json.dumps({"language": lang, "concepts": concepts, "patterns": pats}, ensure_ascii=False)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_random_lexicons_find_what_plain_re2_finds(lang: str) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from scoring.lexicon import load_lexicon_text

    words = _WORDS if lang == "en" else _ZH_WORDS
    sep = " " if lang == "en" else ""

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.data())
    def check(data: Any) -> None:
        exprs = [_expression(data.draw, words) for _ in range(data.draw(st.integers(1, 3)))]
        lex, diags = load_lexicon_text(_lexicon_yaml(lang, exprs, words))
        if lex is None:  # e.g. an alternative that can match empty text: a diagnostic, not a lexicon
            assert diags
            return
        sets = ScreeningSets(lex)
        for _ in range(6):
            extra = ["breaks", "12元", "now.", "nothing", "$12"]
            pieces = data.draw(st.lists(st.sampled_from([*words, *extra]), max_size=9))
            text = sep.join(pieces)
            prep = lex.prepare(normalize(text, lang))
            matching = set(sets.matching(prep.text))
            assert not skipped(lex, prep, matching), (exprs, text)
            for i in matching:
                pat = lex.patterns[i]
                got = lex.pattern_spans(prep, pat, list(pat.alternatives()))
                assert got == reference_spans(pat.regex, prep.text), (exprs, text, pat.id)

    check()


@pytest.mark.parametrize(
    ("rx", "wb", "opens"),
    [
        (r"\b(?:every|each) week", True, True),
        (r"[$£€¥][0-9]+", True, True),
        (r"(?:^|[.!?,;:] ?)(?:whatever)", True, True),
        (r"\$5", True, True),
        (r"ing\b", True, False),  # may begin inside "nothing"
        (r"(?:\bfoo)?bar", True, False),  # optional opening: unsure, so False
        (r"[a-z]+|\bx", True, False),
        (r"\s+x", True, False),
        (r"[^a]x", True, False),
        (r"[0-9]+元", False, True),  # every non-space character is a start without word boundaries
        (r"\s*你", False, False),
    ],
)
def test_where_a_free_regex_can_open_a_match(rx: str, wb: bool, opens: bool) -> None:
    assert anchors.regex_opens_at_start(rx, wb) is opens


def _joins_word(ch: str) -> bool:
    return ch.isalnum() and ch < "\u2e80"


@settings(max_examples=400, deadline=None)
@given(
    st.text(
        alphabet=st.one_of(
            st.characters(max_codepoint=0x3100),
            st.sampled_from("_ \u3000\u00a0\u2028\uff21\uff41\u4e00\U0001f600\u2e7f\u2e80"),
        ),
        max_size=40,
    )
)
def test_match_starts_are_word_starts_and_non_space_characters(text: str) -> None:
    """Where a match may begin: any non-space character, except inside a run of letters and
    digits below U+2E80 (word languages); any non-space character (Chinese)."""
    prep_en = builtin_lexicon("en").prepare(normalize("x", "en"))
    prep_en.text = text
    prep_zh = builtin_lexicon("zh").prepare(normalize("x", "zh"))
    prep_zh.text = text
    expected = [
        i for i, ch in enumerate(text)
        if not ch.isspace() and (i == 0 or not (_joins_word(ch) and _joins_word(text[i - 1])))
    ]
    assert prep_en.starts == expected
    assert prep_zh.starts == [i for i, ch in enumerate(text) if not ch.isspace()]


@pytest.mark.parametrize(
    ("lang", "text", "only_there"),
    [
        ("en", "we will sue you, $40 now or we will sue", "we"),
        ("zh", "我们会起诉你，现在还500元，不然我们会起诉", "我"),
    ],
)
def test_alternatives_with_leads_run_only_at_their_leads_beside_ones_without(
    lang: str, text: str, only_there: str
) -> None:
    """An alternative without leads (a free regex) is tried at every start; the pattern's other
    alternatives only where their lead words start, yet the spans are the plain RE2 answer."""
    import json

    from scoring.lexicon import load_lexicon_text

    free = "\\$[0-9]+ now" if lang == "en" else "[0-9]+元"
    lead = "we will sue" if lang == "en" else "我们会起诉"
    src = json.dumps(
        {
            "language": lang,
            "concepts": {"R": {"regex": [free]}},
            "patterns": [{"id": "p", "category": "x", "explanation": "x", "negatable": False,
                          "match": f"{{R}} | {lead}"}],
        },
        ensure_ascii=False,
    )
    lex, diags = load_lexicon_text(src)
    assert lex is not None, diags
    pat = lex.patterns[0]
    alts = tuple(pat.alternatives())
    assert pat.alt_leads[0] is None and pat.alt_leads[1] is not None
    prep = lex.prepare(normalize(text, lang))
    starts, regexes = prep.tries_for(pat, alts)
    free_rx, lead_rx = pat.alternative(0), pat.alternative(1)
    for p, tried in zip(starts, regexes, strict=True):
        at_lead = prep.text.startswith(only_there, p) and prep.word_at.get(p) in pat.alt_leads[1]
        assert tried == ([free_rx, lead_rx] if at_lead else [free_rx]), (p, prep.text[p:])
    assert sum(lead_rx in tried for tried in regexes) == 2  # both "we will sue" / 我们会起诉
    assert lex.pattern_spans(prep, pat, alts) == reference_spans(pat.regex, prep.text)
    assert len(reference_spans(pat.regex, prep.text)) == 3
