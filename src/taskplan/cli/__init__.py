"""The command-line layer: the only place that reads argv, prints, or picks an exit code."""
