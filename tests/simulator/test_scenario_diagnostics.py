"""Broken scenario snippets -> the exact diagnostics (line, col, level, code) they must produce.

Each case edits one spot of a valid minimal scenario (scenario_data/minimal.yaml); the
expected positions are those of the edited YAML node, counted by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.scenario import load_scenario, load_scenario_text, validate_paths

DATA = Path(__file__).parent / "scenario_data"
MINIMAL = (DATA / "minimal.yaml").read_text(encoding="utf-8")

Expected = list[tuple[int | None, int | None, str, str]]


def edited(old: str, new: str) -> str:
    assert MINIMAL.count(old) == 1, f"edit anchor must be unique: {old!r}"
    return MINIMAL.replace(old, new)


def positions(text: str) -> Expected:
    _scenario, diags = load_scenario_text(text, "s.yaml")
    return [(d.line, d.col, d.level, d.code) for d in diags]


def test_minimal_scenario_is_clean() -> None:
    scenario, diags = load_scenario(DATA / "minimal.yaml")
    assert diags == []
    assert scenario is not None
    assert scenario.id == "test-minimal"
    # `on:` is read as the key "on", not YAML 1.1's boolean true.
    assert scenario.transitions[0].on == ["identity_verification"]
    assert scenario.transitions[1].when is not None
    assert scenario.transitions[1].when.slot == "amount"


CASES: list[tuple[str, str, str, Expected]] = [
    # -- shape: keys and types
    (
        "unknown top-level key",
        "initial: opening\n",
        "initial: opening\nmax_turn: 10\n",
        [(23, 1, "error", "unknown-key")],
    ),
    (
        "unknown nested key",
        '    fallback: ["Who is this?"]',
        '    fallbak: ["Who is this?"]',
        [(26, 5, "error", "unknown-key")],
    ),
    (
        "missing top-level key points at the root mapping",
        "title: Minimal scenario\n",
        "",
        [(1, 1, "error", "missing-key")],
    ),
    (
        "missing nested key points at its parent mapping",
        "      text: I just forgot, honestly.\n",
        "",
        [(15, 7, "error", "missing-key")],
    ),
    ("wrong type", "difficulty: 1", "difficulty: easy", [(6, 13, "error", "wrong-type")]),
    ("out of range", "difficulty: 1", "difficulty: 9", [(6, 13, "error", "invalid-value")]),
    ("negative balance", "balance: 500,", "balance: -5,", [(12, 43, "error", "invalid-value")]),
    ("number as text", "balance: 500,", "balance: '500',", [(12, 43, "error", "wrong-type")]),
    ("bool is not a number", "balance: 500,", "balance: true,", [(12, 43, "error", "wrong-type")]),
    ("text expected in a list", '    say: ["Hello?"]', "    say: [42]", [(25, 11, "error", "wrong-type")]),
    (
        "flag id not snake_case",
        "flags: [identity_verified]",
        "flags: [identity_verified, Bad-Flag]",
        [(21, 28, "error", "invalid-value")],
    ),
    (
        "guard with two subjects",
        "when: {slot: amount, le: persona.finances.pay_now}",
        "when: {slot: amount, flag: identity_verified}",
        [(41, 11, "error", "invalid-value")],
    ),
    (
        "count needs its nested form",
        "    do: {add: {mood: -3}}",
        "    when: {count: [threat_arrest], ge: 2}\n    do: {add: {mood: -3}}",
        [(44, 19, "error", "wrong-type")],
    ),
    (
        "duplicate key (from the YAML loader)",
        "initial: opening\n",
        "initial: opening\ninitial: opening\n",
        [(23, 1, "error", "duplicate-key")],
    ),
    (
        "YAML syntax error at the parser's mark",
        '    say: ["Hello?"]\n',
        '    say: ["Hello?"\n',
        [(26, 5, "error", "yaml-syntax")],
    ),
    # -- cross references
    (
        "unknown state (its old target becomes unreachable)",
        "    to: paid",
        "    to: payed",
        [(29, 3, "warning", "unreachable-state"), (40, 9, "error", "unknown-state")],
    ),
    ("unknown initial state", "initial: opening", "initial: opener", [(22, 10, "error", "unknown-state")]),
    (
        "unknown signal",
        "  - on: threat_arrest",
        "  - on: threat_arrests",
        [(43, 9, "error", "unknown-signal")],
    ),
    (
        "unknown signal in a list",
        "      reveal_on: [open_question]",
        "      reveal_on: [open_question, asks_why]",
        [(17, 34, "error", "unknown-signal")],
    ),
    (
        "unknown outcome",
        "    outcome: paid_in_full",
        "    outcome: paid",
        [(31, 14, "error", "unknown-outcome")],
    ),
    (
        "terminal state without outcome",
        "    outcome: paid_in_full\n",
        "",
        [(29, 3, "error", "missing-outcome")],
    ),
    (
        "outcome on a non-terminal state",
        '    fallback: ["Who is this?"]',
        '    fallback: ["Who is this?"]\n    outcome: refused',
        [(27, 14, "error", "outcome-not-terminal")],
    ),
    (
        "guard on an undeclared flag",
        "when: {slot: amount, le: persona.finances.pay_now}",
        "when: {flag: verified}",
        [(41, 18, "error", "unknown-flag")],
    ),
    (
        "guard on an undeclared variable",
        "when: {slot: amount, le: persona.finances.pay_now}",
        "when: {var: patience, ge: 1}",
        [(41, 17, "error", "unknown-variable")],
    ),
    (
        "guard on an unknown fact",
        "when: {slot: amount, le: persona.finances.pay_now}",
        "when: {revealed: job_loss}",
        [(41, 22, "error", "unknown-fact")],
    ),
    (
        "comparison with an unknown persona path",
        "le: persona.finances.pay_now",
        "le: persona.finances.paynow",
        [(41, 30, "error", "unknown-reference")],
    ),
    (
        "comparison with an unset optional persona field",
        "le: persona.finances.pay_now",
        "le: persona.finances.savings",
        [(41, 30, "error", "unknown-reference")],
    ),
    (
        "effect on an undeclared variable",
        "do: {add: {mood: -3}}",
        "do: {add: {moods: -3}}",
        [(44, 16, "error", "unknown-variable")],
    ),
    (
        "set of an undeclared flag",
        "do: {set: {identity_verified: true}}",
        "do: {set: {verified: true}}",
        [(37, 16, "error", "unknown-flag")],
    ),
    (
        "flag set to a number",
        "do: {set: {identity_verified: true}}",
        "do: {set: {identity_verified: 1}}",
        [(37, 35, "error", "wrong-type")],
    ),
    (
        "end with an unknown outcome",
        "do: {add: {mood: -3}}",
        "do: {end: hangup}",
        [(44, 15, "error", "unknown-outcome")],
    ),
    (
        "unknown placeholder",
        "Fine, I'll pay {amount} today.",
        "Fine, I'll pay {amout} today.",
        [(32, 11, "error", "unknown-placeholder")],
    ),
    (
        "placeholder needing an unset persona field",
        "briefing: Call {name} about {creditor}.",
        "briefing: Call {name} about {savings}.",
        [(7, 11, "error", "unknown-placeholder")],
    ),
    (
        "duplicate hidden fact id",
        "      reveal_on: [open_question]\n",
        "      reveal_on: [open_question]\n    - {id: forgot, text: again, reveal_on: sympathy}\n",
        [(18, 12, "error", "duplicate-id")],
    ),
    (
        "duplicate test name",
        "    expect: {state: paid, outcome: paid_in_full}\n",
        "    expect: {state: paid, outcome: paid_in_full}\n  - {name: pays, script: [hi], expect: {}}\n",
        [(49, 12, "error", "duplicate-id")],
    ),
    (
        "test expecting an unknown state",
        "expect: {state: paid,",
        "expect: {state: unpaid,",
        [(48, 21, "error", "unknown-state")],
    ),
    (
        "test expecting an undeclared flag",
        "expect: {state: paid,",
        "expect: {flags: {verified: true}, state: paid,",
        [(48, 22, "error", "unknown-flag")],
    ),
    (
        "required variable missing",
        "  trust: {initial: 0, min: -5, max: 5}\n",
        "",
        [(19, 3, "error", "missing-key")],
    ),
    (
        "variable initial outside its range",
        "  mood: {initial: 0, min: -5, max: 5}",
        "  mood: {initial: 9, min: -5, max: 5}",
        [(19, 9, "error", "invalid-value")],
    ),
    (
        "intent pattern with both match and regex",
        "tests:\n",
        "intents:\n  asks_why:\n    patterns: [{match: why, regex: why}]\ntests:\n",
        [(47, 16, "error", "invalid-value")],
    ),
    # -- graph
    (
        "unreachable state",
        "  paid:\n",
        "  orphan:\n    say: [x]\n  paid:\n",
        [(29, 3, "warning", "unreachable-state")],
    ),
    ("non-terminal dead end", "    from: talking", "    from: opening", [(27, 3, "warning", "dead-end")]),
]


@pytest.mark.parametrize(("old", "new", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_broken_snippet_reports_exact_position(old: str, new: str, expected: Expected) -> None:
    assert positions(edited(old, new)) == expected


def test_unknown_key_has_did_you_mean() -> None:
    _s, diags = load_scenario_text(edited("    fallback:", "    fallbak:"), "s.yaml")
    assert [d.format() for d in diags] == [
        "s.yaml:26:5: [error] unknown-key: unknown key 'fallbak' in state; did you mean 'fallback'?"
    ]


def test_unknown_key_without_close_match_lists_allowed_keys() -> None:
    _s, diags = load_scenario_text(edited("    terminal: true", "    terminal: true\n    zzz: 1"), "s.yaml")
    assert len(diags) == 1
    assert "allowed: say, fallback, suggestions, terminal, outcome" in diags[0].message


def test_unknown_signal_suggests_the_close_id() -> None:
    _s, diags = load_scenario_text(edited("  - on: threat_arrest", "  - on: threat_arest"), "s.yaml")
    assert "did you mean 'threat_arrest'?" in diags[0].message


def test_errors_return_no_scenario_but_warnings_do() -> None:
    scenario, _ = load_scenario_text(edited("    to: paid", "    to: payed"))
    assert scenario is None
    scenario, diags = load_scenario_text(edited("  paid:\n", "  orphan:\n    say: [x]\n  paid:\n"))
    assert scenario is not None
    assert [d.level for d in diags] == ["warning"]


def test_alias_bomb_is_refused() -> None:
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x","x"]\n'
    for i in range(1, 8):
        prev = chr(ord("a") + i - 1)
        name = chr(ord("a") + i)
        bomb += f"{name}: &{name} [{', '.join(['*' + prev] * 10)}]\n"
    scenario, diags = load_scenario_text(bomb, "bomb.yaml")
    assert scenario is None
    assert [d.code for d in diags] == ["yaml-too-large"]


def test_file_over_the_size_cap_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text(MINIMAL + "#" * (3 * 1024 * 1024), encoding="utf-8")
    scenario, diags = load_scenario(big)
    assert scenario is None
    assert [(d.code, d.line) for d in diags] == [("file-too-large", None)]


def test_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.yaml"
    empty.write_text("# nothing\n", encoding="utf-8")
    assert [d.code for d in load_scenario(empty)[1]] == ["empty-file"]


def test_top_level_list_is_a_wrong_type() -> None:
    assert positions("- a\n- b\n") == [(1, 1, "error", "wrong-type")]


def test_validate_paths_walks_directories_and_finds_cross_file_duplicates(tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "intents").mkdir()
    (tmp_path / "en" / "a.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "en" / "b.yml").write_text(MINIMAL, encoding="utf-8")
    # Intent libraries are not scenarios: never validated as such.
    (tmp_path / "intents" / "en.yaml").write_text("intents: {}\n", encoding="utf-8")
    diags = validate_paths([tmp_path])
    assert [(Path(d.path).name, d.line, d.col, d.code) for d in diags] == [("b.yml", 1, 5, "duplicate-id")]
    assert "already used by" in diags[0].message


def test_validate_paths_collects_every_file(tmp_path: Path) -> None:
    (tmp_path / "one.yaml").write_text(edited("difficulty: 1", "difficulty: 9"), encoding="utf-8")
    (tmp_path / "two.yaml").write_text(
        edited("id: test-minimal", "id: test-two").replace("    to: paid", "    to: payed"), encoding="utf-8"
    )
    codes = [(Path(d.path).name, d.code) for d in validate_paths([tmp_path])]
    assert codes == [
        ("one.yaml", "invalid-value"),
        ("two.yaml", "unreachable-state"),
        ("two.yaml", "unknown-state"),
    ]


def test_missing_file_is_unreadable(tmp_path: Path) -> None:
    diags = validate_paths([tmp_path / "nope.yaml"])
    assert [d.code for d in diags] == ["unreadable"]


# -- one pass: reference problems still show when the file also has shape errors

TWO_PASS_CASES: list[tuple[str, list[tuple[str, str]], Expected]] = [
    (
        "a key typo does not hide an unknown state",
        [("    fallback:", "    fallbak:"), ("    to: paid", "    to: payed")],
        [(26, 5, "error", "unknown-key"), (40, 9, "error", "unknown-state")],
    ),
    (
        "a broken optional guard does not hide an unknown signal",
        [("when: {slot: amount, le: persona.finances.pay_now}", "when: {slot: price}"),
         ("  - on: threat_arrest", "  - on: threat_arrests")],
        [(41, 18, "error", "invalid-value"), (43, 9, "error", "unknown-signal")],
    ),
    (
        "a missing required key stops the second pass (nothing is guessed)",
        [("title: Minimal scenario\n", ""), ("    to: paid", "    to: payed")],
        [(1, 1, "error", "missing-key")],
    ),
    (
        "a dropped outcome is not reported again as missing",
        [("    outcome: paid_in_full", "    outcome: 5")],
        [(31, 14, "error", "wrong-type")],
    ),
    (
        "a broken declaration stops the second pass instead of orphaning its uses",
        [("flags: [identity_verified]", "flags: [identity_verified, 7]"), ("    to: paid", "    to: payed")],
        [(21, 28, "error", "wrong-type")],
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("edits", "expected"), [c[1:] for c in TWO_PASS_CASES], ids=[c[0] for c in TWO_PASS_CASES]
)
def test_shape_errors_do_not_hide_reference_errors(edits: list[tuple[str, str]], expected: Expected) -> None:
    text = MINIMAL
    for old, new in edits:
        assert text.count(old) == 1
        text = text.replace(old, new)
    assert positions(text) == expected


def test_scenario_intents_go_through_the_intent_library_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    from scoring.diagnostics import Diagnostic

    seen: list[tuple[object, str, str]] = []

    def fake(raw: object, lang: str, path: str) -> list[Diagnostic]:
        seen.append((raw, lang, path))
        return [Diagnostic(path, 47, 16, "error", "intent-pattern", "from the library")]

    monkeypatch.setattr("simulator.scenario.checks.intent_library_diagnostics", fake)
    text = edited("tests:\n", "intents:\n  asks_why:\n    patterns: ['why (']\ntests:\n")
    assert positions(text) == [(47, 16, "error", "intent-pattern")]
    assert seen and seen[0][1:] == ("en", "s.yaml")


def test_without_the_intent_library_raw_regexes_are_still_compiled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("simulator.scenario.checks.intent_library_diagnostics", lambda *a: None)
    text = edited("tests:\n", "intents:\n  asks_why:\n    patterns: [{regex: '(unclosed'}]\ntests:\n")
    assert positions(text) == [(47, 24, "error", "bad-pattern")]


@pytest.mark.parametrize(
    ("patterns", "col"),
    [("['why (']", 16), ("[{regex: '(unclosed'}]", 24), ("['{NO_SUCH_CONCEPT} thing']", 16)],
)
def test_real_intent_library_reports_broken_patterns_at_their_node(patterns: str, col: int) -> None:
    text = edited("tests:\n", f"intents:\n  asks_why:\n    patterns: {patterns}\ntests:\n")
    found = positions(text)
    assert found, "a broken intent pattern must be reported"
    assert {(line, c, level) for line, c, level, _code in found} == {(47, col, "error")}
