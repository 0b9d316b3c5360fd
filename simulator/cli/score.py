from __future__ import annotations

import click


@click.command()
def score() -> None:
    """(being built)"""
    raise click.UsageError("'score' is not built yet")
