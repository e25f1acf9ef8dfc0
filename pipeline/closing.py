"""What a run tells the user when it ends: the exit codes, the closing table, the unread-files
notice and the season warning (shared by `run` and `watch`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape

if TYPE_CHECKING:
    from pipeline.run import RunOutcome

EXIT_OK, EXIT_UNREAD, EXIT_CANNOT_START, EXIT_NOT_WRITTEN, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


def print_season_warning(console: Console, result) -> None:
    """The season guard's warning (pipeline.season_guard) before anything else, even with --quiet."""
    from pipeline.results import SEASON_GUARD_KEY

    warning = result.run_info.get(SEASON_GUARD_KEY)
    if warning:
        console.print(f"[bold red]注意：材料与活动配置的年度不符。{escape(warning)}[/bold red]")


def print_counts(console: Console, counts: dict[str, int], seconds: float) -> None:
    from rich.table import Table

    table = Table(title=f"处理完成（{seconds:.1f} 秒）")
    table.add_column("项目")
    table.add_column("数量", justify="right")
    for label, count in counts.items():
        table.add_row(label, str(count))
    console.print(table)


def print_summary(console: Console, outcome: RunOutcome, out: Path) -> None:
    result = outcome.result
    print_counts(console, outcome.counts(), outcome.seconds)
    changes = change_summary(result.changes)
    if changes:
        console.print(f"与上次运行相比：{changes}", markup=False)
    for key, value in result.run_info.items():
        if key.startswith("提示"):
            console.print(f"[yellow]提示：{escape(value)}[/yellow]")
    console.print(f"输出：{out}/master_list.xlsx、discrepancy_report.html、discrepancies.xlsx、data/*.csv、"
                  f"feedback/*.docx；审核更正表模板：{out}/审核更正表（模板）.xlsx", markup=False)


CHANGE_LABELS = {"new_file": "新文件", "changed_file": "改动的文件", "removed_file": "移除的文件",
                 "superseded_file": "被取代的文件", "new_nominee": "新增推荐对象", "removed_nominee": "移除的推荐对象",
                 "new_issue": "新问题", "resolved_issue": "已解决的问题"}


def change_summary(changes) -> str:
    if changes is None or changes.empty:
        return ""
    counts = changes["kind"].value_counts()
    return "，".join(f"{label} {int(counts[kind])}" for kind, label in CHANGE_LABELS.items() if kind in counts)


def print_unread_notice(console: Console, outcome: RunOutcome) -> None:
    """The files that were not (fully) read, each with its unit: always shown, even with --quiet."""
    if not outcome.unread:
        return
    units = sorted({f.unit or "未确定推荐单位" for f in outcome.unread})
    console.print(f"[bold red]注意：有 {len(outcome.unread)} 个文件未能完整读取，以下单位的结果可能不完整："
                  f"{escape('、'.join(units))}[/bold red]")
    for item in outcome.unread:
        status = "部分读取" if item.status == "partial" else "未读取"
        unit = escape(item.unit or "未确定推荐单位")
        console.print(f"  [{unit}] {escape(item.path)}（{status}）：{escape(item.reason)}", highlight=False)
    if outcome.exit_code:
        console.print("[red]其中有文件因超时、程序异常或无法访问而未能处理（退出码 1）；请查看上面的原因，"
                      "处理后重新运行（已读取的文件不会重新读取）。[/red]")
