"""The workspace storage contract, on SQLite and on a real PostgreSQL server: a cookie opens its
own workspace and nothing else; a forged, expired or another's cookie opens none; the secret link
opens the workspace on another device until revoked; `c=` resolves to the reader's own collections
or to a published token only; the TTL sweep deletes the idle workspace's files and rows and
nothing else. Test collections are empty folders: no document, no model.

The ids here (article:3) are only strings in the bundled story's id format; nothing is read from its
corpus.
"""

from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from explorer.settings import Config
from explorer.story import collections
from explorer.story import database as db
from explorer.story.model import open_story
from explorer.story.reviews import ReviewError, Reviews
from explorer.workspace import access, publish, workspaces
from explorer.workspace.notebook import Notebook, NotebookError

TTL = 30


@pytest.fixture
def database(database_url):
    return db.open_database(database_url)


@pytest.fixture
def config(tmp_path, database_url):
    return Config(collections_dir=tmp_path / "collections", database_url=database_url)


def age(database, workspace_id: str, days: int) -> None:
    """Pretend the workspace was last seen `days` ago."""
    stamp = workspaces._iso(datetime.now(timezone.utc) - timedelta(days=days))
    with database.begin() as connection:
        connection.execute(sa.update(db.WORKSPACES).where(db.WORKSPACES.c.id == workspace_id).values(last_seen=stamp))


def test_a_cookie_opens_its_own_workspace_and_only_it(database):
    mine, my_secret = workspaces.create(database)
    theirs, their_secret = workspaces.create(database)
    assert workspaces.find(database, my_secret, TTL).id == mine.id
    assert workspaces.find(database, their_secret, TTL).id == theirs.id != mine.id
    with database.connect() as connection:
        stored = {r.secret_hash for r in connection.execute(sa.select(db.WORKSPACE_KEYS.c.secret_hash))}
    assert my_secret not in stored and workspaces.digest(my_secret) in stored  # kept hashed only


@pytest.mark.parametrize("forged", ["", "x", "A" * 43, "../../etc/passwd", "' OR 1=1 --", "é" * 300])
def test_a_forged_cookie_opens_no_workspace(database, forged):
    workspaces.create(database)
    assert workspaces.find(database, forged, TTL) is None


def test_an_expired_workspace_opens_no_more_and_its_id_is_not_a_key(database):
    made, secret = workspaces.create(database)
    assert workspaces.find(database, made.id, TTL) is None  # the public id is not a secret
    age(database, made.id, TTL + 1)
    assert workspaces.find(database, secret, TTL) is None


def test_the_secret_link_opens_the_workspace_on_another_device_until_revoked(database):
    made, _ = workspaces.create(database)
    link = workspaces.new_link(database, made)
    assert workspaces.find(database, link, TTL) is None  # a link is not a cookie
    redeemed, device_cookie = workspaces.redeem_link(database, link, TTL)
    assert redeemed.id == made.id and workspaces.find(database, device_cookie, TTL).id == made.id
    newer = workspaces.new_link(database, made)
    assert workspaces.redeem_link(database, link, TTL) is None  # a new link replaces the old one
    workspaces.revoke_link(database, made)
    assert workspaces.redeem_link(database, newer, TTL) is None


def test_c_opens_the_readers_own_collections_only(config, database):
    mine, _ = workspaces.create(database)
    theirs, _ = workspaces.create(database)
    theirs.store(config.collections_dir).create("desk")
    collections.persistent(config).create("operator-desk")
    for name in ("desk", "operator-desk"):
        for reader in (mine, None):
            found, problem = access.resolve(config, name, reader, database)
            assert found.collection.read_only and problem.startswith(f"Ignored c='{name}'")
    found, problem = access.resolve(config, "desk", theirs, database)
    assert problem is None and found.writable and found.collection.name == "desk"
    assert found.collection.story_key == f"workspace:{theirs.id}:desk"


