"""How tables reach the reader: the width they are fitted to, and colour.

Width: on a terminal its width; piped or redirected, ``COLUMNS`` when set,
else 100 — so `| less`, CI logs and files get lines a person can read.
``--wide`` prints rows unwrapped (one line per row, for grep).  Machine formats
(json, csv, ids) are never wrapped: only the text table takes a width.

Colour (https://no-color.org): ``--color always|never`` decides; with
``auto`` (the default) ``NO_COLOR`` (non-empty) turns it off, ``FORCE_COLOR``
(non-empty, not 0) turns it on, else colour only on a terminal whose TERM is
not ``dumb``.  Lights (红灯 黄灯 绿灯) and severities (error warning info, 错误 警告 提示) are coloured.
"""
from __future__ import annotations

import enum
import inspect
import os
import re
import shutil
import sys
import typing
from dataclasses import dataclass
from typing import Callable, Optional

import typer

from taskplan.escape import visible
from taskplan.findings import SEVERITY_WORDS
from taskplan.i18n import N_, _

PIPED_WIDTH = 100


class ColorWhen(str, enum.Enum):
    auto = "auto"
    always = "always"
    never = "never"


@dataclass
class Settings:
    wide: bool = False
    color: ColorWhen = ColorWhen.auto


settings = Settings()


def reset() -> None:
    """Back to the defaults (each run of main(), so in-process callers start clean)."""
    settings.wide = False
    settings.color = ColorWhen.auto


def width(stream=None, environ=None) -> int | None:
    """The width tables are fitted to; None: unwrapped (--wide)."""
    if settings.wide:
        return None
    stream = stream or sys.stdout
    environ = os.environ if environ is None else environ
    if stream.isatty():
        return shutil.get_terminal_size().columns
    columns = environ.get("COLUMNS", "").strip()
    return int(columns) if columns.isdigit() and int(columns) > 0 else PIPED_WIDTH


def use_color(stream=None, environ=None) -> bool:
    if settings.color is not ColorWhen.auto:
        return settings.color is ColorWhen.always
    environ = os.environ if environ is None else environ
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR") and environ.get("FORCE_COLOR") != "0":
        return True
    stream = stream or sys.stdout
    return stream.isatty() and environ.get("TERM") != "dumb"


RED, YELLOW, GREEN, CYAN, RESET = "\x1b[31m", "\x1b[33m", "\x1b[32m", "\x1b[36m", "\x1b[0m"
# keyed by the one light vocabulary (progress/state.LIGHTS); None: printed plain.  Only a light's full name
# (红灯) is painted, never a bare 红 in some other cell.
LIGHT_COLOURS = {"red": RED, "yellow": YELLOW, "green": GREEN, "none": None}
_SEVERITY_COLOURS = {"error": RED, "warning": YELLOW, "info": CYAN}
_SEVERITY = re.compile(r"^(?P<head>[^\n]*?:\d+:\d+: )(?P<severity>\S+)(?= [A-Z]+\d+ )", re.M)


def _colour(text: str) -> str | None:
    """The colour of a light or a severity, in English or in the user's language (findings.severity_word)."""
    from taskplan.progress.state import LIGHTS  # only once colour is on: progress loads the models

    light = next((key for key, name in LIGHTS.items() if name == text), None)
    colour = LIGHT_COLOURS.get(light) or _SEVERITY_COLOURS.get(text)
    if colour is None:
        for severity, severity_colour in _SEVERITY_COLOURS.items():
            if text == _(SEVERITY_WORDS[severity]):
                return severity_colour
    return colour


def painter(stream=None) -> Callable[[str, str], str] | None:
    """For render_text: colours a light or severity cell; None when colour is off."""
    if not use_color(stream):
        return None

    def paint(key: str, text: str) -> str:
        colour = _colour(text.strip())
        return f"{colour}{text}{RESET}" if colour else text

    return paint


_OWN_STYLE = re.compile("(" + "|".join(re.escape(code) for code in (RED, YELLOW, GREEN, CYAN, RESET)) + ")")


def visible_but_colours(text: str) -> str:
    """``escape.visible`` for painted output: user text neutralised, taskplan's own colour codes kept
    (a table's cells are escaped before they are painted; what is left raw here is ours or harmless SGR)."""
    parts = _OWN_STYLE.split(text)
    return "".join(part if i % 2 else visible(part) for i, part in enumerate(parts))


def paint_findings(text: str, stream=None) -> str:
    """``path:1:2: error TP201 …`` lines with the severity coloured (when colour is on)."""
    if not use_color(stream):
        return text
    def paint(m: re.Match) -> str:
        colour = _colour(m["severity"])
        return m["head"] + colour + m["severity"] + RESET if colour else m[0]

    return _SEVERITY.sub(paint, text)


WIDE_HELP = N_("Print each row on one line, unwrapped (piped output is otherwise fitted to COLUMNS, or 100).")
COLOR_HELP = N_("Colour lights and severities: auto (on a terminal, unless NO_COLOR is set), always, never.")
# the commands that print tables take --wide; these and check take --color
TABLE_COMMANDS = {"list", "units", "sections", "stats", "overdue", "deadlines", "rules", "show"}
COLOR_COMMANDS = TABLE_COMMANDS | {"check"}


def add_options(info) -> None:
    """Give a registered command ``--wide``/``--color`` (see COLOR_COMMANDS) without touching its module:
    the callback is wrapped, the options recorded in ``settings`` before it runs."""
    name = info.name or info.callback.__name__.rstrip("_").replace("_", "-")
    if name not in COLOR_COMMANDS or getattr(info.callback, "_display_options", False):
        return
    from taskplan.i18n import _

    original = info.callback
    signature = inspect.signature(original)
    extra = []
    if name in TABLE_COMMANDS:
        extra.append(inspect.Parameter("display_wide", inspect.Parameter.KEYWORD_ONLY, annotation=bool,
                                       default=typer.Option(False, "--wide", help=_(WIDE_HELP))))
    extra.append(inspect.Parameter("display_color", inspect.Parameter.KEYWORD_ONLY, annotation=Optional[ColorWhen],
                                   default=typer.Option(None, "--color", help=_(COLOR_HELP), case_sensitive=False)))

    def command(*args, display_wide: bool = False, display_color: Optional[ColorWhen] = None, **kwargs):
        settings.wide = display_wide
        settings.color = display_color or ColorWhen.auto
        return original(*args, **kwargs)

    # the command modules use string annotations (from __future__ import annotations): resolve them in the
    # original's module, since typer evaluates the wrapper's in this one
    hints = typing.get_type_hints(original, include_extras=True)
    params = [p.replace(annotation=hints.get(p.name, p.annotation)) for p in signature.parameters.values()]
    command.__signature__ = signature.replace(parameters=params + extra, return_annotation=None)
    command.__annotations__ = {p.name: p.annotation for p in params + extra}
    command.__name__, command.__doc__ = original.__name__, original.__doc__
    command._display_options = True
    info.callback = command
