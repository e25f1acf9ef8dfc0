"""The pipeline against the floor, at provincial scale, as a user runs it.

    python -m samples.benchmark ROOT [--copies 4] [--no-4x] [--no-floor]

generates (once, kept under ROOT) a full-scale inbox with a season's format mix (`bench_inbox`:
about 1,000 files counting archive members — .docx, .doc/.wps, text PDFs, .xlsx/.xls/.et, scans,
two unit folders as .zip), the same inbox `--copies` times over with other seeds, and a
.docx/.xlsx-only inbox of the same size; then runs `python -m pipeline run` on them:

- 1×: cold (fresh OUT and state), warm (nothing changed), one file changed, after a code change
  to checks and writers only, after a change to an extractor (each change made in a copy of the
  source tree, never in this one);
- 4×: cold and warm;
- the .docx/.xlsx-only inbox: cold;

measuring for each the wall and CPU seconds of the whole process tree (LibreOffice included),
files per second, the peak memory of the process tree (sum of RSS, and of PSS, which counts
shared pages once), and the run's own per-stage times (PIPELINE_TIMINGS). The floor on the same
files (`bench_floor`) is measured after the runs. Everything goes to ROOT/benchmark.json and a
table on standard output, with the load average before and after each run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[1]
PACKAGES = ("pipeline", "extractors", "schemas", "samples")
CHECKS_CHANGE = ("pipeline/checks/rules.py", "pipeline/writers/report.py")
EXTRACTOR_CHANGE = ("extractors/forms.py",)


# --- one run, measured ----------------------------------------------------------------------------------


@dataclass(slots=True)
class Measured:
    name: str
    files: int = 0
    wall: float = 0.0
    cpu: float = 0.0
    peak_rss_mb: float = 0.0
    peak_pss_mb: float = 0.0
    exit_code: int = 0
    load_before: float = 0.0
    load_after: float = 0.0
    report: dict = field(default_factory=dict)      # the run's PIPELINE_TIMINGS

    @property
    def files_per_second(self) -> float:
        return self.files / self.wall if self.wall else 0.0


def load_average() -> float:
    return float(Path("/proc/loadavg").read_text().split()[0])


class TreeMemory:
    """Samples the memory of a process and all its descendants (RSS and PSS sums) until stopped."""

    def __init__(self, root: int, interval: float = 0.1) -> None:
        self.root, self.interval = root, interval
        self.peak_rss = self.peak_pss = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _loop(self) -> None:
        while not self._stop.is_set():
            pids = tree(self.root)
            rss = sum(_field(f"/proc/{pid}/status", "VmRSS:") for pid in pids)
            pss = sum(_field(f"/proc/{pid}/smaps_rollup", "Pss:") for pid in pids)
            self.peak_rss, self.peak_pss = max(self.peak_rss, rss), max(self.peak_pss, pss)
            self._stop.wait(self.interval)


def tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(f"/proc/{entry.name}/stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def _field(path: str, name: str) -> int:
    """A `Name:  1234 kB` line of a /proc file, in kB (0 when the process is gone)."""
    try:
        with open(path, encoding="ascii", errors="replace") as handle:
            for line in handle:
                if line.startswith(name):
                    return int(line.split()[1])
    except (OSError, ValueError):
        return 0
    return 0


def run_pipeline(name: str, root: Path, inbox: Path, out: Path, *, source: Path | None = None) -> Measured:
    """`python -m pipeline run` as a user types it, with the code of `source` (a changed copy)."""
    command = [sys.executable, "-m", "pipeline", "run", str(inbox), "--out", str(out),
               "--quotas", str(root / "quotas.xlsx"), "--registry", str(root / "registry.xlsx"), "--quiet"]
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        timings = Path(handle.name)
    env = {**os.environ, "PIPELINE_TIMINGS": str(timings)}
    if source is not None:
        env["PYTHONPATH"] = str(source)
    result = Measured(name, load_before=load_average())
    # the run's messages go to a file: a pipe would fill up with a long closing notice and block it
    with tempfile.TemporaryFile() as messages:
        started = time.perf_counter()
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=messages,
                                   cwd=source or SOURCE)
        memory = TreeMemory(process.pid)
        _, status, usage = os.wait4(process.pid, 0)
        result.wall = time.perf_counter() - started
        memory.stop()
        result.exit_code = process.returncode = os.waitstatus_to_exitcode(status)
        if result.exit_code not in (0, 1):
            messages.seek(0)
            raise RuntimeError(f"{name}: exit {result.exit_code}: {messages.read().decode()[-2000:]}")
    result.cpu = usage.ru_utime + usage.ru_stime
    result.peak_rss_mb, result.peak_pss_mb = memory.peak_rss / 1024, memory.peak_pss / 1024
    result.load_after = load_average()
    if timings.stat().st_size:
        result.report = json.loads(timings.read_text(encoding="utf-8"))
    timings.unlink()
    result.files = int(result.report.get("items", 0)) or _files_listed(out)
    return result


def _files_listed(out: Path) -> int:
    """The files of the published run (a run with nothing to do reports no timings)."""
    try:
        return max(0, len((out / "data" / "files.csv").read_text(encoding="utf-8").splitlines()) - 1)
    except OSError:
        return 0


# --- the scenarios ---------------------------------------------------------------------------------------


def changed_source(files: tuple[str, ...]) -> Path:
    """A copy of the source tree with a harmless line added to each of `files` (a code change)."""
    copy = Path(tempfile.mkdtemp(prefix="bench-source-"))
    for package in PACKAGES:
        shutil.copytree(SOURCE / package, copy / package, ignore=shutil.ignore_patterns("__pycache__", "inbox"))
    for relative in files:
        with (copy / relative).open("a", encoding="utf-8") as handle:
            handle.write(f"\n# benchmark: a code change ({time.time()})\n")
    return copy


def change_one_file(inbox: Path) -> str:
    """Edit one studio form the way a unit's corrected re-send would (a value changed)."""
    import docx

    form = next(path for path in sorted(inbox.rglob("*.docx")) if "附件6" in path.name)
    document = docx.Document(str(form))
    document.add_paragraph("（已更正）")
    document.save(str(form))
    return form.relative_to(inbox).as_posix()


