"""Cold and warm runs of the whole command on a generated inbox, timed as a user would see them.

`python -m samples.benchmark ROOT [--units 26] [--studios 4 8] [--formats 0.3] [--seed 1]`
generates an inbox under ROOT (unless ROOT/inbox exists), runs `python -m pipeline run` once on
a fresh output folder (cold) and again on the same folder (warm), and prints wall times, the
warm/cold ratio and the peak memory of each run."""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path


def timed_run(root: Path, out: Path) -> tuple[float, int]:
    command = [sys.executable, "-m", "pipeline", "run", str(root / "inbox"), "--out", str(out),
               "--quotas", str(root / "quotas.xlsx"), "--registry", str(root / "registry.xlsx")]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    elapsed = time.perf_counter() - started
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return elapsed, peak


def prepare(root: Path, args: argparse.Namespace) -> None:
    if (root / "inbox").exists():
        return
    from samples.generate import generate_inbox

    generate_inbox(root, seed=args.seed, units=args.units, studios_per_unit=tuple(args.studios))
    if args.formats > 0:
        from samples.formats import convert_inbox

        convert_inbox(root, seed=args.seed, fraction=args.formats)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("root", type=Path)
    parser.add_argument("--units", type=int, default=26)
    parser.add_argument("--studios", type=int, nargs=2, default=(4, 8))
    parser.add_argument("--formats", type=float, default=0.0, help="share of files converted to other formats")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    prepare(args.root, args)
    files = sum(1 for p in (args.root / "inbox").rglob("*") if p.is_file())
    out = args.root / "bench_out"
    shutil.rmtree(out, ignore_errors=True)
    cold, cold_peak = timed_run(args.root, out)
    warm, warm_peak = timed_run(args.root, out)
    print(f"files: {files}")
    print(f"cold run: {cold:.1f} s (peak RSS of a process {cold_peak / 1024:.0f} MB)")
    print(f"warm run: {warm:.1f} s (peak RSS of a process {warm_peak / 1024:.0f} MB)")
    print(f"warm/cold: {warm / cold:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
