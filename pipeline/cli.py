"""Command line: `python -m pipeline run|watch INBOX --out OUT [...]`, `python -m pipeline explain [CODE]` and
`python -m pipeline init DIR [--year YYYY]` (next season's campaign file and quota table).

Everything a user reads is Chinese, and nothing ends in a traceback. Exit codes:
0 the run completed and every file was processed; 1 it completed but some files could not be
processed (named in the closing notice); 2 it could not start (arguments, reference files, OUT
locked or not writable, empty inbox); 3 its outputs could not be written (the previous set is
kept); 130 interrupted (Ctrl-C or SIGTERM).

Heavy modules are imported only once the command has said something, so the first line appears
at once.
"""

from __future__ import annotations

import datetime as dt
import signal
import sys
import tempfile
import time
import traceback
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Annotated

import typer
import typer.rich_utils as rich_utils
from rich.console import Console
from rich.markup import escape

from pipeline.closing import (
    EXIT_CANNOT_START,
    EXIT_INTERRUPTED,
    EXIT_NOT_WRITTEN,
    EXIT_OK,
    print_counts,
    print_season_warning,
    print_summary,
    print_unread_notice,
)
from pipeline.lock import LockHeld, OutputLock
from pipeline.preflight import StartError, check_reference_file, check_run_paths, check_workers, inbox_is_empty
from pipeline.unchanged import PUBLISHED_NAME, SEVERITY_LABELS, Inputs, UnreadFile, still_published

if TYPE_CHECKING:
    from pipeline.run import Options, Prepared

HELP = "辽宁省总工会创新工作室和培训基地申报材料处理：读取收件箱，核对规则，生成总名单、问题报告和数据文件。"
console = Console(stderr=True, highlight=False, soft_wrap=True)
STARTED = time.perf_counter()

try:   # typer ≥ 0.20 carries its own copy of click
    from typer._click import core as click_core
    from typer._click import exceptions as click_exceptions
except ImportError:  # pragma: no cover - older typer on the real click
    from click import core as click_core
    from click import exceptions as click_exceptions

for name, text in {"ARGUMENTS_PANEL_TITLE": "参数", "OPTIONS_PANEL_TITLE": "选项", "COMMANDS_PANEL_TITLE": "命令",
                   "ERRORS_PANEL_TITLE": "错误", "REQUIRED_LONG_STRING": "[必填]", "DEFAULT_STRING": "[默认：{}]",
                   "ABORTED_TEXT": "已中断。"}.items():
    setattr(rich_utils, name, text)



def _chinese_help_option() -> None:
    """The help option's own line, in Chinese (click has no translation catalogue)."""
    original = click_core.Command.get_help_option

    def get_help_option(self, ctx):
        option = original(self, ctx)
        if option is not None:
            option.help = "显示本帮助并退出。"
        return option
    click_core.Command.get_help_option = get_help_option


_chinese_help_option()
app = typer.Typer(add_completion=False, help=HELP, no_args_is_help=True,
                  context_settings={"help_option_names": ["-h", "--help"]})

Inbox = Annotated[Path, typer.Argument(help="收件箱文件夹（只读，不会被修改）", show_default=False)]
Out = Annotated[Path, typer.Option("--out", help="输出文件夹（总名单、问题报告、数据文件）", show_default=False)]
Quotas = Annotated[Path | None, typer.Option("--quotas", help="名额分配表（附件1）.xlsx；不填用 2021 年默认名额")]
Registry = Annotated[Path | None, typer.Option("--registry", help="已命名工作室名录 .xlsx")]
CampaignFile = Annotated[Path | None, typer.Option("--campaign", help="年度活动配置 .yaml；不填用 2021 年默认配置")]
Corrections = Annotated[Path | None, typer.Option("--corrections", help="审核更正表 .xlsx（按输出文件夹中的模板填写）")]
State = Annotated[Path | None, typer.Option("--state", help="运行状态文件（默认 OUT/.state/state.sqlite3）")]
Workers = Annotated[int | None, typer.Option("--workers", help="并行处理的进程数（默认为 CPU 核数）")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="不显示进度和汇总，只显示错误和未读文件清单（供脚本使用）")]
Wait = Annotated[bool, typer.Option("--wait", help="输出文件夹正被另一次运行使用时，等待其结束（默认立即退出）")]


