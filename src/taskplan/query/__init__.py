"""Selections of tasks (filters, expressions) and statistics over them."""
