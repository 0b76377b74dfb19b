"""The timeline page in AppTest: charts render, deep links reproduce the view, events show their evidence.

Pinned to the bundled story's ids (event msft-mistral-investment): the test index every run builds
holds the bundled story, and these tests need a passage or event known to be in it; what they check
does not depend on which one.
"""

from datetime import date
from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.apptest import open_page

from explorer import settings
from explorer.story import timeline as tl

PAGE = str(Path(__file__).resolve().parent.parent / "pages" / "timeline.py")
INVESTMENT = "msft-mistral-investment"


def run(**params) -> AppTest:
    at = open_page("pages/timeline.py", params)
    assert not at.exception, [e.value for e in at.exception]
    return at


def story_events():
    """The bundled story's timeline as the page should chart it: its curated events and the dated
    events extracted from its article (explorer.analysis.events)."""
    from explorer.analysis.events import timeline_of
    from explorer.analysis.events.frame import timeline_frame
    from explorer.story.collections import bundled
    from explorer.story.model import open_story

    config = settings.load()
    return timeline_frame(timeline_of(open_story(config, bundled(config))).events)


def events_table(at):
    """The table behind the events chart: the page's first table (AppTest does not expose plain tables by key)."""
    return at.dataframe[0].value


def test_page_renders_its_three_charts_with_downloads():
    at = run()
    charts = at.get("plotly_chart")
    assert len(charts) == 3
    assert len(at.get("download_button")) == 3
    assert len(events_table(at)) == len(story_events())
    assert any(c.value.startswith("Source:") for c in at.caption)


def test_deep_link_with_filters_reproduces_the_filtered_table():
    at = run(**{"from": "2024-02-01", "to": "2024-03-31", "type": "investment,regulatory"})
    expected = tl.filter_events(story_events(), date(2024, 2, 1), date(2024, 3, 31), ("investment", "regulatory"))
    assert list(events_table(at)["id"]) == list(expected["id"])
    assert at.multiselect(key="tl_type").value == ["investment", "regulatory"]
    assert at.text_input(key="tl_from").value == "2024-02-01"
    assert not at.warning


def test_bad_parameters_fall_back_with_notices_and_the_url_is_cleaned():
    at = run(**{"from": "2024-13-45", "type": "nope", "currency": "gbp", "event": "unknown"})
    assert len(at.warning) == 4
    assert len(events_table(at)) == len(story_events())
    assert dict(at.query_params) == {}


def test_widget_changes_update_the_url():
    at = run()
    at.multiselect(key="tl_type").set_value(["funding round"]).run()
    at.radio(key="tl_currency").set_value("usd").run()
    assert at.query_params["type"] == "funding round" and at.query_params["currency"] == "usd"
    assert set(events_table(at)["type"]) == {"funding round"}
    assert any("USD view" in i.value for i in at.info)


def test_choosing_an_event_shows_its_sources_note_and_evidence_passages():
    at = run(event=INVESTMENT)
    text = "\n".join(m.value for m in at.markdown)
    assert "](https://ttm.financial/" in text  # a source link, shown as its own URL (no word joiners)
    assert "Reuters" in text  # the outlet the record says the copy comes from
    assert any("UNCONFIRMED" in w.value for w in at.warning)
    hits = [m.value for m in at.markdown if "/search?p=" in m.value]
    assert 1 <= len(hits) <= 5


def test_choosing_an_event_from_the_list_sets_it_in_the_url():
    at = run()
    assert not [m for m in at.markdown if "/search?p=" in m.value]
    at.selectbox(key="tl_event").set_value(INVESTMENT).run()
    assert at.query_params["event"] == INVESTMENT
    assert [m for m in at.markdown if "/search?p=" in m.value]


def test_event_picker_lists_only_the_events_the_filters_show():
    at = run(**{"from": "2024-02-01", "to": "2024-03-31", "type": "investment"})
    picker = at.selectbox(key="tl_event")
    assert [o for o in picker.options if not o.startswith("Choose")] == \
        [f"{r['date']} · {r['title']}" for r in events_table(at).to_dict("records")]
    assert len(events_table(at)) < len(story_events())


def test_an_event_linked_from_outside_the_filters_stays_in_the_picker_marked():
    at = run(**{"type": "regulatory", "event": INVESTMENT})
    picker = at.selectbox(key="tl_event")
    assert picker.value == INVESTMENT
    assert picker.options[-1].endswith("(outside these filters)")


def test_scale_chart_states_the_ratios_in_words():
    at = run()
    words = next(m.value for m in at.markdown if m.value.startswith("**In words**")).replace("\\", "")  # unescaped
    assert "OpenAI (Jan 2023)" in words and "1/610" in words and "TechCrunch" in words
