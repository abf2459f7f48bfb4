"""show: a registered name is followed by its full name, bracketed the way the reader's language brackets it."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("language, lead", [
    ("en", "Lead units: 发改局 (海城市发展和改革局)、财政局 (海城市财政局)、公安局 (海城市公安局)、商务局 (海城市商务局)"),
    ("zh", "牵头单位：发改局（海城市发展和改革局）、财政局（海城市财政局）、公安局（海城市公安局）、商务局（海城市商务局）"),
])
def test_full_names_in_both_languages(cli, language, lead):
    from taskplan import i18n

    before = i18n.current()
    i18n.set_language(language)
    try:
        r = cli("-C", str(ROOT), "show", "4", "--wide")
    finally:
        i18n.set_language(before)
    assert r.code == 0, r.err
    assert lead in r.out.splitlines()
