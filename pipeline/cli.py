"""Command line: `python -m pipeline run INBOX --out OUT [...]` and `python -m pipeline explain CODE`."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from pipeline.corrections import write_template
from pipeline.issues import ISSUE_TYPES
from pipeline.outputs import write_outputs
from pipeline.run import Options, ReferenceInputError, run
from schemas.campaign import CampaignError

app = typer.Typer(add_completion=False, help="辽宁省总工会创新工作室和培训基地申报材料处理")
console = Console(stderr=True)
CORRECTIONS_TEMPLATE = "审核更正表（模板）.xlsx"


@app.command("run")
def run_command(
    inbox: Annotated[Path, typer.Argument(help="收件箱文件夹（只读）")],
    out: Annotated[Path, typer.Option("--out", help="输出文件夹")],
    quotas: Annotated[Path | None, typer.Option("--quotas", help="名额分配表（附件1）.xlsx")] = None,
    registry: Annotated[Path | None, typer.Option("--registry", help="已命名工作室名录 .xlsx")] = None,
    campaign: Annotated[Path | None, typer.Option("--campaign", help="年度活动配置 .yaml")] = None,
    corrections: Annotated[Path | None, typer.Option("--corrections", help="审核更正表 .xlsx")] = None,
    state: Annotated[Path | None, typer.Option("--state", help="运行状态数据库（默认 OUT/.state/）")] = None,
    workers: Annotated[int | None, typer.Option("--workers", help="并行进程数（默认为CPU核数）")] = None,
) -> None:
    """Read every file in INBOX and write the master list, the report and the data files to OUT."""
    if not inbox.is_dir():
        console.print(f"[red]收件箱不存在或不是文件夹：{inbox}[/red]")
        raise typer.Exit(2)
    if out.resolve() == inbox.resolve() or inbox.resolve() in out.resolve().parents:
        console.print("[red]输出文件夹不能位于收件箱内[/red]")
        raise typer.Exit(2)
    started = time.perf_counter()
    try:
        result = run(Options(inbox, out, quotas, registry, campaign, corrections, state, workers))
    except (CampaignError, ReferenceInputError) as error:
        console.print(f"[red]参数错误：{error}[/red]")
        raise typer.Exit(2) from error
    write_outputs(result, out)
    template = out / CORRECTIONS_TEMPLATE
    if not template.exists():
        write_template(template)
    _summary(result, out, time.perf_counter() - started)


def _summary(result, out: Path, seconds: float) -> None:
    table = Table(title=f"处理完成（{seconds:.1f} 秒）")
    table.add_column("项目")
    table.add_column("数量", justify="right")
    table.add_row("文件", str(len(result.files)))
    table.add_row("工作室", str(len(result.studios)))
    table.add_row("培训基地", str(len(result.training_bases)))
    severities = result.issues["severity"].value_counts() if len(result.issues) else {}
    for severity, label in (("error", "错误"), ("warning", "警告"), ("info", "提示")):
        table.add_row(f"问题：{label}", str(int(severities.get(severity, 0))))
    console.print(table)
    console.print(f"输出：{out}/master_list.xlsx, discrepancy_report.html, discrepancies.xlsx, data/*.csv, "
                  f"feedback/*.docx；审核更正表模板：{out}/{CORRECTIONS_TEMPLATE}")


@app.command("explain")
def explain(code: str) -> None:
    """Print what an issue code means."""
    issue_type = ISSUE_TYPES.get(code.upper())
    if issue_type is None:
        console.print(f"[red]未知代码：{code}[/red]")
        raise typer.Exit(2)
    print(f"{issue_type.code} ({issue_type.severity})\n{issue_type.description}\n模板：{issue_type.template}")
