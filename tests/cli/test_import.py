"""taskplan import: exact output, exit codes, refusal to overwrite, curated registry kept."""
from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data" / "importer"
LAYOUT = DATA / "layout.txt"
# what import adds around a plan in a directory that had none (tests/cli/test_init.py tests the files)
NEW_REPOSITORY = (
    "  repository files: docs/schema/task.schema.json, docs/schema/plan.schema.json, docs/schema/units.schema.json, "
    ".gitattributes, .gitignore, .github/workflows/taskplan.yml, .gitlab-ci.yml, .pre-commit-config.yaml, README.md\n"
    "  CI: no pinned taskplan source is known, so the CI and pre-commit files name CHANGE-ME: "
    "replace it, or delete them and run taskplan init DIR --ci-source URL@REV\n"
)


def test_import_prints_the_summary(cli, tmp_path):
    r = cli("import", str(LAYOUT), "--into", str(tmp_path / "plan"))
    assert (r.code, r.err) == (0, "")
    assert r.out == (
        f"imported {LAYOUT} into {tmp_path / 'plan'}\n"
        "  sections: 2 (2 sub-sections)\n"
        "  tasks: 4 (3 measures)\n"
        "  units named: 6\n"
        "  units.yaml: written with 5 unit(s)\n"
        "  not classified: none\n"
        f"{NEW_REPOSITORY}"
        "  unused lines: 4\n"
        f"  {LAYOUT}:1: page number: — 1 —\n"
        f"  {LAYOUT}:3: front matter not recognised: 示例市人民政府文件\n"
        f"  {LAYOUT}:11: page number: -2-\n"
        f"  {LAYOUT}:31: page number: — 3 —\n"
        "  every line was placed\n"
    )
    assert sorted(p.name for p in (tmp_path / "plan").iterdir()) == [
        ".gitattributes", ".github", ".gitignore", ".gitlab-ci.yml", ".pre-commit-config.yaml", "README.md", "docs", "plan.yaml", "tasks", "units.yaml"
    ]


def test_summary_lists_unclassified_names(cli, tmp_path):
    r = cli("import", str(DATA / "roles_in_parentheses.txt"), "--into", str(tmp_path))
    assert (r.code, r.err) == (0, "")
    # 8 names as written (市财政局 and 财政局 both); units.yaml: 7 minus the group 各镇(街道), 市财政局 as 财政局's alias
    assert r.out == (
        f"imported {DATA / 'roles_in_parentheses.txt'} into {tmp_path}\n"
        "  sections: 1\n"
        "  tasks: 3 (0 measures)\n"
        "  units named: 8\n"
        "  units.yaml: written with 6 unit(s)\n"
        "  not classified (kind 未分类, edit units.yaml): 市发改委、经贸委、市科技局、市直欠款部门(含政府平台公司)\n"
        f"{NEW_REPOSITORY}"
        "  unused lines: none\n"
        "  every line was placed\n"
    )


def test_import_is_deterministic(cli, tmp_path):
    for name in ("a", "b"):
        assert cli("import", str(DATA / "per_unit_measures.fw.txt"), "--into", str(tmp_path / name)).code == 0
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert len(files) == 14  # plan.yaml, units.yaml, 3 tasks and the 9 repository files
    for rel in files:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes()


def test_refuses_to_overwrite_without_force(cli, tmp_path):
    assert cli("import", str(LAYOUT), "--into", str(tmp_path)).code == 0
    before = (tmp_path / "tasks" / "001.yaml").read_bytes()
    (tmp_path / "tasks" / "001.yaml").write_text("# edited by hand\n", encoding="utf-8")
    r = cli("import", str(LAYOUT), "--into", str(tmp_path))
    assert (r.code, r.out) == (2, "")
    assert r.err == (
        f"taskplan: error: {tmp_path} already holds records (plan.yaml, tasks/); refusing to overwrite them "
        "(pass --force to replace them; units.yaml is kept and only extended)\n"
    )
    assert (tmp_path / "tasks" / "001.yaml").read_text(encoding="utf-8") == "# edited by hand\n"
    r = cli("import", str(LAYOUT), "--into", str(tmp_path), "--force")
    assert r.code == 0
    assert (tmp_path / "tasks" / "001.yaml").read_bytes() == before


