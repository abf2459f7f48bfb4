"""The Typer application, global options, and the one place errors become exit codes.

Exit codes: 0 success, 1 findings (bad data), 2 usage or internal error.
Each command lives in its own module under ``taskplan.cli`` and registers
itself through ``register(app)``; the list below decides the order in --help.
Only the module of the command being run is imported (see register_commands).
"""
from __future__ import annotations

import gc
import importlib
import os
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

# Start-up (these imports, and main() importing the command's module) creates some 10^5 objects and
# no cyclic garbage; the collector, left on, walks them again and again: ~30 ms of a cold check's
# start on a 2-core machine.  It is paused for both and switched back on before the command runs.
_COLLECTING = gc.isenabled()
gc.disable()

from taskplan import i18n  # noqa: E402 - the language is chosen before typer is imported (it reads gettext at import)

import typer  # noqa: E402

from taskplan import __version__  # noqa: E402
from taskplan.cli import display, localize  # noqa: E402
from taskplan.errors import DataError, TaskplanError  # noqa: E402
from taskplan.i18n import _  # noqa: E402

if _COLLECTING:
    gc.enable()

COMMANDS = [
    # the plan and its records
    "init",
    "import_cmd",
    "show",
    "list_cmd",
    "units",
    "sections",
    "stats",
    "report",
    # keeping the records right (editors, CI)
    "check",
    "rules",
    "fmt",
    "schema",
    "new",
    "diff",
    "log",
    # progress and deadlines
    "deadlines",
    "update",
    "extend",
    "overdue",
    "collect",
    "export",
]

_app = typer.Typer(  # ``app`` (module __getattr__ below) is this with every command registered
    name="taskplan",
    help=_("Keep a government task plan (任务分解和责任分工方案) as plain-text YAML records."),
    cls=localize.Group,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@dataclass
class Options:
    directory: Optional[Path]
    debug: bool = False
    no_cache: bool = False
    formula_guard: bool = True


def _version(value: bool) -> None:
    if value:
        typer.echo(f"taskplan {__version__}")
        raise typer.Exit()


@_app.callback()
def root(
    ctx: typer.Context,
    directory: Optional[Path] = typer.Option(
        None, "-C", "--directory", help=_("Plan directory (default: nearest ancestor holding plan.yaml).")
    ),
    debug: bool = typer.Option(False, "--debug", help=_("Show a traceback on internal errors.")),
    no_cache: bool = typer.Option(False, "--no-cache", help=_("Parse every file; neither read nor write the cache.")),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help=_("Print the version and exit.")),
    guard: bool = typer.Option(
        True, "--formula-guard/--no-formula-guard",
        help=_("CSV output: a cell starting with = + - @, tab or CR gets a ' in front, so a spreadsheet shows it as text "
               "instead of running it as a formula (OWASP CSV injection). --no-formula-guard writes cells as they are."),
    ),
) -> None:
    ctx.obj = Options(directory, debug, no_cache, guard)


# Registration is lazy: importing every command module costs ~50 ms of CPU at each start (query,
# output, progress rendering …), so main() imports only the module of the command being run (all of
# them for --help, no command or an unknown one, so help and "did you mean" see every command).
# Module ``foo_cmd`` or ``foo`` provides command ``foo`` (``_`` in a module name is ``-`` in the command).
_registered: set[str] = set()


def _command_of(module: str) -> str:
    return module.removesuffix("_cmd").replace("_", "-")


def _module_of(command: str) -> str | None:
    for name in COMMANDS:
        if _command_of(name) == command:
            return name
    return None


