"""`collectsim score`: YAML and JSON transcripts, the PRODUCT.md JSON contract, readable output,
jurisdiction override, scenario context, and clear errors (exit 2) for bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from simulator.cli import main

GOOD = """\
language: en
jurisdiction: us
turns:
  - {speaker: collector, text: "Hi, this is Alex from Northbank. Am I speaking with Maria Lopez?"}
  - {speaker: debtor, text: "Yes, speaking."}
  - {speaker: collector, text: "This is an attempt to collect a debt. I'm calling about your credit card."}
  - {speaker: debtor, text: "I was laid off in March and I'm really worried."}
  - {speaker: collector, text: "I'm so sorry to hear that. What could you manage each month?"}
  - {speaker: debtor, text: "I could do $150 a month."}
  - {speaker: collector, text: "Okay, so $150 a month starting December 1st. Does that work?"}
  - {speaker: debtor, text: "Yes, that works."}
"""


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, ["score", *args], input=input)


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "call.yaml"
    path.write_text(GOOD, "utf-8")
    return path


def test_json_contract(good):
    result = run(str(good), "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    for key in (
        "empathy",
        "legality",
        "outcome",
        "overall",
        "passed",
        "auto_fail",
        "outcome_category",
        "findings",
        "checklist",
        "rule_pack",
        "points",
    ):
        assert key in doc, key
    for key in ("empathy", "legality", "outcome", "overall"):
        assert 0 <= doc[key] <= 100
    assert doc["rule_pack"] == {"jurisdiction": "us", "version": "1.0.0", "effective_date": "2026-11-29"}
    assert doc["outcome_category"] == "installment_plan"
    assert {c["category"] for c in doc["checklist"]} >= {
        "self_identification",
        "identity_verification",
        "debt_collector_disclosure",
    }
    for c in doc["checklist"]:
        assert set(c) >= {"category", "met", "turn"}
        assert (c["turn"] is None) == (not c["met"])
    for f in doc["findings"]:
        assert isinstance(f["turn"], int) and 0 <= f["turn"] < 8


def test_same_file_same_json(good):
    assert run(str(good), "--json").output == run(str(good), "--json").output


def test_json_transcript(tmp_path):
    import yaml

    path = tmp_path / "call.json"
    path.write_text(json.dumps(yaml.safe_load(GOOD)), "utf-8")
    result = run(str(path), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["outcome_category"] == "installment_plan"


def test_jurisdiction_override(good):
    doc = json.loads(run(str(good), "--jurisdiction", "uk", "--json").output)
    assert doc["rule_pack"]["jurisdiction"] == "uk" and doc["jurisdiction"] == "uk"
    assert "affordability_check" in {c["category"] for c in doc["checklist"]}


def test_readable_output(good):
    result = run(str(good))
    assert result.exit_code == 0
    for word in ("Empathy", "Legality", "Outcome", "Overall", "Checklist", "Points", "installment_plan"):
        assert word in result.output


def test_stdin(good):
    result = run("-", "--json", input=good.read_text("utf-8"))
    assert result.exit_code == 0 and json.loads(result.output)["language"] == "en"


def test_hostile_call_fails_but_exits_0(tmp_path):
    path = tmp_path / "hostile.yaml"
    path.write_text(
        "language: en\njurisdiction: us\nturns:\n"
        '  - {speaker: collector, text: "You owe Northbank $1,860. Pay today or you\'ll be arrested."}\n'
        '  - {speaker: debtor, text: "Are you threatening me? I want to speak to your supervisor."}\n',
        "utf-8",
    )
    result = run(str(path), "--json")
    assert result.exit_code == 0
    doc = json.loads(result.output)
    assert doc["auto_fail"] is True and doc["passed"] is False
    assert doc["outcome_category"] == "complaint"


@pytest.mark.parametrize(
    ("content", "where", "code"),
    [
        (
            "language: en\njurisdiction: us\nturns:\n  - {speaker: agent, text: hi}\n",
            ":4:15:",
            "invalid-transcript",
        ),
        ("language: en\njurisdiction: us\nturns: [\n", ":4:1:", "yaml-syntax"),
        (
            "language: en\njurisdiction: mars\nturns:\n  - {speaker: debtor, text: hi}\n",
            ":2:15:",
            "invalid-transcript",
        ),
        ("- just\n- a list\n", ":1:1:", "not-a-transcript"),
        ("language: en\njurisdiction: us\nturns: []\n", ":3:8:", "missing-turns"),
    ],
)
def test_bad_input_reports_file_line_col_and_exits_2(tmp_path, content, where, code):
    path = tmp_path / "bad.yaml"
    path.write_text(content, "utf-8")
    result = CliRunner().invoke(main, ["score", str(path)])
    assert result.exit_code == 2
    assert f"{path}{where} [error] {code}" in result.output, result.output


def test_bad_json_syntax_points_at_the_error(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"language": "en",\n "turns": [ {"speaker": "debtor" "text": "x"} ]}', "utf-8")
    result = run(str(path))
    assert result.exit_code == 2
    assert f"{path}:2:" in result.output and "[error]" in result.output


def test_missing_file_and_oversized_file(tmp_path):
    assert run(str(tmp_path / "nope.yaml")).exit_code == 2
    big = tmp_path / "big.yaml"
    big.write_text("x" * (3 * 1024 * 1024), "utf-8")
    result = run(str(big))
    assert result.exit_code == 2 and "file-too-large" in result.output


def test_alias_bomb_is_refused(tmp_path):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for i in range(1, 9):
        bomb += f"{chr(97 + i)}: &{chr(97 + i)} [" + ", ".join([f"*{chr(96 + i)}"] * 10) + "]\n"
    path = tmp_path / "bomb.yaml"
    path.write_text(bomb, "utf-8")
    result = run(str(path))
    assert result.exit_code == 2 and "yaml-too-large" in result.output


def test_unknown_scenario_is_bad_usage(good):
    result = run(str(good), "--scenario", "no-such-scenario")
    assert result.exit_code == 2 and "no-such-scenario" in result.output


def test_scenario_supplies_values_and_means(good):
    result = run(str(good), "--scenario", "us-job-loss", "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["scenario"] == "us-job-loss"
    detail = doc["outcome_detail"]
    assert detail["category"] == "installment_plan" and detail["capacity"] is not None
    assert detail["affordable"] is True


def test_regrading_a_run_reproduces_its_scorecard(tmp_path):
    script = tmp_path / "script.txt"
    script.write_text(
        "Hi, this is Alex calling from Northbank. Am I speaking with Maria Lopez?\n"
        "Thanks, Maria. This is an attempt to collect a debt, and any information obtained will be used "
        "for that purpose.\n"
        "Can you tell me a bit about what's been happening?\n",
        "utf-8",
    )
    played = CliRunner().invoke(
        main, ["run", "us-job-loss", "--script", str(script), "--json", "--seed", "3"]
    )
    assert played.exit_code == 0, played.output
    stored = tmp_path / "session.json"
    stored.write_text(played.output, "utf-8")
    regraded = run(str(stored), "--json")
    assert regraded.exit_code == 0, regraded.output
    assert json.loads(regraded.output) == json.loads(played.output)["scorecard"]


ZH_CALL = """\
language: zh
jurisdiction: cn
turns:
  - {speaker: collector, text: "您好，我是安信资产的小王，请问是李明先生吗？"}
  - {speaker: debtor, text: "是我。"}
  - {speaker: collector, text: "你再不还钱，我们就去你单位找你领导。"}
