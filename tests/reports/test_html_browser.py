"""The HTML report in a real headless browser (Debian's chromium).

chromium loads the page with a filter in the URL hash (the page's own way of
sharing a filtered view), runs its script, and dumps the resulting DOM;
console messages go to stderr (--enable-logging=stderr) and must be absent.
Without chromium the test skips locally, and fails when CI is set (.ci/run
installs chromium before `make test`).
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def find_chromium(which=shutil.which, environ=os.environ) -> str:
    """The browser's path; without one, fail under CI (the test must run there) and skip locally."""
    path = which("chromium") or which("chromium-browser")
    if path:
        return path
    if environ.get("CI"):
        pytest.fail("chromium is not installed but CI is set: .ci/run must install it (apt-get install chromium)")
    pytest.skip("chromium is not installed (apt-get install chromium); CI installs it and runs this test")


@pytest.fixture(scope="module")
def chromium() -> str:
    return find_chromium()


def test_missing_chromium_fails_under_ci_and_skips_locally():
    nothing = lambda name: None  # noqa: E731
    with pytest.raises(pytest.fail.Exception, match="CI is set"):
        find_chromium(nothing, {"CI": "true"})
    with pytest.raises(pytest.skip.Exception, match="not installed"):
        find_chromium(nothing, {})
    assert find_chromium(lambda name: "/x/chromium" if name == "chromium" else None, {}) == "/x/chromium"


class Page(HTMLParser):
    """The parts of a dumped DOM the tests look at."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tasks: list[tuple[str, bool]] = []  # (data-task, hidden)
        self.scripts = 0
        self.title = ""
        self.body: dict[str, str | None] = {}
        self.h3: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "data-task" in a:
            self.tasks.append((a["data-task"], "hidden" in a))
        if tag == "script":
            self.scripts += 1
        if tag == "body":
            self.body = a
        if tag in ("title", "h3"):
            self._in = tag
            if tag == "h3":
                self.h3.append("")

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in == "title":
            self.title += data
        elif self._in == "h3":
            self.h3[-1] += data

    def visible(self) -> list[str]:
        return [t for t, hidden in self.tasks if not hidden]


def load(chromium: str, page: Path, tmp_path: Path, **state: str) -> tuple[Page, list[str]]:
    url = page.as_uri()
    if state:
        url += "#" + "&".join(f"{k}={urllib.parse.quote(v)}" for k, v in state.items())
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
    proc = subprocess.run(
        [chromium, *FLAGS, f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
         "--virtual-time-budget=5000", "--dump-dom", url],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    parsed = Page()
    parsed.feed(proc.stdout)
    console = [line for line in proc.stderr.splitlines() if ":CONSOLE" in line]
    return parsed, console


def test_console_messages_and_script_errors_are_caught(chromium, tmp_path):
    """The console == [] assertions below can fail: a page that logs or throws is seen."""
    page = tmp_path / "noisy.html"
    page.write_text('<html><body><p data-task="1" hidden>x</p><script>console.error("boom"); throw new Error("kaputt")</script>'
                    "</body></html>", encoding="utf-8")
    parsed, console = load(chromium, page, tmp_path)
    assert parsed.tasks == [("1", True)] and parsed.visible() == []
    assert len(console) == 2 and '"boom"' in console[0] and "Uncaught Error: kaputt" in console[1]


@pytest.fixture
def hostile_page(cli, mini, tmp_path) -> Path:
    """The mini plan, task 2 titled with a script tag and markup characters."""
    p = mini / "tasks" / "002.yaml"
    p.write_text(
        p.read_text(encoding="utf-8").replace(
            "title: 稳健的货币政策要更加灵活适度。", "title: '<script>document.title=\"pwned\"</script> A&B <x>'"
        ),
        encoding="utf-8",
    )
    out = tmp_path / "plan.html"
    r = cli("-C", str(mini), "report", "--format", "html", "-o", str(out), "--as-of", "2020-12-31")
    assert r.code == 0, r.err
    return out


def test_filter_by_unit_leaves_exactly_that_units_tasks(chromium, hostile_page, tmp_path):
    page, console = load(chromium, hostile_page, tmp_path)
    assert (page.visible(), console) == (["1", "2"], [])
    # 西柳镇 is named on no task: it is responsible for task 1 through the group 各镇(街道)
    page, console = load(chromium, hostile_page, tmp_path, unit="西柳镇")
    assert (page.visible(), console) == (["1"], [])
    assert page.body.get("data-shown") == "1"
    page, console = load(chromium, hostile_page, tmp_path, unit="市场局")
    assert (page.visible(), console) == (["2"], [])


def test_search_section_and_status_filters(chromium, hostile_page, tmp_path):
    page, _ = load(chromium, hostile_page, tmp_path, q="赤字率")
    assert page.visible() == ["1"]
    page, _ = load(chromium, hostile_page, tmp_path, section="2")
    assert page.visible() == ["2"]
    page, _ = load(chromium, hostile_page, tmp_path, status="已完成")
    assert page.visible() == []
    page, _ = load(chromium, hostile_page, tmp_path, status="未填报", unit="财政局")
    assert page.visible() == ["1"]


def test_a_title_with_a_script_tag_renders_as_text(chromium, hostile_page, tmp_path):
    page, console = load(chromium, hostile_page, tmp_path)
    assert console == []
    assert page.scripts == 1  # only the page's own filter script
    assert page.title.startswith("示例市贯彻落实")  # the injected script never ran
    assert '2.<script>document.title="pwned"</script> A&B <x>' in page.h3


def test_real_plan_filter_matches_the_unit_report(chromium, cli, tmp_path):
    out = tmp_path / "real.html"
    assert cli("-C", str(ROOT), "report", "--format", "html", "-o", str(out)).code == 0
    expected = [line.split(",")[0] for line in cli("-C", str(ROOT), "report", "--format", "csv", "--unit", "财政局").out.splitlines()[1:]]
    page, console = load(chromium, out, tmp_path, unit="财政局")
    assert console == []
    assert len(page.tasks) == 146
    assert page.visible() == expected and len(expected) == 43  # 26 led + 17 responsible, directly or via 市直部门 (test_cli_report)


@pytest.mark.parametrize("kind", ["plan", "units", "matrix", "bulletin", "stats"])
def test_every_html_kind_is_offline_and_loads_without_console_errors(chromium, cli, mini, tmp_path, kind):
    out = tmp_path / f"{kind}.html"
    assert cli("-C", str(mini), "report", kind, "--format", "html", "-o", str(out), "--as-of", "2020-12-31").code == 0
    html = out.read_text(encoding="utf-8")
    # nothing is fetched: no src/href to another origin, no @import, no url(); the svg xmlns is a name, not a fetch
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//|@import|url\(""", html)
    assert "default-src 'none'" in html
    _, console = load(chromium, out, tmp_path)
    assert console == []


