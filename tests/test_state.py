"""Tests of pipeline.state: the SQLite state kept between runs, on real files in tmp_path."""

from __future__ import annotations

import pickle
import sqlite3
import subprocess
import sys
import textwrap
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest

from pipeline.process import FileResult
from pipeline.results import CHANGE_COLUMNS
from pipeline.state import (
    SCHEMA_VERSION,
    FileSeen,
    RunSnapshot,
    StateStore,
    diff_snapshots,
    issue_key,
    issue_keys,
    newest,
    snapshot_from_frames,
)
from schemas.columns import FILE_COLUMNS, STUDIO_COLUMNS, TRAINING_BASE_COLUMNS
from schemas.issues import ISSUE_COLUMNS, make_issue

ROOT = Path(__file__).resolve().parents[1]
SHENYANG, DALIAN = "沈阳市总工会", "大连市总工会"
V1, V2 = "extractors-1", "extractors-2"


@pytest.fixture
def state_path(tmp_path: Path) -> Path:
    return tmp_path / "out" / ".state" / "state.sqlite3"


def _files(*rows: tuple[str, str, str]) -> pd.DataFrame:
    return pd.DataFrame([{"file": f, "sha256": h, "recommending_unit": u, "status": "ok"} for f, h, u in rows],
                        columns=FILE_COLUMNS)


def _studios(*rows: tuple[str, str, str, str]) -> pd.DataFrame:
    return pd.DataFrame([{"record_id": r, "recommending_unit": u, "category": c, "studio_name": n}
                         for r, u, c, n in rows], columns=STUDIO_COLUMNS)


def _bases(*rows: tuple[str, str, str]) -> pd.DataFrame:
    return pd.DataFrame([{"record_id": r, "recommending_unit": u, "enterprise_name": n} for r, u, n in rows],
                        columns=TRAINING_BASE_COLUMNS)


def _issues(*issues) -> pd.DataFrame:
    return pd.DataFrame([i.as_row() for i in issues], columns=ISSUE_COLUMNS)


def _phone_issue(file: str, entity: str = "张三劳模创新工作室", value: str = "12345") -> object:
    return make_issue("INVALID_PHONE", recommending_unit=SHENYANG, category="labor_model_studio", entity=entity,
                      field="leader_phone", file=file, location="table 1, row 5, col 2", value=value)


# --------------------------------------------------------------------------------------------
# Extraction cache
# --------------------------------------------------------------------------------------------


def test_cache_hit_and_miss_by_hash_and_version(state_path: Path) -> None:
    payload = pickle.dumps(FileResult(file="", sha256="a" * 64, format="docx", doc_type="studio_form"))
    with StateStore(state_path) as store:
        assert store.get_extraction("a" * 64, V1) is None
        store.put_extraction("a" * 64, V1, payload)
        assert store.get_extraction("a" * 64, V1) == payload
        assert store.get_extraction("a" * 64, V2) is None
        assert store.get_extraction("b" * 64, V1) is None
    with StateStore(state_path) as store:   # survives reopening
        cached = store.get_extraction("a" * 64, V1)
        assert cached is not None and pickle.loads(cached).doc_type == "studio_form"


def test_put_of_a_new_version_purges_the_old_ones(state_path: Path) -> None:
    with StateStore(state_path) as store:
        store.put_extraction("a" * 64, V1, b"old a")
        store.put_extraction("b" * 64, V1, b"old b")
        store.put_extraction("a" * 64, V2, b"new a")
        assert store.get_extraction("a" * 64, V1) is None
        assert store.get_extraction("b" * 64, V1) is None
        assert store.get_extraction("a" * 64, V2) == b"new a"
        assert store.cached_count() == 1


def test_prune_drops_other_versions_and_contents_no_longer_seen(state_path: Path) -> None:
    with StateStore(state_path) as store:
        store.put_extraction("a" * 64, V2, b"a")
        store.put_extraction("b" * 64, V2, b"b")
        store.put_extraction("c" * 64, V2, b"c")
        assert store.prune(V2, keep_sha256={"a" * 64, "c" * 64}) == 1
        assert store.get_extraction("b" * 64, V2) is None
        assert store.prune(V1) == 2
        assert store.cached_count() == 0


