"""The one reader of .taskplan.toml / pyproject.toml (settings.py): check, progress and report read
the same files by the same rules, each validating its own table."""
import pytest

from taskplan.check.config import load_config as check_config
from taskplan.errors import UsageError
from taskplan.progress.config import load_config as progress_config
from taskplan.reports.settings import read_report_settings
from taskplan.settings import feature_table

CASES = [
    # (files, where check's table comes from, where progress's comes from)
    ({}, None, None),
    ({"pyproject.toml": '[project]\nname = "x"\n'}, None, None),
    ({"pyproject.toml": "[tool.taskplan.check]\nstrict = true\n[tool.taskplan.progress]\nwarn-days = 1\n"},
     "pyproject.toml", "pyproject.toml"),
    ({".taskplan.toml": "[check]\nstrict = true\n[progress]\nwarn-days = 1\n"}, ".taskplan.toml", ".taskplan.toml"),
    ({".taskplan.toml": "[tool.taskplan.check]\nstrict = true\n[tool.taskplan.progress]\nwarn-days = 1\n"},
     ".taskplan.toml", ".taskplan.toml"),
    # each feature takes the first file that has its table: no merging
    ({".taskplan.toml": "[check]\nstrict = true\n", "pyproject.toml": "[tool.taskplan.progress]\nwarn-days = 1\n"},
     ".taskplan.toml", "pyproject.toml"),
    ({".taskplan.toml": "[progress]\nwarn-days = 1\n", "pyproject.toml": "[tool.taskplan.check]\nstrict = true\n"},
     "pyproject.toml", ".taskplan.toml"),
    # pyproject.toml's own top-level [check] is someone else's table
    ({"pyproject.toml": "[check]\nstrict = true\n[progress]\nwarn-days = 1\n"}, None, None),
]


@pytest.mark.parametrize("files, check_source, progress_source", CASES)
def test_both_features_find_their_table_alike(tmp_path, files, check_source, progress_source):
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert feature_table(tmp_path, "check")[1] == check_source
    assert feature_table(tmp_path, "progress")[1] == progress_source
    assert check_config(tmp_path).source == check_source
    assert check_config(tmp_path).strict is (check_source is not None)
    assert progress_config(tmp_path).warn_days == (1 if progress_source else 15)


def test_underscores_for_dashes_in_both(tmp_path):
    (tmp_path / ".taskplan.toml").write_text("[check]\nas_of = 2020-12-01\n[progress]\nreport_period_days = 9\n")
    assert str(check_config(tmp_path).as_of) == "2020-12-01"
    assert progress_config(tmp_path).report_period_days == 9


@pytest.mark.parametrize("name, body", [(".taskplan.toml", "[check\n"), ("pyproject.toml", "[tool.taskplan\n"),
                                        (".taskplan.toml", b"[check]\nselect = ['\xb2\xe2']\n")])
def test_a_broken_file_is_one_error_for_every_feature(tmp_path, name, body):
    path = tmp_path / name
    path.write_bytes(body if isinstance(body, bytes) else body.encode())
    messages = set()
    for read in (check_config, progress_config, read_report_settings):
        with pytest.raises(UsageError) as exc:
            read(tmp_path)
        messages.add(str(exc.value))
    (message,) = messages
    assert message.startswith(f"{name}: invalid TOML: ") and message.endswith("(fix the file or remove it)")


@pytest.mark.parametrize("body, message", [
    ("[check]\nas-of = 'soon'\n", ".taskplan.toml: as-of: expected a date YYYY-MM-DD, got 'soon'"),
    ("[check]\nas-of = '２０２０-１２-０１'\n", None),
    ("[progress]\nwarn-days = 'x'\n", ".taskplan.toml: progress setting \"warn-days\" must be a whole number of days ≥ 0, got 'x'"),
    ("check = 3\n", ".taskplan.toml: the check settings must be a table"),
    ("progress = 3\n", ".taskplan.toml: the progress settings must be a table"),
])
def test_each_feature_validates_its_own_table(tmp_path, body, message):
    (tmp_path / ".taskplan.toml").write_text(body, encoding="utf-8")
    read = check_config if "check" in body or "as-of" in body else progress_config
    if message is None:
        assert str(read(tmp_path).as_of) == "2020-12-01"
        return
    with pytest.raises(UsageError) as exc:
        read(tmp_path)
    assert str(exc.value) == message


@pytest.mark.parametrize("files, office", [
    ({".taskplan.toml": '[report]\noffice = "督查室"\n'}, "督查室"),
    ({".taskplan.toml": '[tool.taskplan.report]\noffice = "督查室"\n'}, "督查室"),  # the spelling every feature accepts
    ({"pyproject.toml": '[tool.taskplan.report]\noffice = "督查室"\n'}, "督查室"),
    ({".taskplan.toml": "[check]\nstrict = true\n", "pyproject.toml": '[tool.taskplan.report]\noffice = "督查室"\n'}, "督查室"),
    ({"pyproject.toml": '[report]\noffice = "督查室"\n'}, ""),  # pyproject's top-level [report] is not taskplan's
])
def test_report_finds_its_table_like_every_feature(tmp_path, files, office):
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert read_report_settings(tmp_path).office == office


def test_report_settings_with_underscores_and_a_settings_folder(tmp_path):
    (tmp_path / ".taskplan.toml").write_text('[report]\nprinted_by = "办公室"\nreply_days = 3\n', encoding="utf-8")
    settings = read_report_settings(tmp_path)
    assert (settings.printed_by, settings.reply_days) == ("办公室", 3)
    (tmp_path / ".taskplan.toml").unlink()
    (tmp_path / ".taskplan.toml").mkdir()  # a folder where the file belongs: the same error for every feature
    messages = set()
    for read in (check_config, progress_config, read_report_settings):
        with pytest.raises(UsageError) as exc:
            read(tmp_path)
        messages.add(str(exc.value))
    assert len(messages) == 1
