"""User templates under limits: time, size, numbers, folders — each a one-line template error, exit 2.

One case per row: a template a plan repository could ship (templates/plan.md.j2), and the exact
message `taskplan report` must give.  The time limit is set to 0.5 s in the plan's settings so
the endless cases stop quickly; the size limit is the default (20,000,000) unless a row sets it.
"""
from __future__ import annotations

import time
from pathlib import Path

import jinja2
import pytest

from taskplan.reports.formats import RenderSettings
from taskplan.reports.render import make_env
from taskplan.reports.sandbox import LimitedSandbox, TemplateLimitError

TIME = "rendering took longer than 0.5 s, the limit (template-timeout in the [report] settings)"
SIZE = "more than the limit of 20000000 (template-max-output in the [report] settings)"
FOLDERS = ("(a template can include, import or extend only templates in the plan's templates/, "
           "the --template file's folder and the shipped templates)")

CASES = {
    # ---------------------------------------------------------------- time: loops the size limits do not stop
    "nested-ranges-empty-body": ("{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}", f"1: {TIME}"),
    "nested-ranges-with-output": ("\n\n{% for i in range(99999) %}{% for j in range(99999) %}{{ j }}{% endfor %}{% endfor %}", f"3: {TIME}"),
    "nested-loops-over-the-data": ("{% set xs = range(3000)|list %}\n{% for a in xs %}{% for b in xs %}{% set c = a %}{% endfor %}{% endfor %}", f"2: {TIME}"),
    "recursive-loop-over-data": ("{% set xs = [1, 2] %}{% for x in range(99999) %}{% for y in xs recursive %}{% if loop.depth < 15 %}{{ loop(xs) }}{% endif %}{% endfor %}{% endfor %}", f"1: {TIME}"),
    # ---------------------------------------------------------------- sizes known before the work
    "range-1e9": ("{{ range(10**9)|length }}", "1: range() would count 1000000000 numbers; a template may count at most 100000"),
    "range-1e30": ("{% for i in range(10**30) %}{% endfor %}", "1: range() would count 9223372036854775807 numbers; a template may count at most 100000"),
    "string-times-1e12": ("第一行\n{{ 'x' * 10**12 }}", f"2: a repeated value would hold 1000000000000 characters or items, {SIZE}"),
    "number-times-list": ("{{ 10**9 * [1] }}", f"1: a repeated value would hold 1000000000 characters or items, {SIZE}"),
    "power": ("{{ 10 ** 100000000 }}", f"1: a power would hold 100000000 characters or items, {SIZE}"),
    "float-power": ("{{ 2.0 ** 10000 }}", "1: a number in the template is too large: (34, 'Numerical result out of range')"),
    "percent-width": ("{{ '%099999999999d' % 1 }}", f"1: a formatted field would hold 99999999999 characters or items, {SIZE}"),
    "format-filter-width": ("{{ '%099999999999d'|format(1) }}", f"1: a formatted field would hold 99999999999 characters or items, {SIZE}"),
    "str-format-width": ("{{ '{:>99999999999}'.format(1) }}", f"1: a formatted field would hold 99999999999 characters or items, {SIZE}"),
    "center-filter": ("{{ 'x'|center(10**12) }}", f"1: a filter argument would hold 1000000000000 characters or items, {SIZE}"),
    "ljust-method": ("{{ 'x'.ljust(10**12) }}", f"1: an argument would hold 1000000000000 characters or items, {SIZE}"),
    # ---------------------------------------------------------------- sizes found on the way
    "doubling-in-a-namespace": ("{% set ns = namespace(x='ab') %}{% for i in range(60) %}{% set ns.x = ns.x ~ ns.x %}{% endfor %}{{ ns.x|length }}", f"1: a joined value would hold 33554432 characters or items, {SIZE}"),
    "doubling-with-plus": ("{% set ns = namespace(x='ab') %}{% for i in range(60) %}{% set ns.x = ns.x + ns.x %}{% endfor %}", f"1: a joined value would hold 33554432 characters or items, {SIZE}"),
    "output-too-long": ("{% for i in range(99999) %}{{ 'x' * 1000000 }}{% endfor %}", "1: the output is longer than the limit of 20000000 characters (template-max-output in the [report] settings)"),
    # ---------------------------------------------------------------- errors that were internal errors
    "recursive-macro": ("\n{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}", "2: template recursion too deep (a macro or template that calls or includes itself)"),
    "zero-division": ("{{ 1 // 0 }}", "1: template error: ZeroDivisionError: integer division or modulo by zero"),
    # ---------------------------------------------------------------- folders
    "include-parent": ("{% include '../../etc/passwd' %}", f'1: no template "../../etc/passwd" in the template folders {FOLDERS}'),
    "include-absolute": ("\n\n{% include '/etc/passwd' %}", f'3: no template "/etc/passwd" in the template folders {FOLDERS}'),
    "import-parent": ("{% import '../plan.yaml' as p %}", f'1: no template "../plan.yaml" in the template folders {FOLDERS}'),
    "extends-missing": ("{% extends 'nope.md.j2' %}", f'1: no template "nope.md.j2" in the template folders {FOLDERS}'),
    "include-link-out": ("{% include 'leak.md.j2' %}", f'1: no template "leak.md.j2" in the template folders {FOLDERS}'),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_template_over_a_limit_is_a_template_error(cli, mini, name):
    source, expected = CASES[name]
    # the endless cases stop after 0.5 s; the others must meet their own limit first, however loaded the machine
    timeout = 0.5 if expected.endswith(TIME) else 120
    (mini / ".taskplan.toml").write_text(f"[report]\ntemplate-timeout = {timeout}\n", encoding="utf-8")
    (mini / "templates").mkdir()
    (mini / "templates" / "plan.md.j2").write_text(source, encoding="utf-8")
    (mini / "templates" / "leak.md.j2").symlink_to(mini / "units.yaml")  # a link out of the folder
    started = time.monotonic()
    r = cli("-C", str(mini), "report")
    assert (r.code, r.out, r.err) == (2, "", f"taskplan: error: templates/plan.md.j2:{expected}\n")
    assert time.monotonic() - started < 60  # stopped, not finished


def test_a_template_file_over_a_limit_names_the_file(cli, mini, tmp_path):
    t = tmp_path / "mine.md.j2"
    t.write_text("{{ tasks|length }}\n{{ 'x' * 10**12 }}\n", encoding="utf-8")
    r = cli("-C", str(mini), "report", "--template", str(t))
    assert (r.code, r.err) == (2, f"taskplan: error: {t}:2: a repeated value would hold 1000000000000 characters or items, {SIZE}\n")


def test_a_template_file_includes_from_its_own_folder_only(cli, mini, tmp_path):
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "part.j2").write_text("共 {{ tasks|length }} 项", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("口令", encoding="utf-8")
    t = tmp_path / "t" / "mine.md.j2"
    t.write_text("{% include 'part.j2' %}\n", encoding="utf-8")
    r = cli("-C", str(mini), "report", "--template", str(t))
    assert (r.code, r.out, r.err) == (0, "共 2 项", "")  # trim_blocks: the line end after a tag goes
    t.write_text("{% include 'part.j2' %}\n{% include '../secret.txt' %}\n", encoding="utf-8")
    r = cli("-C", str(mini), "report", "--template", str(t))
    assert (r.code, r.out) == (2, "")
    assert r.err == f'taskplan: error: {t}:2: no template "../secret.txt" in the template folders {FOLDERS}\n'


def test_the_limits_are_settings(cli, mini):
    (mini / "templates").mkdir()
    (mini / "templates" / "plan.md.j2").write_text("{{ 'x' * 30 }}|{% for t in tasks %}{{ t.id }}{% endfor %}\n", encoding="utf-8")
    (mini / ".taskplan.toml").write_text("[report]\ntemplate-max-output = 30\n", encoding="utf-8")
    r = cli("-C", str(mini), "report")
    assert (r.code, r.err) == (2, "taskplan: error: templates/plan.md.j2:1: the output is longer than the limit of 30 characters "
                                  "(template-max-output in the [report] settings)\n")
    (mini / ".taskplan.toml").write_text("[report]\ntemplate-max-output = 40\ntemplate_timeout = 2.5\n", encoding="utf-8")
    r = cli("-C", str(mini), "report")
    assert (r.code, r.out, r.err) == (0, "x" * 30 + "|12", "")


@pytest.mark.parametrize(("value", "shown"), [("0", "0"), ("-1", "-1"), ('"5"', "'5'"), ("true", "True")])
def test_a_bad_timeout_setting_is_a_usage_error(cli, mini, value, shown):
    (mini / ".taskplan.toml").write_text(f"[report]\ntemplate-timeout = {value}\n", encoding="utf-8")
    r = cli("-C", str(mini), "report")
    assert (r.code, r.err) == (2, f'taskplan: error: .taskplan.toml: report setting "template-timeout" must be a number of seconds > 0, got {shown}\n')


def test_shipped_templates_under_a_plan_override_still_render_within_the_limits(cli, mini):
    """A plan with its own templates/ renders every shipped template in the sandbox: they must pass the limits."""
    (mini / "templates").mkdir()
    (mini / "templates" / "unused.j2").write_text("", encoding="utf-8")
    for kind in ("plan", "units", "matrix", "bulletin", "stats"):
        for fmt in ("md", "text", "csv", "html"):
            r = cli("-C", str(mini), "report", kind, "-f", fmt, "--as-of", "2020-12-31")
            assert (r.code, r.err) == (0, ""), (kind, fmt)
            plain = cli("-C", str(mini), "--no-cache", "report", kind, "-f", fmt, "--as-of", "2020-12-31")
            assert r.out == plain.out or kind == "bulletin"


# ---------------------------------------------------------------- the sandbox itself


def _env(**limits) -> LimitedSandbox:
    env = LimitedSandbox(timeout=limits.get("timeout", 5.0), max_output=limits.get("max_output", 1000), undefined=jinja2.StrictUndefined)
    env.limit_filters()
    return env


def test_the_clock_starts_with_start():
    env = _env(timeout=0.0)
    assert env.from_string("{% for i in range(3) %}{{ i }}{% endfor %}").render() == "012"  # not started: no deadline
    env.start()
    time.sleep(0.01)
    with pytest.raises(TemplateLimitError, match="rendering took longer than 0 s"):
        env.from_string("{% for i in range(3) %}{{ i }}{% endfor %}").render()


def test_values_up_to_the_limit_pass_and_one_more_does_not():
    env = _env(max_output=10)
    assert env.from_string("{{ 'x' * 10 }}").render() == "x" * 10
    assert env.from_string("{{ 'abcde' + 'fghij' }}").render() == "abcdefghij"
    assert env.from_string("{{ ('x' * 5)|center(10) }}").render() == "  xxxxx   "
    for source, what in [("{{ 'x' * 11 }}", "a repeated value would hold 11"),
                         ("{{ 11 * 'x' }}", "a repeated value would hold 11"),
                         ("{{ 'abcde' + 'fghijk' }}", "a joined value would hold 11"),
                         ("{{ 'x'|center(11) }}", "a filter argument would hold 11"),
                         ("{{ 'x'.center(11) }}", "an argument would hold 11"),
                         ("{{ '%11d' % 1 }}", "a formatted field would hold 11"),
                         ("{{ '{:11}'.format(1) }}", "a formatted field would hold 11"),
                         ("{{ 10 ** 11 }}", "a power would hold 11"),
                         ("{{ 'xxxxxx' ~ 'xxxxxx' }}", "a joined value would hold 12"),
                         ("{% set x %}{{ 'xxxxxx' }}{{ 'xxxxxx' }}{% endset %}", "the output is longer than the limit of 10 characters"),
                         ("{{ 'x' }}{{ 'xxxxxxxxxx' }}", "the output is longer than the limit of 10 characters")]:
        with pytest.raises(TemplateLimitError, match=what.replace("(", r"\(")):
            env.from_string(source).render()


def test_ordinary_templates_render_the_same_in_the_limited_sandbox():
    source = ("{% for t in ts %}{{ loop.index }}/{{ loop.length }}:{{ t.name|upper }}{% if loop.last %}.{% endif %}{% else %}none{% endfor %}"
              "|{% for x in [] %}{{ x }}{% else %}empty{% endfor %}|{{ '%03d'|format(7) }}|{{ '{:>4}'.format('a') }}|{{ 2 ** 10 }}"
              "|{{ ts|map(attribute='name')|join(',') }}|{% for k, v in d|dictsort %}{{ k }}={{ v }};{% endfor %}")
    ctx = {"ts": [{"name": "甲"}, {"name": "b"}], "d": {"z": 1, "a": 2}}
    plain = jinja2.Environment(undefined=jinja2.StrictUndefined).from_string(source).render(ctx)
    env = _env()
    env.start()
    assert env.from_string(source).render(ctx) == plain == "1/2:甲2/2:B.|empty|007|   a|1024|甲,b|a=2;z=1;"


def test_strict_undefined_still_reports_in_a_loop():
    env = _env()
    with pytest.raises(jinja2.UndefinedError, match="'nothing' is undefined"):
        env.from_string("{% for x in nothing %}{% endfor %}").render()
    assert env.from_string("{% if nothing is defined %}y{% else %}n{% endif %}").render() == "n"


def test_make_env_limits_only_user_templates(mini, tmp_path):
    plain = make_env(RenderSettings(plan_root=None))
    assert type(plain) is jinja2.Environment
    (tmp_path / "t.j2").write_text("", encoding="utf-8")
    env = make_env(RenderSettings(template=tmp_path / "t.j2", template_timeout=3.0, template_max_output=99))
    assert isinstance(env, LimitedSandbox) and (env.timeout, env.max_output) == (3.0, 99)
    assert all(getattr(f, "taskplan_limited", False) for name, f in env.filters.items() if not name.startswith("_taskplan"))


def test_a_link_inside_the_folder_to_a_file_inside_it_is_fine(cli, mini):
    (mini / "templates").mkdir()
    (mini / "templates" / "part.j2").write_text("部分", encoding="utf-8")
    (mini / "templates" / "alias.j2").symlink_to(mini / "templates" / "part.j2")
    (mini / "templates" / "plan.md.j2").write_text("{% include 'alias.j2' %}\n", encoding="utf-8")
    r = cli("-C", str(mini), "report")
    assert (r.code, r.out, r.err) == (0, "部分", "")


def test_running_out_of_memory_is_a_template_error(mini):
    from taskplan.reports.render import template_error

    err = template_error(MemoryError(), "plan.md.j2", RenderSettings(plan_root=mini))
    assert (err.exit_code, str(err)) == (2, "plan.md.j2: the template ran out of memory")


def test_a_timeout_or_size_found_in_the_output_names_the_line_the_template_stands_on(tmp_path):
    """The output is joined outside the template's frames: the place comes from the suspended generator."""
    env = _env(timeout=0.0)
    env.start()
    time.sleep(0.01)
    with pytest.raises(TemplateLimitError) as late:
        env.from_string("第一行\n第二行\n{{ '第三行' }}").render()  # nothing but output: concat is the first hook
    assert late.value.where == ("<template>", 1)  # a template from a string has no file name
    (tmp_path / "a.j2").write_text("一\n二\n{% include 'b.j2' %}", encoding="utf-8")
    (tmp_path / "b.j2").write_text("\n\n\n{{ 'x' * 6 }}", encoding="utf-8")
    env = _env(max_output=10)  # 4 + 3 characters before the last line, 6 on it
    env.loader = jinja2.FileSystemLoader(str(tmp_path))
    env.start()
    with pytest.raises(TemplateLimitError) as big:
        env.get_template("a.j2").render()
    assert big.value.where == (str(tmp_path / "b.j2"), 4)  # the included template, where it stands


def test_the_digits_of_a_number_are_counted_without_writing_it():
    from taskplan.reports.sandbox import _size

    for n in (0, 1, 9, 10, 99, 100, 2**64, 10**30 - 1, 10**30, 7**500, -12345):
        assert len(str(abs(n))) <= _size(n) <= len(str(abs(n))) + 1, n
    assert (_size(True), _size(1.5), _size("财政局"), _size([1, 2]), _size(range(5))) == (None, None, 3, 2, None)


@pytest.mark.parametrize(("source", "context", "error"), [
    ("{{ 99999 * 99999 }}", {}, "a computed value would hold 11"),  # 10 digits, counted as at most 11
    ("{{ 2 ** 100 }}", {}, "a power would hold 30"),
    ("{{ n ** 1 }}", {"n": 10**11}, "a power would hold 11"),
    ("{{ ('x' * 6).replace('x', 'xx') }}", {}, "the result of a call would hold 12"),
    ("{{ '{:>99}'.format_map({}) }}", {}, "a formatted field would hold 99"),
    ("{{ f % 1 }}", {"f": "%0" + "9" * 19 + "d"}, "a formatted field would hold 9999999999999999999 "),
    ("{{ f % 1 }}", {"f": "%0" + "9" * 20 + "d"}, "a formatted field would hold 11 "),  # too long to read: over the limit
    ("{{ f|format(1) }}", {"f": "%0" + "9" * 25 + "d"}, "a formatted field would hold 11 "),
    ("{{ range(100001)|length }}", {}, "range() would count 100001 numbers; a template may count at most 100000"),
])
def test_each_limit_says_what_went_over_it(source, context, error):
    env = _env(max_output=10)
    env.start()
    with pytest.raises(TemplateLimitError) as exc:
        env.from_string(source).render(context)
    assert str(exc.value).startswith(error)


@pytest.mark.parametrize(("source", "out"), [
    ("{{ '%*d' % (5, 1) }}", "    1"),  # a width taken from the arguments
    ("{{ '{ %d' % 5 }}", "{ 5"),  # not a str.format string: only the %-format counts
    ("{{ 1.5 + 2 }}|{{ 2 + 100 }}|{{ 1 ** 9 }}", "3.5|102|1"),
    ("{{ '{:>99}'.upper() }}", "{:>99}"),  # only format and format_map read a format
    ("{{ range(100000)|length > 9 }}", "True"),
])
def test_ordinary_values_near_the_limits_pass(source, out):
    env = _env(max_output=10)
    env.start()
    assert env.from_string(source).render() == out


def test_limiting_the_filters_twice_wraps_them_once():
    env = _env()
    before = dict(env.filters)
    env.limit_filters()
    assert env.filters == before


@pytest.mark.parametrize("autoescape", [False, True])
def test_tilde_joins_as_jinja2_does_with_and_without_autoescape(autoescape):
    from markupsafe import Markup

    source = "{{ a ~ b ~ 3 }}|{{ 'x' ~ m }}|{% set t %}{{ a }}{% endset %}{{ t ~ '!' }}"
    ctx = {"a": "<甲>", "b": "&", "m": Markup("<i>乙</i>")}
    plain = jinja2.Environment(autoescape=autoescape).from_string(source).render(ctx)
    env = LimitedSandbox(timeout=5.0, max_output=1000, autoescape=autoescape)
    env.limit_filters()
    env.start()
    assert env.from_string(source).render(ctx) == plain


def test_the_limits_hold_when_the_report_is_streamed_into_a_file(cli, mini, tmp_path):
    """report -o writes a text format as it is rendered: over the limit half-way, nothing is written."""
    (mini / "templates").mkdir()
    (mini / "templates" / "plan.md.j2").write_text("首行\n{% for t in tasks %}{{ 'x' * 20 }}{{ t.id }}\n{% endfor %}", encoding="utf-8")
    (mini / ".taskplan.toml").write_text("[report]\ntemplate-max-output = 30\n", encoding="utf-8")
    out = tmp_path / "r.md"
    out.write_text("旧的报告\n", encoding="utf-8")
    r = cli("-C", str(mini), "report", "-o", str(out))
    assert (r.code, r.out, r.err) == (2, "", "taskplan: error: templates/plan.md.j2:2: the output is longer than the limit "
                                             "of 30 characters (template-max-output in the [report] settings)\n")
    assert out.read_text(encoding="utf-8") == "旧的报告\n"  # the old file stays, and no temporary file is left
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mini", "r.md"]
    (mini / ".taskplan.toml").write_text("[report]\ntemplate-max-output = 60\n", encoding="utf-8")
    r = cli("-C", str(mini), "report", "-o", str(out))
    assert (r.code, r.out, r.err) == (0, "", f"wrote {out}\n")
    assert out.read_text(encoding="utf-8") == "首行\n" + "x" * 20 + "1\n" + "x" * 20 + "2\n"