def test_a_workspace_never_sees_another_workspaces_decisions(config, database):
    one, _ = workspaces.create(database)
    two, _ = workspaces.create(database)
    for workspace in (one, two):
        workspace.store(config.collections_dir).create("desk")
    story_one = open_story(config, access.resolve(config, "desk", one, database)[0].collection, database)
    story_one.reviews.record("events", "ev-1", "confirm", {}, "Ana")
    story_two = open_story(config, access.resolve(config, "desk", two, database)[0].collection, database)
    assert story_two.reviews.current("events") == {} and story_two.writable


def test_a_published_collection_opens_by_token_read_only_with_the_owners_findings(config, database):
    owner, _ = workspaces.create(database)
    reader, _ = workspaces.create(database)
    owner.store(config.collections_dir).create("desk")
    mine = access.resolve(config, "desk", owner, database)[0].collection
    open_story(config, mine, database).reviews.record("claims", "c1", "verdict", {"rating": "accurate"}, "Ana")
    link = publish.publish(database, owner.id, "desk")
    assert "desk" not in link.token and len(link.token) > 40
    for who in (reader, None, owner):
        found, problem = access.resolve(config, link.token, who, database)
        assert problem is None and not found.writable and found.collection.param == link.token
        story = open_story(config, found.collection, database)
        assert not story.writable and story.reviews.current("claims")["c1"].payload == {"rating": "accurate"}
        with pytest.raises(ReviewError):
            story.reviews.record("claims", "c1", "verdict", {"rating": "false"}, "Mallory")
    publish.unpublish(database, owner.id, "desk")
    found, problem = access.resolve(config, link.token, reader, database)
    assert found.collection.read_only and "withdrawn" in problem


def test_an_operator_collection_is_readable_only_once_published(config, database):
    collections.persistent(config).create("cli-desk")
    assert access.resolve(config, "cli-desk", None, database)[1] is not None
    link = publish.publish(database, None, "cli-desk")
    found, problem = access.resolve(config, link.token, None, database)
    assert problem is None and found.collection.name == "cli-desk" and found.collection.story_key == "cli-desk"


def test_a_published_view_shows_the_owners_notes_only_if_the_owner_chose_so(config, database):
    owner, _ = workspaces.create(database)
    owner.store(config.collections_dir).create("desk")
    token = publish.publish(database, owner.id, "desk", show_notes=False).token
    assert access.resolve(config, token, None, database)[0].notes_owner is None
    publish.publish(database, owner.id, "desk", show_notes=True)
    shown = access.resolve(config, token, None, database)[0]
    assert shown.notes_owner == owner.id and not shown.notes_writable


def test_notes_stars_and_searches_belong_to_one_workspace_and_collection(database):
    mine = Notebook(database, "a" * 32, "desk")
    assert mine.star("article:3", "The text.", "Article, ¶3.", "/search?p=article:3") is True
    note = mine.note("article:3", "The whole  passage text here.", "Check this.", "Article, ¶3.",
                     "/search?p=article:3", span="passage text")
    mine.save_search("fees", {"q": "egress fees"}, "/search?q=egress+fees")
    assert note.quote == "passage text" and mine.starred() == {"article:3"}
    assert [e.kind for e in mine.entries()] == ["star", "note", "search"]
    assert Notebook(database, "b" * 32, "desk").entries() == []
    assert Notebook(database, "a" * 32, "other").entries() == []
    assert mine.star("article:3", "", "", "") is False and mine.starred() == set()  # a second star unstars
    with pytest.raises(NotebookError, match="not in this passage"):
        mine.note("article:3", "The whole passage.", "x", "", "", span="invented words")


def test_the_markdown_export_holds_each_notes_quote_citation_and_permalink(database):
    book = Notebook(database, "a" * 32, "desk")
    book.note("decision:2", "The authority found no material influence.", "Key finding", "Decision, p. 2 ¶1.",
              "/search?p=decision:2", span="no material influence")
    book.note("release:1", "Customers will no longer pay egress fees.", "Compare with the decision",
              "Press release, ¶1.", "/search?p=release:1&q=fees")
    text = book.to_markdown("https://explorer.example", "Desk", c="desk")
    for quote, cite, link, note in (
            ("no material influence", "Decision, p. 2 ¶1.", "https://explorer.example/search?p=decision:2&c=desk",
             "Key finding"),
            ("Customers will no longer pay egress fees.", "Press release, ¶1.",
             "https://explorer.example/search?p=release:1&q=fees&c=desk", "Compare with the decision")):
        block = text.split(f"> {quote}", 1)[1].split("> ", 1)[0]
        assert cite in block and link in block and f"Note: {note}" in block
    assert book.to_csv("https://x").splitlines()[0].startswith("kind,passage,quote")