# --------------------------------------------------------------------------------------------
# Runs, files and what changed
# --------------------------------------------------------------------------------------------


def _first_run() -> RunSnapshot:
    return snapshot_from_frames(
        _files(("沈阳/汇总表.xlsx", "h1", SHENYANG), ("沈阳/张三.docx", "h2", SHENYANG),
               ("大连/李四.docx", "h3", DALIAN), ("大连/旧名.docx", "h4", DALIAN)),
        _studios(("S-1", SHENYANG, "labor_model_studio", "张三劳模创新工作室"),
                 ("S-2", DALIAN, "worker_studio_tech", "李四职工创新工作室")),
        _bases(("T-1", DALIAN, "大连某培训中心")),
        _issues(_phone_issue("沈阳/张三.docx"),
                make_issue("MISSING_MATERIAL", recommending_unit=DALIAN, entity="李四职工创新工作室")),
    )


def _second_run() -> RunSnapshot:
    return snapshot_from_frames(
        _files(("沈阳/汇总表.xlsx", "h1", SHENYANG), ("沈阳/张三.docx", "h2-new", SHENYANG),
               ("大连/新名.docx", "h4", DALIAN), ("鞍山/王五.docx", "h5", "鞍山市总工会")),
        _studios(("S-1", SHENYANG, "labor_model_studio", "张三劳模创新工作室"),
                 ("S-3", "鞍山市总工会", "worker_studio_other", "王五职工创新工作室")),
        _bases(("T-1", DALIAN, "大连某培训中心")),
        _issues(_phone_issue("沈阳/张三（修改后）.docx"),   # same issue, file renamed: not new
                make_issue("MISSING_FORM", recommending_unit="鞍山市总工会", entity="王五职工创新工作室")),
    )


def test_two_runs_diff_files_nominees_and_issues(state_path: Path) -> None:
    with StateStore(state_path) as store:
        first = store.start_run(datetime(2021, 4, 1, 9), "/inbox", {"workers": 4})
        store.finish_run(first, _first_run())
        second = store.start_run(datetime(2021, 4, 2, 9), "/inbox", {"workers": 4})
        previous = store.last_snapshot()
        changes = diff_snapshots(previous, _second_run(), superseded=[("沈阳/张三-旧.docx", "沈阳/张三.docx")])
        store.finish_run(second, _second_run())
    assert list(changes.columns) == CHANGE_COLUMNS
    found = {(row["kind"], row["subject"]) for row in changes.to_dict("records")}
    assert found == {
        ("new_file", "鞍山/王五.docx"),
        ("new_file", "大连/新名.docx"),
        ("changed_file", "沈阳/张三.docx"),
        ("removed_file", "大连/李四.docx"),
        ("removed_file", "大连/旧名.docx"),
        ("superseded_file", "沈阳/张三-旧.docx"),
        ("new_nominee", "王五职工创新工作室"),
        ("removed_nominee", "李四职工创新工作室"),
        ("new_issue", "王五职工创新工作室"),
        ("resolved_issue", "李四职工创新工作室"),
    }
    by_kind = {(row["kind"], row["subject"]): row for row in changes.to_dict("records")}
    assert "大连/旧名.docx" in by_kind[("new_file", "大连/新名.docx")]["detail"]   # a rename is explained
    assert by_kind[("new_file", "鞍山/王五.docx")]["recommending_unit"] == "鞍山市总工会"
    assert by_kind[("new_nominee", "王五职工创新工作室")]["detail"].startswith("新增推荐对象")
    assert "MISSING_MATERIAL" in by_kind[("resolved_issue", "李四职工创新工作室")]["detail"]
    assert changes["kind"].tolist()[0] == "new_file"                          # ordered by kind
    assert all(isinstance(d, str) and d for d in changes["detail"])


def test_first_run_has_no_changes_but_lists_superseded_files() -> None:
    assert diff_snapshots(None, _first_run()).empty
    changes = diff_snapshots(None, _first_run(), superseded=[("a.docx", "b.docx")])
    assert changes["kind"].tolist() == ["superseded_file"]


