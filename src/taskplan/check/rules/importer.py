"""TP8xx: the codes ``taskplan import`` reports, listed with the rules (documented in importer/codes.py)."""
import taskplan.importer.codes  # noqa: F401 - registers TP801 … TP807
