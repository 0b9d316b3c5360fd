"""The `collectsim` command line. Each command group lives in its own module.

Subcommand modules import their heavy dependencies inside the command body so
that `collectsim check` and `collectsim run` start fast and never load Textual.
"""

from __future__ import annotations

import click

from simulator import __version__
from simulator.cli.check import check
from simulator.cli.run import run
from simulator.cli.scenarios import scenarios
from simulator.cli.score import score


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="collectsim")
def main() -> None:
    """Rehearse debt-collection calls against scripted debtors, graded on empathy, legality and outcome."""


main.add_command(check)
main.add_command(score)
main.add_command(run)
main.add_command(scenarios)