def test_force_removes_task_files_the_document_no_longer_has(cli, tmp_path):
    assert cli("import", str(LAYOUT), "--into", str(tmp_path)).code == 0
    (tmp_path / "tasks" / "005.yaml").write_text("id: 5\n", encoding="utf-8")
    (tmp_path / "tasks" / "notes.txt").write_text("mine\n", encoding="utf-8")
    r = cli("import", str(LAYOUT), "--into", str(tmp_path), "--force")
    assert (r.code, r.err) == (0, "")
    assert r.out == (
        f"imported {LAYOUT} into {tmp_path}\n"
        "  sections: 2 (2 sub-sections)\n"
        "  tasks: 4 (3 measures)\n"
        "  units named: 6\n"
        "  units.yaml: kept the existing registry; added 0 new name(s)\n"
        "  not classified: none\n"
        "  removed stale task files: tasks/005.yaml\n"
        "  unused lines: 4\n"
        f"  {LAYOUT}:1: page number: — 1 —\n"
        f"  {LAYOUT}:3: front matter not recognised: 示例市人民政府文件\n"
        f"  {LAYOUT}:11: page number: -2-\n"
        f"  {LAYOUT}:31: page number: — 3 —\n"
        "  every line was placed\n"
    )
    assert sorted(p.name for p in (tmp_path / "tasks").iterdir()) == ["001.yaml", "002.yaml", "003.yaml", "004.yaml", "notes.txt"]


CURATED = """\
# curated by the supervision office: keep
units:
  - name: 发改局
    full_name: 示例市发展和改革局
    kind: 市直部门
    aliases: [发展改革局]  # the old name
  - name: 财政局
    full_name: 示例市财政局
    kind: 市直部门
    aliases: []
groups:
  - name: 镇(街道)
    aliases: [各镇(街道)]
    members: [西柳镇]
"""


def test_force_keeps_the_curated_registry_and_adds_new_names_as_unclassified(cli, tmp_path):
    assert cli("import", str(LAYOUT), "--into", str(tmp_path)).code == 0
    (tmp_path / "units.yaml").write_text(CURATED, encoding="utf-8")
    r = cli("import", str(LAYOUT), "--into", str(tmp_path), "--force")
    assert r.code == 0, r.err
    assert "  units.yaml: kept the existing registry; added 3 new name(s)\n" in r.out
    assert "  not classified (kind 未分类, edit units.yaml): 商务局、人社局、民政局\n" in r.out
    assert (tmp_path / "units.yaml").read_text(encoding="utf-8") == CURATED.replace(
        "groups:\n",
        "  - name: 商务局\n    full_name: null\n    kind: 未分类\n    aliases: []\n"
        "  - name: 人社局\n    full_name: null\n    kind: 未分类\n    aliases: []\n"
        "  - name: 民政局\n    full_name: null\n    kind: 未分类\n    aliases: []\n"
        "groups:\n",
    )
    # a second import finds every name and leaves the file alone
    r = cli("import", str(LAYOUT), "--into", str(tmp_path), "--force")
    assert "added 0 new name(s)" in r.out


def test_units_yaml_alone_is_not_overwritten_so_no_force_needed(cli, tmp_path):
    (tmp_path / "units.yaml").write_text(CURATED, encoding="utf-8")
    r = cli("import", str(DATA / "first_listed.txt"), "--into", str(tmp_path))
    assert r.code == 0, r.err
    assert (tmp_path / "units.yaml").read_text(encoding="utf-8").startswith(CURATED.split("groups:")[0])


def test_missing_source_is_a_usage_error(cli, tmp_path):
    r = cli("import", str(tmp_path / "nope.txt"), "--into", str(tmp_path / "out"))
    assert (r.code, r.out) == (2, "")
    assert r.err == f"taskplan: error: no such file: {tmp_path / 'nope.txt'} (give the path of a document (.txt, .docx or .xlsx))\n"
    assert not (tmp_path / "out").exists()


def test_into_is_required(cli, tmp_path):
    r = cli("import", str(LAYOUT))
    assert (r.code, r.out) == (2, "")
    assert r.err == "Usage: taskplan import [OPTIONS] {SOURCE}\nTry 'taskplan import -h' for help.\n\nError: Missing option '--into'.\n"


def test_gbk_document_names_file_and_line(cli, tmp_path):
    doc = tmp_path / "gbk.txt"
    doc.write_bytes("方案\n一、任务\n".encode("utf-8") + "1.稳就业。\n".encode("gbk"))
    r = cli("import", str(doc), "--into", str(tmp_path / "out"))
    assert (r.code, r.out) == (1, "")
    assert r.err == f"{doc}:3:3: error TP801 not UTF-8 text (a GBK document?); convert it first, e.g. iconv -f GBK -t UTF-8\n"
    assert not (tmp_path / "out").exists()


