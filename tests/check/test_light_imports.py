"""Every command imports the check CLI modules (for their --format choices): they must stay light."""
from __future__ import annotations

import subprocess
import sys


def test_cli_start_does_not_import_the_check_machinery():
    probe = (
        "import sys\n"
        "import taskplan.cli.app\n"
        "heavy = ('taskplan.check.engine', 'taskplan.check.config', 'taskplan.records.diff', 'taskplan.records.schema',"
        " 'taskplan.check.rules', 'yaml', 'ruamel', 'jsonschema', 'tomllib')\n"
        "print(sorted(m for m in sys.modules if m.startswith(heavy)))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out == "[]\n"