@app.command("run", help="读取收件箱中的全部文件，在输出文件夹生成总名单、问题报告和数据文件。")
def run_command(inbox: Inbox, out: Out, quotas: Quotas = None, registry: Registry = None,
                campaign: CampaignFile = None, corrections: Corrections = None, state: State = None,
                workers: Workers = None, quiet: Quiet = False, wait: Wait = False) -> None:
    _say("开始：检查参数和参考文件……", quiet)
    _terminate_like_interrupt()
    code = _guarded(lambda: _run_once(inbox, out, quotas, registry, campaign, corrections, state, workers, quiet,
                                      wait))
    raise typer.Exit(code)


Debounce = Annotated[float, typer.Option("--debounce", help="文件变化后等待多少秒再处理（合并连续的变化）")]


@app.command("watch", help="监视收件箱：先处理一次，之后每当有文件到达或改动，就增量重新处理并显示变化"
                           "（按 Ctrl-C 停止）。")
def watch_command(inbox: Inbox, out: Out, quotas: Quotas = None, registry: Registry = None,
                  campaign: CampaignFile = None, corrections: Corrections = None, state: State = None,
                  workers: Workers = None, quiet: Quiet = False, wait: Wait = False, debounce: Debounce = 2.0) -> None:
    _say("开始：检查参数和参考文件……", quiet)
    _terminate_like_interrupt()

    def watch() -> int:
        from pipeline.watch import watch_inbox

        options, prepared = _prepared(inbox, out, quotas, registry, campaign, corrections, state, workers)
        with _locked(out, wait, quiet):
            return watch_inbox(options, prepared, console, debounce=debounce, quiet=quiet)
    raise typer.Exit(_guarded(watch))


@app.command("explain", help="说明问题代码的含义；不带代码时列出全部代码。")
def explain(code: Annotated[str | None, typer.Argument(help="问题代码，如 LEADER_NOT_QUALIFIED", show_default=False)]
            = None) -> None:
    from schemas.campaign import did_you_mean
    from schemas.issues import ISSUE_TYPES

    out = Console(highlight=False, soft_wrap=True)
    if code is None:
        for issue_type in ISSUE_TYPES.values():
            out.print(f"{issue_type.code:<30} {SEVERITY_LABELS[issue_type.severity]}  "
                      f"{issue_type.title}：{issue_type.description}", markup=False)
        return
    issue_type = ISSUE_TYPES.get(code.strip().upper()) or next(
        (t for t in ISSUE_TYPES.values() if t.title == code.strip()), None)
    if issue_type is None:
        titles = {t.title: t.code for t in ISSUE_TYPES.values()}
        near = did_you_mean(code.strip().upper(), ISSUE_TYPES) or did_you_mean(code.strip(), titles)
        console.print(f"[red]未知的问题代码“{escape(code)}”{escape(near)}[/red]\n"
                      "不带参数运行 explain 可列出全部代码：python -m pipeline explain")
        raise typer.Exit(EXIT_CANNOT_START)
    out.print(f"{issue_type.code}（{issue_type.title}）\n级别：{SEVERITY_LABELS[issue_type.severity]}\n"
              f"含义：{issue_type.description}\n报告中的写法：{issue_type.template}", markup=False)




Year = Annotated[int | None, typer.Option("--year", help="新年度（四位年份）；不填为今年，或所用配置的下一年")]
InitDir = Annotated[Path, typer.Argument(help="写入新年度配置文件的文件夹", show_default=False)]


@app.command("init", help="为新年度生成活动配置文件（带说明，填好当前的值待修改）、附件1 格式的名额分配表"
                          "和空的已命名工作室名录。")
def init_command(directory: InitDir, year: Year = None, campaign: CampaignFile = None, quotas: Quotas = None) -> None:
    def init() -> int:
        from pipeline.reference import ReferenceInputError, read_quotas
        from pipeline.season import InitError, default_year, init_season
        from schemas.campaign import CampaignError, load_campaign
        from schemas.units import default_quotas

        try:
            base = load_campaign(campaign)
            quota_list = read_quotas(quotas) if quotas else default_quotas()
            target = year or default_year(base)
            files = init_season(directory, target, base, quota_list)
        except (InitError, CampaignError, ReferenceInputError) as error:
            console.print(f"[red]未能生成新年度配置：{escape(str(error))}[/red]")
            return EXIT_CANNOT_START
        _print_init(files, target, base)
        return EXIT_OK
    raise typer.Exit(_guarded(init))


