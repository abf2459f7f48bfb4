"""The editor, checked with the real yaml-language-server (the engine of VS Code's YAML extension) over LSP.

.ci/run installs Node and the server (npm install into a directory outside the repo) and points
YAML_LANGUAGE_SERVER at it; a developer without them sees this module skipped with that reason.
"""
from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest

from taskplan.records.schema import UNKNOWN_UNIT

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SERVER = os.environ.get("YAML_LANGUAGE_SERVER") or str(
    Path.home() / ".cache/taskplan-tests/yaml-language-server/node_modules/yaml-language-server/bin/yaml-language-server")

# Under CI (.ci/run installs the server) a missing server is a failure, never a skip.
pytestmark = pytest.mark.skipif(
    not os.environ.get("CI") and not (SERVER and Path(SERVER).is_file() and shutil.which("node")),
    reason="yaml-language-server not installed (.ci/run installs it and sets YAML_LANGUAGE_SERVER)",
)


class Server:
    """A minimal LSP client over stdio: requests, notifications, and the server's own requests answered."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(["node", SERVER, "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL)
        self.inbox: queue.Queue = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.proc.stdout
        while True:
            headers = {}
            while True:
                line = stream.readline()
                if not line:
                    return
                line = line.decode("ascii").strip()
                if not line:
                    break
                key, value = line.split(":", 1)
                headers[key.lower()] = value.strip()
            self.inbox.put(json.loads(stream.read(int(headers["content-length"]))))

    def send(self, message: dict) -> None:
        data = json.dumps({"jsonrpc": "2.0", **message}, ensure_ascii=False).encode("utf-8")
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)
        self.proc.stdin.flush()

    def wait(self, wanted, timeout: float = 60):
        end = time.time() + timeout
        while time.time() < end:
            try:
                message = self.inbox.get(timeout=max(0.1, end - time.time()))
            except queue.Empty:
                break
            if "method" in message and "id" in message:  # the server asks (configuration …)
                items = message.get("params", {}).get("items", [])
                self.send({"id": message["id"], "result": [{"validate": True, "completion": True, "hover": True}] * len(items)
                           if message["method"] == "workspace/configuration" else None})
                continue
            if wanted(message):
                return message
        raise TimeoutError("no answer from yaml-language-server")

    def request(self, method: str, params: dict) -> dict:
        self.next_id += 1
        rid = self.next_id
        self.send({"id": rid, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == rid and "method" not in m)

    def notify(self, method: str, params: dict) -> None:
        self.send({"method": method, "params": params})

    def open(self, path: Path, text: str) -> list[dict]:
        """Open a document; the diagnostics the server publishes for it."""
        self.notify("textDocument/didOpen", {"textDocument": {"uri": path.as_uri(), "languageId": "yaml", "version": 1, "text": text}})
        return self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                         and m["params"]["uri"] == path.as_uri())["params"]["diagnostics"]

    def close(self) -> None:
        self.proc.kill()
        self.proc.wait()


@pytest.fixture
def server(cli, tmp_path):
    plan = tmp_path / "plan"
    shutil.copytree(FIXTURES / "mini", plan)
    assert cli("-C", str(plan), "schema").code == 0
    assert cli("-C", str(plan), "fmt").code == 0  # the modeline on every task file
    lsp = Server()
    lsp.request("initialize", {"processId": None, "rootUri": plan.as_uri(), "capabilities": {"workspace": {"configuration": True}}})
    lsp.notify("initialized", {})
    lsp.notify("workspace/didChangeConfiguration", {"settings": {"yaml": {"validate": True, "completion": True, "hover": True}}})
    yield lsp, plan
    lsp.close()


def test_unknown_unit_says_so_in_chinese_and_clean_files_have_no_diagnostics(server):
    lsp, plan = server
    task = plan / "tasks" / "001.yaml"
    text = task.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../docs/schema/task.schema.json\n")
    assert lsp.open(task, text) == []
    other = plan / "tasks" / "002.yaml"
    broken = other.read_text(encoding="utf-8").replace("lead: [", "lead: [财正局, ")
    assert broken != other.read_text(encoding="utf-8")
    messages = [d["message"] for d in lsp.open(other, broken)]
    assert messages == [UNKNOWN_UNIT]


def test_a_width_variant_of_a_registered_name_is_not_an_error(server):
    lsp, plan = server
    task = plan / "tasks" / "001.yaml"
    text = task.read_text(encoding="utf-8")
    assert "镇(街道)" in text
    assert lsp.open(task, text.replace("镇(街道)", "镇（街道）")) == []


def test_unit_names_are_completed(server):
    lsp, plan = server
    path = plan / "tasks" / "003.yaml"
    text = "# yaml-language-server: $schema=../docs/schema/task.schema.json\nid: 3\nsection: 1\ntitle: 新任务\nlead:\n  - \n"
    lsp.open(path, text)
    answer = lsp.request("textDocument/completion", {"textDocument": {"uri": path.as_uri()}, "position": {"line": 5, "character": 4}})
    result = answer["result"]
    labels = [item["label"] for item in (result["items"] if isinstance(result, dict) else result)]
    assert labels[:3] == ["财政局", "示例市财政局", "发改局"]
    assert "各镇(街道)" in labels and "镇（街道）" not in labels  # registered spellings only


def test_units_and_plan_carry_modelines_and_are_clean(server):
    lsp, plan = server
    for name, schema in (("units.yaml", "units"), ("plan.yaml", "plan")):
        text = (plan / name).read_text(encoding="utf-8")
        assert text.startswith(f"# yaml-language-server: $schema=docs/schema/{schema}.schema.json\n")  # written by fmt
        assert lsp.open(plan / name, text) == []


def test_a_bad_entry_in_units_and_plan_is_explained_in_chinese(server):
    from taskplan.records.schema import SECTION_NUMBER

    lsp, plan = server
    units = plan / "units.yaml"
    text = units.read_text(encoding="utf-8")
    broken = text.replace("members: [西柳镇]", "members: [西柳镇, 东柳镇]")
    assert broken != text
    assert [d["message"] for d in lsp.open(units, broken)] == [UNKNOWN_UNIT]
    plan_file = plan / "plan.yaml"
    text = plan_file.read_text(encoding="utf-8")
    broken = text.replace("- number: 2\n", "- number: 二\n")
    assert broken != text
    assert [d["message"] for d in lsp.open(plan_file, broken)] == [SECTION_NUMBER]


def test_hovers_on_a_record_speak_the_glossary(server):
    lsp, plan = server
    plan_file = plan / "plan.yaml"
    text = plan_file.read_text(encoding="utf-8")
    lsp.open(plan_file, text)
    line = text.split("\n").index(next(l for l in text.split("\n") if l.startswith("title:")))
    answer = lsp.request("textDocument/hover", {"textDocument": {"uri": plan_file.as_uri()}, "position": {"line": line, "character": 1}})
    hover = answer["result"]["contents"]
    hover = hover["value"] if isinstance(hover, dict) else str(hover)
    assert "方案标题 (title)" in hover and "任务内容" not in hover and len(hover) < 300
