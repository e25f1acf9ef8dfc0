"""Compare a pipeline run with a generated inbox's truth, field by field.

`python -m samples.evaluate ROOT [--out OUT]` runs the pipeline on ROOT/inbox (unless OUT already
holds a run; with ROOT/campaign.yaml when the generator wrote one) and prints nominee recall, field
accuracy, file classification accuracy and the first mismatches.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

KEYS = {"studios": ("recommending_unit", "studio_name"), "training_bases": ("recommending_unit", "enterprise_name")}
IGNORED = {"record_id", "source_files"}


@dataclass
class Evaluation:
    nominees_expected: int = 0
    nominees_found: int = 0
    nominees_extra: int = 0
    fields_compared: int = 0
    fields_equal: int = 0
    files_expected: int = 0
    files_listed: int = 0
    doc_types_equal: int = 0
    units_equal: int = 0
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    mismatches: list[str] = field(default_factory=list)
    per_field_errors: Counter = field(default_factory=Counter)
    planted_expected: int = 0
    planted_missed: list[str] = field(default_factory=list)
    unexpected_issues: list[str] = field(default_factory=list)
    false_errors: list[str] = field(default_factory=list)      # unexpected issues of severity error
    missing_material_flagged: int = 0
    missing_material_true: int = 0

    @property
    def missing_material_precision(self) -> float:
        flagged = self.missing_material_flagged
        return self.missing_material_true / flagged if flagged else 1.0

    @property
    def field_accuracy(self) -> float:
        return self.fields_equal / self.fields_compared if self.fields_compared else 1.0

    def summary(self) -> str:
        lines = [
            f"nominees: {self.nominees_found}/{self.nominees_expected} found, {self.nominees_extra} extra",
            f"fields:   {self.fields_equal}/{self.fields_compared} equal ({self.field_accuracy:.2%})",
            f"files:    {self.files_listed}/{self.files_expected} listed, doc_type right {self.doc_types_equal}, "
            f"unit right {self.units_equal}",
        ]
        if self.per_field_errors:
            lines.append("errors by field: " + ", ".join(f"{k}={v}" for k, v in self.per_field_errors.most_common()))
        if self.planted_expected:
            lines.append(f"planted:  {self.planted_expected - len(self.planted_missed)}/{self.planted_expected} found, "
                         f"{len(self.unexpected_issues)} issues on clean nominees, "
                         f"{len(self.false_errors)} of them errors")
            lines.append(f"MISSING_MATERIAL: {self.missing_material_true}/{self.missing_material_flagged} true "
                         f"(precision {self.missing_material_precision:.2f})")
        lines += [f"planted missed: {m}" for m in self.planted_missed[:30]]
        lines += [f"unexpected issue: {m}" for m in self.unexpected_issues[:30]]
        lines += [f"missing: {m}" for m in self.missing[:20]]
        lines += [f"extra: {m}" for m in self.extra[:20]]
        lines += [f"mismatch: {m}" for m in self.mismatches[:40]]
        return "\n".join(lines)


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def same(expected: str, actual: str) -> bool:
    if expected == actual:
        return True
    try:
        return abs(float(expected) - float(actual)) < 1e-6
    except ValueError:
        return False


def evaluate(truth_dir: Path, out: Path) -> Evaluation:
    result = Evaluation()
    for name, key in KEYS.items():
        truth = _read(truth_dir / f"{name}.csv")
        actual = _read(out / "data" / f"{name}.csv")
        found = {tuple(row[k] for k in key): row for row in actual.to_dict("records")}
        expected_keys = set()
        for row in truth.to_dict("records"):
            row_key = tuple(row[k] for k in key)
            expected_keys.add(row_key)
            result.nominees_expected += 1
            got = found.get(row_key)
            if got is None:
                result.missing.append("/".join(row_key))
                continue
            result.nominees_found += 1
            for column, value in row.items():
                if column in IGNORED or column not in got:
                    continue
                result.fields_compared += 1
                if same(value, got[column]):
                    result.fields_equal += 1
                else:
                    result.per_field_errors[column] += 1
                    result.mismatches.append(f"{'/'.join(row_key)} {column}: expected {value!r}, got {got[column]!r}")
        extra = [k for k in found if k not in expected_keys]
        result.nominees_extra += len(extra)
        result.extra += ["/".join(k) for k in extra]
    _compare_files(truth_dir, out, result)
    if (truth_dir / "planted.csv").exists():
        _compare_planted(truth_dir, out, result)
    return result


# Issues that follow from the same fact as a planted problem, not false alarms.
CONSEQUENCES = {
    "MISSING_FORM": {"MISSING_FIELD", "NOT_RECOGNISED"},
    "NOT_IN_SUMMARY": set(),
}
FILE_LEVEL = {"DUPLICATE_FILE", "UNKNOWN_DOCUMENT", "UNREADABLE_FILE", "ENCRYPTED_FILE"}


def _compare_planted(truth_dir: Path, out: Path, result: Evaluation) -> None:
    """Every planted problem found with its code and nominee (or unit); no issue elsewhere."""
    planted = _read(truth_dir / "planted.csv").to_dict("records")
    issues = _read(out / "data" / "issues.csv").to_dict("records")
    found = {(i["code"], i["recommending_unit"], i["entity"]) for i in issues}
    found_codes = {(i["code"], i["recommending_unit"]) for i in issues}
    for row in planted:
        result.planted_expected += 1
        if row["code"] in FILE_LEVEL and not row["entity"]:
            hit = any(i["code"] == row["code"] for i in issues)
        elif row["entity"]:
            hit = (row["code"], row["recommending_unit"], row["entity"]) in found
        else:
            hit = (row["code"], row["recommending_unit"]) in found_codes
        if not hit:
            result.planted_missed.append(f"{row['code']} {row['recommending_unit']} {row['entity']}")
    expected = {(r["code"], r["recommending_unit"], r["entity"]) for r in planted}
    by_entity = {(r["recommending_unit"], r["entity"]): r["code"] for r in planted if r["entity"]}
    notes = [(r["code"], r["note"], r["entity"]) for r in planted]
    for issue in issues:
        key = (issue["code"], issue["recommending_unit"], issue["entity"])
        if key in expected or (not issue["entity"] and (issue["code"], issue["recommending_unit"]) in {
                (c, u) for c, u, _ in expected}):
            continue
        if issue["code"] in CONSEQUENCES.get(by_entity.get((issue["recommending_unit"], issue["entity"]), ""), ()):
            continue
        if any(code == issue["code"] and (issue["entity"] in note or issue["entity"] == entity)
               for code, note, entity in notes if issue["entity"]):
            continue  # the other side of a planted duplicate
        if issue["code"] in FILE_LEVEL and any(c == issue["code"] for c, _, _ in expected):
            continue
        text = f"{issue['code']} {issue['recommending_unit']} {issue['entity']}: {issue['message']}"
        result.unexpected_issues.append(text)
        if issue["severity"] == "error":
            result.false_errors.append(text)
    flagged = [i for i in issues if i["code"] == "MISSING_MATERIAL"]
    result.missing_material_flagged = len(flagged)
    result.missing_material_true = sum(1 for i in flagged
                                       if (i["code"], i["recommending_unit"], i["entity"]) in expected)


def _compare_files(truth_dir: Path, out: Path, result: Evaluation) -> None:
    truth = _read(truth_dir / "files.csv")
    actual = {row["file"]: row for row in _read(out / "data" / "files.csv").to_dict("records")}
    for row in truth.to_dict("records"):
        result.files_expected += 1
        got = actual.get(row["file"])
        if got is None:
            result.mismatches.append(f"file not listed: {row['file']}")
            continue
        result.files_listed += 1
        if got["doc_type"] == row["doc_type"]:
            result.doc_types_equal += 1
        else:
            result.mismatches.append(f"{row['file']} doc_type: expected {row['doc_type']}, got {got['doc_type']}")
        if not row.get("recommending_unit") or got["recommending_unit"] == row["recommending_unit"]:
            result.units_equal += 1
        else:
            result.mismatches.append(
                f"{row['file']} unit: expected {row['recommending_unit']}, got {got['recommending_unit']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("root", type=Path, help="a folder written by samples.generate")
    parser.add_argument("--out", type=Path, help="an existing output folder (default: run into ROOT/out)")
    args = parser.parse_args(argv)
    out = args.out
    if out is None:
        from pipeline.outputs import write_outputs
        from pipeline.run import Options, run

        out = args.root / "out"
        campaign = args.root / "campaign.yaml"   # written for a season other than 2021
        options = Options(args.root / "inbox", out, quotas=args.root / "quotas.xlsx",
                          registry=args.root / "registry.xlsx", campaign=campaign if campaign.exists() else None)
        write_outputs(run(options), out)
    print(evaluate(args.root / "truth", out).summary())
    return 0


if __name__ == "__main__":
    sys.exit(main())
