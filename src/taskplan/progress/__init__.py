"""Progress and deadlines: derived state of each task as of a given date."""
