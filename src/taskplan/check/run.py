"""One run of ``taskplan check``: settings + options → (fixes) → findings, as a value the CLI prints.

Everything ``check`` decides lives here, so it is tested without the CLI:
which day the date rules judge as of, which codes are selected, which files
are reported, the fix → re-check order, which reporter prints the result and
whether the run failed.  The CLI parses options, calls ``run_check``, prints
the changes and ``report_text``, and exits with ``CheckRun.exit_code``.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping, Sequence

from taskplan.check.config import CheckConfig, load_config, parse_codes
from taskplan.check.engine import CheckResult, check_plan
from taskplan.check.fixes import Change, apply_fixes
from taskplan.check.reporters import REPORTERS, step_summary
from taskplan.errors import UsageError
from taskplan.i18n import M_
from taskplan.output.formats import FormatOptions
from taskplan.store.discover import plan_relative

PathMap = Callable[[str], str]


def check_day(root: Path, option: dt.date | None, setting: dt.date | None, today: dt.date) -> dt.date:
    """The day date-dependent rules judge as of: --as-of, the as-of setting, HEAD's commit date, today.

    Not today first: the same commit must get the same verdict on any day (a
    pull request that touches nothing must not fail because time passed).
    Today only outside a git repository, where there is no commit to pin.
    """
    if option is not None:
        return option
    if setting is not None:
        return setting
    from taskplan.store.gitrev import head_date  # runs git: only when neither date is given

    return head_date(root) or today


@dataclass
class CheckRun:
    """What one ``check`` did: the fixes it applied (--fix) or would apply (--diff), and the findings.

    ``result`` is None after --diff, which shows the fixes and checks nothing more.
    """

    config: CheckConfig
    result: CheckResult | None
    changes: list[Change] = field(default_factory=list)

    def exit_code(self, strict: bool = False) -> int:
        """1 when an error (or with ``strict`` or the strict setting, a warning) remains; else 0."""
        if self.result is None:
            return 0
        return 1 if self.result.failed(strict or self.config.strict) else 0


def run_check(
    root: Path,
    *,
    paths: Sequence[Path] = (),
    select: str | None = None,
    ignore: str | None = None,
    as_of: dt.date | None = None,
    today: dt.date,
    fix: bool = False,
    diff: bool = False,
    use_cache: bool = True,
) -> CheckRun:
    """Check the plan at ``root`` as the options ask; with ``fix`` write the safe fixes and check again.

    ``select`` replaces the configured codes, ``ignore`` adds to them (comma-separated, as typed);
    only findings in ``paths`` are reported, though every rule sees the whole plan.
    """
    config = load_config(root)
    config.as_of = check_day(root, as_of, config.as_of, today)
    if select is not None:
        config.select = parse_codes(select, "--select")
    if ignore is not None:
        config.ignore = config.ignore + parse_codes(ignore, "--ignore")
    wanted = plan_relative(root, list(paths))
    if fix and diff:
        raise UsageError(M_("--fix and --diff exclude each other"), hint=M_("--diff shows what --fix would write"))
    if not (fix or diff):
        return CheckRun(config, check_plan(root, config, wanted, use_cache=use_cache))
    result = check_plan(root, config, wanted, use_cache=use_cache, fixes=True)  # fresh findings: only they carry fixes
    changes = apply_fixes(root, result.findings, write=fix)
    if diff:
        return CheckRun(config, None, changes)
    return CheckRun(config, check_plan(root, config, wanted, use_cache=use_cache), changes)  # what the fixes left


def reporter_name(fmt: str | None, environ: Mapping[str, str]) -> str:
    """The reporter asked for; without one, github annotations inside GitHub Actions, else text."""
    if fmt is not None:
        return fmt
    return "github" if environ.get("GITHUB_ACTIONS") == "true" else "text"


def report_text(result: CheckResult, name: str, display: PathMap, options: FormatOptions = FormatOptions()) -> str:
    """The findings as reporter ``name`` prints them (a key of check.reporters.REPORTERS); ``options``
    reach the formats of the output path (csv: the formula guard)."""
    return REPORTERS[name](result, display, options)


def write_step_summary(result: CheckResult, name: str, display: PathMap, environ: Mapping[str, str]) -> None:
    """Under the github reporter, append the full list to $GITHUB_STEP_SUMMARY (annotations are capped)."""
    summary_file = environ.get("GITHUB_STEP_SUMMARY")
    if name == "github" and summary_file:
        from taskplan.store.write import append_output

        append_output(Path(summary_file), step_summary(result, display), "the step summary ($GITHUB_STEP_SUMMARY)")
