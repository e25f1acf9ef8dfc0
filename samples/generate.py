"""Seeded generator of filled inboxes together with their exact truth.

    python -m samples.generate ROOT --seed 1 [--units N] [--no-drift] [--no-problems]

writes ROOT/inbox/… (the submissions), ROOT/truth/{studios,training_bases,files,planted}.csv,
ROOT/quotas.xlsx (附件1) and ROOT/registry.xlsx (already-named studios).

    python -m samples.generate ROOT --season 2022

writes a later season's inbox (`samples.season`) and also ROOT/campaign.yaml, that season's
campaign file (run with `--campaign ROOT/campaign.yaml --quotas ROOT/quotas.xlsx`).

The committed sample in samples/ is `generate_inbox(SAMPLES_DIR, **SAMPLE_SETTINGS)`:

    python -m samples.generate samples --seed 1 --units 4 --studios 2 3 --bases 1 1
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
from collections.abc import Sequence
from pathlib import Path

from . import data
from .drift import Drift
from .problems import Inbox, Planted, derived_problems, draw_unique_studio, plant_all
from .records import OrganisationBook, Studio, TrainingBase, base_truth_row, make_training_base, studio_truth_row
from .season import SEASON_2021, SEASONS, Season, campaign_text, season_units, use_season, year
from .templates import quota_workbook, registry_workbook
from .writer import UnitWriter, WrittenFile, save_deterministic

SAMPLES_DIR = Path(__file__).resolve().parent
SAMPLE_SETTINGS: dict[str, object] = {"seed": 1, "units": 4, "studios_per_unit": (2, 3), "bases_per_unit": (1, 1)}
PLANTED_COLUMNS = ["code", "recommending_unit", "category", "entity", "field", "note"]
FILE_TRUTH_COLUMNS = ["file", "doc_type", "recommending_unit"]


def select_units(all_units: Sequence[data.Unit], count: int | None) -> list[data.Unit]:
    """The first `count` units, always including at least one industry and one direct unit."""
    if count is None or count >= len(all_units):
        return list(all_units)
    chosen = list(all_units[: max(count, 2)])
    for kind in ("industry", "direct"):
        if not any(u.kind == kind for u in chosen):
            replacement = next(u for u in all_units if u.kind == kind)
            last_regional = max(i for i, u in enumerate(chosen) if u.kind in ("city", "demo_zone"))
            chosen[last_regional] = replacement
    order = {u.name: i for i, u in enumerate(all_units)}
    return sorted(chosen, key=lambda u: order[u.name])


def category_counts(rng: random.Random, unit: data.Unit, total: int) -> dict[str, int]:
    """Split a unit's studios into categories, within quota."""
    labor = min(unit.labor_model_studio, 1 if rng.random() < 0.85 else 0, total)
    if unit.labor_model_studio > 1 and rng.random() < 0.3:
        labor = min(2, total)
    workers = min(total - labor, unit.worker_studio)
    tech = min(workers, max(1, round(workers * rng.uniform(0.5, 0.8))))
    return {"labor_model_studio": labor, "worker_studio_tech": tech, "worker_studio_other": workers - tech}


def draw_unique_base(inbox: Inbox, rng: random.Random, unit: data.Unit, taken: set[str]) -> TrainingBase:
    for _ in range(100):
        base = make_training_base(rng, unit, inbox.book)
        if base.enterprise_name not in taken:
            taken.add(base.enterprise_name)
            return base
    raise RuntimeError("could not draw a unique training base")


def choose_folders(rng: random.Random, drift: Drift, units: Sequence[data.Unit]) -> dict[str, str | None]:
    """Most units get a folder (named officially or in short form); some send files flat."""
    use_folder = [rng.random() < 0.65 for _ in units]
    if len(units) >= 2:  # always both layouts: the first unit in a folder, the second flat if none is
        use_folder[0] = True
        if all(use_folder):
            use_folder[1] = False
    return {
        unit.name: drift.pick([unit.name, data.unit_short_name(unit.name)], unit.name) if folder else None
        for unit, folder in zip(units, use_folder, strict=True)
    }


def plan_inbox(rng: random.Random, drift: Drift, units: list[data.Unit], studios_per_unit: tuple[int, int],
               bases_per_unit: tuple[int, int]) -> Inbox:
    inbox = Inbox(units=units, studios={}, bases={}, book=OrganisationBook(), used_names=set(),
                  used_leaders=set(), folders=choose_folders(rng, drift, units))
    enterprises: set[str] = set()
    for unit in units:
        total = rng.randint(*studios_per_unit)
        if unit.kind == "direct":
            total = max(total, 2)
        counts = category_counts(rng, unit, total)
        inbox.studios[unit.name] = [draw_unique_studio(inbox, rng, unit, category)
                                    for category, count in counts.items() for _ in range(count)]
        bases = min(unit.training_base, rng.randint(*bases_per_unit))
        inbox.bases[unit.name] = [draw_unique_base(inbox, rng, unit, enterprises) for _ in range(bases)]
    return inbox