def scenario_1x(root: Path) -> list[Measured]:
    work = root / "work-1x"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(root / "x1" / "inbox", work / "inbox")
    out = work / "out"
    runs = [run_pipeline("1× cold", root / "x1", work / "inbox", out),
            run_pipeline("1× warm, nothing changed", root / "x1", work / "inbox", out)]
    change_one_file(work / "inbox")
    runs.append(run_pipeline("1× one file changed", root / "x1", work / "inbox", out))
    for label, files in (("1× after a checks/writers change", CHECKS_CHANGE),
                         ("1× after an extractor change", EXTRACTOR_CHANGE)):
        source = changed_source(files)
        try:
            runs.append(run_pipeline(label, root / "x1", work / "inbox", out, source=source))
        finally:
            shutil.rmtree(source, ignore_errors=True)
    return runs


def scenario_4x(root: Path) -> list[Measured]:
    out = root / "work-4x" / "out"
    shutil.rmtree(out.parent, ignore_errors=True)
    return [run_pipeline("4× cold", root / "x4", root / "x4" / "inbox", out),
            run_pipeline("4× warm, nothing changed", root / "x4", root / "x4" / "inbox", out)]


def scenario_office(root: Path) -> list[Measured]:
    out = root / "work-office" / "out"
    shutil.rmtree(out.parent, ignore_errors=True)
    return [run_pipeline(".docx/.xlsx only, cold", root / "office", root / "office" / "inbox", out)]


def prepare(root: Path, copies: int, with_4x: bool) -> dict[str, dict[str, int]]:
    from samples.bench_inbox import build_inbox, format_counts

    wanted = {"x1": {"copies": 1}, "office": {"copies": 1, "mixed": False}}
    if with_4x:
        wanted["x4"] = {"copies": copies}
    mixes = {}
    for name, settings in wanted.items():
        if not (root / name / "inbox").is_dir():
            print(f"generating {name} …", file=sys.stderr)
            build_inbox(root / name, **settings)
        mixes[name] = format_counts(root / name / "inbox")
    return mixes


# --- the table ---------------------------------------------------------------------------------------------