def test_the_sweep_deletes_the_idle_workspaces_files_and_rows_and_nothing_else(config, database, tmp_path):
    idle, _ = workspaces.create(database)
    busy, busy_secret = workspaces.create(database)
    for workspace in (idle, busy):
        workspace.store(config.collections_dir).create("desk")
        Notebook(database, workspace.id, "desk").star("a:1", "q", "c", "/search?p=a:1")
        publish.publish(database, workspace.id, "desk")
        key = access.resolve(config, "desk", workspace, database)[0].collection.story_key
        Reviews(key, database).record("events", "ev", "confirm", {}, "Ana")
    collections.persistent(config).create("operator-desk")
    Reviews("operator-desk", database).record("events", "ev", "confirm", {}, "Ana")
    outside = tmp_path / "collections" / "notes.txt"
    outside.write_text("the operator's file")
    age(database, idle.id, TTL + 1)

    assert workspaces.sweep(database, config.collections_dir, TTL) == [idle.id]

    assert not workspaces.folder(config.collections_dir, idle.id).exists()
    assert busy.store(config.collections_dir).exists("desk") and collections.persistent(config).exists("operator-desk")
    assert outside.read_text() == "the operator's file"
    assert Notebook(database, idle.id, "desk").entries() == [] and len(Notebook(database, busy.id, "desk").entries()) == 1
    assert Reviews(f"workspace:{idle.id}:desk", database).history("events") == []
    assert len(Reviews(f"workspace:{busy.id}:desk", database).history("events")) == 1
    assert len(Reviews("operator-desk", database).history("events")) == 1
    assert workspaces.get(database, idle.id) is None and workspaces.find(database, busy_secret, TTL).id == busy.id
    with database.connect() as connection:
        owners = {r.workspace for r in connection.execute(sa.select(db.PUBLICATIONS.c.workspace))}
    assert owners == {busy.id}


def test_the_sweep_deletes_folders_no_workspace_owns_once_settled(config, database):
    import os
    import time

    root = config.collections_dir / workspaces.FOLDER
    (root / ("0" * 32) / "desk").mkdir(parents=True)
    (root / ("1" * 32)).mkdir()
    old = time.time() - workspaces.ORPHAN_GRACE_SECONDS - 60
    os.utime(root / ("0" * 32), (old, old))
    legacy = config.collections_dir / workspaces.LEGACY_SESSIONS / "abc"
    legacy.mkdir(parents=True)
    workspaces.sweep(database, config.collections_dir, TTL)
    assert not (root / ("0" * 32)).exists() and (root / ("1" * 32)).exists()  # a folder being made stays
    assert not legacy.exists()  # the per-session folders of earlier versions


def test_a_cookie_becomes_a_workspace_only_when_adopted_and_only_if_the_server_could_have_issued_it(tmp_path):
    from explorer.story.database import open_database
    from explorer.workspace import workspaces

    database = open_database(f"sqlite:///{tmp_path / 'w.sqlite'}")
    fresh = workspaces.new_secret()
    assert workspaces.well_formed(fresh) and not workspaces.known(database, fresh)
    assert workspaces.list_all(database) == []
    made = workspaces.adopt(database, fresh, 30)
    assert made is not None and workspaces.adopt(database, fresh, 30) == workspaces.find(database, fresh, 30)
    assert [w.id for w in workspaces.list_all(database)] == [made.id]
    for malformed in (None, "", "short", "x" * 44, "é" * 43):
        assert workspaces.adopt(database, malformed, 30) is None
    assert len(workspaces.list_all(database)) == 1