def test_issue_key_ignores_file_location_and_message() -> None:
    one = _phone_issue("沈阳/张三.docx").as_row()
    moved = {**one, "file": "沈阳/改名.docx", "location": "Sheet1!C7", "message": "另一种说法"}
    assert issue_key(one) == issue_key(moved)
    assert issue_key(one) != issue_key({**one, "value": "54321"})
    assert issue_key(one) != issue_key({**one, "entity": "另一个工作室"})
    assert issue_key(one) == issue_key({**one, "value": float("nan")} | {"value": "12345"})


def test_equal_issues_get_distinct_stable_keys() -> None:
    rows = [make_issue("UNREADABLE_FILE", recommending_unit=SHENYANG, file=f, value="损坏").as_row()
            for f in ("b.docx", "a.docx")]
    keys = issue_keys(rows)
    assert len(set(keys)) == 2 and keys[1] == issue_key(rows[1]) and keys[0] == f"{issue_key(rows[0])}#2"
    assert issue_keys(list(reversed(rows))) == list(reversed(keys))


def test_runs_history_and_unfinished_runs(state_path: Path) -> None:
    with StateStore(state_path) as store:
        assert store.last_snapshot() is None and store.runs() == []
        first = store.start_run(datetime(2021, 4, 1, 9), "/inbox", {"quotas": Path("/q.xlsx")})
        store.finish_run(first, _first_run(), finished_at=datetime(2021, 4, 1, 9, 5))
        crashed = store.start_run(datetime(2021, 4, 2, 9), "/inbox", {})
        runs = store.runs()
        snapshot = store.last_snapshot()
    assert [r.run_id for r in runs] == [first, crashed]
    assert runs[0].finished_at == datetime(2021, 4, 1, 9, 5) and runs[1].finished_at is None
    assert runs[0].options == {"quotas": "/q.xlsx"} and runs[0].nominees == 3 and runs[0].files == 4
    assert snapshot == _first_run()          # the crashed run is not "the last run"


def test_record_files_previous_files_and_first_seen(state_path: Path) -> None:
    with StateStore(state_path) as store:
        first = store.start_run(datetime(2021, 4, 1), "/inbox", {})
        stored = store.record_files(first, [FileSeen("a.docx", "h1", 10, 1000.0), FileSeen("b.docx", "h2", 20, 1001.0)])
        assert [f.first_seen_run for f in stored] == [first, first]
        assert store.previous_files() == {}                      # nothing finished yet
        store.finish_run(first, RunSnapshot(files={"a.docx": "h1", "b.docx": "h2"}))
        second = store.start_run(datetime(2021, 4, 2), "/inbox", {})
        previous = store.previous_files()
        stored = store.record_files(second, [FileSeen("a-renamed.docx", "h1", 10, 2000.0),
                                             FileSeen("b.docx", "h2-v2", 21, 2001.0)])
        store.finish_run(second, RunSnapshot(files={"a-renamed.docx": "h1", "b.docx": "h2-v2"}))
        latest = store.previous_files()
    assert previous["b.docx"] == FileSeen("b.docx", "h2", 20, 1001.0, first)
    assert stored[0].first_seen_run == first     # same content, new name: first seen in run 1
    assert stored[1].first_seen_run == second    # new content under an old name
    assert set(latest) == {"a-renamed.docx", "b.docx"}
    assert newest([latest["a-renamed.docx"], latest["b.docx"]]).path == "b.docx"
    assert newest([FileSeen("x", "1", 1, 5.0, 2), FileSeen("y", "2", 1, 9.0, 2)]).path == "y"


# --------------------------------------------------------------------------------------------
# Robustness
# --------------------------------------------------------------------------------------------


def _assert_fresh_and_working(store: StateStore) -> None:
    assert store.schema_version() == SCHEMA_VERSION and not store.in_memory
    run_id = store.start_run(datetime(2021, 4, 1), "/inbox", {})
    store.finish_run(run_id, _first_run())
    assert store.last_snapshot() == _first_run()


