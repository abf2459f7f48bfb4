"""taskplan check: rules with stable codes over a loaded plan, reported as findings.

engine.py runs the rules (rules/, one module per family) over a LoadedPlan
and adds the loader's own problems; config.py decides which codes run and
at which severity; reporters.py turns findings into text for humans, JSON,
GitHub annotations or GitLab Code Quality.
"""
