"""Precision and recall of the prose readers on the hand-written set in ``tests/prose_eval``.

    python -m extractors.prose.evaluate [EVAL_DIR]

Both the development files (``facts.yaml``, ``honours.yaml``) and the held-out files written
after the rules were frozen (``*_holdout.yaml``) are scored, together and one by one.

Facts: a predicted (field, value) pair of an item is right when the item expects exactly that
value for that field. Honours: a predicted (kind, level, year) triple is right when the item
lists it. Qualification and skills are scored as yes/no answers (precision/recall of "yes").
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from extractors.prose.honours import has_qualifying_skill, leader_qualifies, parse_honours
from extractors.prose.narrative import FACT_FIELDS, narrative_facts

__all__ = ["DEFAULT_DIR", "Score", "Scores", "evaluate_facts", "evaluate_honours", "evaluate_skills", "main"]

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "tests" / "prose_eval"
FACT_FILES = ("facts.yaml", "facts_holdout.yaml")
HONOUR_FILES = ("honours.yaml", "honours_holdout.yaml")
OVERALL = "overall"


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class Scores:
    by_type: dict[str, Score] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    items: int = 0

    def add(self, kind: str, expected: Counter, predicted: Counter) -> None:
        for name in (kind, OVERALL):
            score = self.by_type.setdefault(name, Score())
            score.tp += sum((expected & predicted).values())
            score.fp += sum((predicted - expected).values())
            score.fn += sum((expected - predicted).values())

    @property
    def overall(self) -> Score:
        return self.by_type.get(OVERALL, Score())


def _load(paths: Path | Sequence[Path]) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for path in [paths] if isinstance(paths, Path) else paths:
        if path.exists():
            items.extend(yaml.safe_load(path.read_text(encoding="utf-8")) or [])
    return items


def _fact_pairs(facts: Iterable[tuple[str, Any]]) -> Counter:
    return Counter((name, str(float(value)) if isinstance(value, int | float) else str(value)) for name, value in facts)


def evaluate_facts(path: Path | Sequence[Path] = tuple(DEFAULT_DIR / name for name in FACT_FILES)) -> Scores:
    scores = Scores()
    for item in _load(path):
        scores.items += 1
        expected = _fact_pairs((item.get("expected") or {}).items())
        # The sets annotate the five facts a material is compared on; achievement-only counts are
        # tested in tests/test_prose.py.
        predicted = _fact_pairs((fact.field, fact.value) for fact in narrative_facts(item["sentence"])
                                if fact.field in FACT_FIELDS)
        for name in {name for name, _value in expected | predicted}:
            scores.add(name, _only(expected, name), _only(predicted, name))
        if expected != predicted:
            scores.errors.append(f"{item['sentence']}\n    expected {dict(expected)}\n    got      {dict(predicted)}")
    return scores


def _only(counter: Counter, name: str) -> Counter:
    return Counter({key: count for key, count in counter.items() if key[0] == name})


def _triples(honours: Iterable[Any]) -> Counter:
    return Counter(_triple(h) for h in honours)


def _triple(honour: Any) -> tuple[str, str, int | None]:
    if isinstance(honour, dict):
        return (honour["kind"], honour["level"], honour.get("year"))
    return (honour.kind, honour.level, honour.year)


def evaluate_honours(
    path: Path | Sequence[Path] = tuple(DEFAULT_DIR / name for name in HONOUR_FILES),
) -> tuple[Scores, Score]:
    """Honour triples by kind and overall, and the qualification answers."""
    scores, qualification = Scores(), Score()
    for item in _load(path):
        scores.items += 1
        honours = parse_honours(item["text"])
        expected, predicted = _triples(item.get("honours") or []), _triples(honours)
        for kind in {triple[0] for triple in expected | predicted}:
            scores.add(kind, _by_kind(expected, kind), _by_kind(predicted, kind))
        qualifies = leader_qualifies(honours)
        _count_answer(qualification, bool(item["qualifies"]), qualifies)
        if expected != predicted or qualifies != bool(item["qualifies"]):
            scores.errors.append(
                f"{item['text']}\n    expected {sorted(expected, key=str)} {item['qualifies']}"
                f"\n    got      {sorted(predicted, key=str)} {qualifies}"
            )
    return scores, qualification


def _by_kind(counter: Counter, kind: str) -> Counter:
    return Counter({key: count for key, count in counter.items() if key[0] == kind})


def _count_answer(score: Score, expected: bool, predicted: bool) -> None:
    score.tp += expected and predicted
    score.fp += predicted and not expected
    score.fn += expected and not predicted


def evaluate_skills(path: Path = DEFAULT_DIR / "skills.yaml") -> tuple[Score, list[str]]:
    score, errors = Score(), []
    for item in _load(path):
        predicted = has_qualifying_skill(item["texts"])
        _count_answer(score, bool(item["qualifies"]), predicted)
        if predicted != bool(item["qualifies"]):
            errors.append(f"{item['texts']}: expected {item['qualifies']}, got {predicted}")
    return score, errors


def _table(title: str, scores: dict[str, Score]) -> str:
    lines = [title, f"  {'type':<22}{'precision':>10}{'recall':>8}{'tp':>5}{'fp':>4}{'fn':>4}"]
    names = sorted(name for name in scores if name != OVERALL) + [name for name in scores if name == OVERALL]
    for name in names:
        s = scores[name]
        lines.append(f"  {name:<22}{s.precision:>10.3f}{s.recall:>8.3f}{s.tp:>5}{s.fp:>4}{s.fn:>4}")
    return "\n".join(lines)


def _per_file(folder: Path) -> dict[str, Score]:
    rows = {name: evaluate_facts(folder / name).overall for name in FACT_FILES}
    rows.update({name: evaluate_honours(folder / name)[0].overall for name in HONOUR_FILES})
    return rows


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else DEFAULT_DIR
    facts = evaluate_facts([folder / name for name in FACT_FILES])
    honours, qualification = evaluate_honours([folder / name for name in HONOUR_FILES])
    skills, skill_errors = evaluate_skills(folder / "skills.yaml")
    print(_table(f"Facts ({facts.items} items)", facts.by_type))
    print(_table(f"\nHonours ({honours.items} strings; kind, level, year)", honours.by_type))
    print(_table("\nYes/no answers", {"leader_qualifies": qualification, "has_qualifying_skill": skills}))
    print(_table("\nOverall per file", _per_file(folder)))
    for error in [*facts.errors, *honours.errors, *skill_errors]:
        print(f"\nMISS {error}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
