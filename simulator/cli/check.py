from __future__ import annotations

import click


@click.command()
def check() -> None:
    """(being built)"""
    raise click.UsageError("'check' is not built yet")
