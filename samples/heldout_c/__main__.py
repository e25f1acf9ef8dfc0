"""`python -m samples.heldout_c ROOT --seed N [--units 12]`"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from .build import generate


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m samples.heldout_c",
                                     description="Held-out inbox generator, family C, with exact truth.")
    parser.add_argument("root", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--units", type=int, default=12)
    args = parser.parse_args(argv)
    written = generate(args.root, seed=args.seed, units=args.units)
    print(f"wrote {len(written)} files to {args.root / 'inbox'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
