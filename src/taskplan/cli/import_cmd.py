"""taskplan import SOURCE --into DIR: an official document → records."""
from __future__ import annotations

from pathlib import Path

import typer

from taskplan.escape import visible


def run(source, into, force, dry_run, ci_source, sheet, extract_deadlines) -> None:
    """import: the options as typed → the library → what is printed."""
    from taskplan.importer import import_document
    from taskplan.records.scaffold import ci_source_of

    summary = import_document(
        source, into, force=force, dry_run=dry_run, sheet=sheet, ci_source=None if dry_run else ci_source_of(ci_source)
    )
    if dry_run:
        for line in summary.reading_lines():
            typer.echo(line)
    for line in summary.lines():
        typer.echo(visible(line))
    for finding in summary.warnings:
        typer.echo(finding.format(), err=True)
    if extract_deadlines and not dry_run:
        from taskplan.progress.extract import extract_into

        typer.echo("  deadlines: " + extract_into(into))
    if not summary.complete:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    @app.command("import")
    def import_(
        source: Path = typer.Argument(..., metavar="SOURCE", help="The document: plain UTF-8 text, Word (.docx) or an Excel 台账 (.xlsx)."),
        into: Path = typer.Option(..., "--into", help="Plan directory to write plan.yaml, units.yaml and tasks/ into."),
        force: bool = typer.Option(False, "--force", help="Replace existing plan.yaml and tasks/ (units.yaml is kept and only extended)."),
        dry_run: bool = typer.Option(False, "--dry-run", help="Write nothing; print how each line was read, then the summary."),
        ci_source: str = typer.Option(None, "--ci-source", metavar="URL@REV", help="Where CI and pre-commit install taskplan from: git URL@tag-or-commit (default: where this taskplan was installed from, when pip recorded it)."),
        sheet: str = typer.Option(None, "--sheet", metavar="NAME", help="The sheet of an .xlsx to read (default: the first with a header row such as 序号 工作任务 牵头单位)."),
        extract_deadlines: bool = typer.Option(
            False, "--extract-deadlines", help="Also store the deadlines the text states (年底前, 6月末 …) as 'source: extracted'."
        ),
    ) -> None:
        """Import an official plan document (任务分解和责任分工方案) into YAML records.

        Prints what was found: sections, tasks, units, the names it could not
        classify (written to units.yaml with kind 未分类 for you to curate) and
        every line that went into no record.  Exit 1 when text that looks like
        a task was left unused or a task names no unit (the records are written
        anyway); exit 0 when every line was placed.  Into a directory without a
        plan it also writes what taskplan init does: the JSON schemas, CI and
        pre-commit files, .gitattributes and a README.
        """
        run(source, into, force, dry_run, ci_source, sheet, extract_deadlines)
