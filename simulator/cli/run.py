from __future__ import annotations

import click


@click.command()
def run() -> None:
    """(being built)"""
    raise click.UsageError("'run' is not built yet")
