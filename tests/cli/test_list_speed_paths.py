"""The fast paths of `list` keep their promises: the cache never serves a stale answer,
and heavy libraries stay out of the process."""
import os
import subprocess
import sys

from taskplan.cli.app import main
from taskplan.store.cache import plan_cache_dir


def run_cached(capsys, monkeypatch, *args):
    monkeypatch.delenv("TASKPLAN_NO_CACHE", raising=False)
    capsys.readouterr()
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_edit_is_seen_at_once(mini, capsys, monkeypatch):
    ask = ("-C", str(mini), "list", "--lead", "财政局", "-f", "ids")
    assert run_cached(capsys, monkeypatch, *ask) == (0, "1\n", "")
    assert os.listdir(plan_cache_dir(mini)[0])  # filled, outside the plan
    assert run_cached(capsys, monkeypatch, *ask) == (0, "1\n", "")  # from the cache
    task2 = mini / "tasks" / "002.yaml"
    text = task2.read_text(encoding="utf-8")
    task2.write_text(text.replace("lead: [市场监督管理局]", "lead: [市场监督管理局, 财政局]"), encoding="utf-8")
    assert run_cached(capsys, monkeypatch, *ask) == (0, "1\n2\n", "")
    # an editor's atomic save of the same size that keeps the old mtime: the new inode gives it away
    st = task2.stat()
    same_size = task2.read_text(encoding="utf-8").replace("lead: [市场监督管理局, 财政局]", "lead: [市场监督管理局, 发改局]")
    tmp = task2.with_suffix(".tmp")
    tmp.write_text(same_size, encoding="utf-8")
    os.utime(tmp, ns=(st.st_atime_ns, st.st_mtime_ns))
    os.replace(tmp, task2)
    assert task2.stat().st_size == st.st_size and task2.stat().st_mtime_ns == st.st_mtime_ns
    assert run_cached(capsys, monkeypatch, *ask) == (0, "1\n", "")
    (mini / "tasks" / "001.yaml").unlink()
    assert run_cached(capsys, monkeypatch, *ask) == (0, "", "")
    (mini / "tasks" / "003.yaml").write_text("id: 3\nsection: 2\ntitle: 新任务。\nlead: [财政局]\n", encoding="utf-8")
    assert run_cached(capsys, monkeypatch, *ask) == (0, "3\n", "")


def test_broken_file_after_caching_is_reported(mini, capsys, monkeypatch):
    ask = ("-C", str(mini), "list", "-f", "ids")
    assert run_cached(capsys, monkeypatch, *ask) == (0, "1\n2\n", "")
    (mini / "tasks" / "002.yaml").write_text("id: 2\nsection: [\n", encoding="utf-8")
    code, out, err = run_cached(capsys, monkeypatch, *ask)
    assert (code, out) == (1, "")
    assert err.startswith("tasks/002.yaml:3:1: error TP001 YAML syntax: ")
    code, out, err = run_cached(capsys, monkeypatch, *ask)  # the finding is cached too, and still reported
    assert (code, out) == (1, "") and err.startswith("tasks/002.yaml:3:1: error TP001")


HEAVY = ("jinja2", "ruamel", "openpyxl", "xlsxwriter", "docx", "docxtpl", "markdown_it", "pygments", "multiprocessing")


def test_list_keeps_heavy_imports_out(mini):
    probe = (
        "import sys\n"
        "from taskplan.cli.app import main\n"
        f"code = main(['-C', {str(mini)!r}, 'list', '--lead', '财政局', '-f', 'table'])\n"
        f"heavy = sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r})\n"
        "rich = sorted(m for m in sys.modules if m.startswith('rich.') and m != 'rich.cells' and not m.startswith('rich._'))\n"
        "print(code, heavy, rich)\n"
    )
    env = dict(os.environ, TASKPLAN_NO_CACHE="1")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True).stdout
    # not a terminal: the plain table, so not even rich's table machinery is imported
    assert out.splitlines()[-1] == "0 [] []"


def test_collector_is_back_after_an_in_process_run(cli, mini):
    import gc

    assert gc.isenabled()
    assert cli("-C", str(mini), "list", "-f", "ids").code == 0
    assert gc.isenabled()


def test_warm_list_needs_no_yaml_parser_and_no_models_built(mini):
    probe = (
        "import sys\n"
        "from taskplan.cli.app import main\n"
        f"code = main(['-C', {str(mini)!r}, 'list', '--lead', '财政局', '-f', 'ids'])\n"
        "print(code, 'yaml' in sys.modules, 'taskplan.query.stats' in sys.modules)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "TASKPLAN_NO_CACHE"}
    first = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True).stdout
    assert first.splitlines() == ["1", "0 True False"]  # parsed: the cache was empty
    second = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True).stdout
    assert second.splitlines() == ["1", "0 False False"]  # answered from the cache
