"""`collectsim scenarios ...` through click's CliRunner: output formats and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import simulator.engine.machine as machine
from simulator.cli import main
from tests.simulator.engine_fakes import fake_recogniser

DATA = Path(__file__).parent / "scenario_data"
MINIMAL = (DATA / "minimal.yaml").read_text(encoding="utf-8")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["scenarios", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def library(tmp_path: Path) -> Path:
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "test-minimal.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "en" / "second.yaml").write_text(
        MINIMAL.replace("id: test-minimal", "id: a-second").replace("difficulty: 1", "difficulty: 3"),
        encoding="utf-8",
    )
    return tmp_path


@pytest.fixture
def fake_nlu(monkeypatch: pytest.MonkeyPatch) -> None:
    """The engine hears through a keyword fake, so the test does not depend on lexicons."""
    monkeypatch.setattr(machine, "default_recogniser", lambda lang, extra=None, **_: fake_recogniser)


def test_list_json(library: Path) -> None:
    code, out, _err = run("list", "--json", "--root", str(library))
    assert code == 0
    rows = json.loads(out)
    assert [r["id"] for r in rows] == ["a-second", "test-minimal"]
    assert rows[1] == {
        "id": "test-minimal",
        "title": "Minimal scenario",
        "language": "en",
        "jurisdiction": "us",
        "difficulty": 1,
        "tags": [],
        "path": str(library / "en" / "test-minimal.yaml"),
    }


def test_list_plain(library: Path) -> None:
    code, out, _err = run("list", "--root", str(library))
    assert code == 0
    assert out.splitlines() == [
        "a-second      en/us  ***    Minimal scenario",
        "test-minimal  en/us  *      Minimal scenario",
    ]


def test_validate_clean(library: Path) -> None:
    code, out, err = run("validate", str(library))
    assert (code, out) == (0, "")
    assert "2 file(s): 0 error(s), 0 warning(s)" in err


def test_validate_reports_planted_unknown_key_at_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINIMAL.replace("    fallback:", "    fallbak:"), encoding="utf-8")
    code, out, err = run("validate", str(bad))
    assert code == 1
    assert (
        out == f"{bad}:26:5: [error] unknown-key: unknown key 'fallbak' in state; did you mean 'fallback'?\n"
    )
    assert "1 error(s)" in err


def test_validate_warnings_pass_unless_strict(tmp_path: Path) -> None:
    warn = tmp_path / "warn.yaml"
    warn.write_text(MINIMAL.replace("  paid:\n", "  orphan:\n    say: [x]\n  paid:\n"), encoding="utf-8")
    code, out, _err = run("validate", str(warn))
    assert code == 0
    assert "[warning] unreachable-state" in out
    assert run("validate", "--strict", str(warn))[0] == 1


def test_validate_json(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINIMAL.replace("difficulty: 1", "difficulty: 9"), encoding="utf-8")
    code, out, _err = run("validate", "--json", str(bad))
    assert code == 1
    assert [(d["line"], d["col"], d["code"]) for d in json.loads(out)] == [(6, 13, "invalid-value")]


def test_validate_missing_path_exits_2(tmp_path: Path) -> None:
    code, _out, err = run("validate", str(tmp_path / "nope.yaml"))
    assert code == 2
    assert "unreadable" in err


def test_graph_by_path_and_id(library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _err = run("graph", str(library / "en" / "test-minimal.yaml"))
    assert code == 0
    assert out.startswith("flowchart TD\n")
    monkeypatch.setattr("simulator.scenario.library.builtin_dir", lambda: library)
    code, out, _err = run("graph", "test-minimal", "--format", "dot")
    assert code == 0
    assert out.startswith('digraph "test-minimal" {')


def test_graph_unknown_scenario_exits_2() -> None:
    code, _out, err = run("graph", "no-such-scenario")
    assert code == 2
    assert "no-such-scenario" in err


def test_graph_of_invalid_scenario_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINIMAL.replace("    to: paid", "    to: payed"), encoding="utf-8")
    code, _out, err = run("graph", str(bad))
    assert code == 1
    assert "unknown-state" in err


def test_schema_is_json() -> None:
    code, out, _err = run("schema")
    assert code == 0
    schema = json.loads(out)
    assert schema["$schema"].endswith("2020-12/schema")
    assert "states" in schema["properties"]


def test_test_passes_and_prints_the_path(library: Path, fake_nlu: None) -> None:
    code, out, err = run("test", str(library / "en" / "test-minimal.yaml"))
    assert code == 0, out + err
    assert "  PASS pays  [opening > talking > paid]" in out.splitlines()
    assert "1 passed, 0 failed" in err


def test_test_failure_exits_1_with_reasons(tmp_path: Path, fake_nlu: None) -> None:
    failing = tmp_path / "failing.yaml"
    failing.write_text(MINIMAL.replace("expect: {state: paid,", "expect: {state: talking,"), encoding="utf-8")
    code, out, _err = run("test", str(failing))
    assert code == 1
    assert "  FAIL pays  [opening > talking > paid]" in out
    assert "state: expected 'talking', got 'paid'" in out


def test_test_of_invalid_scenario_fails(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINIMAL.replace("difficulty: 1", "difficulty: 0"), encoding="utf-8")
    code, out, err = run("test", str(bad))
    assert code == 1
    assert "FAIL" in out
    assert "invalid-value" in err


def test_test_random_playthrough(library: Path, fake_nlu: None) -> None:
    path = str(library / "en" / "test-minimal.yaml")
    code, out, _err = run("test", path, "--random", "5", "--seed", "3")
    assert code == 0
    assert "5 random calls (seed 3)" in out
    again = run("test", path, "--random", "5", "--seed", "3")[1]
    assert again == out  # seeded: the same report every time


def test_test_json(library: Path, fake_nlu: None) -> None:
    code, out, _err = run("test", "--json", str(library / "en" / "test-minimal.yaml"))
    assert code == 0
    report = json.loads(out)
    assert report[0]["scenario"] == "test-minimal"
    assert [(t["name"], t["passed"], t["path"]) for t in report[0]["tests"]] == [
        ("pays", True, ["opening", "talking", "paid"])
    ]


def test_test_missing_path_exits_2(tmp_path: Path) -> None:
    assert run("test", str(tmp_path / "nope.yaml"))[0] == 2


def test_validate_github_annotations(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINIMAL.replace("    fallback:", "    fallbak:"), encoding="utf-8")
    code, out, _err = run("validate", "--format", "github", str(bad))
    assert code == 1
    assert out == (
        f"::error file={bad},line=26,col=5,title=unknown-key::"
        "unknown key 'fallbak' in state; did you mean 'fallback'?\n"
    )
