"""check settings: pyproject.toml / .taskplan.toml, select, ignore, severity, per-file ignores, inline disables."""
from __future__ import annotations

import pytest

from taskplan.check.config import CheckConfig, inline_disables

TASK2 = """
    id: 2
    section: 2
    title: 稳健的货币政策要更加灵活适度。。
    lead: [市场监督管理局, 市场局]
    responsible: []
    """
DOUBLED = 'tasks/002.yaml:3:22: warning TP401 doubled punctuation "。。" in title'
TWICE = 'tasks/002.yaml:4:17: warning TP203 lead names 市场局 twice (as "市场监督管理局"); remove "市场局"'


def test_defaults(cli, make_plan):
    root = make_plan({"tasks/002.yaml": TASK2})
    r = cli("check", cwd=root)
    assert (r.code, r.out) == (0, f"{DOUBLED}\n{TWICE}\n2 warnings in 4 files\n")


def test_pyproject_table(cli, make_plan):
    root = make_plan({"tasks/002.yaml": TASK2, "pyproject.toml": """
        [project]
        name = "x"

        [tool.taskplan.check]
        ignore = ["TP203"]
        strict = true

        [tool.taskplan.check.severity]
        TP401 = "error"
        """})
    r = cli("check", cwd=root)
    assert (r.code, r.out) == (1, DOUBLED.replace("warning", "error") + "\n1 error in 4 files\n")


def test_taskplan_toml_wins_over_pyproject(cli, make_plan):
    root = make_plan({
        "tasks/002.yaml": TASK2,
        "pyproject.toml": '[tool.taskplan.check]\nignore = ["TP4"]\n',
        ".taskplan.toml": '[check]\nselect = ["TP4"]\n',
    })
    r = cli("check", cwd=root)
    assert r.out == f"{DOUBLED}\n1 warning in 4 files\n"


def test_strict_from_config(cli, make_plan):
    root = make_plan({"tasks/002.yaml": TASK2, ".taskplan.toml": "[check]\nstrict = true\n"})
    r = cli("check", cwd=root)
    assert (r.code, r.out, r.err) == (1, f"{DOUBLED}\n{TWICE}\n2 warnings in 4 files\n", "")


def test_per_file_ignores_glob(cli, make_plan):
    root = make_plan({"tasks/002.yaml": TASK2, ".taskplan.toml": '[check.per-file-ignores]\n"tasks/00*.yaml" = ["TP40"]\n'})
    r = cli("check", cwd=root)
    assert r.out == f"{TWICE}\n1 warning in 4 files\n"


def test_inline_disable_on_the_line(cli, make_plan):
    root = make_plan({"tasks/002.yaml": TASK2.replace("适度。。", "适度。。  # taskplan: disable=TP401")})
    r = cli("check", cwd=root)
    assert r.out == f"{TWICE}\n1 warning in 4 files\n"


def test_inline_disable_for_the_file(cli, make_plan):
    root = make_plan({"tasks/002.yaml": "# taskplan: disable=TP203, TP401\n" + TASK2.replace("\n    ", "\n").lstrip()})
    r = cli("check", cwd=root)
    assert (r.code, r.out) == (0, "4 files checked, no problems\n")


def test_inline_disable_other_line_does_not_apply(cli, make_plan):
    root = make_plan({"tasks/002.yaml": TASK2.replace("section: 2", "section: 2  # taskplan: disable=TP401")})
    r = cli("check", cwd=root)
    assert (r.code, r.out) == (0, f"{DOUBLED}\n{TWICE}\n2 warnings in 4 files\n")


def test_inline_parser():
    whole, lines = inline_disables("# taskplan: disable=TP401\nid: 1  # taskplan: disable=tp203,TP2\nx: 1\n")
    assert whole == {"TP401"}
    assert lines == {2: {"TP203", "TP2"}}


def test_select_longest_prefix_wins():
    cfg = CheckConfig(select=["TP4"], ignore=["TP40"])
    assert not cfg.enabled("TP401")
    cfg = CheckConfig(select=["TP401"], ignore=["TP4"])
    assert cfg.enabled("TP401") and not cfg.enabled("TP402") and not cfg.enabled("TP201")


@pytest.mark.parametrize("content, message", [
    ("[check]\nselekt = []\n", '.taskplan.toml: unknown check setting "selekt" (known: as-of, ignore, per-file-ignores, select, severity, strict)'),
    ("[check]\nignore = [\"W1\"]\n", '.taskplan.toml: ignore: "W1" is not a rule code (TP followed by up to three digits)'),
    ("[check.severity]\nTP401 = \"fatal\"\n", '.taskplan.toml: severity of TP401 must be one of error, warning, info, not "fatal"'),
    ("[check]\nstrict = 1\n", ".taskplan.toml: strict must be true or false"),
    ("[check\n", ".taskplan.toml: invalid TOML: Expected ']' at the end of a table declaration (at line 1, column 7) (fix the file or remove it)"),
])
def test_bad_config_is_usage_error(cli, make_plan, content, message):
    root = make_plan({".taskplan.toml": content})
    r = cli("check", cwd=root)
    assert (r.code, r.out, r.err) == (2, "", f"taskplan: error: {message}\n")
