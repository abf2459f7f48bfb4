"""The one way records are written: ruamel round trip, atomically.

* Comments, key order, quoting and untouched formatting survive (round trip).
* Long CJK lines are never folded (``width`` is effectively infinite) and
  non-ASCII text is written as is, never as ``\\u`` escapes.
* Indentation is set explicitly (mapping 2, sequence 4, offset 2), otherwise
  ruamel would normalise every file it touches differently.
* A write goes to a temporary file in the same directory, is flushed to
  disk, and then renamed over the original: an interrupted write leaves the
  old file intact.
"""
from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path
from typing import Any, Callable

WIDTH = 1 << 20

# First line of every task file: editors with the YAML extension read the schema from it.
TASK_HEADER = "# yaml-language-server: $schema=../docs/schema/task.schema.json"


def rt_yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.width = WIDTH
    yaml.allow_unicode = True
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    # ruamel writes None as an empty value ("unit:"); the record format spells it "null"
    yaml.representer.add_representer(type(None), _represent_none)
    return yaml


def _represent_none(representer: Any, data: None) -> Any:
    return representer.represent_scalar("tag:yaml.org,2002:null", "null")


def atomic_write(path: Path, data: str | bytes) -> None:
    """Replace ``path`` with ``data`` or leave it untouched."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def dumps(data: Any, *, header: str | None = None) -> str:
    """Serialise round-trip data (CommentedMap) to text in the canonical layout."""
    buf = io.StringIO()
    rt_yaml().dump(data, buf)
    text = buf.getvalue()
    return (header + "\n" + text) if header else text


def update_file(
    path: Path,
    mutate: Callable[[Any], None],
    *,
    validate: Callable[[str], None] | None = None,
    write: bool = True,
) -> tuple[str, str]:
    """Load ``path`` round trip, apply ``mutate`` to the document, write it back atomically.

    A BOM and CRLF line ends are kept as the file has them: they are not the
    business of the command that edits a value.  ``validate(new_text)`` may
    raise to refuse the change before anything is written; ``write=False``
    only computes it (``check --diff``).  Returns (old_text, new_text) as on
    disk; nothing is written when they are equal.
    """
    raw = Path(path).read_bytes().decode("utf-8")
    bom = "\ufeff" if raw.startswith("\ufeff") else ""
    crlf = "\r\n" in raw
    old = raw[len(bom):].replace("\r\n", "\n") if crlf else raw[len(bom):]
    yaml = rt_yaml()
    doc = yaml.load(old)
    mutate(doc)
    buf = io.StringIO()
    yaml.dump(doc, buf)
    new = buf.getvalue()
    if new == old:
        return raw, raw
    if validate is not None:
        validate(new)
    out = bom + (new.replace("\n", "\r\n") if crlf else new)
    if write:
        atomic_write(Path(path), out)
    return raw, out


def flow_list(items: list[str]) -> Any:
    """A list written inline (``[财政局, 发改局]``): unit lists read best on one line."""
    from ruamel.yaml.comments import CommentedSeq

    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq
