"""Unit names → registry entries: recognise, classify, and build units.yaml.

Two sources of knowledge, in this order:

1. the directory's own units.yaml when it has one (curated: always wins,
   never rewritten; names it does not know are appended with kind 未分类);
2. otherwise the built-in table (seed.py) plus the suffix rules
   (…镇 / …街道 → 镇(街道), …开发区 → 开发区).

A name neither knows becomes a unit of kind 未分类 and is listed in the
import summary: the importer never guesses silently.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from taskplan.importer import seed
from taskplan.model.records import Group, Registry, Unit
from taskplan.model.registry import Resolver
from taskplan.model.text import name_key

UNCLASSIFIED = "未分类"
# a measure may name a unit of the task without its 市/市委 prefix: 宣传部 for 市委宣传部
DROPPABLE_PREFIXES = ("市委", "市", "县委", "县", "区委", "区", "省")


def city_of(issuer: str | None) -> str | None:
    """海城市人民政府 → 海城市 (the prefix of official full names)."""
    if not issuer:
        return None
    for suffix in ("人民政府办公室", "人民政府办公厅", "人民政府"):
        if issuer.endswith(suffix) and len(issuer) > len(suffix):
            return issuer[: -len(suffix)]
    return None


def _full(template: str | None, city: str | None, name: str) -> str | None:
    if template is None or ("{city}" in template and not city):
        return None
    return template.format(city=city or "", name=name)


def seed_registry(city: str | None) -> Registry:
    units = [
        Unit(name=name, full_name=_full(template, city, name), kind=kind, aliases=list(aliases))
        for name, (kind, template, aliases) in seed.UNITS.items()
    ]
    groups = [Group(name=name, aliases=list(aliases)) for name, (aliases, _) in seed.GROUPS.items()]
    return Registry(units=units, groups=groups)


def classify_by_suffix(name: str, city: str | None) -> Unit | None:
    if name.startswith(("各", "相关")):
        return None  # a plural name is a group, not one unit
    for suffix, kind, template in seed.SUFFIX_RULES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return Unit(name=name, full_name=_full(template, city, name), kind=kind, aliases=[])
    return None


@dataclass
class UnitBook:
    """What the importer knows about units while it reads one document."""

    base: Registry
    curated: bool  # base came from the directory's units.yaml
    city: str | None
    resolver: Resolver = field(init=False)
    used: list[str] = field(default_factory=list)  # names in document order, first use
    short_forms: dict[str, str] = field(default_factory=dict)  # 宣传部 -> 市委宣传部 (seen in this document)
    not_units: list[str] = field(default_factory=list)  # "目标:", "食品方面:" … left in the measure text

    def __post_init__(self) -> None:
        self.resolver = Resolver(self.base)

    def note(self, name: str) -> None:
        if name not in self.used:
            self.used.append(name)

    def is_unit(self, name: str, task_units: list[str]) -> bool:
        """Whether ``name`` (a ``X:`` prefix in a measure) names a unit."""
        key = name_key(name)
        for unit in task_units:
            if name_key(unit) == key:
                return True
        if self.resolver.resolve(name) is not None:
            return True
        for unit in task_units:
            for prefix in DROPPABLE_PREFIXES:
                if name_key(unit) == name_key(prefix + name):
                    self.short_forms.setdefault(name, unit)
                    return True
        if name not in self.not_units:
            self.not_units.append(name)
        return False

    def build(self) -> tuple[Registry, list[str], list[str]]:
        """(registry to write, names added, names of kind 未分类)."""
        if self.curated:
            return self._extend_curated()
        return self._fresh()

    def _extend_curated(self) -> tuple[Registry, list[str], list[str]]:
        added: list[str] = []
        added_keys: set[str] = set()  # two spellings of one new name are added once
        for name in self.used:
            key = name_key(name)
            if self.resolver.resolve(name) is None and key not in added_keys:
                added.append(name)
                added_keys.add(key)
        registry = Registry(units=[*self.base.units, *(Unit(name=n, kind=UNCLASSIFIED) for n in added)], groups=self.base.groups)
        return registry, added, list(added)

    def _fresh(self) -> tuple[Registry, list[str], list[str]]:
        seeded = Resolver(self.base)
        units: dict[str, Unit] = {}
        groups: dict[str, Group] = {}
        unclassified: list[str] = []

        def claim(entry_name: str, is_group: bool) -> None:
            if is_group:
                if entry_name not in groups:
                    source = next(g for g in self.base.groups if g.name == entry_name)
                    groups[entry_name] = source.model_copy(deep=True)
            elif entry_name not in units:
                source = next(u for u in self.base.units if u.name == entry_name)
                units[entry_name] = source.model_copy(deep=True)

        for name in self.used:
            target = self.short_forms.get(name)
            entry = seeded.resolve(name)
            if entry is not None:
                claim(entry.name, entry.is_group)
                continue
            if target is not None:
                continue  # handled below, once its full form has an entry
            if any(name_key(n) == name_key(name) for n in units):
                continue
            unit = classify_by_suffix(name, self.city)
            if unit is None:
                unit = Unit(name=name, kind=UNCLASSIFIED)
                unclassified.append(name)
            units[name] = unit
        # short forms seen in measures become aliases of the unit they abbreviate
        for short, full in self.short_forms.items():
            if seeded.resolve(short) is not None:
                continue
            owner = Resolver(Registry(units=list(units.values()), groups=list(groups.values()))).resolve(full)
            if owner is not None and not owner.is_group and short not in units[owner.name].aliases:
                units[owner.name].aliases.append(short)
        for name, group in groups.items():
            member_kind = seed.GROUPS.get(name, ((), None))[1]
            if member_kind:
                group.members = [u.name for u in units.values() if u.kind == member_kind]
        registry = Registry(units=list(units.values()), groups=list(groups.values()))
        return registry, list(units), unclassified
