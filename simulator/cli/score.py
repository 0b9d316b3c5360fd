"""`collectsim score`: grade a transcript file (one the simulator wrote, or a real call's).

    collectsim score call.yaml [--scenario us-job-loss] [--jurisdiction uk] [--json]
    collectsim score calls/*.yaml [--json]

Several files are graded as one batch (``scoring.api.score_many``); with ``--json`` the output is
then one JSON array of ``{"file", "scorecard"}``, in the order given.

A transcript is YAML or JSON: `language`, `jurisdiction`, optional `scenario`, and `turns`, a
list of `{speaker: collector|debtor, text: ...}`. It is read with the safe marked loader under
a size cap; problems are reported as `file:line:col: [error] code: message` on stderr with exit
code 2. Exit 0 whenever a scorecard was produced, passed or not (the grade is in the output).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from simulator.cli.check import JURISDICTION_CHOICES, format_finding, guess_lang

if TYPE_CHECKING:
    from scoring.diagnostics import Diagnostic
    from scoring.model import Transcript
    from scoring.scorecard import Scorecard, ScoringContext

MAX_TURNS = 2_000
MAX_TURN_CHARS = 20_000
DEFAULT_JURISDICTION = {"en": "us", "zh": "cn"}


class _Unreadable(Exception):
    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        super().__init__("\n".join(d.format() for d in diagnostics))


def _json_syntax(text: str, name: str) -> list[Diagnostic]:
    import json

    from scoring.diagnostics import Diagnostic

    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        return [Diagnostic(name, exc.lineno, exc.colno, "error", "json-syntax", exc.msg)]
    return []


@dataclass(frozen=True)
class TranscriptFile:
    transcript: Transcript
    recorded_outcome: str | None = None


def read_transcript(path: str, jurisdiction: str | None) -> tuple[TranscriptFile | None, list[Diagnostic]]:
    """Load and validate a transcript file; returns (TranscriptFile | None, diagnostics).

    A simulator-written file (`collectsim run --json`) may also record `outcome_category`;
    it comes back as ``recorded_outcome`` (the engine's terminal outcome) and grades the call.
    """
    from pydantic import ValidationError

    from scoring.diagnostics import DiagnosticList, has_errors
    from scoring.model import Transcript
    from scoring.yamlsrc import MAX_FILE_BYTES, MDict, MList, load_yaml_text, mark_at, plain, read_text_file

    name = "<stdin>" if path == "-" else path
    if path == "-":
        raw = sys.stdin.read(MAX_FILE_BYTES + 1)
        if len(raw.encode("utf-8")) > MAX_FILE_BYTES:
            diags = DiagnosticList(name)
            diags.error(None, "file-too-large", f"input is larger than {MAX_FILE_BYTES:,} bytes")
            return None, diags.sorted()
        text: str | None = raw
    else:
        text, read_diags = read_text_file(Path(path))
        if text is None:
            return None, read_diags
    assert text is not None
    data, diags_list = load_yaml_text(text, name)
    if has_errors(diags_list):
        if name.endswith(".json"):
            diags_list = _json_syntax(text, name) or diags_list
        return None, diags_list
    diags = DiagnosticList(name)
    if not isinstance(data, MDict):
        diags.error(
            getattr(data, "start", None),
            "not-a-transcript",
            "a transcript must be a mapping with language, jurisdiction and turns",
        )
        return None, diags.sorted()
    turns = data.get("turns")
    if not isinstance(turns, MList) or not turns:
        diags.error(
            data.mark_of("turns") if "turns" in data else data.start,
            "missing-turns",
            "'turns' must be a non-empty list of {speaker, text}",
        )
        return None, diags.sorted()
    if len(turns) > MAX_TURNS:
        diags.error(
            data.mark_of("turns"), "too-many-turns", f"{len(turns):,} turns; the limit is {MAX_TURNS:,}"
        )
        return None, diags.sorted()
    doc = plain(data)
    if "language" not in doc:
        sample = " ".join(str(t.get("text", "")) for t in doc["turns"] if isinstance(t, dict))
        doc["language"] = guess_lang(sample)
        diags.warning(data.start, "guessed-language", f"no 'language'; guessed {doc['language']!r}")
    if jurisdiction:
        doc["jurisdiction"] = jurisdiction
    elif "jurisdiction" not in doc and doc.get("language") in DEFAULT_JURISDICTION:
        doc["jurisdiction"] = DEFAULT_JURISDICTION[doc["language"]]
        diags.warning(
            data.start,
            "default-jurisdiction",
            f"no 'jurisdiction'; using {doc['jurisdiction']!r} (pass --jurisdiction to choose)",
        )
    for turn in doc["turns"]:
        if (
            isinstance(turn, dict)
            and isinstance(turn.get("text"), str)
            and len(turn["text"]) > MAX_TURN_CHARS
        ):
            turn["text"] = turn["text"][:MAX_TURN_CHARS]
    recorded = doc.get("outcome_category")
    try:
        transcript = Transcript.model_validate(doc)
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(err["loc"])
            diags.error(
                mark_at(data, loc),
                "invalid-transcript",
                f"{'.'.join(str(p) for p in loc) or 'transcript'}: {err['msg']}",
            )
        return None, diags.sorted()
    from scoring.rulepack import outcome_ids

    file = TranscriptFile(
        transcript, recorded if isinstance(recorded, str) and recorded in outcome_ids() else None
    )
    return file, diags.sorted()


def scenario_context(scenario_id: str, outcome_category: str | None) -> tuple[Any, ScoringContext]:
    """(Scenario, ScoringContext) for `--scenario ID`; raises click.UsageError when not found."""
    from scoring.scorecard import ScoringContext, Weights
    from simulator.scenario import ScenarioNotFound, find_scenario, load_scenario

    try:
        path = find_scenario(scenario_id)
    except ScenarioNotFound as exc:
        raise click.UsageError(str(exc)) from exc
    scenario, diags = load_scenario(path)
    if scenario is None:
        for d in diags:
            click.echo(d.format(), err=True)
        raise click.UsageError(f"scenario {scenario_id!r} does not load")
    scoring = scenario.scoring
    finances = scenario.persona.finances
    weights = None
    if scoring is not None and scoring.weights is not None:
        given = scoring.weights.model_dump(exclude_none=True, include={"empathy", "legality", "outcome"})
        weights = Weights(**{k: float(v) for k, v in given.items()})  # missing ones keep the defaults
    ctx = ScoringContext(
        outcome_category=outcome_category,
        outcome_values=dict(scoring.outcome_values) if scoring is not None else {},
        weights=weights,
        pass_mark=float(scoring.pass_mark) if scoring is not None and scoring.pass_mark is not None else None,
        monthly_capacity=finances.monthly_capacity,
        pay_now_capacity=finances.pay_now,
    )
    return scenario, ctx


def format_scorecard(card: Scorecard) -> str:
    pack = card.rule_pack
    verdict = "PASSED" if card.passed else ("FAILED (auto-fail)" if card.auto_fail else "FAILED")
    lines = [
        f"Scorecard  {card.language}/{card.jurisdiction}"
        + (f"  scenario {card.scenario}" if card.scenario else "")
        + f"  (rule pack {pack.jurisdiction} {pack.version}, effective {pack.effective_date})",
        f"  Empathy   {card.empathy:5.1f}",
        f"  Legality  {card.legality:5.1f}",
        f"  Outcome   {card.outcome:5.1f}  ({card.outcome_category or 'no outcome'})",
        f"  Overall   {card.overall:5.1f}  {verdict}  (pass mark {card.pass_mark:g})",
        "",
        "Checklist",
    ]
    for item in card.checklist:
        where = f"turn {item.turn}" if item.met else f"missed ({item.severity.value}) - {item.tip}"
        lines.append(f"  [{'x' if item.met else ' '}] {item.category}  {where}")
    if not card.checklist:
        lines.append("  (nothing required)")
    lines += ["", "Findings"]
    shown = [f for f in card.findings if f.kind.value != "intent"]
    for f in shown:
        lines += format_finding(f)
    if not shown:
        lines.append("  (none)")
    lines += ["", "Points"]
    for p in card.points:
        where = f" (turn {p.turn})" if p.turn is not None else ""
        rule = f" [{p.rule}]" if p.rule else ""
        lines.append(f"  {p.score:<9} {p.delta:+7.2f}  {p.reason}{where}{rule}")
    return "\n".join(lines)


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "--scenario",
    "scenario_id",
    default=None,
    help="Scenario id or path whose outcome values, weights and debtor means grade the call.",
)
@click.option(
    "--jurisdiction",
    type=click.Choice(JURISDICTION_CHOICES),
    default=None,
    help="Grade under this rule pack instead of the transcript's jurisdiction.",
)
@click.option(
    "--json", "as_json", is_flag=True,
    help="Print one JSON document: the scorecard, or for several files an array of {file, scorecard}.",
)
def score(files: tuple[str, ...], scenario_id: str | None, jurisdiction: str | None, as_json: bool) -> None:
    """Grade the transcript FILE (YAML or JSON; '-' reads stdin). Several FILEs are graded as one
    batch: every file is read first, and one unreadable file grades none of them."""
    from scoring.api import score_many
    from scoring.diagnostics import has_errors

    if files.count("-") > 1:
        raise click.UsageError("'-' (stdin) can be given once")
    calls: list[tuple[Transcript, ScoringContext | None]] = []
    unreadable: list[str] = []
    for file in files:
        loaded, diags = read_transcript(file, jurisdiction)
        for d in diags:
            click.echo(d.format(), err=True)
        if loaded is None or has_errors(diags):
            unreadable.append(file)
        else:
            calls.append(_with_context(loaded, scenario_id))
    if unreadable:
        for file in unreadable:
            click.echo(f"error: cannot score {file}", err=True)
        if len(files) > 1:
            click.echo(f"error: {len(unreadable)} of {len(files)} files unreadable; none graded", err=True)
        sys.exit(2)
    cards = score_many([t for t, _ in calls], [c for _, c in calls])
    if len(files) == 1:
        click.echo(cards[0].model_dump_json(indent=2) if as_json else format_scorecard(cards[0]))
    elif as_json:
        import json

        pairs = zip(files, cards, strict=True)
        batch = [{"file": f, "scorecard": c.model_dump(mode="json")} for f, c in pairs]
        click.echo(json.dumps(batch, indent=2, ensure_ascii=False))
    else:
        click.echo("\n\n".join(f"== {f}\n{format_scorecard(c)}" for f, c in zip(files, cards, strict=True)))


def _with_context(
    loaded: TranscriptFile, scenario_id: str | None
) -> tuple[Transcript, ScoringContext | None]:
    """The transcript to grade and what grades it: the named scenario's values, else the
    scenario a simulator-written file names, else the outcome it recorded."""
    transcript = loaded.transcript
    context = None
    if scenario_id is not None:
        scenario, context = scenario_context(scenario_id, loaded.recorded_outcome)
        if transcript.scenario is None:
            transcript = transcript.model_copy(update={"scenario": scenario.id})
    elif transcript.scenario is not None:
        # A simulator-written file names its scenario: re-grade with that scenario's values
        # when it can be found; a real call's free-text label is only a label.
        try:
            _scenario, context = scenario_context(transcript.scenario, loaded.recorded_outcome)
        except click.UsageError:
            context = None
    if context is None and loaded.recorded_outcome is not None:
        from scoring.scorecard import ScoringContext

        context = ScoringContext(outcome_category=loaded.recorded_outcome)
    return transcript, context
