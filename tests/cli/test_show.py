def test_show_task_with_full_names(cli, mini):
    r = cli("-C", str(mini), "show", "1")
    assert r.code == 0, r.err
    assert r.err == ""
    assert r.out == (
        "Task 1  ·  一、全面落实积极财政政策\n"
        "\n"
        "今年赤字率拟按3.6%以上安排。\n"
        "\n"
        "Lead units: 财政局 (示例市财政局)、发改局 (示例市发展和改革局)\n"
        "Responsible units: 各镇(街道) (镇(街道))\n"
        "Measures:\n"
        "  发改局 (示例市发展和改革局)\n"
        "    密切跟踪政策方案,全力争取抗疫特别国债。\n"
        "  财政局 (示例市财政局)\n"
        "    (1) 积极争取上级转移支付和资金。\n"
        "    (2) 用足用好上级政策。\n"
    )


def test_show_unknown_task(cli, mini):
    r = cli("-C", str(mini), "show", "9")
    assert (r.code, r.out) == (2, "")
    assert r.err == "taskplan: error: no task 9 in this plan (ids run from 1 to 2)\n"


def test_show_refuses_broken_plan_with_file_line(cli, mini):
    (mini / "tasks" / "002.yaml").write_text("id: 2\nsection: 2\nsection: 3\n", encoding="utf-8")
    r = cli("-C", str(mini), "show", "1")
    assert r.code == 1
    assert r.out == ""
    assert r.err == 'tasks/002.yaml:3:1: error TP004 duplicate key "section" (first defined on line 2); keep one of them\n'




def test_full_names_are_bracketed_as_the_readers_language_brackets_them(cli, mini):
    from taskplan import i18n

    before = i18n.current()
    i18n.set_language("zh")
    try:
        r = cli("-C", str(mini), "show", "1")
    finally:
        i18n.set_language(before)
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    assert "牵头单位：财政局（示例市财政局）、发改局（示例市发展和改革局）" in lines
    assert "责任单位：各镇(街道)（镇(街道)）" in lines
    assert "  发改局（示例市发展和改革局）" in lines
