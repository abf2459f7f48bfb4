"""Fast, safe YAML parsing of record files, with every problem as a Finding.

Read-only commands parse with PyYAML's C-backed safe loader (about ten times
faster than ruamel's round trip, see NOTES.md).  On top of it we add what
the plain safe loader lacks for hand-edited records:

* strict UTF-8 (a GBK file is reported with the line of its first bad byte),
* duplicate keys are an error (PyYAML silently keeps the last one),
* anchors and aliases are rejected (alias bombs load fast but explode when
  walked; records never need them),
* bad timestamps such as ``2020-13-01`` are reported with their line,
* a size limit, so a runaway file cannot exhaust memory.
"""
from __future__ import annotations

import re
from sys import intern
from typing import Any, Callable

import yaml

from taskplan.i18n import M_
from taskplan.findings import Finding
from taskplan.store.codes import (CODE_ALIAS, CODE_BOM, CODE_DUPLICATE_KEY, CODE_EMPTY, CODE_ENCODING,
                                  CODE_NOT_MAPPING, CODE_SYNTAX, CODE_TOO_LARGE, SEVERITIES)

try:  # the C loader ships in PyYAML's wheels; keep a pure-Python fallback
    from yaml import CSafeLoader as _BaseLoader

    HAVE_LIBYAML = True
except ImportError:  # pragma: no cover - exercised by tests via force_python
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

    HAVE_LIBYAML = False

_NON_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

MAX_FILE_BYTES = 1 << 20  # 1 MiB: the largest real task file is ~3 KB



class ParseProblem(Exception):
    """Raised with the finding that stops a file from being read."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.format())
        self.finding = finding


def _mark_pos(mark: Any) -> tuple[int, int]:
    if mark is None:
        return 0, 0
    return mark.line + 1, mark.column + 1


def _make_loader(base: type) -> type:
    class StrictLoader(base):  # type: ignore[misc, valid-type]
        """Safe loader that rejects duplicate keys and locates bad dates."""

        def construct_mapping(self, node: Any, deep: bool = False) -> dict:
            seen: dict[Any, Any] = {}
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                try:
                    hash(key)
                except TypeError:
                    raise yaml.constructor.ConstructorError(
                        None, None, "a mapping key must be a plain value", key_node.start_mark
                    ) from None
                if key in seen:
                    line, _col = _mark_pos(seen[key])
                    raise _DuplicateKey(key, key_node.start_mark, line)
                seen[key] = key_node.start_mark
            return super().construct_mapping(node, deep=deep)

        def construct_yaml_timestamp(self, node: Any) -> Any:
            try:
                return super().construct_yaml_timestamp(node)
            except ValueError as exc:
                raise _bad_date(node, exc) from None

    # The composer asks the resolver for the tag of every node, in Python: a third of a parse.  Safe
    # loaders have no path resolvers, so the tag depends only on the kind and, for plain scalars, on
    # the implicit resolvers keyed by the first character — looked up once here, not per node.
    implicit_by_char = {
        key: tuple(rules) + tuple(base.yaml_implicit_resolvers.get(None, ()))
        for key, rules in base.yaml_implicit_resolvers.items()
        if key is not None
    }
    wildcard = tuple(base.yaml_implicit_resolvers.get(None, ()))
    scalar, sequence = yaml.ScalarNode, yaml.SequenceNode
    str_tag, seq_tag, map_tag = base.DEFAULT_SCALAR_TAG, base.DEFAULT_SEQUENCE_TAG, base.DEFAULT_MAPPING_TAG

    if not base.yaml_path_resolvers:
        # The tags of plain scalars whose first character has resolvers (keys such as title or
        # feedback, numbers, dates): every file repeats the same keys, so each is matched once.
        known: dict[str, str] = {}
        known_get = known.get

        def resolve(self: Any, kind: Any, value: Any, implicit: Any) -> str:
            if kind is scalar:
                if implicit[0]:
                    rules = implicit_by_char.get(value[:1], wildcard)
                    if rules:
                        tag = known_get(value)
                        if tag is not None:
                            return tag
                        tag = str_tag
                        for rule_tag, regexp in rules:
                            if regexp.match(value):
                                tag = rule_tag
                                break
                        if len(known) < _MAX_KNOWN_TAGS:
                            known[value] = tag
                        return tag
                return str_tag
            return seq_tag if kind is sequence else map_tag

        StrictLoader.resolve = resolve
        StrictLoader.descend_resolver = lambda self, parent, index: None
        StrictLoader.ascend_resolver = lambda self: None

    StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", StrictLoader.construct_yaml_timestamp)
    StrictLoader.add_constructor("tag:yaml.org,2002:map", StrictLoader.construct_yaml_map)
    return StrictLoader


class _DuplicateKey(Exception):
    def __init__(self, key: Any, mark: Any, first_line: int) -> None:
        self.key, self.mark, self.first_line = key, mark, first_line


class _BadValue(Exception):
    def __init__(self, message: str, mark: Any) -> None:
        self.message, self.mark = message, mark


def _bad_date(node: Any, exc: ValueError) -> _BadValue:
    """A timestamp-shaped scalar that is no date (2020-13-01): the same message on both construction paths."""
    return _BadValue(f"invalid date {node.value!r} ({exc}); write YYYY-MM-DD", node.start_mark)


_LOADERS: dict[bool, type] = {}
_MAX_KNOWN_TAGS = 2048  # the keys come first; then ids, dates and other short values, until this many


def _loader(force_python: bool) -> type:
    use_c = HAVE_LIBYAML and not force_python
    if use_c not in _LOADERS:
        _LOADERS[use_c] = _make_loader(_BaseLoader if use_c else yaml.SafeLoader)
    return _LOADERS[use_c]


def decode(raw: bytes, path: str) -> tuple[str, list[Finding]]:
    """Decode record bytes as UTF-8; a BOM is tolerated but reported."""
    warnings: list[Finding] = []
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
        warnings.append(
            Finding(path, 1, 1, CODE_BOM, SEVERITIES[CODE_BOM], M_("file starts with a UTF-8 byte order mark; save it as UTF-8 without BOM"))
        )
    try:
        return raw.decode("utf-8"), warnings
    except UnicodeDecodeError as exc:
        good = raw[: exc.start]
        line = good.count(b"\n") + 1
        col = len(good[good.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        guess = ""
        try:
            raw.decode("gb18030")
            guess = M_(" (it looks like GBK/GB18030)")
        except UnicodeDecodeError:
            pass
        raise ParseProblem(
            Finding(path, line, col, CODE_ENCODING, SEVERITIES[CODE_ENCODING], M_("file is not UTF-8{guess}; re-save it as UTF-8", guess=guess))
        ) from None


def _reject_anchors(text: str, path: str, loader: type) -> None:
    """Records never use anchors or aliases; refuse them before anything walks the tree."""
    if "&" not in text and "*" not in text:
        return  # fast path: no anchor or alias can exist
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                line, col = _mark_pos(event.start_mark)
                raise ParseProblem(
                    Finding(path, line, col, CODE_ALIAS, SEVERITIES[CODE_ALIAS],
                            M_("YAML anchors and aliases (&name, *name) are not allowed in records; write the value out"))
                )
    except yaml.YAMLError:
        return  # the syntax error is reported by the real parse


_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"


class _Unusual(Exception):
    """A node the fast constructor leaves to PyYAML's own (merge keys, !!binary, !!set, custom tags …)."""