def _print_init(files: dict[str, Path], year: int, base) -> None:
    out = Console(highlight=False, soft_wrap=True)
    out.print(f"已生成 {year} 年度的配置（以 {base.name} 年的值为底稿）：", markup=False)
    out.print(f"  {files['campaign']}  活动配置：请对照 {year} 年的通知核对文号（notice）、截止日期（deadline）、"
              "全省名额、科技型企业类别、领衔人荣誉等各项", markup=False)
    out.print(f"  {files['quotas']}  名额分配表（附件1 格式，已填入现行名额，请按通知修改）", markup=False)
    out.print(f"  {files['registry']}  已命名工作室名录（空表：请填入历年已命名的工作室）", markup=False)
    out.print(f"修改后运行：python -m pipeline run 收件箱 --out 输出文件夹 --campaign {files['campaign']} "
              f"--quotas {files['quotas']} --registry {files['registry']}", markup=False)


# --- one run --------------------------------------------------------------------------------------------


def _run_once(inbox: Path, out: Path, quotas: Path | None, registry: Path | None, campaign: Path | None,
              corrections: Path | None, state: Path | None, workers: int | None, quiet: bool, wait: bool) -> int:
    unchanged = _unchanged(Inputs(inbox, out, quotas, registry, campaign, corrections, state), workers, wait, quiet)
    if unchanged is not None:
        return unchanged
    from pipeline.progress import make_progress
    from pipeline.run import execute

    options, prepared = _prepared(inbox, out, quotas, registry, campaign, corrections, state, workers)
    if inbox_is_empty(inbox):
        raise StartError(f"收件箱 {inbox} 中没有任何文件，未进行处理，输出文件夹保持不变（请确认文件夹是否正确）")
    with _locked(out, wait, quiet):
        progress = make_progress(console, quiet=quiet)
        progress.start()
        try:
            outcome = execute(options, prepared, progress)
        finally:
            progress.stop()
    print_season_warning(console, outcome.result)
    if not quiet:
        print_summary(console, outcome, out)
    print_unread_notice(console, outcome)
    return outcome.exit_code


def _unchanged(inputs: Inputs, workers: int | None, wait: bool, quiet: bool) -> int | None:
    """Nothing changed since the last published run: say so and return its exit code (None: run).
    The arguments are checked first, as for any run (OUT and the state writable, and so on)."""
    if not (inputs.out / PUBLISHED_NAME).is_file():
        return None
    check_workers(workers)
    check_run_paths(inputs.inbox, inputs.out, inputs.state_path)
    for path, option in ((inputs.quotas, "--quotas"), (inputs.registry, "--registry"),
                         (inputs.campaign, "--campaign"), (inputs.corrections, "--corrections")):
        check_reference_file(path, option)
    with _locked(inputs.out, wait, quiet):
        published = still_published(inputs)
    if published is None:
        return None
    _say(f"收件箱（{published.files} 个文件）、参考文件和程序与上次运行（{published.finished_at.replace('T', ' ')}）"
         f"完全相同，输出保持不变：{inputs.out}", quiet)
    if not quiet and published.counts:
        print_counts(console, {**published.counts, "其中沿用上次结果": published.counts.get("文件", 0)},
                     time.perf_counter() - STARTED)
    unread = [UnreadFile(*item) for item in published.unread]
    print_unread_notice(console, SimpleNamespace(unread=unread, exit_code=published.exit_code))
    return published.exit_code


def _prepared(inbox: Path, out: Path, quotas: Path | None, registry: Path | None, campaign: Path | None,
              corrections: Path | None, state: Path | None, workers: int | None) -> tuple[Options, Prepared]:
    from pipeline.run import Options, prepare

    options = Options(inbox, out, quotas, registry, campaign, corrections, state, workers)
    return options, prepare(options)


class _locked:
    """OUT locked for the block (or LockHeld); `--wait` waits for the other run instead."""

    def __init__(self, out: Path, wait: bool, quiet: bool) -> None:
        self.lock, self.wait, self.quiet = OutputLock(out), wait, quiet

    def __enter__(self) -> OutputLock:
        self.lock.acquire(wait=self.wait, waiting=lambda holder: _say(
            f"输出文件夹正被另一次运行使用：{holder}；等待其结束……", self.quiet))
        return self.lock

    def __exit__(self, *_: object) -> None:
        self.lock.release()