def register_commands(names: list[str] | None = None) -> typer.Typer:
    """Register these command modules (default: every one, in COMMANDS order) on ``app`` and return it."""
    wanted = COMMANDS if names is None else names
    for name in wanted:
        if name not in _registered:
            importlib.import_module(f"taskplan.cli.{name}").register(_app)
            _registered.add(name)
    for info in _app.registered_commands:  # every command prints its usage and help in the user's language
        localize.translate_command(info)
        display.add_options(info)  # --wide / --color where tables or findings are printed
    if names is None:  # --help lists commands in COMMANDS order, whatever ran before in this process
        order = {_command_of(name): i for i, name in enumerate(COMMANDS)}
        _app.registered_commands.sort(key=lambda c: order.get(c.name or c.callback.__name__.replace("_", "-"), len(order)))
    return _app


def __getattr__(name: str) -> typer.Typer:
    if name == "app":  # the whole CLI, for documentation and tests (typer.main.get_command(app))
        return register_commands()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_GLOBAL_WITH_VALUE = ("-C", "--directory")


def _command_in(args: list[str]) -> str | None:
    """The command named in ``args`` (after the global options), or None when there is none to tell."""
    i = 0
    while i < len(args):
        arg = args[i]
        if arg in _GLOBAL_WITH_VALUE:
            i += 2
            continue
        if arg.startswith("-"):
            if arg in ("--debug", "--no-cache") or arg.startswith(("-C", "--directory=")):
                i += 1
                continue
            return None  # help, version or an option click must judge: every command
        return arg
    return None


def _err(message: str) -> None:
    from taskplan.escape import visible  # messages quote user input: no escape sequence reaches the terminal

    sys.stderr.write(visible(message) + "\n")


def main(argv: list[str] | None = None) -> int:
    """Console-script entry point: run the app and map every outcome to an exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args or bool(os.environ.get("TASKPLAN_DEBUG"))
    display.reset()
    try:
        module = _module_of(_command_in(args) or "")
        collecting = gc.isenabled()
        gc.disable()  # importing the command's module (pydantic, the models …): see _COLLECTING
        try:
            register_commands([module] if module else None)
        finally:
            if collecting:
                gc.enable()
        code = _app(args=args, prog_name="taskplan", standalone_mode=False)
        return code if isinstance(code, int) else 0  # a command's return value, or the code of typer.Exit
    except SystemExit as exc:
        code = exc.code
        if code is None:
            return 0
        return code if isinstance(code, int) else 2
    except typer.Abort:
        _err(_("Aborted!"))
        return 1
    except typer.TyperException as exc:  # Click's usage errors (unknown option, bad value …), shown as Click would
        if not hasattr(exc, "format_message"):
            raise
        _err(localize.usage_error_text(exc))
        return getattr(exc, "exit_code", 2)
    except DataError as exc:
        for finding in exc.findings:
            _err(finding.format())
        return exc.exit_code
    except TaskplanError as exc:
        _err(_("taskplan: error: {message}").format(message=i18n.translate(exc.message))
             + (_(" ({hint})").format(hint=i18n.translate(exc.hint)) if exc.hint else ""))
        return exc.exit_code
    except KeyboardInterrupt:
        _err(_("taskplan: interrupted"))
        return 130
    except BrokenPipeError:
        # the reader of a pipe went away (taskplan list | head): not an error
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        except OSError:
            pass
        return 0
    except Exception as exc:  # noqa: BLE001 - the one place internal errors become exit 2
        if debug:
            traceback.print_exc()
        _err(_("taskplan: internal error: {kind}: {error} (run with --debug for the traceback and report it)").format(kind=type(exc).__name__, error=exc))
        return 2
    return 0


def run() -> None:
    """Console script (and ``python -m taskplan``): main(), then leave without interpreter teardown.

    Teardown frees, object by object, everything a large plan loaded (and runs a
    last collection over it): ~50 ms on 10,000 tasks, for memory the OS takes
    back at once.  Output is flushed first; everything else (cache files) was
    written and closed inside main().
    """
    code = main()
    try:
        sys.stdout.flush()
    except (BrokenPipeError, ValueError):  # the reader went away, or stdout was closed
        pass
    try:
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        pass
    os._exit(code)
