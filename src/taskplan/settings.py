"""The one reader of a plan's settings files; each feature validates its own table.

Settings live in the plan directory, in ``.taskplan.toml`` or in the ``[tool.taskplan]`` part of
``pyproject.toml``::

    # .taskplan.toml                      # pyproject.toml
    [check]                               [tool.taskplan.check]
    ignore = ["TP404"]                    ignore = ["TP404"]
    [progress]                            [tool.taskplan.progress]
    warn-days = 15                        warn-days = 15

``.taskplan.toml`` also accepts the ``[tool.taskplan.<feature>]`` spelling.  For each feature the
first file (``.taskplan.toml``, then ``pyproject.toml``) that has its table wins; the other file is
not merged in.  Setting names may use ``_`` for ``-`` (``warn_days``).  A file that is not valid TOML
or not UTF-8 is a usage error naming it, whichever feature asked: a setting silently ignored would
change every verdict.

A feature calls ``feature_table(root, "check")`` and checks the table itself
(``check/config.py``, ``progress/config.py``), with messages that start with the file's name.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from taskplan.i18n import M_
from taskplan.errors import UsageError

FILES = (".taskplan.toml", "pyproject.toml")


def _read(path: Path) -> dict[str, Any]:
    import tomllib  # only when a command reads settings

    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(M_("{path_name}: invalid TOML: {exc}", path_name=path.name, exc=exc), hint=M_("fix the file or remove it")) from None


def _dig(data: Any, *keys: str) -> Any:
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data


def feature_table(root: Path, feature: str) -> tuple[Any, str | None]:
    """(the ``feature`` table, the name of the file it came from), or (None, None) when no file has one.

    The table's own keys have ``_`` folded to ``-``; what it holds is the feature's to validate
    (it may not even be a table).
    """
    for name in FILES:
        path = root / name
        if not path.is_file():
            continue
        data = _read(path)
        table = _dig(data, "tool", "taskplan", feature)
        if table is None and name == ".taskplan.toml":
            table = data.get(feature)
        if table is None:
            continue
        if isinstance(table, dict):
            table = {key.replace("_", "-"): value for key, value in table.items()}
        return table, name
    return None, None
