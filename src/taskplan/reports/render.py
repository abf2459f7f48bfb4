"""Jinja2 rendering of the text formats (md, text, csv, html).

Templates are looked up by name, ``<kind>.<format>.j2``: first in the plan
repo's own ``templates/`` directory, then in the templates shipped with the
package.  As soon as a template may come from the user (a plan repo's
templates/ that is not the shipped directory itself, or ``--template FILE``)
everything renders in jinja2's SandboxedEnvironment: a template is data
someone else wrote, and must not reach Python internals, nor take the machine:
``reports/sandbox.py`` adds a time limit, size limits and keeps includes in the
template folders.  StrictUndefined
everywhere: a misspelt key is an error naming the template and line, not
an empty string in a document sent to 40 offices.
"""
from __future__ import annotations

from pathlib import Path
from collections.abc import Iterator
from typing import Any

import jinja2
from jinja2.sandbox import SecurityError

from taskplan.i18n import M_
from taskplan.errors import UsageError
from taskplan.reports.formats import RenderSettings
from taskplan.reports.lazy import json_default
from taskplan.model.text import display_width
from taskplan.output.tables import Column, md_cell, pad, render_csv, render_markdown, render_text
from taskplan.model.numerals import chinese_number

SHIPPED = Path(__file__).resolve().parent.parent / "templates"
TEMPLATE_SUFFIX = ".j2"


def template_name(kind: str, fmt: str) -> str:
    return f"{kind}.{fmt}{TEMPLATE_SUFFIX}"


# ---------------------------------------------------------------- filters (all pure, safe in the sandbox)


def csv_row(values: list[Any]) -> str:
    """A CSV line from a list of cells (``output.tables.render_csv``, the one CSV writer)."""
    return render_csv([values])


def md_text(value: Any) -> str:
    """Markdown-inert prose: characters that would start emphasis, links or HTML are escaped."""
    text = "" if value is None else str(value)
    for ch in "\\`*_[]<>#|":
        text = text.replace(ch, "\\" + ch)
    return text


def _columns(rows: list[list[Any]], header: list[Any] | None, size: int) -> list[Column]:
    """Columns whose cells are all numbers (and there is a row) are right-aligned."""
    numeric = [bool(rows) and all(isinstance(r[i], int) for r in rows if i < len(r)) for i in range(size)]
    heads = [("" if h is None else str(h)) for h in header] if header else [""] * size
    return [Column(str(i), heads[i], numeric=numeric[i]) for i in range(size)]


def text_table(rows: list[list[Any]], header: list[Any] | None = None, indent: int = 0) -> str:
    """Columns aligned by display width (CJK = 2 cells); numbers right-aligned (``output.tables.render_text``)."""
    first = header or (rows[0] if rows else None)
    if first is None:
        return ""
    cells = [["" if v is None else str(v) for v in row] for row in rows]
    return render_text(_columns(rows, header, len(first)), cells, header=bool(header), indent=indent)


def md_table(rows: list[list[Any]], header: list[Any]) -> str:
    """A GitHub-flavoured Markdown table; numeric columns right-aligned (``output.tables.render_markdown``)."""
    return render_markdown(_columns(rows, header, len(header)), rows)


FILTERS = {
    "text_table": text_table,
    "md_table": md_table,
    "csv_row": csv_row,
    "md_cell": md_cell,
    "md_text": md_text,
    "cn_number": chinese_number,
    "width": display_width,
    "pad": pad,
    "csv": render_csv,  # a whole table at once: rows (a list of lists) → csv text
}


# ---------------------------------------------------------------- environment


def user_template_dir(plan_root: Path | None) -> Path | None:
    """The plan repo's templates/ when it exists and is not the shipped directory itself."""
    if plan_root is None:
        return None
    candidate = plan_root / "templates"
    if not candidate.is_dir():
        return None
    if candidate.resolve() == SHIPPED.resolve():
        return None  # this repo: the package's templates are symlinked from here
    return candidate


def _autoescape(force_html: bool):
    def decide(name: str | None) -> bool:
        return force_html or bool(name and (name.endswith(".html.j2") or name.endswith(".html")))

    return decide


def make_env(settings: RenderSettings, *, html: bool = False) -> jinja2.Environment:
    from taskplan.reports.sandbox import FolderLoader, LimitedSandbox

    loaders: list[jinja2.BaseLoader] = []
    user_dir = user_template_dir(settings.plan_root)
    sandbox = user_dir is not None or settings.template is not None
    if settings.template is not None:
        loaders.append(FolderLoader(str(settings.template.parent)))
    if user_dir is not None:
        loaders.append(FolderLoader(str(user_dir)))
    loaders.append(FolderLoader(str(SHIPPED)))
    limits: dict[str, Any] = {"timeout": settings.template_timeout, "max_output": settings.template_max_output} if sandbox else {}
    env = (LimitedSandbox if sandbox else jinja2.Environment)(
        **limits,
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=_autoescape(html),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    if not settings.formula_guard:  # --no-formula-guard: csv cells as they are
        env.filters["csv_row"] = lambda values: render_csv([values], guard=False)
        env.filters["csv"] = lambda rows: render_csv(rows, guard=False)
    # default: a lazy per-task list (reports/lazy.py) is written as the list it stands for
    env.policies["json.dumps_kwargs"] = {"sort_keys": False, "ensure_ascii": False, "default": json_default}
    if isinstance(env, LimitedSandbox):
        env.limit_filters()
    return env


# ---------------------------------------------------------------- errors with template name and line


def _template_location(exc: BaseException, fallback: str) -> tuple[str, int | None]:
    if getattr(exc, "where", None) is not None:  # a limit hook that knew the place (sandbox.TemplateLimitError)
        return exc.where  # type: ignore[attr-defined, no-any-return]
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return exc.filename or exc.name or fallback, exc.lineno
    # jinja2 rewrites tracebacks so that template frames carry the template's file and line
    where: tuple[str, int | None] = (fallback, None)
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(TEMPLATE_SUFFIX) or filename == fallback or filename.endswith((".html", ".md", ".txt", ".csv")):
            where = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return where


def _display_path(path: str, settings: RenderSettings) -> str:
    p = Path(path)
    for base in (settings.plan_root, Path.cwd()):
        if base is not None:
            try:
                return str(p.resolve().relative_to(base.resolve()))
            except ValueError:
                continue
    return path


def template_error(exc: BaseException, name: str, settings: RenderSettings) -> UsageError:
    path, line = _template_location(exc, name)
    where = f"{_display_path(path, settings)}:{line}" if line else _display_path(path, settings)
    from taskplan.reports.sandbox import TemplateLimitError

    if isinstance(exc, TemplateLimitError):
        what = exc.message
    elif isinstance(exc, jinja2.TemplateNotFound):
        what = M_("no template \"{name}\" in the template folders (a template can include, import or extend only templates "
                  "in the plan's templates/, the --template file's folder and the shipped templates)", name=exc.name)
    elif isinstance(exc, MemoryError):
        what = M_("the template ran out of memory")
    elif isinstance(exc, RecursionError):
        what = M_("template recursion too deep (a macro or template that calls or includes itself)")
    elif isinstance(exc, OverflowError):
        what = M_("a number in the template is too large: {exc}", exc=exc)
    elif isinstance(exc, SecurityError):
        what = f"template tried something unsafe and was stopped by the sandbox: {exc}"
    elif isinstance(exc, jinja2.TemplateSyntaxError):
        what = f"template syntax error: {exc.message}"
    elif isinstance(exc, jinja2.UndefinedError):
        what = f"template uses an undefined value: {exc.message} (see docs/reports.md for the context of each kind)"
    else:
        what = f"template error: {type(exc).__name__}: {exc}"
    return UsageError(M_("{where}: {what}", where=where, what=what))


def render_template(fmt: str, kind: str, context: dict[str, Any], settings: RenderSettings) -> str:
    """Render ``<kind>.<fmt>.j2`` (or ``settings.template``) with ``context``."""
    return "".join(stream_template(fmt, kind, context, settings))


def stream_template(fmt: str, kind: str, context: dict[str, Any], settings: RenderSettings) -> Iterator[str]:
    """``render_template`` piece by piece, as jinja2 generates it: a file is written without the whole text in memory.

    Every error, also one raised half-way through, is the UsageError naming the template and line.
    """
    from taskplan.reports.sandbox import LimitedSandbox, TemplateLimitError

    env = make_env(settings, html=fmt == "html")
    name = settings.template.name if settings.template is not None else template_name(kind, fmt)
    try:
        template = env.get_template(name)
        if isinstance(env, LimitedSandbox):
            env.start()
            yield from env.limit_output(template.generate(context))  # the size and time limits of env.concat
        else:
            yield from template.generate(context)
    except jinja2.TemplateNotFound as exc:
        if exc.name != name:  # an include, import or extends inside the template: name its file and line
            raise template_error(exc, name, settings) from None
        raise UsageError(M_("no template \"{exc_name}\"", exc_name=exc.name), hint=M_("shipped templates are in {SHIPPED}", SHIPPED=SHIPPED)) from None
    except (jinja2.TemplateError, SecurityError, TemplateLimitError, ArithmeticError, MemoryError, RecursionError, TypeError,
            ValueError, AttributeError, LookupError) as exc:  # ArithmeticError: OverflowError, ZeroDivisionError
        err = template_error(exc, name, settings)
        err.__cause__ = exc
        raise err from exc
