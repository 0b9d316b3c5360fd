"""`collectsim check`: what is detected in one collector utterance.

    collectsim check "You'll be arrested if you don't pay" --lang en --jurisdiction us --json
    printf 'line one\\nline two\\n' | collectsim check - --json     # JSON Lines, one per input line

Heavy imports (the detector, rule packs) happen inside the command so `--help` stays instant;
this module never imports Textual.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, TextIO

import click

if TYPE_CHECKING:
    from scoring.model import Finding

LANG_CHOICES = ("en", "zh")
JURISDICTION_CHOICES = ("us", "uk", "cn")
DEFAULT_JURISDICTION = {"en": "us", "zh": "cn"}
# Longest utterance analysed; longer input is cut (with a notice on stderr), never scanned whole.
MAX_UTTERANCE_CHARS = 20_000


def guess_lang(text: str) -> str:
    """zh when the text contains CJK ideographs, else en."""
    return "zh" if any("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in text) else "en"


def finding_json(finding: Finding, *, with_turn: bool) -> dict[str, Any]:
    data = finding.model_dump(mode="json")
    if not with_turn:
        data.pop("turn", None)
    return data


def format_finding(finding: Finding, *, indent: str = "  ") -> list[str]:
    """A finding as readable lines: what, the quoted span, the rule, the tip."""
    label = finding.kind.value + (f" · {finding.severity.value}" if finding.severity else "")
    where = f"turn {finding.turn}  " if finding.turn is not None else ""
    lines = [
        f'{indent}{where}[{label}] {finding.category}  "{finding.text}"'
        f"  (chars {finding.span.start}-{finding.span.end})",
        f"{indent}    {finding.explanation}",
    ]
    if finding.kind.value in ("violation", "required_conduct") and finding.rule_text is not None:
        mark = "confirmed" if finding.rule_confirmed else "unconfirmed citation"
        rule = finding.rule or "no provision found"
        lines.append(f"{indent}    Rule: {rule} ({mark})")
    if finding.tip:
        lines.append(f"{indent}    Tip: {finding.tip}")
    return lines


def _cut(text: str) -> str:
    if len(text) > MAX_UTTERANCE_CHARS:
        click.echo(f"note: utterance of {len(text):,} characters cut to {MAX_UTTERANCE_CHARS:,}", err=True)
        return text[:MAX_UTTERANCE_CHARS]
    return text


def _check_one(text: str, lang: str | None, jurisdiction: str | None) -> dict[str, Any]:
    from scoring.api import check_utterance
    from scoring.rulepack import load_pack

    text = _cut(text)
    use_lang = lang or guess_lang(text)
    use_jur = jurisdiction or DEFAULT_JURISDICTION[use_lang]
    findings = check_utterance(text, use_lang, use_jur)  # type: ignore[arg-type]
    pack = load_pack(use_jur)
    return {
        "text": text,
        "lang": use_lang,
        "jurisdiction": use_jur,
        "rule_pack": pack.ref.model_dump(mode="json"),
        "findings": findings,
    }


def _emit(result: dict[str, Any], as_json: bool, out: TextIO, *, show_text: bool) -> None:
    import json

    findings: list[Finding] = result["findings"]
    if as_json:
        doc = {**result, "findings": [finding_json(f, with_turn=False) for f in findings]}
        out.write(json.dumps(doc, ensure_ascii=False) + "\n")
    else:
        if show_text:
            out.write(f"> {result['text']}\n")
        if not findings:
            out.write("  No findings.\n")
        for f in findings:
            out.write("\n".join(format_finding(f)) + "\n")
    out.flush()


@click.command()
@click.argument("text")
@click.option(
    "--lang",
    type=click.Choice(LANG_CHOICES),
    default=None,
    help="Language of the utterance (default: zh if it contains Chinese characters, else en).",
)
@click.option(
    "--jurisdiction",
    type=click.Choice(JURISDICTION_CHOICES),
    default=None,
    help="Rule pack for severities, citations and tips (default: us for en, cn for zh).",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON document (JSON Lines with '-').")
def check(text: str, lang: str | None, jurisdiction: str | None, as_json: bool) -> None:
    """What is detected in one collector utterance TEXT ('-': one utterance per stdin line)."""
    out = sys.stdout  # click.get_text_stream is deprecated from Click 8.5
    if text != "-":
        _emit(_check_one(text, lang, jurisdiction), as_json, out, show_text=False)
        return
    stdin = sys.stdin
    # readline, not iteration: each line is answered as soon as it arrives on a pipe.
    while True:
        line = stdin.readline()
        if not line:
            break
        _emit(_check_one(line.rstrip("\r\n"), lang, jurisdiction), as_json, out, show_text=True)