def table(runs: list[Measured], floor: dict[str, dict[str, float]]) -> str:
    lines = [f"{'run':<36}{'files':>6}{'read':>6}{'wall s':>9}{'CPU s':>9}{'files/s':>9}{'RSS MB':>8}"
             f"{'PSS MB':>8}{'exit':>5}{'load':>12}"]
    for run in runs:
        lines.append(f"{run.name:<36}{run.files:>6}{run.report.get('read', 0):>6}{run.wall:>9.2f}{run.cpu:>9.2f}"
                     f"{run.files_per_second:>9.1f}{run.peak_rss_mb:>8.0f}{run.peak_pss_mb:>8.0f}{run.exit_code:>5}"
                     f"{f'{run.load_before:.2f}→{run.load_after:.2f}':>12}")
    cold = next((run for run in runs if run.name == "1× cold"), None)
    if cold is not None:
        lines += ["", "per stage, 1× cold (all processes; wall = time spent in the stage, summed over processes)",
                  f"{'stage':<44}{'wall s':>9}{'CPU s':>9}{'calls':>7}"]
        stages = sorted(cold.report.get("stages", {}).items(), key=lambda kv: -kv[1][1])
        lines += [f"{name:<44}{wall:>9.2f}{cpu:>9.2f}{int(calls):>7}" for name, (wall, cpu, calls) in stages]
        lines.append(f"LibreOffice processes for batches: {cold.report.get('lo_batches')}, legacy files converted "
                     f"alone: {cold.report.get('lo_alone')}; files not processed (PROCESSING_FAILED etc.): "
                     f"{cold.report.get('unread')}")
    lines += _scaling(runs)
    if floor and cold is not None:
        wall, cpu = sum(m["wall"] for m in floor.values()), sum(m["cpu"] for m in floor.values())
        lines += ["", "floor on the same files (1× inbox; each stage in one process, one after the other)",
                  f"{'stage':<44}{'files':>7}{'wall s':>9}{'CPU s':>9}"]
        lines += [f"{name:<44}{int(m['files']):>7}{m['wall']:>9.2f}{m['cpu']:>9.2f}" for name, m in floor.items()]
        lines.append(f"{'floor total':<51}{wall:>9.2f}{cpu:>9.2f}")
        lines.append(f"pipeline/floor, 1× cold: wall {cold.wall / wall:.2f}×, CPU {cold.cpu / cpu:.2f}×")
    return "\n".join(lines)


def _scaling(runs: list[Measured]) -> list[str]:
    by_name = {run.name: run for run in runs}
    one, four = by_name.get("1× cold"), by_name.get("4× cold")
    if one is None or four is None or not one.files:
        return []
    size = four.files / one.files
    return ["", f"1× → 4× cold: {size:.2f}× the files, {four.wall / one.wall:.2f}× the wall time, "
                f"{four.cpu / one.cpu:.2f}× the CPU time, {four.peak_pss_mb / max(1.0, one.peak_pss_mb):.2f}× the "
                f"peak memory (PSS); files not processed at 4×: {four.report.get('unread')}"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m samples.benchmark", description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, help="where the inboxes are generated (once) and the runs write")
    parser.add_argument("--copies", type=int, default=4, help="size of the large inbox, in copies of the 1× one")
    parser.add_argument("--no-4x", dest="with_4x", action="store_false", help="skip the large inbox")
    parser.add_argument("--no-floor", dest="with_floor", action="store_false", help="skip the floor")
    args = parser.parse_args(argv)
    mixes = prepare(args.root, args.copies, args.with_4x)
    runs = scenario_1x(args.root) + scenario_office(args.root)
    if args.with_4x:
        runs += scenario_4x(args.root)
    floor = {}
    if args.with_floor:
        from samples.bench_floor import measure_floor

        floor = measure_floor(args.root / "x1" / "inbox")
    text = table(runs, floor)
    print(text)
    report = {"machine": {"cpus": os.cpu_count(), "load_at_end": Path("/proc/loadavg").read_text().strip()},
              "inboxes": mixes, "runs": [{**asdict(run), "files_per_second": run.files_per_second} for run in runs],
              "floor": floor, "table": text}
    (args.root / "benchmark.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
