"""taskplan init DIR: a plan repository that works on day one."""
from __future__ import annotations

from pathlib import Path

import typer

def run(directory, title, ci_source) -> None:
    """init: the options as typed → the library → what is printed."""
    from taskplan.records.scaffold import ci_source_of, init_repository, scaffold_lines

    source = ci_source_of(ci_source)
    written = init_repository(directory, title=title, source=source)
    typer.echo(f"initialised {directory}")
    if written:
        typer.echo("\n".join(scaffold_lines(written, source)))
    else:
        typer.echo("  nothing to add: every file is there")


def register(app: typer.Typer) -> None:
    @app.command()
    def init(
        directory: Path = typer.Argument(..., metavar="DIR", help="The plan repository to create or complete."),
        title: str = typer.Option(None, "--title", help="Title of a new plan (plan.yaml); default 任务分解和责任分工方案."),
        ci_source: str = typer.Option(None, "--ci-source", metavar="URL@REV", help="Where CI and pre-commit install taskplan from: git URL@tag-or-commit (default: where this taskplan was installed from, when pip recorded it)."),
    ) -> None:
        """Create a plan repository: plan.yaml, units.yaml, tasks/, the JSON schemas, CI and a README.

        Writes only what DIR lacks (an existing plan and edited files are kept):
        docs/schema/ (as taskplan schema writes it), .gitattributes, .gitignore,
        .github/workflows/taskplan.yml and .gitlab-ci.yml (check, fmt --check,
        diff), .pre-commit-config.yaml (taskplan's hooks) and a README in
        Chinese.  taskplan import --into a new directory does the same.
        """
        run(directory, title, ci_source)
