"""typer's help and usage errors in the user's language.

typer's own strings ("Options", "Commands", "default: …") go through gettext;
its bundled Click writes "Usage: ", "Error: ", the help option's help and its
usage-error messages as literals.  The command classes below override the
usage line and the help option, and ``usage_error_text`` rebuilds what Click
would print for a usage error, each piece through the catalog (in English it
is byte for byte what Click prints).
"""
from __future__ import annotations

import inspect
import re
import sys

import typer
import typer.core
import typer.models

from taskplan.i18n import N_, _, current, gettext, names_list, translate

# typer.core looks ``_`` up at call time: its strings now come from taskplan's catalog.
typer.core._ = gettext
if "typer.rich_utils" in sys.modules:  # pragma: no cover - rich help is off (rich_markup_mode=None)
    sys.modules["typer.rich_utils"]._ = gettext


class _Context(typer.Context):
    def make_formatter(self):
        # imported here: only help and usage lines are formatted with it, and its line breaking
        # (output/wrap.py) is not needed by a command that runs
        from taskplan.cli.helpformat import HelpFormatter

        return HelpFormatter(width=self.terminal_width, max_width=self.max_content_width)


class _Localized:
    context_class = _Context

    def format_usage(self, ctx, formatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix=_("Usage: "))

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = _("Show this message and exit.")
        return option


class Command(_Localized, typer.core.TyperCommand):
    pass


class Group(_Localized, typer.core.TyperGroup):
    pass


_translated: set[int] = set()


def translate_command(info) -> None:
    """A registered command's help and its parameters' help in the user's language (once per command).

    The catalog holds them because ``cli/extract.py`` collects command docstrings and
    ``help=`` literals; a help given through a constant is marked ``N_`` where it is defined.
    """
    if info.cls in (None, typer.core.TyperCommand):  # typer's default: ours adds the translated usage line
        info.cls = Command
    if id(info) in _translated:
        return
    _translated.add(id(info))
    doc = info.help or (inspect.cleandoc(info.callback.__doc__) if info.callback.__doc__ else None)
    if doc:
        info.help = _(doc)
    for parameter in inspect.signature(info.callback).parameters.values():
        default = parameter.default
        if isinstance(default, typer.models.ParameterInfo) and default.help:
            default.help = _(default.help)


# typer's own strings (typer/core.py looks them up through gettext): listed so the catalog has them.
TYPER_MESSAGES = [
    N_("Arguments"), N_("Options"), N_("Commands"), N_("default: {default}"), N_("required"),
    N_("env var: {var}"), N_("(dynamic)"), N_("Aborted!"), N_("Missing command."),
]

# Click's usage-error messages, matched as Click words them (English) and rebuilt from the catalog.
_MESSAGES = [
    (re.compile(r"No such option: (?P<name>\S+)(?: \(Possible options: (?P<choices>.*)\))?$"),
     N_("No such option: {name}"), N_("(Possible options: {choices})")),
    (re.compile(r"No such command (?P<name>'.*?')\.(?: Did you mean (?P<choices>.*)\?)?$"),
     N_("No such command {name}."), N_("Did you mean {choices}?")),
    (re.compile(r"Missing argument (?P<name>.*)\.$"), N_("Missing argument {name}."), None),
    (re.compile(r"Missing option (?P<name>.*)\.$"), N_("Missing option {name}."), None),
    (re.compile(r"Missing command\.$"), N_("Missing command."), None),
    (re.compile(r"Option (?P<name>'.*?') requires an argument\.$"), N_("Option {name} requires an argument."), None),
    (re.compile(r"Option (?P<name>'.*?') does not take a value\.$"), N_("Option {name} does not take a value."), None),
    (re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((?P<name>.*)\)$"), N_("Got unexpected extra arguments ({name})"), None),
    (re.compile(r"Invalid value for (?P<name>.*?): (?:Value error, )?(?P<value>'.*?') is not one of (?P<choices>.*)\.$"),
     N_("Invalid value for {name}: {value} is not one of {choices}."), None),
    (re.compile(r"Invalid value for (?P<name>.*?): (?P<value>.*)$"), N_("Invalid value for {name}: {value}"), None),
]


# Click lists a missing argument's choices one a line after a tab, which the terminal escaping of
# messages (escape.visible) shows as a literal \t: both languages get them on one line, as a list.
_MISSING_CHOICE = re.compile(r"Missing argument (?P<name>'.*?')\. Choose from:\n\t(?P<choices>.*)$", re.S)


def _message(text: str) -> str:
    m = _MISSING_CHOICE.match(text)
    if m:
        names = m["choices"].split(",\n\t")
        choices = translate(names_list(names)) if len(names) > 1 else names[0]  # a lone choice is no msgid
        return _("Missing argument {name}. Choose from: {choices}").format(name=m["name"], choices=choices)
    if current() == "en":  # the msgids are Click's words: English is exactly what Click prints
        return text
    for pattern, template, extra in _MESSAGES:
        m = pattern.match(text)
        if m:
            fields = m.groupdict()
            out = _(template).format(**fields)
            if extra and fields.get("choices"):
                out += " " + _(extra).format(**fields)
            return out
    return text


def usage_error_text(exc: Exception) -> str:
    """What Click's ``UsageError.show`` prints, in the user's language (no trailing newline)."""
    ctx = getattr(exc, "ctx", None)
    if type(exc).__name__ == "NoArgsIsHelpError":
        return exc.format_message()
    message = _("Error: {message}").format(message=_message(exc.format_message()))
    if ctx is None:
        return message
    hint = ""
    if ctx.command.get_help_option(ctx) is not None:
        hint = _("Try '{command} {option}' for help.").format(command=ctx.command_path, option=ctx.help_option_names[0]) + "\n"
    return f"{ctx.get_usage()}\n{hint}\n{message}"
