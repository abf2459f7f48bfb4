"""Template lookup, overriding by a plan repo, --template, the sandbox and template errors."""
from __future__ import annotations

import re
from pathlib import Path

import jinja2
import pytest
from jinja2.sandbox import SandboxedEnvironment

from taskplan.reports.formats import RenderSettings
from taskplan.reports.render import SHIPPED, make_env, user_template_dir

ROOT = Path(__file__).resolve().parents[2]


def test_in_this_repo_the_plan_templates_are_the_shipped_ones():
    assert (ROOT / "templates").resolve() == SHIPPED.resolve()
    assert user_template_dir(ROOT) is None
    env = make_env(RenderSettings(plan_root=ROOT))
    assert type(env) is jinja2.Environment and env.undefined is jinja2.StrictUndefined


def test_a_plan_repo_template_overrides_the_shipped_one_by_name(cli, mini):
    (mini / "templates").mkdir()
    (mini / "templates" / "plan.md.j2").write_text("本地模板:{{ plan.title }},{{ tasks|length }} 项\n", encoding="utf-8")
    r = cli("-C", str(mini), "report", "--format", "md")
    assert (r.code, r.err) == (0, "")
    assert r.out == "本地模板:示例市贯彻落实2020年《政府工作报告》任务分解和责任分工方案,2 项\n"
    # the other formats still come from the shipped templates
    r = cli("-C", str(mini), "report", "--format", "csv")
    assert r.out.startswith("编号,板块,任务内容,")
    assert isinstance(make_env(RenderSettings(plan_root=mini)), SandboxedEnvironment)


def test_an_override_can_extend_a_shipped_template(cli, mini):
    (mini / "templates").mkdir()
    (mini / "templates" / "plan.html.j2").write_text(
        '{% extends "_page.html.j2" %}{% block main %}<p id="mine">{{ tasks[0].title }}</p>{% endblock %}', encoding="utf-8"
    )
    r = cli("-C", str(mini), "report", "--format", "html")
    assert r.code == 0
    assert '<p id="mine">今年赤字率拟按3.6%以上安排。</p>' in r.out and "<!DOCTYPE html>" in r.out


def test_template_file_renders_with_the_kind_context(cli, mini, tmp_path):
    t = tmp_path / "mine.txt.j2"
    t.write_text("{% for c in chapters %}{{ c.name }}={{ c.lead|length }}/{{ c.responsible|length }}\n{% endfor %}", encoding="utf-8")
    r = cli("-C", str(mini), "report", "units", "--template", str(t))
    assert (r.code, r.err) == (0, "")
    assert r.out == "财政局=1/0\n发改局=1/0\n市场局=1/0\n西柳镇=0/1\n镇(街道)=0/1\n"


def test_template_file_with_html_format_is_autoescaped(cli, mini, tmp_path):
    (mini / "tasks" / "002.yaml").write_text(
        (mini / "tasks" / "002.yaml").read_text(encoding="utf-8").replace("稳健的货币政策", "A&B <x>"), encoding="utf-8"
    )
    t = tmp_path / "mine.j2"
    t.write_text("{{ tasks[1].title }}", encoding="utf-8")
    r = cli("-C", str(mini), "report", "--format", "html", "--template", str(t))
    assert r.out == "A&amp;B &lt;x&gt;要更加灵活适度。"
    r = cli("-C", str(mini), "report", "--format", "text", "--template", str(t))
    assert r.out == "A&B <x>要更加灵活适度。"


MALICIOUS = [
    "{{ ''.__class__.__mro__ }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ joiner.__init__.__globals__.os }}",
    "{{ lipsum.__globals__['os'].system('id') }}",
    "{{ ().__class__.__base__.__subclasses__() }}",
    "{{ tasks.__class__ }}",
    "{{ self._TemplateReference__context }}",
    "{% set n = namespace() %}{{ n.__init__.__globals__ }}",
    "{{ plan.title.format.__self__.__class__ }}",
]


@pytest.mark.parametrize("payload", MALICIOUS)
def test_a_malicious_template_cannot_reach_python_internals(cli, mini, payload):
    (mini / "templates").mkdir()
    (mini / "templates" / "plan.md.j2").write_text("第一行\n" + payload + "\n", encoding="utf-8")
    r = cli("-C", str(mini), "report")
    assert r.code == 2
    assert r.out == ""
    # either the sandbox refuses the attribute, or (Namespace) the attribute does not exist for templates
    assert re.match(
        r"taskplan: error: templates/plan\.md\.j2:2: template (tried something unsafe and was stopped by the sandbox: "
        r"|uses an undefined value: 'jinja2\.utils\.Namespace object' has no attribute '__init__')",
        r.err,
    ), r.err
    assert r.err.count("\n") == 1 and "Traceback" not in r.err


def test_a_malicious_template_file_is_stopped_too(cli, mini, tmp_path):
    t = tmp_path / "evil.j2"
    t.write_text("{{ cycler.__init__.__globals__.os.getcwd() }}", encoding="utf-8")
    r = cli("-C", str(mini), "report", "--template", str(t))
    assert (r.code, r.out) == (2, "")
    assert r.err.startswith(f"taskplan: error: {t}:1: template tried something unsafe and was stopped by the sandbox")
    assert r.err.count("\n") == 1 and "Traceback" not in r.err


def test_syntax_error_names_template_and_line(cli, mini):
    (mini / "templates").mkdir()
    (mini / "templates" / "plan.md.j2").write_text("ok\nok\n{% for x in %}\n", encoding="utf-8")
    r = cli("-C", str(mini), "report")
    assert (r.code, r.out) == (2, "")
    assert r.err == (
        "taskplan: error: templates/plan.md.j2:3: template syntax error: Expected an expression, got 'end of statement block'\n"
    )


def test_undefined_value_names_template_and_line(cli, mini):
    (mini / "templates").mkdir()
    (mini / "templates" / "plan.md.j2").write_text("{{ plan.title }}\n{{ plan.titel }}\n", encoding="utf-8")
    r = cli("-C", str(mini), "report")
    assert (r.code, r.out) == (2, "")
    assert r.err == (
        "taskplan: error: templates/plan.md.j2:2: template uses an undefined value: 'dict object' has no attribute 'titel' "
        "(see docs/reports.md for the context of each kind)\n"
    )


def test_shipped_templates_run_strict(tmp_path):
    """A shipped template referring to a missing key fails loudly instead of printing nothing."""
    env = make_env(RenderSettings(plan_root=tmp_path))
    with pytest.raises(jinja2.UndefinedError):
        env.get_template("plan.text.j2").render({})


def test_bulletin_markdown_items_render_as_intended_in_commonmark(cli, progress_repo_plan):
    # "- 113. …" is a bullet holding an ordered list in CommonMark (an empty-looking bullet); the template escapes the dot
    from markdown_it import MarkdownIt

    r = cli("-C", str(progress_repo_plan), "report", "bulletin", "--as-of", "2021-01-15", "-f", "md")
    html = MarkdownIt("commonmark").render(r.out)
    assert "<ol" not in html
    assert "<li>113. 推动教育公平发展和质量提升。坚持立德树人。\n原定时限 2020-10-31 → 延期至 2020-12-20,逾期 26 天;最近进展:未填报</li>" in html
