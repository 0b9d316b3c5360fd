"""`collectsim run`: live line-by-line play, the --json document, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from simulator.cli import main

ROOT = Path(__file__).resolve().parents[2]
GOOD_LINES = [
    "Hi, this is Alex from Northbank. Am I speaking with Maria Lopez?",
    "I'm sorry to hear that. What happened?",
]


def _spawn(*args: str) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.Popen(
        [sys.executable, "-m", "simulator", "run", *args],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=env,
    )


@pytest.mark.slow
def test_lines_are_answered_as_they_arrive() -> None:
    """Write one line, read the debtor's answer, only then write the next: proves streaming."""
    proc = _spawn("us-job-loss", "--script", "-", "--seed", "2")
    watchdog = threading.Timer(60, proc.kill)  # a hang fails the test instead of blocking it
    watchdog.start()
    try:
        assert proc.stdin is not None and proc.stdout is not None
        opening = proc.stdout.readline()
        assert opening.startswith("Debtor: "), opening
        for line in GOOD_LINES:
            proc.stdin.write(line + "\n")
            proc.stdin.flush()
            you = proc.stdout.readline()
            debtor = proc.stdout.readline()
            assert you == f"You: {line}\n"
            assert debtor.startswith("Debtor: ") and len(debtor) > len("Debtor: \n")
        proc.stdin.close()  # end of script: the call ends
        rest = proc.stdout.read()
        assert "call ended: script_ended" in rest
        assert proc.wait(timeout=30) == 0
    finally:
        watchdog.cancel()
        proc.kill()
        proc.wait()


@pytest.mark.slow
def test_ends_without_waiting_for_more_input_when_the_call_ends() -> None:
    """The debtor hangs up: `run` prints the verdict and exits while stdin is still open."""
    from simulator.scenario import find_scenario, load_scenario

    scenario, _ = load_scenario(find_scenario("us-job-loss"))
    assert scenario is not None
    threats = next(t for t in scenario.tests if t.expect.outcome == "complaint").script
    proc = _spawn("us-job-loss", "--script", "-")
    watchdog = threading.Timer(60, proc.kill)
    watchdog.start()
    try:
        assert proc.stdin is not None and proc.stdout is not None
        proc.stdout.readline()  # the opening
        for line in threats:
            proc.stdin.write(line + "\n")
            proc.stdin.flush()
            proc.stdout.readline()
            proc.stdout.readline()
        rest = proc.stdout.read()  # returns only when the process closes stdout
        assert "call ended: complaint" in rest
        assert proc.wait(timeout=30) == 0
        assert watchdog.is_alive(), "run waited for more input after the call ended"
    finally:
        watchdog.cancel()
        proc.kill()
        proc.wait()


