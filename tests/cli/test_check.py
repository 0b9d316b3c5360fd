"""`collectsim check`: JSON shape (PRODUCT.md contract), JSON Lines from stdin, readable text,
bad usage; plus one real subprocess run of `python -m simulator check`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from simulator.cli import main

ROOT = Path(__file__).parents[2]
TAXONOMY_KINDS = {"violation", "empathy_positive", "empathy_negative", "required_conduct", "intent"}


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, ["check", *args], input=input)


def assert_finding_shape(f: dict, text: str) -> None:
    for key in ("category", "kind", "severity", "rule", "span", "explanation", "tip"):
        assert key in f, key
    assert f["kind"] in TAXONOMY_KINDS
    assert 0 <= f["span"]["start"] < f["span"]["end"] <= len(text)
    assert f["text"] == text[f["span"]["start"] : f["span"]["end"]]


def test_threat_of_arrest_json():
    text = "If you don't pay today you'll be arrested."
    result = run(text, "--lang", "en", "--jurisdiction", "us", "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["rule_pack"]["jurisdiction"] == "us" and doc["rule_pack"]["version"]
    arrest = [f for f in doc["findings"] if f["category"] == "threat_arrest"]
    assert arrest, doc
    assert arrest[0]["kind"] == "violation" and arrest[0]["severity"] == "auto_fail"
    assert arrest[0]["rule"] == "15 U.S.C. §1692e(4)"
    for f in doc["findings"]:
        assert_finding_shape(f, text)


def test_jurisdiction_changes_rule_and_severity():
    text = "If you don't pay today you'll be arrested."
    uk = json.loads(run(text, "--lang", "en", "--jurisdiction", "uk", "--json").output)
    arrest = next(f for f in uk["findings"] if f["category"] == "threat_arrest")
    assert arrest["rule"] == "FCA CONC 7.11.6R"


def test_chinese_defaults_to_cn_and_tips_in_chinese():
    text = "你再不还钱，我们就去法院起诉你！"
    doc = json.loads(run(text, "--json").output)
    assert doc["lang"] == "zh" and doc["jurisdiction"] == "cn"
    for f in doc["findings"]:
        assert_finding_shape(f, text)
        if f["kind"] == "violation":
            assert f["tip"].startswith("建议")


def test_clean_negated_utterance_has_no_violation():
    doc = json.loads(run("I will not call your employer.", "--lang", "en", "--json").output)
    assert not [f for f in doc["findings"] if f["kind"] == "violation"]


def test_stdin_json_lines_one_object_per_line():
    lines = ["You'll be arrested.", "Thank you for your time.", "", "我们会联系你的家人和单位。"]
    result = run("-", "--json", input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    out = result.output.splitlines()
    assert len(out) == len(lines)
    docs = [json.loads(line) for line in out]
    assert [d["text"] for d in docs] == lines
    assert docs[3]["lang"] == "zh"


def test_readable_text_output():
    result = run("If you don't pay today you'll be arrested.", "--lang", "en")
    assert result.exit_code == 0
    assert "threat_arrest" in result.output and "15 U.S.C. §1692e(4)" in result.output
    assert "Tip: Instead" in result.output


def test_no_findings_text():
    result = run("Okay.", "--lang", "en")
    assert result.exit_code == 0 and "No findings." in result.output


def test_bad_usage_exits_2():
    assert run("hello", "--lang", "fr").exit_code == 2
    assert run().exit_code == 2


def test_subprocess_json_shape():
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "simulator",
            "check",
            "You'll be arrested, you idiot.",
            "--lang",
            "en",
            "--json",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert set(doc) >= {"findings", "rule_pack", "lang", "jurisdiction", "text"}
    cats = {f["category"] for f in doc["findings"]}
    assert {"threat_arrest", "abusive_language"} <= cats
    for f in doc["findings"]:
        assert_finding_shape(f, "You'll be arrested, you idiot.")


def test_check_does_not_import_textual():
    code = (
        "import sys; from click.testing import CliRunner; from simulator.cli import main; "
        "r = CliRunner().invoke(main, ['check', 'hello', '--json']); assert r.exit_code == 0, r.output; "
        "assert 'textual' not in sys.modules"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.returncode == 0, proc.stderr


def test_stdin_lines_are_answered_as_they_arrive():
    proc = subprocess.Popen(
        [sys.executable, "-m", "simulator", "check", "-", "--json", "--lang", "en"],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        bufsize=1,
    )
    try:
        assert proc.stdin is not None and proc.stdout is not None
        proc.stdin.write("You'll be arrested.\n")
        proc.stdin.flush()
        first = json.loads(proc.stdout.readline())  # answered before the next line is sent
        assert "threat_arrest" in {f["category"] for f in first["findings"]}
        proc.stdin.write("Thank you for your time.\n")
        proc.stdin.close()
        second = json.loads(proc.stdout.readline())
        assert second["text"] == "Thank you for your time."
        assert proc.wait(timeout=60) == 0
    finally:
        proc.kill()