def add_registry_background(inbox: Inbox, rng: random.Random) -> None:
    """A few already-named studios unrelated to this year's nominees."""
    for _ in range(6):
        unit = rng.choice(inbox.units)
        category = rng.choice(["labor_model_studio", "worker_studio_tech"])
        studio = draw_unique_studio(inbox, rng, unit, category)
        kind = "劳模创新工作室" if category == "labor_model_studio" else "职工创新工作室"
        inbox.registry.append((rng.randint(year(2016), year(2020)), kind, studio.studio_name, studio.organization,
                               studio.leader_name))
    inbox.registry.sort()


# --- writing ---------------------------------------------------------------------------------------


def write_csv(path: Path, columns: Sequence[str], rows: Sequence[dict[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns))
        writer.writeheader()
        writer.writerows(rows)


def write_truth(truth_dir: Path, inbox: Inbox, files: list[WrittenFile]) -> None:
    studios: list[Studio] = inbox.all_studios()
    studio_rows = [studio_truth_row(s) for s in studios]
    write_csv(truth_dir / "studios.csv", list(studio_rows[0]) if studio_rows else [], studio_rows)
    base_rows = [base_truth_row(b) for b in inbox.all_bases()]
    write_csv(truth_dir / "training_bases.csv", list(base_rows[0]) if base_rows else [], base_rows)
    write_csv(truth_dir / "files.csv", FILE_TRUTH_COLUMNS,
              [{"file": f.file, "doc_type": f.doc_type, "recommending_unit": f.recommending_unit} for f in files])
    planted: list[Planted] = [*inbox.planted, *derived_problems(inbox)]
    write_csv(truth_dir / "planted.csv", PLANTED_COLUMNS, [p.__dict__ for p in planted])


def generate_inbox(root: Path, *, seed: int = 1, units: int | None = None,
                   studios_per_unit: tuple[int, int] = (2, 5), bases_per_unit: tuple[int, int] = (1, 2),
                   drift: bool = True, problems: bool = True, season: Season = SEASON_2021) -> None:
    """Write root/inbox, root/truth, root/quotas.xlsx and root/registry.xlsx for one seed (and
    root/campaign.yaml for a season other than 2021)."""
    with use_season(season):
        _generate(root, seed, units, studios_per_unit, bases_per_unit, drift, problems)
        if season != SEASON_2021:
            (root / "campaign.yaml").write_text(campaign_text(season), encoding="utf-8")


def _generate(root: Path, seed: int, units: int | None, studios_per_unit: tuple[int, int],
              bases_per_unit: tuple[int, int], drift: bool, problems: bool) -> None:
    rng = random.Random(seed)
    drifter = Drift(rng, enabled=drift)
    all_units = season_units(data.load_units())   # the season's quotas (2021: the default table)
    inbox = plan_inbox(rng, drifter, select_units(all_units, units), studios_per_unit, bases_per_unit)
    if problems:
        plant_all(inbox, rng)
    add_registry_background(inbox, rng)
    for directory in ("inbox", "truth"):
        shutil.rmtree(root / directory, ignore_errors=True)
    inbox_dir = root / "inbox"
    inbox_dir.mkdir(parents=True)
    files: list[WrittenFile] = []
    for unit in inbox.units:
        files.extend(UnitWriter(inbox_dir, inbox, unit, drifter).write_all())
    write_truth(root / "truth", inbox, files)
    save_deterministic(quota_workbook(all_units), root / "quotas.xlsx")
    save_deterministic(registry_workbook(inbox.registry), root / "registry.xlsx")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m samples.generate", description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--units", type=int, default=None)
    parser.add_argument("--studios", type=int, nargs=2, default=(2, 5), metavar=("MIN", "MAX"))
    parser.add_argument("--bases", type=int, nargs=2, default=(1, 2), metavar=("MIN", "MAX"))
    parser.add_argument("--no-drift", dest="drift", action="store_false")
    parser.add_argument("--no-problems", dest="problems", action="store_false")
    parser.add_argument("--season", type=int, default=SEASON_2021.year, choices=sorted(SEASONS),
                        help="the campaign year the inbox belongs to (default 2021)")
    args = parser.parse_args(argv)
    generate_inbox(args.root, seed=args.seed, units=args.units, studios_per_unit=tuple(args.studios),
                   bases_per_unit=tuple(args.bases), drift=args.drift, problems=args.problems,
                   season=SEASONS[args.season])
    files = sum(1 for p in (args.root / "inbox").rglob("*") if p.is_file())
    print(f"wrote {files} files to {args.root / 'inbox'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
