from __future__ import annotations

import click


@click.group()
def scenarios() -> None:
    """Authoring tools: list, validate, graph, test, schema."""
