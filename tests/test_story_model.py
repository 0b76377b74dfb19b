"""The story model: the bundled story's reviewed layer is its three curated files; a collection's
decisions survive a rebuild and a restart, stay in their own collection, and are flagged (not
deleted) when a document they cite is removed."""

import dataclasses
import json

import pytest

from explorer.story import collections, database
from explorer.story.corpus import load_factcheck_document, read_json
from explorer.story.model import open_story
from explorer.story.timeline import load_timeline
from tests.fakes import HashEncoder


@pytest.fixture
def desk_config(config, tmp_path):
    return dataclasses.replace(config, collections_dir=tmp_path / "collections", database_url="")


def _add(store, name, config, files):
    from explorer.ingest.changes import Upload, add_files

    return add_files(store, name, [Upload(n, t.encode()) for n, t in files], config, HashEncoder)


FICTION = [("decision.txt", "Fiction for a test. The Northern Authority cleared the deal on 12 June 2025.\n\n"
                            "Halvard Systems paid EUR 15 million for Veltro Robotics."),
           ("release.md", "# Halvard completes its purchase\n\nFiction for a test. Halvard Systems said on "
                          "13 June 2025 that the purchase of Veltro Robotics was complete.")]


def test_the_bundled_storys_reviewed_layer_is_its_three_curated_files(config):
    story = open_story(config, collections.bundled(config))
    events = story.reviews.current("events")
    assert set(events) == set(load_timeline(config.timeline_path)["id"])
    claims = story.reviews.current("claims")
    assert set(claims) == {c["id"] for c in load_factcheck_document(config.corpus_dir / "factchecks.json").entries}
    review = read_json(config.corpus_dir / "reviews" / "coverage_review.json")
    pairs = {f"{review['reference']}|{item['number']}|{pair['passage']}"
             for item in review["principle_pairs"] for pair in item["paragraphs"]}
    assert pairs <= set(story.reviews.current("coverage"))
    assert not story.writable and all(d.origin == "shipped" for d in events.values())


def test_a_decision_survives_a_rebuild_and_a_restart(desk_config):
    store = collections.persistent(desk_config)
    store.create("desk")
    _add(store, "desk", desk_config, FICTION[:1])
    story = open_story(desk_config, store.get("desk"))
    story.reviews.record("events", "some-event", "confirm", {"date": "2025-06-12"}, "Ana", cites=["decision"])
    _add(store, "desk", desk_config, FICTION[1:])  # a new version: a rebuilt index and layers
    database.close_all()  # as a restarted server: nothing kept in memory
    again = open_story(desk_config, store.get("desk"))
    assert again.reviews.current("events")["some-event"].payload == {"date": "2025-06-12"}
    assert len(again.documents) == 2


def test_removing_a_document_flags_the_decisions_that_cited_it(desk_config):
    from explorer.ingest.changes import remove

    store = collections.persistent(desk_config)
    store.create("desk")
    _add(store, "desk", desk_config, FICTION)
    desk = store.get("desk")
    decision_id = next(d.id for d in desk.documents if d.source_name == "decision.txt")
    release_id = next(d.id for d in desk.documents if d.source_name == "release.md")
    reviews = open_story(desk_config, desk).reviews
    reviews.record("claims", "c1", "verdict", {"rating": "accurate"}, "Ana", cites=[decision_id])
    reviews.record("claims", "c2", "verdict", {"rating": "accurate"}, "Ana", cites=[release_id])
    remove(store, "desk", "decision.txt", desk_config, HashEncoder)
    current = open_story(desk_config, store.get("desk")).reviews.current("claims")
    assert current["c1"].flagged and decision_id in current["c1"].flagged
    assert current["c2"].flagged is None


def test_two_stores_collections_of_one_name_never_share_decisions(desk_config, tmp_path):
    mine = collections.Store(desk_config.collections_dir / "a", key_prefix="workspace:a:")
    theirs = collections.Store(desk_config.collections_dir / "b", key_prefix="workspace:b:")
    for store in (mine, theirs):
        store.create("desk")
    open_story(desk_config, mine.get("desk")).reviews.record("claims", "c1", "verdict", {}, "Ana")
    assert open_story(desk_config, theirs.get("desk")).reviews.current("claims") == {}


def test_a_collections_story_info_defaults_to_its_title_and_documents(desk_config):
    store = collections.persistent(desk_config)
    store.create("desk", "The desk's documents")
    _add(store, "desk", desk_config, FICTION[:1])
    info = open_story(desk_config, store.get("desk")).info
    assert info.title == "The desk's documents" and info.findings == ()


def test_the_bundled_storys_particulars_are_its_data(config):
    """story.json, not code, names the story."""
    info = open_story(config, collections.bundled(config)).info
    raw = json.loads((config.corpus_dir / "story.json").read_text(encoding="utf-8"))
    assert info.title == raw["title"] and len(info.findings) == len(raw["findings"])


def test_a_damaged_story_json_is_named_like_any_corpus_file(config, tmp_path):
    import shutil

    from explorer.errors import CorpusError

    corpus = tmp_path / "corpus"
    shutil.copytree(config.corpus_dir, corpus)
    (corpus / "story.json").write_text('{"title": ', encoding="utf-8")
    bundled = collections.bundled(dataclasses.replace(config, corpus_dir=corpus))
    with pytest.raises(CorpusError, match="story.json"):
        open_story(dataclasses.replace(config, corpus_dir=corpus), bundled).info
