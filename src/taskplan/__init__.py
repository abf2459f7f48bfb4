"""taskplan: a government task plan kept as plain-text YAML records."""

__version__ = "0.1.0"
