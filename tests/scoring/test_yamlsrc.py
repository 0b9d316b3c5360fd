"""Marks, duplicate keys, syntax errors and hostile documents in the shared YAML loader."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring.diagnostics import Diagnostic, DiagnosticList, has_errors
from scoring.yamlsrc import MDict, MList, load_yaml_file, load_yaml_text, mark_at, plain

DOC = """\
id: demo
states:
  opening:
    say:
      - "Hello?"
      - "Who is this?"
  closed: {terminal: true}
"""


def test_marks_of_keys_values_and_items() -> None:
    data, diags = load_yaml_text(DOC, "demo.yaml")
    assert diags == []
    assert isinstance(data, MDict)
    assert data.key_mark("states") == (2, 1)
    assert data.mark_of("id") == (1, 5)
    opening = data["states"]["opening"]
    assert isinstance(opening["say"], MList)
    assert opening["say"].mark_of(1) == (6, 9)
    assert data["states"]["closed"].key_mark("terminal") == (7, 12)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (("states", "opening", "say", 0), (5, 9)),
        (("states", "opening", "missing"), (4, 5)),  # a missing key points at its parent mapping
        (("states", "nowhere", "say"), (3, 3)),
        ((), (1, 1)),
    ],
)
def test_mark_at_walks_to_deepest_existing_node(path: tuple, expected: tuple[int, int]) -> None:
    data, _ = load_yaml_text(DOC, "demo.yaml")
    assert mark_at(data, path) == expected


def test_duplicate_key_is_reported_at_the_second_key() -> None:
    _, diags = load_yaml_text("a: 1\nb: 2\na: 3\n", "dup.yaml")
    assert [d.format() for d in diags] == [
        "dup.yaml:3:1: [error] duplicate-key: duplicate key 'a' (first defined at line 1)"
    ]


@pytest.mark.parametrize(
    ("text", "line", "col"),
    [
        ("a: [1, 2\nb: 3\n", 2, 2),
        ("a:\n  - x\n - y\n", 3, 2),
        ("key: 'unterminated\n", 2, 1),
        ("a: 1\n\tb: 2\n", 2, 1),
    ],
)
def test_syntax_errors_carry_the_parser_mark(text: str, line: int, col: int) -> None:
    data, diags = load_yaml_text(text, "bad.yaml")
    assert data is None
    assert len(diags) == 1
    assert diags[0].code == "yaml-syntax"
    assert (diags[0].line, diags[0].col) == (line, col)


def test_alias_bomb_is_refused_without_expanding() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    prev = "a"
    for name in "bcdefghi":
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
        prev = name
    data, diags = load_yaml_text("\n".join(lines) + "\n", "bomb.yaml")
    assert data is None
    assert [d.code for d in diags] == ["yaml-too-large"]


def test_small_aliases_are_allowed() -> None:
    data, diags = load_yaml_text("base: &b {mood: 1}\nother: *b\n", "ok.yaml")
    assert diags == []
    assert plain(data) == {"base": {"mood": 1}, "other": {"mood": 1}}


def test_python_tags_are_not_constructed() -> None:
    data, diags = load_yaml_text("x: !!python/object/apply:os.system ['echo hi']\n", "evil.yaml")
    assert data is None
    assert diags[0].code == "yaml-syntax"


def test_file_size_cap_and_encoding(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("a: " + "x" * 100 + "\n")
    data, diags = load_yaml_file(big, max_bytes=50)
    assert data is None and diags[0].code == "file-too-large"

    latin = tmp_path / "latin.yaml"
    latin.write_bytes(b"a: 1\nb: caf\xe9\n")
    data, diags = load_yaml_file(latin)
    assert data is None
    assert (diags[0].code, diags[0].line, diags[0].col) == ("encoding", 2, 7)

    missing = tmp_path / "missing.yaml"
    data, diags = load_yaml_file(missing)
    assert data is None and diags[0].code == "unreadable" and diags[0].line is None


def test_diagnostic_format_never_invents_a_position() -> None:
    diags = DiagnosticList("x.yaml")
    diags.error((3, 7), "unknown-key", "unknown key 'sya' (did you mean 'say'?)")
    diags.warning(None, "unused", "state 'x' is never used")
    assert [str(d) for d in diags.sorted()] == [
        "x.yaml: [warning] unused: state 'x' is never used",
        "x.yaml:3:7: [error] unknown-key: unknown key 'sya' (did you mean 'say'?)",
    ]
    assert has_errors(diags)
    assert not has_errors([Diagnostic("x", 1, None, "warning", "w", "m")])
    assert Diagnostic("x", 1, None, "warning", "w", "m").format() == "x:1: [warning] w: m"


@pytest.mark.parametrize("loader_name", ["CSafeLoader", "SafeLoader"])
def test_control_characters_become_a_diagnostic_with_either_parser(
    loader_name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import yaml

    from scoring import yamlsrc

    base = getattr(yaml, loader_name, yaml.SafeLoader)
    monkeypatch.setattr(yamlsrc, "_MarkedLoader", yamlsrc.marked_loader_class(base))
    data, diags = load_yaml_text("a: 1\nb: \x07bell\n", "ctl.yaml")
    assert data is None
    assert [(d.code, d.line, d.col) for d in diags] == [("yaml-syntax", 2, 4)]
    ok, diags = load_yaml_text("a: [1, 2]\nb: {c: 3}\n", "ok.yaml")
    assert diags == [] and ok.mark_of("b") == (2, 4) and ok["a"].mark_of(1) == (1, 8)
