"""Commands that make or reshape record files: fmt, new, schema, diff."""
