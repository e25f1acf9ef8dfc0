"""End to end on forms in the wild: an inbox of other provinces' and campaigns' layouts
(samples.wild) through the command, compared with its truth. Clean except planted certain
problems, so every other error would be a false accusation."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_end_to_end import CHECK_CONTRACT, run_pipeline

from samples.evaluate import evaluate
from samples.wild import generate_wild
from samples.wild.forms import BASE_FAMILIES, STUDIO_FAMILIES


def generate_heldout_a(root: Path) -> None:
    from samples.heldout.build import generate_heldout

    generate_heldout(root, seed=5, units=10)


def generate_heldout_b(root: Path) -> None:
    from samples.heldout_b.world import generate

    generate(root, seed=5, units=10)


def generate_heldout_c(root: Path) -> None:
    from samples.heldout_c.build import generate

    generate(root, seed=5, units=10)


def generate_heldout_d(root: Path) -> None:
    from samples.heldout_d.build import generate

    generate(root, seed=5, units=10)


GENERATORS = {
    "wild": lambda root: generate_wild(root, seed=11, units=len(STUDIO_FAMILIES) * 2),
    # Held-out families, each measured once before it served for tuning (see README).
    "heldout_a": generate_heldout_a,
    "heldout_b": generate_heldout_b,
    "heldout_c": generate_heldout_c,
    "heldout_d": generate_heldout_d,
}


@pytest.fixture(scope="module", params=sorted(GENERATORS))
def wild(request, tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp(request.param)
    GENERATORS[request.param](root)
    out = root / "out"
    completed = run_pipeline(root / "inbox", out, "--quotas", str(root / "quotas.xlsx"),
                             "--registry", str(root / "registry.xlsx"))
    assert completed.returncode == 0, completed.stderr
    return root, out


def test_every_layout_family_is_in_the_inbox():
    assert len(STUDIO_FAMILIES) >= 4 and len(BASE_FAMILIES) >= 2


def test_every_nominee_found_and_fields_read(wild):
    root, out = wild
    result = evaluate(root / "truth", out)
    assert result.missing == [] and result.nominees_extra == 0, result.summary()
    assert result.field_accuracy >= 0.995, result.summary()
    assert result.doc_types_equal == result.files_expected, result.summary()


def test_no_false_errors_and_every_planted_problem_found(wild):
    root, out = wild
    result = evaluate(root / "truth", out)
    assert result.false_errors == [], result.summary()
    assert result.planted_missed == [], result.summary()
    assert result.missing_material_precision == 1.0, result.summary()


@pytest.mark.skipif(not CHECK_CONTRACT.exists(), reason="../shared is not on this machine")
def test_outputs_keep_the_contract(wild):
    import subprocess
    import sys

    root, out = wild
    done = subprocess.run([sys.executable, str(CHECK_CONTRACT), str(out), "--inbox", str(root / "inbox")],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
