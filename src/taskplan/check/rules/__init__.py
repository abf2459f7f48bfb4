"""The rule families; importing this package registers every rule.

Codes: TP0xx files and YAML, TP1xx schema (both from the loader), TP2xx unit
references, TP3xx structure, TP4xx text hygiene, TP5xx units.yaml, TP6xx
progress, TP7xx generated files out of date, TP8xx import (reported by
taskplan import, documented in importer/codes.py).

A new family is a new module in this package: every module here is imported
(so no shared list needs editing), and its ``@rule`` functions register
themselves.
"""
import importlib
import pkgutil

for _module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
    importlib.import_module(f"{__name__}.{_module}")