def _scalar_constructors() -> dict[str, Any]:
    base = yaml.constructor.SafeConstructor()

    def timestamp(node: Any) -> Any:
        try:
            return base.construct_yaml_timestamp(node)
        except ValueError as exc:
            raise _bad_date(node, exc) from None

    return {
        "tag:yaml.org,2002:int": base.construct_yaml_int,
        "tag:yaml.org,2002:float": base.construct_yaml_float,
        "tag:yaml.org,2002:bool": base.construct_yaml_bool,
        "tag:yaml.org,2002:null": base.construct_yaml_null,
        "tag:yaml.org,2002:timestamp": timestamp,
    }


_SCALARS = _scalar_constructors()


def _construct(node: Any) -> Any:
    """Node tree → Python data, like SafeConstructor but several times faster on records.

    PyYAML's constructor walks every node through generic, generator-based
    machinery; records only hold maps, lists and plain scalars, so a direct
    recursion does the same job (half of a load's time, see bench/).  It
    applies the strict rules too: duplicate keys and bad dates are errors.
    Anything unusual raises _Unusual and the file goes through PyYAML's own
    constructor (StrictLoader), so the result never differs.
    """
    kind = node.id
    if kind == "scalar":
        if node.tag == _STR:
            return node.value
        make = _SCALARS.get(node.tag)
        if make is None:
            raise _Unusual
        return make(node)
    if kind == "sequence":
        if node.tag != _SEQ:
            raise _Unusual
        return [_construct(item) for item in node.value]
    if node.tag != _MAP:
        raise _Unusual
    out: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = _construct(key_node)
        if type(key) is str:
            # one object per key name for the whole plan, not per file: less memory, and the forked
            # parser's results pickle (and unpickle after the join) in half the time
            key = intern(key)
        try:
            known = key in out
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, "a mapping key must be a plain value", key_node.start_mark
            ) from None
        if known:
            first = next(k for k, _ in node.value if k is not key_node and _construct(k) == key)
            raise _DuplicateKey(key, key_node.start_mark, first.start_mark.line + 1)
        out[key] = _construct(value_node)
    return out


