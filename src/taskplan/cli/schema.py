"""taskplan schema: write the JSON Schemas editors use (docs/schema/*.json)."""
from __future__ import annotations

import typer

from taskplan.cli.common import load


def run(ctx) -> None:
    """schema: the options as typed → the library → what is printed."""
    from taskplan.records.schema import SCHEMAS, SCHEMA_DIR, write_schemas

    loaded = load(ctx)
    changed = write_schemas(loaded.root, loaded.plan, loaded.registry)
    for rel in changed:
        typer.echo(f"wrote {rel}")
    typer.echo(f"{len(changed)} of {len(SCHEMAS)} schemas in {SCHEMA_DIR}/ updated")


def register(app: typer.Typer) -> None:
    @app.command()
    def schema(ctx: typer.Context) -> None:
        """Write docs/schema/task.schema.json, plan.schema.json and units.schema.json.

        Generated from the record models, with the registered unit names and
        aliases (and plan.yaml's sections) as completions.  Task files point
        at it from their first line, so VS Code's YAML extension completes
        and checks them as you type.
        """
        run(ctx)
