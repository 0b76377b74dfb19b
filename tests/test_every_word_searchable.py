"""Text is never silently unsearchable after "added": every word of an added document is in some
passage (its first paragraph, short lines without a full stop, a one-line file), or the result
line says what was left out. The notes are invented."""

import re

from explorer.ingest.changes import Upload, add_files
from explorer.search.engine import Engine
from tests.fakes import HashEncoder
from tests.desk import config, store  # noqa: F401 (pytest fixtures: a desk collection, the hash encoder)

NOTES = [Upload(f"note-{n}.txt", f"Kestrel source {n} told Reuters about tender {n}07".encode()) for n in range(20)]
PLANTED = Upload("interview.txt", "\n\n".join([
    "Interview notes, invented for this test, with the chair of Port Vell harbour board",
    "Present",
    "Marta Quillan",
    "Oskar Brenning",
    "EUR 40 million",
    "The chair said the lighthouse contract went to Fenwick Moor after a second quote.",
    "Follow-up questions",
    "Ask about the dredging permit",
]).encode())


def keyword_hits(store, config, query):
    engine = Engine.open(store.get("desk").config(config), build=False)
    return engine.search(query, mode="keyword", k=50).hits


def test_every_word_of_a_planted_text_file_is_found_by_a_keyword_search(store, config):
    [result] = add_files(store, "desk", [PLANTED], config, HashEncoder)
    assert result.status == "added" and "in no passage" not in result.message
    text = PLANTED.data.decode().replace("EUR 40 million", "")  # an amount is one term: searched whole below
    words = set(re.findall(r"[A-Za-z]{3,}", text))
    missing = [w for w in sorted(words) if not keyword_hits(store, config, f'"{w}"')]
    assert not missing, f"not searchable: {missing}"
    top = keyword_hits(store, config, "EUR 40 million")[0].passage
    assert "EUR 40 million" in f"{top.section} {top.text}"  # a short line heads what follows it


def test_twenty_one_line_notes_each_add_passages_and_are_found(store, config):
    results = add_files(store, "desk", NOTES, config, HashEncoder)
    assert all(r.status == "added" for r in results)
    assert int(re.search(r"now has (\d+) passage", results[-1].message)[1]) == 20
    hits = keyword_hits(store, config, '"told Reuters"')
    assert len(hits) == 20
    assert {h.passage.text for h in keyword_hits(store, config, "1307")} == {"Kestrel source 13 told Reuters about tender 1307"}
