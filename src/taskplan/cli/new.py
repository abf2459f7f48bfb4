"""taskplan new: create the next task file."""
from __future__ import annotations

from typing import List, Optional

import typer

from taskplan.cli.common import display_path, load


def run(ctx, title, section, lead, responsible, subsection) -> None:
    """new: the options as typed → the library → what is printed."""
    from taskplan.records.new import new_task

    loaded = load(ctx)
    rel, _ = new_task(loaded, section=section, title=title, lead=list(lead), responsible=list(responsible or []), subsection=subsection)
    typer.echo(f"created {display_path(loaded.root)(rel)}")


def register(app: typer.Typer) -> None:
    @app.command()
    def new(
        ctx: typer.Context,
        title: str = typer.Argument(..., help="The task text, as the document has it."),
        section: int = typer.Option(..., "--section", "-s", help="Section number (plan.yaml)."),
        lead: List[str] = typer.Option(..., "--lead", "-l", help="Lead unit (牵头单位); repeat for several."),
        responsible: Optional[List[str]] = typer.Option(None, "--responsible", "-r", help="Responsible unit (责任单位); repeat for several."),
        subsection: Optional[int] = typer.Option(None, "--subsection", help="Subsection number within the section."),
    ) -> None:
        """Create tasks/NNN.yaml for the next id, with the editor header, ready to fill in measures.

        Unit names must be registered in units.yaml (name, alias or full name).
        """
        run(ctx, title, section, lead, responsible, subsection)
