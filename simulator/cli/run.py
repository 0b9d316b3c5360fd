"""`collectsim run`: a whole call without a screen, one trainee line per input line.

Lines are processed as they arrive (a person or a pipe can drive it live) and the output is
flushed after every turn. Heavy imports live inside the command so `run` starts fast; nothing
here (or in the engine) imports Textual.
"""

from __future__ import annotations

import json
import sys
from typing import IO, Any

import click


@click.command()
@click.argument("scenario")
@click.option(
    "--script",
    "script",
    required=True,
    type=click.File("r", encoding="utf-8-sig", errors="replace"),
    help="File with one trainee line per line, or - for standard input (read line by line).",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document when the call ends.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed for the debtor's line variants.")
@click.option("--trainee", default=None, help="Trainee name, recorded with the call.")
@click.option(
    "--jurisdiction",
    type=click.Choice(["us", "uk", "cn"]),
    default=None,
    help="Grade under this jurisdiction's rules instead of the scenario's.",
)
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Date the call happens on (YYYY-MM-DD), for relative dates such as 'Friday'.",
)
def run(
    scenario: str,
    script: IO[str],
    as_json: bool,
    seed: int,
    trainee: str | None,
    jurisdiction: str | None,
    today: Any,
) -> None:
    """Play SCENARIO (a built-in id or a path) with the lines of --script.

    Prints the conversation and the scorecard, or with --json one document at the end.
    """
    from simulator.engine import freeze_heap, start_call
    from simulator.engine.messages import message

    loaded = _load_scenario(scenario)
    call = start_call(
        loaded,
        seed=seed,
        trainee=trainee,
        today=today.date() if today is not None else None,
        jurisdiction=jurisdiction,
    )
    call.warm_up()  # compile lexicons before the debtor picks up, not on the first line
    freeze_heap()
    out = sys.stdout  # click.get_text_stream is deprecated from Click 8.5
    rows: list[dict[str, Any]] = []
    if call.opening:
        rows.append(_row("debtor", call.opening, call.scenario.initial, []))
        if not as_json:
            _emit(out, message("debtor", call.language, text=call.opening))

    # A person typing at a terminal already sees their line; echo it only for piped scripts.
    interactive = not as_json and script.isatty()
    if interactive:
        click.echo(message("typing_hint", call.language), err=True)

    # Read only while the call is live: once the debtor hangs up, stop without waiting for
    # another line (a person typing would otherwise have to press Enter to get the verdict).
    while not call.ended:
        raw = script.readline()
        if raw == "":
            break
        line = raw.rstrip("\r\n")
        result = call.say(line)
        for notice in result.notices:
            click.echo(f"note: {notice}", err=True)
        if not result.turn:  # empty line: nothing was said
            continue
        rows.append(
            _row("collector", result.line, result.state_before, [s.to_dict() for s in result.signals])
        )
        rows.append(_row("debtor", result.reply, result.state_after, []))
        if interactive:
            _emit(out, message("debtor", call.language, text=result.reply))
        elif not as_json:
            you = message("you", call.language, text=result.line)
            _emit(out, you + "\n" + message("debtor", call.language, text=result.reply))
    if not call.ended:
        call.end("script_ended")

    card = _score(call)
    if as_json:
        document = {
            "scenario": call.scenario.id,
            "seed": seed,
            "trainee": trainee,
            "language": call.language,
            "jurisdiction": call.jurisdiction,
            "turns": rows,
            "outcome_category": call.outcome,
            "ended_by": call.ended_by,
            "scorecard": _card_dict(card),
        }
        _emit(out, json.dumps(document, ensure_ascii=False, indent=2, default=str))
    else:
        outcome = call.outcome or message("none", call.language)
        _emit(out, message("call_ended", call.language, ended_by=call.ended_by, outcome=outcome))
        if card is not None:
            _emit(out, _card_summary(card, call.language))


def _load_scenario(ref: str) -> Any:
    """A built-in id or a path -> validated Scenario; exit 2 with the reason otherwise."""
    from simulator.scenario import find_scenario, load_scenario

    try:
        path = find_scenario(ref)
    except (LookupError, FileNotFoundError, ValueError, OSError) as exc:
        _fail(f"unknown scenario {ref!r}: {exc}")
    if path is None:
        _fail(f"unknown scenario {ref!r} (try `collectsim scenarios list`)")
    scenario, diagnostics = load_scenario(path)
    errors = [d for d in diagnostics if getattr(d, "level", "error") == "error"]
    for diag in diagnostics:
        click.echo(diag.format() if hasattr(diag, "format") else str(diag), err=True)
    if scenario is None or errors:
        _fail(f"scenario {ref!r} has errors; fix them (collectsim scenarios validate {path})")
    return scenario


def _fail(message: str) -> Any:
    click.echo(f"collectsim run: {message}", err=True)
    sys.exit(2)


def _row(speaker: str, text: str, state: str, signals: list[dict[str, Any]]) -> dict[str, Any]:
    return {"speaker": speaker, "text": text, "state": state, "signals": signals}


def _emit(out: IO[str], text: str) -> None:
    out.write(text + "\n")
    out.flush()


def _score(call: Any) -> Any:
    from simulator.engine.scoring_bridge import score_call

    try:
        return score_call(call)
    except ImportError:
        return None  # scoring not built into this install
    except Exception as exc:  # grading trouble must not lose the transcript
        click.echo(f"collectsim run: could not grade the call: {type(exc).__name__}: {exc}", err=True)
        return None


def _card_dict(card: Any) -> Any:
    if card is None:
        return None
    dump = getattr(card, "model_dump", None)
    return dump(mode="json") if dump is not None else card


def _card_summary(card: Any, lang: str) -> str:
    from simulator.engine.messages import message

    def num(name: str) -> str:
        value = getattr(card, name, None)
        return "-" if value is None else f"{value:g}" if isinstance(value, float) else str(value)

    verdict = message("passed" if getattr(card, "passed", False) else "not_passed", lang)
    if getattr(card, "auto_fail", False):
        verdict += message("auto_fail", lang)
    lines = [
        message(
            "score_line",
            lang,
            empathy=num("empathy"),
            legality=num("legality"),
            outcome=num("outcome"),
            overall=num("overall"),
            verdict=verdict,
        )
    ]
    for finding in getattr(card, "findings", None) or []:
        kind = getattr(finding, "kind", "")
        if str(getattr(kind, "value", kind)) != "violation":
            continue
        turn = getattr(finding, "turn", None)
        rule = getattr(finding, "rule", None)
        where = message("turn_n", lang, n=turn) if turn is not None else message("whole_call", lang)
        text = getattr(finding, "text", "")
        lines.append(f"  {where}: {text!r} — {finding.category}" + (f", {rule}" if rule else ""))
    return "\n".join(lines)