# ---------------------------------------------------------------- the 通报's figures, anchors, phone width, print

PROBE = """<script>
window.addEventListener("load", function () { setTimeout(function () {
  var $ = function (id) { return document.getElementById(id); };
  var text = function (el) { return el ? el.textContent.replace(/\\s+/g, " ").trim() : null; };
  var rows = function (id) { return Array.prototype.map.call($(id).rows, function (tr) {
    return Array.prototype.map.call(tr.cells, function (td) { return td.textContent; }); }); };
  var probe = {}, done = function () { document.body.setAttribute("data-probe", JSON.stringify(probe)); };
  try {
    var later = (%s)(probe, $, text, rows);
    if (typeof later === "function") {  // a second measurement, after what the first step set in motion
      setTimeout(function () { try { later(); } catch (e) { probe.error = String(e); } done(); }, 400);
      return;
    }
  } catch (e) { probe.error = String(e); }
  done();
}, %d); });
</script>"""


def probe(chromium: str, page: Path, tmp_path: Path, body: str, hash_: str = "", wait_ms: int = 300,
          width: int = 1400) -> dict:
    """Load ``page`` (with ``hash_``) in a browser ``width`` px wide and return what the JavaScript
    function ``body(probe, $, text, rows)`` put into ``probe`` once the page has loaded."""
    import json

    html = page.read_text(encoding="utf-8").replace("</body>", PROBE % (body, wait_ms) + "</body>")
    probed = tmp_path / f"probe-{len(list(tmp_path.iterdir()))}.html"
    probed.write_text(html, encoding="utf-8")
    url = probed.as_uri() + hash_
    flags = []
    if width < 500:  # a headless window is at least 500 px wide: frame the page at the width asked for
        frame = tmp_path / f"frame-{len(list(tmp_path.iterdir()))}.html"
        frame.write_text(f'<!DOCTYPE html><html><body style="margin:0"><iframe src="{url}" style="width:{width}px;height:800px;border:0">'
                         '</iframe><script>var f = document.querySelector("iframe");'
                         'setInterval(function () { var b = f.contentDocument && f.contentDocument.body;'
                         ' var v = b && b.getAttribute("data-probe"); if (v) { document.body.setAttribute("data-probe", v); } }, 100);'
                         '</script></body></html>', encoding="utf-8")
        url, flags = frame.as_uri(), ["--allow-file-access-from-files"]
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
    proc = subprocess.run(
        [chromium, *FLAGS, *flags, f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
         f"--window-size={max(width, 500)},900", "--virtual-time-budget=8000", "--dump-dom", url],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    console = [line for line in proc.stderr.splitlines() if ":CONSOLE" in line]
    assert console == []
    m = re.search(r'<body[^>]* data-probe="([^"]*)"', proc.stdout)
    assert m, "the probe did not run"
    import html as html_lib

    found = json.loads(html_lib.unescape(m.group(1)))
    assert "error" not in found, found
    return found


FIGURES = """function (p, $, text, rows) {
  p.summary = text($("fig-summary")); p.status = rows("fig-status"); p.board = rows("fig-scoreboard");
  p.lights = Array.prototype.map.call($("fig-lights").querySelectorAll("[data-light]"), text);
  p.bars = Array.prototype.map.call($("fig-chart").querySelectorAll("rect"), function (r) { return Number(r.getAttribute("width")); });
  p.rate = text($("fig-rate")); p.overdue = text($("fig-overdue")); p.count = text($("f-count")); p.total = text($("f-total"));
  p.groups = Array.prototype.map.call(document.querySelectorAll("[data-group]:not([hidden]) h3"), text);
  p.warnings = Array.prototype.map.call($("fig-warnings").children, text);
  p.ids = Array.prototype.map.call(document.querySelectorAll("[id]"), function (e) { return e.id; });
}"""


PROGRESS_AS_OF = "2021-01-15"  # tests/reports/conftest.py AS_OF


@pytest.fixture(scope="module")
def bulletin_page(progress_repo_plan, tmp_path_factory) -> Path:
    """The 通报 of the repository plan with its fixed progress history (tests/reports/conftest.py), as HTML,
    next to a link named plan to that plan."""
    from typer.testing import CliRunner

    from taskplan.cli.app import app

    where = tmp_path_factory.mktemp("bulletin")
    (where / "plan").symlink_to(progress_repo_plan, target_is_directory=True)
    out = where / "bulletin.html"
    r = CliRunner().invoke(app, ["-C", str(progress_repo_plan), "report", "bulletin", "-f", "html", "-o", str(out),
                                 "--as-of", PROGRESS_AS_OF])
    assert r.exit_code == 0, r.output
    return out


def markdown_figures(cli, plan: Path, *extra: str) -> tuple[str, list[list[str]], list[list[str]]]:
    """(summary, status rows, scoreboard rows) of the Markdown 通报: what Python computed, to compare the script's with."""
    out = cli("-C", str(plan), "report", "bulletin", "-f", "md", "--as-of", PROGRESS_AS_OF, *extra).out
    summary = next(line for line in out.splitlines() if line.startswith("截至"))
    tables = [[[c.strip() for c in line.strip("|").split("|")] for line in block.splitlines()[2:]]
              for block in re.findall(r"(?m)^(\|.*\|\n(?:\|.*\|\n)+)", out)]
    return summary, tables[1], tables[0]


def test_bulletin_unfiltered_counts_distinct_tasks_and_has_no_duplicate_ids(chromium, bulletin_page, tmp_path):
    p = probe(chromium, bulletin_page, tmp_path, FIGURES)
    assert (p["count"], p["total"], p["overdue"]) == ("17", "17", "17")  # task 20 is listed under two leads, counted once
    assert len(p["ids"]) == len(set(p["ids"]))
    assert "task-20" in p["ids"] and "task-1" in p["ids"]


def test_bulletin_filtered_by_unit_recomputes_every_figure_as_the_unit_report_does(chromium, cli, bulletin_page, tmp_path):
    plan = bulletin_page.parent / "plan"
    summary, status, board = markdown_figures(cli, plan, "--unit", "财政局")
    p = probe(chromium, bulletin_page, tmp_path, FIGURES, "#unit=" + "财政局")
    assert p["summary"] == summary.replace("\\", "")
    assert p["summary"].startswith("截至2021年1月15日,《海城市贯彻落实2020年国务院《政府工作报告》任务分解和责任分工方案》涉及海城市财政局的43项任务中")
    assert p["status"] == status
    assert p["board"] == board == [["财政局", "26", "0", "6", "4", "0.0%", "1"]]
    assert (p["count"], p["total"], p["overdue"], p["groups"]) == ("4", "17", "4", ["财政局(4 项)"])
    assert sum(int(light.split()[-1]) for light in p["lights"]) == 43
    assert p["rate"].startswith("0.0%")
    # the chart follows the lights: its longest bar is the most frequent light
    counts = [int(light.split()[-1]) for light in p["lights"]]
    assert p["bars"].index(max(p["bars"])) == counts.index(max(counts)) and max(p["bars"]) == 260


def test_role_selector_narrows_to_lead_or_responsible_tasks(chromium, cli, bulletin_page, tmp_path):
    plan = bulletin_page.parent / "plan"
    led = cli("-C", str(plan), "list", "--lead", "财政局", "--format", "ids").out.split()
    resp = cli("-C", str(plan), "list", "-u", "财政局", "-r", "responsible", "--format", "ids").out.split()
    p = probe(chromium, bulletin_page, tmp_path, FIGURES, "#unit=%E8%B4%A2%E6%94%BF%E5%B1%80&role=lead")
    assert f"海城市财政局牵头的{len(led)}项任务中" in p["summary"] and len(led) == 26
    assert sum(int(c) for _, c in p["status"]) == 26
    p = probe(chromium, bulletin_page, tmp_path, FIGURES, "#unit=%E8%B4%A2%E6%94%BF%E5%B1%80&role=responsible")
    assert f"海城市财政局负责的{len(resp)}项任务中" in p["summary"]
    # as 责任: the rows of the units that lead those tasks (财政局 too, where it also leads one it is responsible for)
    assert len(p["board"]) > 1 and sum(int(row[1]) for row in p["board"]) >= len(resp)


def test_search_and_status_filters_recompute_the_figures_too(chromium, bulletin_page, tmp_path):
    p = probe(chromium, bulletin_page, tmp_path, FIGURES, "#status=%E5%B7%B2%E5%AE%8C%E6%88%90")  # 已完成
    assert "》2项任务中,已完成2项" in p["summary"]
    assert [row[:3] for row in p["board"]] == [["发改局", "2", "2"]]  # tasks 16 and 66, both led by 发改局
    assert p["overdue"] == "0" and p["count"] == "0"


ANCHOR = """function (p, $) {
  var bar = function () { return document.querySelector(".controls").getBoundingClientRect().bottom; };
  var at = function (id) { return { top: $(id).getBoundingClientRect().top - bar(), y: window.scrollY, hash: location.hash }; };
  p.first = at("%s");
  location.hash = "#%s";
  return function () { p.second = at("%s"); };
}"""


@pytest.mark.parametrize("kind", ["plan", "bulletin"])
def test_task_anchor_lands_below_the_sticky_bar_on_load_and_on_hashchange(chromium, cli, bulletin_page, tmp_path, kind):
    page = bulletin_page
    if kind == "plan":
        page = tmp_path / "plan.html"
        assert cli("-C", str(bulletin_page.parent / "plan"), "report", "plan", "-f", "html", "-o", str(page)).code == 0
    first, second = ("task-94", "task-125") if kind == "bulletin" else ("task-94", "task-120")
    for width in (1400, 390):
        p = probe(chromium, page, tmp_path, ANCHOR % (first, second, second), "#" + first, width=width)
        # the page scrolled to the task, kept the anchor in the address, and the task starts just below the bar
        assert p["first"]["y"] > 500 and p["first"]["hash"] == "#" + first, p
        assert 0 <= p["first"]["top"] <= 24, p
        assert p["second"]["y"] > p["first"]["y"] and p["second"]["hash"] == "#" + second, p
        assert 0 <= p["second"]["top"] <= 24, p


@pytest.mark.parametrize("kind", ["plan", "bulletin", "matrix"])
def test_at_phone_width_nothing_overflows_the_page(chromium, cli, bulletin_page, tmp_path, kind):
    page = tmp_path / f"{kind}.html"
    assert cli("-C", str(bulletin_page.parent / "plan"), "report", kind, "-f", "html", "-o", str(page), "--as-of", "2021-01-15").code == 0
    body = """function (p) {
      p.vw = window.innerWidth; p.sw = document.documentElement.scrollWidth;
      p.charts = Array.prototype.map.call(document.querySelectorAll("svg"), function (s) { return s.getBoundingClientRect().width; });
      p.boxes = Array.prototype.map.call(document.querySelectorAll(".scroll"), function (b) {
        return [b.getBoundingClientRect().right, b.scrollWidth, b.clientWidth]; });
    }"""
    p = probe(chromium, page, tmp_path, body, width=390)
    assert p["vw"] == 390 and p["sw"] <= 390, p
    assert all(0 < w <= 390 for w in p["charts"])
    assert all(right <= 390 for right, _, _ in p["boxes"])
    if kind == "matrix":  # 16 sections do not fit 390 px: the table scrolls inside its box
        ((_, scroll, client),) = p["boxes"]
        assert scroll > client


PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def printed_pages(chromium: str, page: Path, tmp_path: Path) -> list[tuple[float, float, list[tuple[float, float, float, float, str]]]]:
    """``page`` printed to PDF by the browser: per page (width, height, words as (x0, y0, x1, y1, text)) in points."""
    pdf = tmp_path / f"{page.stem}.pdf"
    proc = subprocess.run([chromium, *FLAGS, f"--user-data-dir={tmp_path / 'print-profile'}", "--no-pdf-header-footer",
                           f"--print-to-pdf={pdf}", page.as_uri()], capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0 and pdf.exists(), proc.stderr[-2000:]
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return [(float(w), float(h), [(float(a), float(b), float(c), float(d), t) for a, b, c, d, t in WORD.findall(body)])
            for w, h, body in PAGE.findall(boxes)]


@pytest.mark.parametrize("kind", ["plan", "bulletin"])
def test_printed_pages_are_not_left_half_empty(chromium, cli, bulletin_page, tmp_path, kind):
    page = tmp_path / f"{kind}.html"
    assert cli("-C", str(bulletin_page.parent / "plan"), "report", kind, "-f", "html", "-o", str(page), "--as-of", "2021-01-15").code == 0
    pages = printed_pages(chromium, page, tmp_path)
    assert len(pages) > (20 if kind == "plan" else 2)
    # every page but the last is filled to at least three quarters of its height (A4 less 2 cm margins ends at 93 %)
    filled = [max(y1 for _, _, _, y1, _ in words) / height for _, height, words in pages[:-1]]
    assert min(filled) >= 0.75, [round(f, 2) for f in filled]


PRINT_MARGIN_PT = 1.8 / 2.54 * 72  # the print stylesheet's left and right page margins
OVERDUE_HEADS = ["任务", "原定时限", "延期至", "逾期天数", "最近进展"]
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def test_printed_overdue_tables_give_the_task_the_width_and_each_date_one_line(chromium, bulletin_page, tmp_path):
    """On A4 the 任务 column is the widest by far, every overdue table alike; each date prints whole, clear of its neighbours."""
    pages = printed_pages(chromium, bulletin_page, tmp_path)
    tables = 0
    for width, _, words in pages:
        left, text_width = PRINT_MARGIN_PT, width - 2 * PRINT_MARGIN_PT
        for head in (w for w in words if w[4] == "原定时限"):
            line = {w[4]: w for w in words if abs(w[1] - head[1]) < 1 and w[4] in OVERDUE_HEADS}
            assert list(line) == OVERDUE_HEADS or sorted(line) == sorted(OVERDUE_HEADS), line
            centres = [(line[h][0] + line[h][2]) / 2 for h in OVERDUE_HEADS]
            task = 2 * (centres[0] - left)  # a header is centred in its column
            assert task >= 0.42 * text_width, (task, text_width)
            assert centres[0] - left > 2 * (left + text_width - centres[4])  # wider than twice the progress note
            tables += 1
        for date in (w for w in words if ISO_DATE.match(w[4])):
            neighbours = [w for w in words if w is not date and abs(w[1] - date[1]) < 1]
            assert all(w[2] <= date[0] - 2 or w[0] >= date[2] + 2 for w in neighbours), (date, neighbours)
    assert tables >= 17  # one per lead unit with overdue tasks, its header repeated on a page it continues on
    html = bulletin_page.read_text(encoding="utf-8")
    printed_dates = sum(1 for _, _, words in pages for w in words if ISO_DATE.match(w[4]))
    # a date cell, or a progress note that starts with its date: none broken in two
    assert printed_dates == len(re.findall(r'<td class="(?:num|text)">\d{4}-\d{2}-\d{2}[ <]', html)) > 17
