"""The rule families; importing this package registers every rule.

Codes: TP0xx files and YAML, TP1xx schema (both from the loader), TP2xx unit
references, TP3xx structure, TP4xx text hygiene, TP5xx units.yaml, TP6xx
progress (owned by taskplan.progress), TP7xx generated files out of date.
A new family is a new module listed here.
"""
from taskplan.check.rules import files, references, structure, text, registry  # noqa: F401
from taskplan.check.rules import progress  # noqa: F401