"""


def test_several_files_are_one_batch_in_the_order_given(good, tmp_path):
    zh = tmp_path / "zh.yaml"
    zh.write_text(ZH_CALL, "utf-8")
    result = run(str(zh), str(good), "--json")
    assert result.exit_code == 0, result.output
    batch = json.loads(result.output)
    assert [item["file"] for item in batch] == [str(zh), str(good)]
    for item in batch:  # each as that file alone would be graded
        alone = run(item["file"], "--json")
        assert item["scorecard"] == json.loads(alone.output)
    assert batch[0]["scorecard"]["language"] == "zh" and not batch[0]["scorecard"]["passed"]

    text = run(str(good), str(zh))
    assert text.exit_code == 0
    assert text.output.startswith(f"== {good}\nScorecard  en/us")
    assert f"\n\n== {zh}\nScorecard  zh/cn" in text.output


def test_one_unreadable_file_grades_none_of_the_batch(good, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("language: en\nturns: [\n", "utf-8")
    result = run(str(good), str(broken), "--json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"{broken}:" in result.stderr
    assert f"error: cannot score {broken}" in result.stderr
    assert "1 of 2 files unreadable; none graded" in result.stderr


def test_stdin_can_be_read_once(good):
    result = run("-", "-", input=GOOD)
    assert result.exit_code == 2
    assert "'-' (stdin) can be given once" in result.output
