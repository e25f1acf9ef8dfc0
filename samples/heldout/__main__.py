"""`python -m samples.heldout ROOT --seed N`: write a held-out inbox with its truth."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from .build import generate_heldout


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m samples.heldout",
                                     description="Write a held-out inbox (unseen layouts) with exact truth.")
    parser.add_argument("root", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--units", type=int, default=12)
    parser.add_argument("--studios", type=int, nargs=2, default=(2, 5), metavar=("MIN", "MAX"))
    parser.add_argument("--bases", type=int, nargs=2, default=(0, 2), metavar=("MIN", "MAX"))
    args = parser.parse_args(argv)
    generate_heldout(args.root, seed=args.seed, units=args.units, studios=tuple(args.studios),
                     bases=tuple(args.bases))
    files = sum(1 for p in (args.root / "inbox").rglob("*") if p.is_file())
    print(f"wrote {files} files to {args.root / 'inbox'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
