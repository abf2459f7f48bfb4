import datetime as dt

import pytest

from taskplan.errors import UsageError
from taskplan.progress.config import load_config
from taskplan.progress.state import StateConfig


def test_defaults_without_files(tmp_path):
    assert load_config(tmp_path, dt.date(2020, 7, 24)) == StateConfig(15, 30, dt.date(2020, 7, 24))


def test_pyproject_table(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n[tool.taskplan.progress]\nwarn-days = 7\nreport_period_days = 60\n')
    assert load_config(tmp_path) == StateConfig(7, 60)


def test_taskplan_toml_wins_and_takes_a_bare_table(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.taskplan.progress]\nwarn-days = 7\n")
    (tmp_path / ".taskplan.toml").write_text("[progress]\nwarn-days = 20\n")
    assert load_config(tmp_path) == StateConfig(20, 30)


def test_pyproject_without_table_gives_defaults(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert load_config(tmp_path) == StateConfig()


@pytest.mark.parametrize(
    "body, message",
    [
        ("[tool.taskplan.progress]\nwarn-dayz = 7\n",
         'pyproject.toml: unknown progress setting "warn-dayz" (known: warn-days, report-period-days)'),
        ("[tool.taskplan.progress]\nwarn-days = -1\n",
         'pyproject.toml: progress setting "warn-days" must be a whole number of days ≥ 0, got -1'),
        ('[tool.taskplan.progress]\nwarn-days = "15"\n',
         "pyproject.toml: progress setting \"warn-days\" must be a whole number of days ≥ 0, got '15'"),
        ("[tool.taskplan.progress\n",
         "pyproject.toml: invalid TOML: Expected ']' at the end of a table declaration (at line 1, column 24) (fix the file or remove it)"),
    ],
)
def test_bad_settings_are_usage_errors(tmp_path, body, message):
    (tmp_path / "pyproject.toml").write_text(body)
    with pytest.raises(UsageError) as exc:
        load_config(tmp_path)
    assert str(exc.value) == message
