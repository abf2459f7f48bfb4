"""The sandbox user templates render in: no Python internals, and limits on time, size and folders.

A template from a plan repository or ``--template`` is someone else's code (``render.py``).
jinja2's SandboxedEnvironment keeps it away from Python internals; ``LimitedSandbox`` also keeps
it from taking the machine, and turns every attempt into a ``TemplateLimitError`` that the
renderer reports with the template's file and line (exit 2), never a hang or an internal error:

- **time**: rendering stops after ``timeout`` seconds.  No thread and no signal is involved: the
  clock is read in the hooks the rendering passes through all the time — each step of every
  ``for`` loop (the parser wraps every loop's iterable, ``_parse``), every call, attribute and
  item lookup, operator and filter, and every piece of output.  A loop with nothing in it is
  still a loop, so nothing a template can write runs long without passing a hook.
- **size**: the output, and every value a template builds (by a call, a filter, ``+``, ``*``,
  ``**``, ``%`` or a format string), may hold at most ``max_output`` characters (or items; digits
  for a number).  Sizes that can be known before the work (``'x' * 10**12``, ``9 ** 10**9``,
  ``'%099999999999d'``, ``center(10**12)``, ``range(10**9)``) are refused before it is done.
- **folders**: ``include``, ``import`` and ``extends`` find templates in the template folders
  only (``FolderLoader``): ``..``, absolute paths and symbolic links that lead out are not found.
"""
from __future__ import annotations

import functools
import math
import operator
import os
import re
import string
import sys
import time
from collections.abc import Iterable, Iterator
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.runtime import markup_join, str_join
from jinja2.sandbox import SandboxedEnvironment
from jinja2.visitor import NodeTransformer

from taskplan.i18n import M_, Message

GUARD = "_taskplan_limited_loop"  # the filter every for loop's iterable is wrapped in
JOIN = "_taskplan_join"  # the filter every ~ becomes
MAX_RANGE = 100_000  # numbers in one range(): jinja2's own sandbox limit
TIME_SETTING = M_("template-timeout in the [report] settings")
SIZE_SETTING = M_("template-max-output in the [report] settings")

# what a size limit names (messages)
REPEATED = M_("a repeated value")
POWER = M_("a power")
JOINED = M_("a joined value")
COMPUTED = M_("a computed value")
ARGUMENT = M_("an argument")
CALL_RESULT = M_("the result of a call")
FORMAT_FIELD = M_("a formatted field")
FILTER_ARGUMENT = M_("a filter argument")
FILTER_RESULT = M_("the result of a filter")

_BINOPS = {"+": operator.add, "*": operator.mul, "**": operator.pow, "%": operator.mod}
_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\d+|\*)?(?:\.(\d+|\*))?")
_DIGITS = re.compile(r"\d+")


