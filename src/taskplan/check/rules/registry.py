"""TP5xx: units.yaml itself — names, aliases, groups, unused units."""
from __future__ import annotations

from typing import Any, Iterator

from taskplan.i18n import M_, names_list
from taskplan.check.rule import RuleContext
from taskplan.check.rule import rule
from taskplan.findings import Finding
from taskplan.store.discover import UNITS_FILE
from taskplan.model.text import name_key


def _entries(ctx: RuleContext) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """(key path, unit or group) of every registry entry, units first."""
    registry = ctx.loaded.registry
    if registry is None:
        return
    for i, unit in enumerate(registry.units):
        yield ("units", i), unit
    for i, group in enumerate(registry.groups):
        yield ("groups", i), group


@rule("TP501", "duplicate-unit-name", "error")
def duplicate_name(ctx: RuleContext) -> Iterator[Finding]:
    """Two entries of units.yaml (units or groups) have the same name (width and spaces ignored).

    A name must lead to exactly one unit; with two entries, which one a task
    means is a guess.  Merge the entries (keep one, move the other's
    spellings into its aliases).
    """
    seen: dict[str, tuple[Any, ...]] = {}
    for loc, entry in _entries(ctx):
        key = name_key(entry.name)
        if key in seen:
            first = ctx.locate(UNITS_FILE, (*seen[key], "name"))[0]
            yield ctx.at(UNITS_FILE, (*loc, "name"), M_("\"{entry_name}\" is registered twice (first on line {first}); merge the entries", entry_name=entry.name, first=first))
        else:
            seen[key] = loc


@rule("TP502", "duplicate-alias", "error")
def duplicate_alias(ctx: RuleContext) -> Iterator[Finding]:
    """An alias is listed twice, or under two entries, or repeats its own entry's name.

    An alias shared by two units cannot say which of them a task means; a
    repeated alias is noise.  Keep each spelling once, under the one unit it
    names.
    """
    owner: dict[str, str] = {}
    for loc, entry in _entries(ctx):
        own = {name_key(entry.name)}
        local: set[str] = set()
        for j, alias in enumerate(entry.aliases):
            key = name_key(alias)
            where = (*loc, "aliases", j)
            if key in own:
                yield ctx.at(UNITS_FILE, where, M_("alias \"{alias}\" repeats the name of {entry_name}; remove it", alias=alias, entry_name=entry.name))
            elif key in local:
                yield ctx.at(UNITS_FILE, where, M_("alias \"{alias}\" is listed twice for {entry_name}; remove one", alias=alias, entry_name=entry.name))
            elif key in owner and owner[key] != entry.name:
                yield ctx.at(UNITS_FILE, where, M_("alias \"{alias}\" of {entry_name} is also an alias of {value1}; keep it under one unit", alias=alias, entry_name=entry.name, value1=owner[key]))
            local.add(key)
            owner.setdefault(key, entry.name)


@rule("TP503", "alias-is-other-name", "error")
def alias_is_other_name(ctx: RuleContext) -> Iterator[Finding]:
    """An alias of one entry is the name or full name of another entry.

    Then the spelling resolves to two units and tasks naming it are
    ambiguous.  Remove the alias, or merge the two entries.
    """
    names: dict[str, str] = {}
    for _loc, entry in _entries(ctx):
        for spelling in (entry.name, entry.full_name):
            if spelling:
                names.setdefault(name_key(spelling), entry.name)
    for loc, entry in _entries(ctx):
        for j, alias in enumerate(entry.aliases):
            other = names.get(name_key(alias))
            if other is not None and other != entry.name:
                yield ctx.at(UNITS_FILE, (*loc, "aliases", j), M_("alias \"{alias}\" of {entry_name} is the name of {other}; remove it or merge the two", alias=alias, entry_name=entry.name, other=other))


@rule("TP504", "unknown-group-member", "error")
def unknown_member(ctx: RuleContext) -> Iterator[Finding]:
    """A group lists a member that is not a registered unit.

    Queries expand a group to its members (a query for 西柳镇 finds tasks of
    各镇(街道)); a misspelt member, or a group inside a group, is silently
    lost.  Register the unit or fix the name.
    """
    resolver = ctx.resolver
    registry = ctx.loaded.registry
    if resolver is None or registry is None:
        return
    for i, group in enumerate(registry.groups):
        for j, member in enumerate(group.members):
            entry = resolver.resolve(member)
            where = ("groups", i, "members", j)
            if entry is None:
                close = resolver.suggest(member)
                hint = M_(" (did you mean {names}?)", names=names_list(close)) if close else ""
                yield ctx.at(UNITS_FILE, where, M_("member \"{member}\" of group {group_name} is not a registered unit{hint}", member=member, group_name=group.name, hint=hint))
            elif entry.is_group:
                yield ctx.at(UNITS_FILE, where, M_("member \"{member}\" of group {group_name} is a group, not a unit; list its units", member=member, group_name=group.name))


@rule("TP505", "unused-unit", "warning")
def unused_unit(ctx: RuleContext) -> Iterator[Finding]:
    """A registered unit or group that no task names (directly or through a group it belongs to).

    Usually a leftover of a renamed unit, or a unit whose tasks were filed
    under another spelling.  Remove it, or keep it deliberately and ignore
    the code for units.yaml in the configuration.
    """
    resolver = ctx.resolver
    if resolver is None:
        return
    used = {entry.name for entry in ctx.index.named_entries()}  # the one role model (index/roles.py)
    for loc, entry in _entries(ctx):
        if entry.name not in used:
            kind = M_("group") if loc[0] == "groups" else M_("unit")
            yield ctx.at(UNITS_FILE, (*loc, "name"), M_("{kind} {entry_name} is not named by any task", kind=kind, entry_name=entry.name))
