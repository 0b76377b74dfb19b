"""The reviewed layer's storage contract, on SQLite and on a real PostgreSQL server: decisions are
appended with who and when, the latest is in force, history stays, citing decisions are flagged
(never deleted), one story never sees another's decisions, and migrations open every earlier
schema version."""

import pytest
import sqlalchemy as sa

from explorer.story import database as db
from explorer.story.reviews import ReviewError, Reviews


@pytest.fixture
def store(database_url):
    return db.open_database(database_url)


def test_a_decision_keeps_who_when_and_what(store):
    reviews = Reviews("desk", store)
    made = reviews.record("events", "ev-1", "correct", {"date": "2025-06-12"}, "  Ana   Silva ", cites=["decision"])
    again = Reviews("desk", store).current("events")["ev-1"]
    assert again.author == "Ana Silva" and again.payload == {"date": "2025-06-12"}
    assert again.decided_at == made.decided_at and again.decided_at.endswith("+00:00")
    assert again.cites == ("decision",) and again.flagged is None


def test_the_latest_decision_is_in_force_and_history_stays(store):
    reviews = Reviews("desk", store)
    reviews.record("events", "ev-1", "confirm", {}, "Ana")
    reviews.record("events", "ev-1", "reject", {"why": "a duplicate"}, "Ben")
    assert reviews.current("events")["ev-1"].action == "reject"
    assert [d.action for d in reviews.history("events", "ev-1")] == ["confirm", "reject"]


def test_one_story_never_sees_another_storys_decisions(store):
    Reviews("desk", store).record("claims", "c1", "verdict", {"rating": "accurate"}, "Ana")
    assert Reviews("other", store).current("claims") == {}
    assert Reviews("desk-2", store).history("claims") == []


def test_removing_a_document_flags_the_decisions_that_cite_it(store):
    reviews = Reviews("desk", store)
    reviews.record("claims", "c1", "verdict", {"rating": "accurate"}, "Ana", cites=["filing", "article"])
    reviews.record("claims", "c2", "verdict", {"rating": "inaccurate"}, "Ana", cites=["article"])
    assert reviews.flag_citing(["filing"], "The document “filing” was removed.") == 1
    current = reviews.current("claims")
    assert current["c1"].flagged == "The document “filing” was removed." and current["c2"].flagged is None
    assert len(reviews.history("claims")) == 2  # flagged, not deleted


def test_a_decision_needs_a_name_and_a_known_layer(store):
    reviews = Reviews("desk", store)
    with pytest.raises(ReviewError, match="name"):
        reviews.record("events", "ev-1", "confirm", {}, "   ")
    with pytest.raises(ReviewError, match="Unknown layer"):
        reviews.record("gossip", "x", "confirm", {}, "Ana")


def test_a_read_only_story_takes_no_decisions():
    with pytest.raises(ReviewError, match="read-only"):
        Reviews("mistral", None).record("events", "x", "confirm", {}, "Ana")


@pytest.mark.parametrize("written_at", range(0, db.VERSION))
def test_a_database_written_at_an_earlier_version_opens_and_keeps_its_rows(database_url, written_at):
    """Each earlier schema version, with a row where it has the table, migrates to the newest."""
    engine = db._engine(database_url)
    db.migrate(engine, upto=written_at)
    assert db.schema_version(engine) == written_at
    if written_at >= 1:
        with engine.begin() as connection:
            connection.execute(sa.insert(db.DECISIONS).values(
                collection="desk", layer="events", subject="ev-1", action="confirm", payload={}, author="Ana",
                decided_at="2026-12-01T10:00:00+00:00", cites=[], flagged=None))
    engine.dispose()
    opened = db.open_database(database_url)
    assert db.schema_version(opened.engine) == db.VERSION
    if written_at >= 1:
        assert Reviews("desk", opened).current("events")["ev-1"].author == "Ana"


def test_a_database_newer_than_the_code_is_refused(tmp_path):
    url = f"sqlite:///{tmp_path / 'new.sqlite'}"
    engine = db._engine(url)
    db.migrate(engine)
    with engine.begin() as connection:
        connection.execute(sa.update(db.SCHEMA).values(version=db.VERSION + 1))
    engine.dispose()
    with pytest.raises(db.DatabaseError, match="schema version"):
        db._open(url)


def test_a_file_that_is_not_a_database_is_named_with_a_fix(tmp_path):
    path = tmp_path / "explorer.sqlite"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(db.DatabaseError) as caught:
        db._open(f"sqlite:///{path}")
    assert "damaged" in caught.value.problem and caught.value.fix


def test_sqlite_runs_in_wal_mode(tmp_path):
    opened = db._open(f"sqlite:///{tmp_path / 'w.sqlite'}")
    with opened.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar().lower() == "wal"
