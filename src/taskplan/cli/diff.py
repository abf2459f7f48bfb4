"""taskplan diff [BASE [HEAD]]: what changed in the plan between two git revisions."""
from __future__ import annotations

import enum
from typing import Optional

import typer

from taskplan.i18n import M_

from taskplan.escape import visible
from taskplan.records.diffout import DIFF_FORMATS
from taskplan.cli.common import plan_dir

DiffFormat = enum.Enum("DiffFormat", {name: name for name in DIFF_FORMATS}, type=str)  # type: ignore[misc]


def run(ctx, base, head, fmt) -> None:
    """diff: the options as typed → the library → what is printed."""
    from taskplan.records.diff import plan_diff
    from taskplan.store.gitrev import record_blobs, worktree_blobs

    root = plan_dir(ctx)
    old = record_blobs(root, base)
    new = record_blobs(root, head) if head is not None else worktree_blobs(root)
    result = plan_diff(old, new, base, head or M_("working tree"))  # English in json, translated in text and md
    from taskplan.cli import display
    from taskplan.records.diffout import as_text

    text = as_text(result, display.width()) if fmt.value == "text" else DIFF_FORMATS[fmt.value](result)
    typer.echo(visible(text), nl=False)  # titles and file names are shown, never obeyed


def register(app: typer.Typer) -> None:
    @app.command()
    def diff(
        ctx: typer.Context,
        base: str = typer.Argument("HEAD", help="The earlier revision (default: HEAD)."),
        head: Optional[str] = typer.Argument(None, help="The later revision (default: the working tree)."),
        fmt: DiffFormat = typer.Option("text", "--format", "-f", help="text, or md for a pull-request comment or step summary."),
    ) -> None:
        """The change between two revisions in the plan's words: tasks added or removed, titles, roles, measures.

        Like git diff: with no HEAD the working tree is compared with BASE.
        """
        run(ctx, base, head, fmt)
