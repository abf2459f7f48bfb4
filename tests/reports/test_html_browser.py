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