def test_empty_document(cli, tmp_path):
    doc = tmp_path / "empty.txt"
    doc.write_text("\n  \n", encoding="utf-8")
    r = cli("import", str(doc), "--into", str(tmp_path / "out"))
    assert (r.code, r.out) == (1, "")
    assert r.err == f"{doc}:0:0: error TP802 the document is empty; nothing to import\n"


def test_document_without_tasks(cli, tmp_path):
    doc = tmp_path / "prose.txt"
    doc.write_text("方案\n\n一、任务\n没有编号的段落。\n", encoding="utf-8")
    r = cli("import", str(doc), "--into", str(tmp_path / "out"))
    assert (r.code, r.out) == (1, "")
    message = "no tasks found: no numbered item or sentence names a unit (牵头单位:… / 责任单位:… / （…负责）); is this a task plan?"
    assert r.err == f"{doc}:1:1: error TP803 {message}\n"
    assert not (tmp_path / "out").exists()
    doc.write_text("只有标题\n", encoding="utf-8")
    r = cli("import", str(doc), "--into", str(tmp_path / "out"))
    assert r.err == f"{doc}:1:1: error TP803 {message}\n"


def test_bom_is_accepted(cli, tmp_path):
    doc = tmp_path / "bom.txt"
    doc.write_bytes(b"\xef\xbb\xbf" + LAYOUT.read_bytes())
    assert cli("import", str(doc), "--into", str(tmp_path / "out")).code == 0
    assert cli("import", str(LAYOUT), "--into", str(tmp_path / "plain")).code == 0
    files = sorted(p.relative_to(tmp_path / "plain") for p in (tmp_path / "plain").rglob("*") if p.is_file())
    assert len(files) == 15  # plan.yaml, units.yaml, 4 tasks, 9 repository files: the same as without the BOM
    for rel in files:
        assert (tmp_path / "out" / rel).read_bytes() == (tmp_path / "plain" / rel).read_bytes(), rel


def test_curated_registry_with_errors_is_reported(cli, tmp_path):
    (tmp_path / "units.yaml").write_text("units:\n  - name: 财政局\n    kind: 市直部门\n    colour: red\n", encoding="utf-8")
    r = cli("import", str(LAYOUT), "--into", str(tmp_path))
    assert (r.code, r.out) == (1, "")
    assert r.err == 'units.yaml:4:5: error TP102 unknown field "units[0].colour"; remove it or fix its spelling\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["units.yaml"]  # nothing imported over a broken registry


def test_summary_of_the_real_document(cli, tmp_path):
    root = Path(__file__).resolve().parents[2]
    (tmp_path / "units.yaml").write_bytes((root / "units.yaml").read_bytes())
    source = root / "sources" / "haicheng-2020.txt"
    r = cli("import", str(source), "--into", str(tmp_path))
    assert (r.code, r.err) == (0, "")
    assert r.out == (
        f"imported {source} into {tmp_path}\n"
        "  sections: 16\n"
        "  tasks: 146 (193 measures)\n"
        "  units named: 82\n"
        "  units.yaml: kept the existing registry; added 0 new name(s)\n"
        "  not classified: none\n"
        "  labels kept in the measure text (not units): 措施、目标、做到三有、社会宣传方面、网络宣传方面、媒体宣传方面、食品方面、药品方面\n"
        f"{NEW_REPOSITORY}"
        "  unused lines: none\n"
        "  every line was placed\n"
    )


def test_summary_lists_labels_that_are_not_units(cli, tmp_path):
    r = cli("import", str(DATA / "per_unit_measures.fw.txt"), "--into", str(tmp_path))
    assert (r.code, r.err) == (0, "")
    # measures: 财政局, 人社局, 税务局 | one unlabelled block | 残联, 营商局 (intro + (1)(2)) = 6
    assert r.out == (
        f"imported {DATA / 'per_unit_measures.fw.txt'} into {tmp_path}\n"
        "  sections: 1\n"
        "  tasks: 3 (6 measures)\n"
        "  units named: 6\n"
        "  units.yaml: written with 6 unit(s)\n"
        "  not classified: none\n"
        "  labels kept in the measure text (not units): 措施、食品方面、药品方面、社会宣传方面、科技局\n"
        f"{NEW_REPOSITORY}"
        "  unused lines: none\n"
        "  every line was placed\n"
    )