def _load(text: str, loader: type, on_node: Callable[[Any, str], Any] | None = None) -> Any:
    reader = loader(text)
    try:
        node = reader.get_single_node()
    finally:
        reader.dispose()
    if node is None:
        return None
    try:
        data = _construct(node)
    except _Unusual:
        data = yaml.load(text, Loader=loader)  # noqa: S506 - a SafeLoader subclass
    if on_node is not None:
        on_node(node, text)
    return data


def compose(text: str) -> Any:
    """libyaml's node tree of ``text`` (None when it does not parse): its marks are the positions.

    The same C parser and tag resolution as ``parse``, without building the data.
    """
    reader = _loader(False)(text)
    try:
        return reader.get_single_node()
    except (yaml.YAMLError, RecursionError):
        return None
    finally:
        reader.dispose()


def parse(raw: bytes, path: str, *, force_python: bool = False,
          on_node: Callable[[Any, str], Any] | None = None) -> tuple[Any, list[Finding]]:
    """Parse one record file; return (data, warnings) or raise ParseProblem.

    ``on_node(node, text)`` is called with the composed node tree of a file that parses (its marks
    are the positions: store/positions.py), so a caller that needs them parses once.
    """
    if len(raw) > MAX_FILE_BYTES:
        raise ParseProblem(
            Finding(path, 1, 1, CODE_TOO_LARGE, SEVERITIES[CODE_TOO_LARGE],
                    M_("file is {value1:,} bytes; record files are limited to {MAX_FILE_BYTES:,} bytes", value1=len(raw), MAX_FILE_BYTES=MAX_FILE_BYTES))
        )
    text, warnings = decode(raw, path)
    if not text.strip():
        raise ParseProblem(Finding(path, 1, 1, CODE_EMPTY, SEVERITIES[CODE_EMPTY], M_("file is empty; write the record or delete the file")))
    loader = _loader(force_python)
    _reject_anchors(text, path, loader)
    try:
        data = _load(text, loader, on_node)
    except _DuplicateKey as exc:
        line, col = _mark_pos(exc.mark)
        raise ParseProblem(
            Finding(path, line, col, CODE_DUPLICATE_KEY, SEVERITIES[CODE_DUPLICATE_KEY],
                    M_("duplicate key \"{exc_key}\" (first defined on line {exc_first_line}); keep one of them", exc_key=exc.key, exc_first_line=exc.first_line))
        ) from None
    except _BadValue as exc:
        line, col = _mark_pos(exc.mark)
        raise ParseProblem(Finding(path, line, col, CODE_SYNTAX, SEVERITIES[CODE_SYNTAX], exc.message)) from None
    except yaml.MarkedYAMLError as exc:
        line, col = _mark_pos(exc.problem_mark or exc.context_mark)
        what = (exc.problem or exc.context or "invalid YAML").strip()
        raise ParseProblem(Finding(path, line, col, CODE_SYNTAX, SEVERITIES[CODE_SYNTAX], M_("YAML syntax: {what}", what=what))) from None
    except yaml.reader.ReaderError as exc:  # a control character: not a MarkedYAMLError, has a position
        bad = _NON_PRINTABLE.search(text)  # libyaml reports a byte offset, PyYAML a character one
        pos = bad.start() if bad else max(0, min(exc.position, len(text)))
        line = text.count("\n", 0, pos) + 1
        col = pos - (text.rfind("\n", 0, pos) + 1) + 1
        char = ord(text[pos]) if bad else 0
        raise ParseProblem(
            Finding(path, line, col, CODE_SYNTAX, SEVERITIES[CODE_SYNTAX], M_("YAML syntax: control character U+{char:04X} is not allowed; remove it", char=char))
        ) from None
    except (yaml.YAMLError, RecursionError) as exc:
        raise ParseProblem(Finding(path, 1, 1, CODE_SYNTAX, SEVERITIES[CODE_SYNTAX], M_("YAML syntax: {exc}", exc=exc))) from None
    if data is None:  # only comments (or a bare "---")
        raise ParseProblem(Finding(path, 1, 1, CODE_EMPTY, SEVERITIES[CODE_EMPTY], M_("file has no record, only comments; write the record or delete the file")))
    if not isinstance(data, dict):
        raise ParseProblem(
            Finding(path, 1, 1, CODE_NOT_MAPPING, SEVERITIES[CODE_NOT_MAPPING],
                    M_("expected a mapping of fields (key: value), found {value1}", value1=type(data).__name__))
        )
    if "leader" in data:  # only task records have it
        from taskplan.model.records import migrate_task_data

        migrate_task_data(data)
    return data, warnings

