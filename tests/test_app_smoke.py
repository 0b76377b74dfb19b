"""AppTest smoke: every page of the real app runs with no exception, through the navigation."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PAGES = ["app.py", "pages/search.py", "pages/principles.py", "pages/timeline.py", "pages/claims.py", "pages/notebook.py",
         "pages/about.py", "pages/read.py"]


@pytest.fixture(scope="module")
def app():
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    return at


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_without_exception(app, page):
    app.switch_page(page)
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    assert app.title, f"{page} has no title"


def test_home_shows_the_corpus_at_a_glance_and_findings(app):
    app.switch_page("app.py")
    app.run()
    metrics = {m.label: m.value for m in app.metric}
    assert set(metrics) == {"Documents", "Passages", "AI Access Principles", "Timeline events"}
    assert metrics["AI Access Principles"] == "11" and int(metrics["Passages"]) > 50
    text = " ".join(m.value for m in app.markdown)
    # the bundled story's findings (corpus/story.json), filled from its layers
    assert "of the 11 items" in text and "EUR 15M" in text and "CMA" in text


def test_about_shows_the_index_manifest_and_every_setting(app):
    from explorer.settings import SETTINGS

    app.switch_page("pages/about.py")
    app.run()
    headers = [h.value for h in app.header]
    assert {"Sources", "Model and index", "How scores and verdicts work", "Limitations"} <= set(headers)
    tables = [df.value for df in app.dataframe]
    manifest = next(t for t in tables if "item" in t.columns)
    assert "passages" in set(manifest["item"]) and "model" in set(manifest["item"])
    settings_table = next(t for t in tables if "environment variable" in t.columns)
    assert set(settings_table["environment variable"]) == {s.env for s in SETTINGS}


def test_about_counts_of_open_questions_match_the_timeline(app):
    from explorer import settings
    from explorer.story.timeline import load_timeline, status_counts

    counts = status_counts(load_timeline(settings.load().timeline_path))
    app.switch_page("pages/about.py")
    app.run()
    text = " ".join(m.value for m in app.markdown)
    assert f"{counts.get('unconfirmed', 0)} timeline events are marked unconfirmed" in text
    assert f"{counts.get('disputed', 0)} disputed" in text