class TemplateLimitError(Exception):
    """A template went over a limit; ``where`` is its (file, line) when the hook knows it better than the traceback."""

    def __init__(self, message: Message, where: tuple[str, int] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.where = where


_SIZED = (str, list, dict, tuple, set, frozenset, bytes)  # what a template can build big (Markup is a str)


def _size(value: Any) -> int | None:
    """Characters of a string, items of a container, digits of an int; None for what has no size.

    Called on every value a template touches, so concrete types only (an ABC check costs ten times more).
    """
    if isinstance(value, _SIZED):
        return len(value)
    if type(value) is int:  # not bool
        return value.bit_length() * 30103 // 100000 + 1  # decimal digits, without making the string
    return None


def _where_of(frame: Any) -> tuple[str, int] | None:
    """(template file, template line) of a frame of compiled template code; None for any other frame."""
    template = frame.f_globals.get("__jinja_template__")
    if template is None:
        return None
    return str(template.filename), template.get_corresponding_lineno(frame.f_lineno)  # "<template>" from a string


def _generator_where(chunks: Any) -> tuple[str, int] | None:
    """Where a suspended template generator stands: the innermost template it delegates to.

    The output is joined outside the template's frames, so when ``concat`` stops a template the
    traceback holds no template line; the generator's own frame still knows it.
    """
    found = None
    while chunks is not None:
        frame = getattr(chunks, "gi_frame", None)
        if frame is None:
            break
        found = _where_of(frame) or found
        # blocks and extends delegate with "yield from"; an include re-yields from a local named gen
        chunks = chunks.gi_yieldfrom or frame.f_locals.get("gen")
    return found


class FolderLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader that finds nothing outside its folders, symbolic links included.

    jinja2 already refuses ``..`` in a name (and reads ``/etc/x`` as ``etc/x`` under each folder);
    a link inside a folder that points elsewhere is refused here: not found, like any name that
    is not in the template folders.
    """

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
        source, filename, uptodate = super().get_source(environment, template)
        real = os.path.realpath(filename)
        for folder in self.searchpath:
            root = os.path.realpath(folder)
            if real == root or real.startswith(root.rstrip(os.sep) + os.sep):
                return source, filename, uptodate
        raise jinja2.TemplateNotFound(template)


class LimitedSandbox(SandboxedEnvironment):
    """jinja2's sandbox with a deadline and size limits (see the module's docstring)."""

    intercepted_binops = frozenset(_BINOPS)

    def __init__(self, *, timeout: float, max_output: int, **options: Any) -> None:
        super().__init__(**options)
        self.timeout = timeout
        self.max_output = max_output
        self.deadline = math.inf
        self.globals["range"] = self.limited_range

        @jinja2.pass_context  # never called at compile time by jinja2's constant folding
        def guard(_context: Any, iterable: Iterable[Any]) -> Iterator[Any]:
            return self.limited_loop(iterable)

        self.filters[GUARD] = guard

        @jinja2.pass_eval_context
        def join(eval_ctx: Any, items: list[Any]) -> str:  # what ~ does (jinja2.runtime), checked
            self.tick()
            return self.checked(markup_join(items) if eval_ctx.autoescape else str_join(items), JOINED)

        self.filters[JOIN] = join

    # ------------------------------------------------------------ the clock

    def start(self) -> None:
        """Start the clock: call right before rendering."""
        self.deadline = time.monotonic() + self.timeout

    def tick(self) -> None:
        if time.monotonic() > self.deadline:
            raise self.too_late()

    def too_late(self, where: tuple[str, int] | None = None) -> TemplateLimitError:
        return TemplateLimitError(
            M_("rendering took longer than {seconds:g} s, the limit ({setting})", seconds=self.timeout, setting=TIME_SETTING),
            where,
        )

    # ------------------------------------------------------------ sizes

    def too_big(self, what: str, size: int) -> TemplateLimitError:
        return TemplateLimitError(
            M_("{what} would hold {size} characters or items, more than the limit of {limit} ({setting})",
               what=what, size=size, limit=self.max_output, setting=SIZE_SETTING),
        )  # raised in a hook the template's code called: the traceback holds the template's line

    def checked(self, value: Any, what: str) -> Any:
        size = _size(value)
        if size is not None and size > self.max_output:
            raise self.too_big(what, size)
        return value

    def check_count(self, n: Any, what: str) -> None:
        """A number that says how big something becomes (a width, a count) is at most the limit."""
        if isinstance(n, int) and not isinstance(n, bool) and abs(n) > self.max_output:
            raise self.too_big(what, abs(n))

    def check_format(self, fmt: Any) -> None:
        """Widths and precisions in a %-format or a str.format spec are at most the limit."""
        if not isinstance(fmt, str):
            return
        numbers = [n for m in _PERCENT_SPEC.finditer(fmt) for n in m.groups() if n and n != "*"]
        try:
            specs = [spec for _, _, spec, _ in string.Formatter().parse(fmt) if spec]
        except ValueError:  # not a str.format string: only the %-format applies
            specs = []
        numbers += [n for spec in specs for n in _DIGITS.findall(spec)]
        for n in numbers:
            self.check_count(int(n) if len(n) < 20 else self.max_output + 1, FORMAT_FIELD)

    # ------------------------------------------------------------ the hooks

    def call_binop(self, context: jinja2.runtime.Context, op: str, left: Any, right: Any) -> Any:
        self.tick()
        if op == "*":
            for seq, n in ((left, right), (right, left)):
                if isinstance(n, int) and not isinstance(n, bool) and not isinstance(seq, int) and _size(seq) is not None:
                    self.check_count(_size(seq) * n, REPEATED)
        elif op == "**" and isinstance(left, int) and isinstance(right, int) and abs(left) > 1 and right > 0:
            self.check_count(int(right * math.log10(abs(left))), POWER)
        elif op == "+":
            sizes = (_size(left), _size(right))
            if None not in sizes and not isinstance(left, int):
                self.check_count(sizes[0] + sizes[1], JOINED)
        elif op == "%":
            self.check_format(left)
        return self.checked(_BINOPS[op](left, right), COMPUTED)

    def call(__self, __context: jinja2.runtime.Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        __self.tick()
        if __obj != __self.limited_range:  # range() says itself how many numbers are too many
            for value in (*args, *kwargs.values()):
                __self.check_count(value, ARGUMENT)
        return __self.checked(super().call(__context, __obj, *args, **kwargs), CALL_RESULT)

    # Looking a value up builds nothing (a value only grows through the hooks that check it: an
    # operator, a call, a filter, ~, the output), so lookups, the commonest step, only read the clock.
    def getattr(self, obj: Any, attribute: str) -> Any:
        self.tick()
        if isinstance(obj, str) and attribute in ("format", "format_map"):  # '{:>99999999999}'.format(1)
            self.check_format(obj)
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        self.tick()
        return super().getitem(obj, argument)

    def limited_range(self, *args: Any) -> range:
        self.tick()
        numbers = range(*args)
        try:
            count = len(numbers)
        except OverflowError:
            count = sys.maxsize
        if count > MAX_RANGE:
            raise TemplateLimitError(
                M_("range() would count {count} numbers; a template may count at most {limit}", count=count, limit=MAX_RANGE),
            )
        return numbers

    def limited_loop(self, iterable: Iterable[Any]) -> Iterator[Any]:
        """Every for loop iterates through this: the clock is read at each step."""
        if isinstance(iterable, jinja2.Undefined):  # keep StrictUndefined's own error
            yield from iterable
            return
        for item in iterable:
            self.tick()
            yield item

    def limit_filters(self) -> None:
        """Wrap every filter: call after the filters are registered, before any template is loaded."""
        for name, func in list(self.filters.items()):
            if name not in (GUARD, JOIN) and not getattr(func, "taskplan_limited", False):
                self.filters[name] = self._limited_filter(func)

    def _limited_filter(self, func: Any) -> Any:
        @functools.wraps(func)  # keeps jinja_pass_arg (pass_context, pass_eval_context …)
        def limited(*args: Any, **kwargs: Any) -> Any:
            self.tick()
            first = 1 + (hasattr(func, "jinja_pass_arg"))  # the value a filter applies to is not a size
            for value in (*args[first:], *kwargs.values()):
                self.check_count(value, FILTER_ARGUMENT)
            if getattr(func, "__name__", "") == "do_format" and len(args) >= first:
                self.check_format(args[first - 1])
            return self.checked(func(*args, **kwargs), FILTER_RESULT)

        limited.taskplan_limited = True  # type: ignore[attr-defined]
        return limited

    # ------------------------------------------------------------ output and loops

    def concat(self, chunks: Iterable[str]) -> str:  # type: ignore[override]
        """All output passes here (templates, blocks, macros): the clock and the size are checked per piece."""
        return "".join(self.limit_output(chunks))

    def limit_output(self, chunks: Iterable[str]) -> Iterator[str]:
        """``chunks`` checked piece by piece (size, clock): what ``concat`` joins, and a streamed template's output."""
        size = 0
        for chunk in chunks:
            size += len(chunk)
            if size > self.max_output:
                raise TemplateLimitError(
                    M_("the output is longer than the limit of {limit} characters ({setting})", limit=self.max_output, setting=SIZE_SETTING),
                    _generator_where(chunks),
                )
            if time.monotonic() > self.deadline:  # not in a template frame: say where the template stands
                raise self.too_late(_generator_where(chunks))
            yield chunk

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        return _Hooks(self).visit(tree)


class _Hooks(NodeTransformer):
    """Rewrites a parsed template so that every loop step and every ``~`` passes a hook."""

    def __init__(self, env: LimitedSandbox) -> None:
        self.env = env

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        node.iter = nodes.Filter(node.iter, GUARD, [], [], None, None, lineno=node.iter.lineno).set_environment(self.env)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:  # a ~ b: jinja2 joins it inline, with no hook
        self.generic_visit(node)
        joined = nodes.List(node.nodes, lineno=node.lineno)
        return nodes.Filter(joined, JOIN, [], [], None, None, lineno=node.lineno).set_environment(self.env)
