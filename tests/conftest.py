"""Shared pytest fixtures."""

# ---------------------------------------------------------------------------------------
# Field store fixtures (used by tests/core/field: test_store, test_store_model, test_crash)
# ---------------------------------------------------------------------------------------

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from hmip_desktop.core.field import db as field_db
from hmip_desktop.core.field import inspections as field_inspections
from hmip_desktop.core.field.store import FieldStore

MINI_YAML_PATH = Path(__file__).parent / "data" / "mini.yaml"

#: The cases of the small test inspection 'i1': (case id, disposal type, gender).
MINI_CASES = (("C1", "licence", "male"), ("C2", "community_order", "female"), ("C3", "licence", "female"))


@pytest.fixture(scope="session")
def mini_yaml() -> str:
    """The text of tests/data/mini.yaml (the small core test framework)."""
    return MINI_YAML_PATH.read_text(encoding="utf-8")


@pytest.fixture
def make_store(tmp_path: Path, mini_yaml: str) -> Callable[..., tuple[FieldStore, dict[str, int]]]:
    """A factory: ``make_store(path=None, actor="insp1") -> (store, {case_id: case_read_id})``.

    Creates a field store file (``tmp_path / "field.sqlite"`` unless ``path`` is given)
    holding inspection 'i1' on mini.yaml, team member 'insp1' (inspector), cases C1
    (licence), C2 (community_order), C3 (licence), each with the required profile fields
    gender and disposal_type, and one read per case by insp1. Every store it opened is
    closed at teardown (closing one twice is harmless).
    """
    opened: list[FieldStore] = []

    def _make(path: Path | str | None = None, actor: str = "insp1") -> tuple[FieldStore, dict[str, int]]:
        path = Path(path) if path is not None else tmp_path / "field.sqlite"
        db = field_db.open_db(path)
        field_inspections.create_inspection(
            db,
            inspection_id="i1",
            provider="Test probation service",
            title="Test inspection",
            framework_yaml=mini_yaml,
            team=[{"id": "insp1", "name": "Ina Inspector", "role": "inspector"}],
            cases=[
                {"case_id": cid, "selection": "sample", "profile": {"gender": gender, "disposal_type": disposal}}
                for cid, disposal, gender in MINI_CASES
            ],
            reads=[(cid, "insp1") for cid, _, _ in MINI_CASES],
        )
        reads = {cid: rid for rid, cid in db.execute("SELECT id, case_id FROM case_reads WHERE inspection_id = 'i1'")}
        store = FieldStore(db, actor)
        opened.append(store)
        return store, reads

    yield _make
    for store in opened:
        store.close()


# --------------------------------- end of field store fixtures ---------------------------


# ---------------------------------------------------------------------------------------
# PostgreSQL fixtures (the central store on both backends; server: tests/pg_server.py)
#
#   pg_server         session: a throwaway PostgreSQL server on 127.0.0.1 (object with
#                     .url(dbname), .connect(dbname), .create_database(), .drop_database(name))
#   pg_url            function: a postgresql:// URL of a fresh, empty database (dropped after)
#   central_location  function, parametrized ["sqlite", "postgresql"]: where to put a central
#                     store: a SQLite file path (str) or a fresh PostgreSQL URL. Pass an
#                     explicit keys_dir to CentralStore.init/open (PostgreSQL has no file to
#                     keep keys beside).
#
# Without a server the fixture fails the test with the reason, locally and under CI alike,
# so that the PostgreSQL half is never silently left out.
# ---------------------------------------------------------------------------------------

import os as _os


def _in_ci() -> bool:
    return _os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


@pytest.fixture(scope="session")
def pg_server():
    """A PostgreSQL server for the whole session (started on first use, ~1 s)."""
    from tests.pg_server import PgUnavailable, start

    try:
        server = start()
    except PgUnavailable as exc:
        # Never skipped: the central store must be proven on PostgreSQL everywhere the
        # suite runs. ./scripts/test installs Debian's postgresql package.
        where = "under CI " if _in_ci() else ""
        pytest.fail(f"PostgreSQL is required {where}but could not be started: {exc} "
                    "(run ./scripts/test, which installs it)", pytrace=False)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_url(pg_server):
    """The URL of a new, empty database on the session's server; dropped afterwards
    (WITH (FORCE): connections a test left open do not stop the drop)."""
    name = pg_server.create_database()
    try:
        yield pg_server.url(name)
    finally:
        pg_server.drop_database(name)


@pytest.fixture(params=["sqlite", "postgresql"])
def central_location(request, tmp_path: Path) -> str:
    """Where a test puts its central store: ``str(tmp_path / "c.sqlite")`` or a fresh
    PostgreSQL URL (the id of the test says which: ``[sqlite]`` / ``[postgresql]``)."""
    if request.param == "sqlite":
        return str(tmp_path / "c.sqlite")
    return request.getfixturevalue("pg_url")


# ------------------------------------ end of PostgreSQL fixtures -------------------------
