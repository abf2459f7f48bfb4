"""Name resolution: every spelling of a unit or group leads to one entry.

A name resolves through the registry's canonical names, full names and
aliases, compared width-insensitively (``镇（街道）`` = ``镇(街道)``, see
``text.name_key``).  Groups (各镇(街道), 市直部门 …) resolve like units and
know their members, so a query for 西柳镇 can find tasks addressed to
各镇(街道).
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from taskplan.i18n import M_, names_list
from taskplan.errors import UsageError
from taskplan.model.records import Group, Registry, Unit
from taskplan.model.text import is_clean, name_key


@dataclass(frozen=True)
class Entry:
    """A resolved unit or group."""

    name: str
    is_group: bool
    full_name: str | None
    kind: str
    aliases: tuple[str, ...]
    members: tuple[str, ...] = ()

    @property
    def display(self) -> str:
        """Full name where the registry has one, else the canonical name."""
        return self.full_name or self.name


@dataclass
class Resolver:
    registry: Registry
    entries: dict[str, Entry] = field(default_factory=dict)  # canonical name -> entry
    index: dict[str, Entry] = field(default_factory=dict)  # name key -> entry
    clashes: list[tuple[str, Entry, Entry]] = field(default_factory=list)  # spelling used twice
    # spelling -> entry, remembered: 10,000 tasks repeat the same two hundred names, and the
    # index never changes after construction
    _memo: dict[str, Entry | None] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for unit in self.registry.units:
            self._add(self._entry(unit))
        for group in self.registry.groups:
            self._add(self._entry(group))

    @staticmethod
    def _entry(item: Unit | Group) -> Entry:
        if isinstance(item, Group):
            return Entry(item.name, True, item.full_name, "组", tuple(item.aliases), tuple(item.members))
        return Entry(item.name, False, item.full_name, item.kind, tuple(item.aliases))

    def _add(self, entry: Entry) -> None:
        if entry.name in self.entries:
            self.clashes.append((entry.name, self.entries[entry.name], entry))
        self.entries.setdefault(entry.name, entry)
        for spelling in (entry.name, entry.full_name, *entry.aliases):
            if not spelling:
                continue
            key = name_key(spelling)
            known = self.index.get(key)
            if known is not None and known is not entry and known.name != entry.name:
                self.clashes.append((spelling, known, entry))
                continue
            self.index.setdefault(key, entry)

    def resolve(self, name: str) -> Entry | None:
        try:
            return self._memo[name]
        except KeyError:
            entry = self._memo[name] = self.index.get(name_key(name))
            return entry

    def suggest(self, name: str, n: int = 3) -> list[str]:
        """Canonical names close to ``name``: substring matches first, then by similarity."""
        key = name_key(name)
        if not key:
            return []
        out: list[str] = []
        for spelling, entry in self.index.items():
            if (key in spelling or spelling in key) and entry.name not in out:
                out.append(entry.name)
        if out:  # a name that contains the input (or is contained in it) beats mere similarity:
            return out[:n]  # 海城市公安 → 公安局, not also 财政局 for sharing "海城市…局"
        close = difflib.get_close_matches(key, list(self.index), n=n * 2, cutoff=0.5)
        for spelling in close:
            canonical = self.index[spelling].name
            if canonical not in out:
                out.append(canonical)
        return out[:n]

    def require(self, name: str) -> Entry:
        entry = self.resolve(name)
        if entry is None:
            close = self.suggest(name)
            hint = M_("did you mean {names}?", names=names_list(close)) if close else M_("see 'taskplan units' for the registered names")
            raise UsageError(M_("unknown unit \"{name}\"", name=name), hint=hint)
        return entry

    def groups_of(self, unit_name: str) -> list[Entry]:
        """Groups that list ``unit_name`` (any spelling) among their members."""
        target = self.resolve(unit_name)
        if target is None:
            return []
        out = []
        for entry in self.entries.values():
            if entry.is_group and any(self.resolve(m) is target for m in entry.members):
                out.append(entry)
        return out

    def display(self, name: str) -> str:
        entry = self.resolve(name)
        return entry.display if entry else name


def registered_spelling(resolver: Resolver, name: str) -> str | None:
    """The registered spelling ``name`` equals up to width and spaces, when it is not exactly one.

    Only a clean spelling is ever proposed: one that units.yaml writes with stray white space or
    an invisible character (``'财政局 '``) is a finding in units.yaml itself (TP402, TP404), and
    copying it into every task file that names the unit would spread the damage.
    """
    entry = resolver.resolve(name)
    if entry is None:
        return None
    spellings = [s for s in (entry.name, entry.full_name, *entry.aliases) if s]
    if name in spellings:
        return None
    key = name_key(name)
    for spelling in spellings:
        if name_key(spelling) == key and is_clean(spelling):
            return spelling
    return None
