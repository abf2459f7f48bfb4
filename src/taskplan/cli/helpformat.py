"""--help laid out by display width (CJK = 2) with Chinese line breaking, in either language.

Click's formatter counts characters and breaks CJK text anywhere; this one
measures columns and breaks through ``output.wrap``.  Paragraph rules are
Click's: a blank line separates paragraphs, a paragraph that starts with a
``\\b`` line is printed as written (re-indented only).
"""
from __future__ import annotations

import typer

from taskplan.i18n import _
from taskplan.model.text import display_width
from taskplan.output.wrap import wrap


def _paragraphs(text: str) -> list[tuple[int, bool, list[str]]]:
    """(indent, raw, lines) per paragraph, as Click's wrap_text splits them."""
    out: list[tuple[int, bool, list[str]]] = []
    buf: list[str] = []
    indent: int | None = None

    def flush() -> None:
        if buf:
            raw = buf[0].strip() == "\b"
            out.append((indent or 0, raw, buf[1:] if raw else buf[:]))
            buf.clear()

    for line in text.expandtabs().splitlines():
        if not line:
            flush()
            indent = None
            continue
        if indent is None:
            indent = len(line) - len(line.lstrip())
            line = line.lstrip()
        buf.append(line)
    flush()
    return out


def join_lines(lines: list[str]) -> str:
    """A paragraph's lines as one: a space between words, none between two Chinese characters
    (a translation broken across lines must not gain a space: 日期、 作者)."""
    out = ""
    for line in lines:
        if out and not (display_width(out[-1]) == 2 and display_width(line[:1]) == 2):
            out += " "
        out += line
    return out


def wrap_help(text: str, width: int, indent: str = "") -> str:
    blocks = []
    for extra, raw, lines in _paragraphs(text):
        pad = indent + " " * extra
        if raw:  # as written; a line wider than the terminal still wraps, under its own indent
            out: list[str] = []
            for line in lines:
                lead = pad + " " * (len(line) - len(line.lstrip()))
                if not line or display_width(pad + line) <= width:
                    out.append(pad + line if line else line)
                else:
                    out += wrap(line.strip(), width, lead, lead + "  ")
            blocks.append("\n".join(out))
        else:
            blocks.append("\n".join(wrap(join_lines(lines), width, pad, pad)))
    return "\n\n".join(blocks)


class HelpFormatter(typer.Context.formatter_class):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        prefix = _("Usage: ") if prefix is None else prefix
        head = f"{prefix:>{self.current_indent}}{prog} "
        text_width = self.width - self.current_indent
        if text_width >= display_width(head) + 20:
            lines = wrap(args, text_width, head, " " * display_width(head))
        else:
            pad = " " * (max(self.current_indent, display_width(prefix)) + 4)
            lines = [head] + wrap(args, text_width, pad, pad)
        self.write("\n".join(lines) + "\n")

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}" + _("{heading}:").format(heading=heading) + "\n")

    def write_text(self, text: str) -> None:
        self.write(wrap_help(text, self.width, " " * self.current_indent) + "\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        first_col = min(max((display_width(r[0]) for r in rows), default=0), col_max) + col_spacing
        for first, second in ((r[0], r[1] if len(r) > 1 else "") for r in rows):
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if display_width(first) <= first_col - col_spacing:
                self.write(" " * (first_col - display_width(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            text_width = max(self.width - first_col - 2, 10)
            lines = wrap_help(second, text_width).splitlines() or [""]
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write((f"{'':>{first_col + self.current_indent}}{line}" if line else "") + "\n")
