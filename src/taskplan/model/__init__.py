"""The plan's records and names: pydantic models, the unit registry and name resolution, numerals, dates, text keys."""