def test_corrupt_state_file_is_set_aside_and_a_fresh_one_started(state_path: Path) -> None:
    state_path.parent.mkdir(parents=True)
    state_path.write_bytes(b"this is not a database at all " * 200)
    with StateStore(state_path) as store:
        assert store.set_aside is not None and store.set_aside.name.startswith("state.sqlite3.corrupt-")
        assert store.set_aside.read_bytes().startswith(b"this is not")
        assert store.warnings
        _assert_fresh_and_working(store)


def test_truncated_state_file_is_set_aside(state_path: Path) -> None:
    with StateStore(state_path) as store:
        for n in range(200):
            store.put_extraction(f"{n:064d}", V1, bytes(2000))
    data = state_path.read_bytes()
    state_path.write_bytes(data[: len(data) // 3] + b"\x00garbage" * 500 + data[len(data) // 2:])
    with StateStore(state_path) as store:
        assert store.set_aside is not None
        _assert_fresh_and_working(store)


@pytest.mark.parametrize("setup", [
    "CREATE TABLE customers (id INTEGER, name TEXT)",
    "CREATE TABLE meta (key TEXT, value TEXT); INSERT INTO meta VALUES ('app', 'something-else')",
    "CREATE TABLE meta (key TEXT, value TEXT); INSERT INTO meta VALUES ('app', 'nomination-pipeline-state');"
    "INSERT INTO meta VALUES ('schema_version', '99')",
])
def test_foreign_or_newer_database_is_set_aside(state_path: Path, setup: str) -> None:
    state_path.parent.mkdir(parents=True)
    with sqlite3.connect(state_path) as conn:
        conn.executescript(setup)
    conn.close()
    with StateStore(state_path) as store:
        assert store.set_aside is not None
        _assert_fresh_and_working(store)
    with sqlite3.connect(store.set_aside) as conn:   # the foreign data is kept, untouched
        assert conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0] >= 1
    conn.close()


def test_unusable_location_falls_back_to_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "out"
    blocker.write_text("a file where the state folder should be")
    with StateStore(blocker / ".state" / "state.sqlite3") as store:
        assert store.in_memory and store.warnings
        run_id = store.start_run(datetime(2021, 4, 1), "/inbox", {})
        store.finish_run(run_id, _first_run())
        assert store.last_snapshot() == _first_run()   # the run still works, only nothing persists


def test_read_only_open_never_writes(state_path: Path) -> None:
    with StateStore(state_path, readonly=True) as store:
        assert store.in_memory and store.last_snapshot() is None
    assert not state_path.exists()
    with StateStore(state_path) as store:
        store.finish_run(store.start_run(datetime(2021, 4, 1), "/inbox", {}), _first_run())
        store.put_extraction("a" * 64, V1, b"x")
    before = state_path.read_bytes()
    with StateStore(state_path, readonly=True) as store:
        assert store.last_snapshot() == _first_run()
        assert store.get_extraction("a" * 64, V1) == b"x"
        assert store.start_run(datetime(2021, 4, 2), "/inbox", {}) == 0
        store.put_extraction("b" * 64, V1, b"y")
        assert store.get_extraction("b" * 64, V1) is None and len(store.runs()) == 1
    assert state_path.read_bytes() == before


def test_two_stores_on_one_file_see_each_others_writes(state_path: Path) -> None:
    first, second = StateStore(state_path), StateStore(state_path)
    try:
        assert first._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        run_id = first.start_run(datetime(2021, 4, 1), "/inbox", {})
        first.finish_run(run_id, _first_run())
        assert second.last_snapshot() == _first_run()
        second.put_extraction("a" * 64, V1, b"from second")
        assert first.get_extraction("a" * 64, V1) == b"from second"
    finally:
        first.close()
        second.close()


def test_concurrent_writers_from_two_processes(state_path: Path) -> None:
    script = textwrap.dedent(f"""
        from pipeline.state import StateStore
        with StateStore({str(state_path)!r}) as store:
            for n in range(60):
                store.put_extraction(f"child{{n:059d}}", "v", b"c" * 5000)
            assert not store.warnings, store.warnings
    """)
    with StateStore(state_path) as store:
        child = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT)
        for n in range(60):
            store.put_extraction(f"parent{n:058d}", "v", b"p" * 5000)
        assert child.wait(timeout=60) == 0
        assert not store.warnings
        assert store.cached_count() == 120