def _guarded(action) -> int:
    """Run a command; every way it can end becomes a Chinese message and an exit code. (The run's
    own exception types are looked up only when something is raised: a run with nothing to do never
    imports the heavy modules that define them.)"""
    try:
        return action()
    except StartError as error:
        console.print(f"[red]无法开始：{escape(str(error))}[/red]")
        return EXIT_CANNOT_START
    except LockHeld as error:
        console.print(f"[red]无法开始：输出文件夹正被另一次运行使用：{escape(str(error))}。请等它结束后再运行，"
                      "或加 --wait 等待。[/red]")
        return EXIT_CANNOT_START
    except _loaded("pipeline.outputs", "PublishError") as error:
        console.print(f"[red]输出未能写出：{escape(str(error))}[/red]")
        return EXIT_NOT_WRITTEN
    except _loaded("pipeline.run", "RunInterrupted") as interrupted:
        console.print(f"\n[yellow]已中断。已读取的 {interrupted.kept} 个文件（共 {interrupted.total} 个）的结果"
                      "已保存在缓存中，下次运行只读取其余文件；输出文件夹保持上一次的结果，没有改动。[/yellow]")
        return EXIT_INTERRUPTED
    except KeyboardInterrupt:
        console.print("\n[yellow]已中断。输出文件夹保持上一次的结果，没有改动。[/yellow]")
        return EXIT_INTERRUPTED
    except Exception as error:
        log = _write_crash_log()
        console.print(f"[red]程序内部错误（{escape(type(error).__name__)}：{escape(str(error)[:300])}）。"
                      f"输出文件夹保持上一次的结果。详细信息已写入 {escape(str(log))}，请联系维护人员。[/red]")
        return EXIT_NOT_WRITTEN


class _NeverRaised(Exception):
    """Stands for an exception type whose module was never imported (so nothing raised it)."""


def _loaded(module: str, name: str) -> type[BaseException]:
    found = sys.modules.get(module)
    return getattr(found, name) if found is not None else _NeverRaised


def _write_crash_log() -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = Path(tempfile.gettempdir()) / f"nomination-pipeline-error-{stamp}.log"
    try:
        path.write_text(traceback.format_exc(), encoding="utf-8", errors="backslashreplace")
    except OSError:
        return Path("（无法写入日志）")
    return path


def _terminate_like_interrupt() -> None:
    """SIGTERM (a service stop, `kill`) ends a run the way Ctrl-C does."""
    signal.signal(signal.SIGTERM, signal.default_int_handler)


def _say(text: str, quiet: bool) -> None:
    if not quiet:
        console.print(text, markup=False)


# --- the command line itself ---------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """Parse and run; command-line mistakes get one Chinese sentence and exit 2, never a traceback."""
    try:
        result = app(args=argv, prog_name="python -m pipeline", standalone_mode=False)
    except typer.Exit as done:
        return done.exit_code
    except click_exceptions.NoArgsIsHelpError as shown:
        console.print(shown.ctx.get_help() if shown.ctx else HELP)
        return EXIT_CANNOT_START
    except click_exceptions.UsageError as error:
        console.print(f"[red]命令行参数有误：{escape(usage_message(error))}[/red]\n"
                      "查看用法：python -m pipeline --help，或 python -m pipeline run --help")
        return EXIT_CANNOT_START
    except (typer.Abort, KeyboardInterrupt):
        console.print("\n[yellow]已中断。[/yellow]")
        return EXIT_INTERRUPTED
    return result if isinstance(result, int) else EXIT_OK


def usage_message(error: Exception) -> str:
    """One Chinese sentence for a command-line mistake click reported in English."""
    param = getattr(error, "param", None)
    if isinstance(error, click_exceptions.MissingParameter) and param is not None:
        kind = "参数" if param.param_type_name == "argument" else "选项"
        name = param.opts[0] if kind == "选项" else (param.name or "").upper()
        what = getattr(param, "help", None)
        return f"缺少{kind} {name}" + (f"（{what}）" if what else "")
    if isinstance(error, click_exceptions.NoSuchOption):
        near = f"，是否是指 {'、'.join(error.possibilities)}？" if error.possibilities else ""
        return f"没有选项 {error.option_name}{near}"
    if isinstance(error, click_exceptions.BadParameter):
        name = param.opts[0] if param is not None and param.opts else "参数"
        return f"{name} 的值无效（{_english_detail(error.message)}）"
    message = error.format_message()
    if message.startswith("No such command"):
        name = message.split("'")[1] if "'" in message else message
        return f"没有这个命令：{name}（可用命令：run、watch、explain、init）"
    if message.startswith("Got unexpected extra argument"):
        return f"多余的参数：{message.split('(', 1)[-1].rstrip(')')}"
    if "requires an argument" in message:
        name = message.split("'")[1] if "'" in message else ""
        return f"选项 {name} 后面需要一个值"
    return message


def _english_detail(message: str) -> str:
    if "integer" in message:
        return "应为整数"
    if "number" in message or "float" in message:
        return "应为数字"
    return message


if __name__ == "__main__":
    sys.exit(main())