def test_json_document_shape(tmp_path: Path) -> None:
    script = tmp_path / "script.txt"
    script.write_text("\n".join(GOOD_LINES) + "\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["run", "us-job-loss", "--script", str(script), "--json", "--seed", "5"]
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert {"scenario", "seed", "turns", "outcome_category", "ended_by", "scorecard"} <= set(doc)
    assert doc["scenario"] == "us-job-loss" and doc["seed"] == 5
    assert doc["ended_by"] == "script_ended" and doc["outcome_category"] is None
    speakers = [t["speaker"] for t in doc["turns"]]
    assert speakers == ["debtor", "collector", "debtor", "collector", "debtor"]
    for turn in doc["turns"]:
        assert set(turn) >= {"speaker", "text", "state", "signals"}
    collector = doc["turns"][1]
    assert collector["text"] == GOOD_LINES[0]
    assert collector["signals"], "the greeting should be recognised"
    for signal in collector["signals"]:
        assert {"id", "kind", "span", "source"} <= set(signal)
        assert signal["source"] in {"detector", "intent", "slot"}
        span = signal["span"]
        assert 0 <= span["start"] <= span["end"] <= len(collector["text"])


def test_json_is_deterministic_for_a_seed() -> None:
    args = ["run", "us-job-loss", "--script", "-", "--json", "--seed", "9", "--today", "2026-11-30"]
    stdin = "\n".join(GOOD_LINES) + "\n"
    first = CliRunner().invoke(main, args, input=stdin)
    second = CliRunner().invoke(main, args, input=stdin)
    assert first.exit_code == 0 and first.stdout == second.stdout


def test_trainee_and_jurisdiction_are_recorded() -> None:
    result = CliRunner().invoke(
        main,
        ["run", "us-job-loss", "--script", "-", "--json", "--trainee", "Sam", "--jurisdiction", "uk"],
        input=GOOD_LINES[0] + "\n",
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["trainee"] == "Sam" and doc["jurisdiction"] == "uk"


def test_threats_end_the_call_and_stop_reading() -> None:
    lines = ["You'll be arrested if you don't pay.", "We will sue you and take your house.", "Hello?"] * 3
    result = CliRunner().invoke(
        main, ["run", "us-job-loss", "--script", "-", "--json"], input="\n".join(lines) + "\n"
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["ended_by"] != "script_ended"
    assert doc["outcome_category"] in {"complaint", "hung_up"}
    collector_turns = [t for t in doc["turns"] if t["speaker"] == "collector"]
    assert len(collector_turns) < len(lines)
    card = doc["scorecard"]
    assert card["auto_fail"] is True and card["passed"] is False
    threats = [f for f in card["findings"] if f["category"] == "threat_arrest"]
    assert threats and doc["turns"][threats[0]["turn"]]["text"] == lines[0]


def test_scorecard_in_json_and_plain_output() -> None:
    stdin = "\n".join(GOOD_LINES) + "\n"
    doc = json.loads(
        CliRunner().invoke(main, ["run", "us-job-loss", "--script", "-", "--json"], input=stdin).stdout
    )
    card = doc["scorecard"]
    for key in ("empathy", "legality", "outcome", "overall", "passed", "auto_fail", "findings", "checklist"):
        assert key in card
    assert card["rule_pack"]["jurisdiction"] == "us"
    plain = CliRunner().invoke(main, ["run", "us-job-loss", "--script", "-"], input=stdin).stdout
    assert "Score: empathy" in plain


def test_plain_output_is_the_conversation() -> None:
    result = CliRunner().invoke(main, ["run", "us-job-loss", "--script", "-"], input=GOOD_LINES[0] + "\n")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Debtor: ")
    assert lines[1] == f"You: {GOOD_LINES[0]}"
    assert lines[2].startswith("Debtor: ")
    assert any(line.startswith("-- call ended: script_ended") for line in lines)


def test_scenario_by_path(tmp_path: Path) -> None:
    from simulator.scenario import find_scenario

    path = find_scenario("us-job-loss")
    result = CliRunner().invoke(main, ["run", str(path), "--script", "-", "--json"], input="hello\n")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["scenario"] == "us-job-loss"


def test_unknown_scenario_exits_2() -> None:
    result = CliRunner().invoke(main, ["run", "no-such-scenario", "--script", "-"], input="hi\n")
    assert result.exit_code == 2
    assert "no-such-scenario" in result.stderr
    assert result.stdout == ""


def test_unreadable_script_exits_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["run", "us-job-loss", "--script", str(tmp_path / "missing.txt")])
    assert result.exit_code == 2
    assert "missing.txt" in result.stderr


def test_invalid_scenario_file_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: bad\nstates: [unclosed\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["run", str(bad), "--script", "-"], input="hi\n")
    assert result.exit_code == 2
    assert "bad.yaml" in result.stderr


def test_hostile_script_lines_do_not_crash(tmp_path: Path) -> None:
    script = tmp_path / "hostile.txt"
    script.write_bytes(b"\x00\x1b[2J\xff\xfe\n" + b"x" * 200_000 + b"\n\xe2\x80\x8bhello\n")
    result = CliRunner().invoke(main, ["run", "us-job-loss", "--script", str(script), "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert all(len(t["text"]) <= 1000 for t in doc["turns"])
    assert "cut" in result.stderr


def test_plain_output_speaks_the_call_language() -> None:
    line = "您好，我是北方银行信用卡中心的工作人员小李，请问是王芳女士本人吗？"
    result = CliRunner().invoke(main, ["run", "cn-job-loss", "--script", "-"], input=line + "\n")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("客户：") and lines[1] == f"你：{line}"
    assert any(x.startswith("-- 通话结束：script_ended") for x in lines)
    assert any(x.startswith("得分：") for x in lines)
