"""taskplan: a government task plan kept as plain-text YAML records."""

__version__ = "0.1.0"

# taskplan uses no pydantic plugins; without this, every process scans all installed
# packages' entry points for them (30-90 ms of a 10k-task `list`, see bench/).
# An explicit PYDANTIC_DISABLE_PLUGINS in the environment still wins.
import os as _os

_os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
