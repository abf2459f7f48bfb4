"""TP8xx: the codes ``taskplan import`` reports, listed with the rules (documented in importer/codes.py)."""
from taskplan.check.rule import loader_rule
from taskplan.importer.codes import CODES

for _code in CODES:  # the importer keeps them as plain data: the arrow runs from check to the importer only
    loader_rule(_code.code, _code.name, _code.severity, _code.doc, __name__.rsplit(".", 1)[-1])
