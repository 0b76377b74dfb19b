"""The events' views outside the page: the CLI's exports and the timeline's JSON twin, on the
bundled story (its curated events confirmed, the events extracted from its article beside them).

Pinned to the bundled story's ids (msft-openai-2021, a year-precision event) on purpose: they check
the shipped corpus itself (its records, sources and the figures its texts state), so a change to
those files must show here.
"""

import json

from explorer.cli.commands import main
from explorer.share import views
from tests.share_source import DirectSource

BASE = "http://explorer.test"


def test_the_cli_exports_timelinejs_with_dates_at_their_precision_and_sources(capsys):
    assert main(["timeline", "--format", "timelinejs"]) == 0
    published = json.loads(capsys.readouterr().out)
    by_id = {e["unique_id"]: e for e in published["events"]}
    assert by_id["msft-openai-2021"]["start_date"] == {"year": 2021}
    assert all(e["start_date"]["year"] and e["group"] and "Sources:" in e["text"]["text"] for e in published["events"])
    assert "undated left out" in published["title"]["text"]["text"]


def test_the_cli_csv_names_each_events_review_state_and_citation(capsys):
    assert main(["timeline", "--format", "csv"]) == 0
    captured = capsys.readouterr()
    header, *lines = captured.out.splitlines()
    assert header.split(",")[:6] == ["id", "date", "precision", "kind", "text", "review"]
    assert any(",extracted,extracted," in line and "¶" in line for line in lines)
    assert "extracted" in captured.err and "confirmed" in captured.err


def test_an_unknown_collection_is_a_sentence_not_a_traceback(capsys):
    assert main(["timeline", "--collection", "no-such-desk"]) == 1
    assert "no collection named" in capsys.readouterr().err


def test_the_timeline_twin_counts_extracted_and_confirmed_and_says_where_an_event_is_stated(engine):
    source = DirectSource(engine)
    payload = views.twin("timeline", {}, source, BASE)
    assert payload["extracted"] >= 1 and payload["confirmed"] == len([e for e in payload["events"]
                                                                     if e["review"] == "confirmed"])
    extracted = next(e for e in payload["events"] if e["review"] == "extracted")
    opened = views.twin("timeline", {"event": [extracted["id"]]}, source, BASE)
    assert opened["event"]["stated_in"][0]["passage"].startswith("article:")
    assert opened["event"]["citation"] and opened["event"]["review"] == "extracted"
