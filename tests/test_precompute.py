"""Building a collection fills its derived layers' caches (entities, events, claims), so the
first page view reads them instead of extracting; a second build computes nothing. The
documents are fiction written for the test (invented companies and people)."""

import dataclasses

import pytest

from explorer.analysis.precompute import precompute
from explorer.story import collections
from explorer.story.model import open_story
from tests.fakes import HashEncoder

pytestmark = pytest.mark.slow  # spaCy's model reads the fiction documents

FICTION = [("decision.txt", "Fiction for a test. The Northern Authority cleared the deal on 12 June 2025.\n\n"
                            "Halvard Systems paid EUR 15 million for Veltro Robotics, said Mira Kowalczyk."),
           ("release.md", "# Halvard completes its purchase\n\nFiction for a test. Halvard Systems said on "
                          "13 June 2025 that the purchase of Veltro Robotics was complete.")]


@pytest.fixture
def desk(config, tmp_path):
    from explorer.ingest.changes import Upload, add_files

    desk_config = dataclasses.replace(config, collections_dir=tmp_path / "collections", database_url="")
    store = collections.persistent(desk_config)
    store.create("desk")
    add_files(store, "desk", [Upload(n, t.encode()) for n, t in FICTION], desk_config, HashEncoder)
    return lambda: open_story(desk_config, store.get("desk"))


def test_precomputing_fills_every_layer_and_a_second_run_computes_nothing(desk):
    first = precompute(desk())
    assert [line.split(":")[0] for line in first] == ["entities", "events", "claims"]
    assert all(" extracted in " in line for line in first), first
    again = precompute(desk())
    assert all("already cached" in line and " extracted " not in line for line in again), again


def test_after_precomputing_the_first_view_extracts_nothing(desk, monkeypatch):
    from explorer.analysis.entities import layer as entities
    from explorer.analysis.events import layer as events

    precompute(desk())

    def refuse(passages):
        raise AssertionError(f"extracted {len(passages)} passages at view time")

    monkeypatch.setattr(entities, "extract", refuse)
    monkeypatch.setattr(events, "extract", refuse)
    story = desk()
    assert entities.entities_of(story) is not None
    assert events.events_of(story)  # the fiction states two dated events
