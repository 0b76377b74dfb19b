"""Damaged data and bad settings end in the error boundary's message on every page, never an
exception box, and the message names files relative to the project, never the server's paths.

Each case damages a copy of corpus/ (and of the test index) in tmp_path and points the app at it
through the environment, as an operator's mistake would."""

import json
import shutil

import pytest
import streamlit as st

from explorer.store.index import FORMAT
from tests.apptest import open_page
from tests.conftest import ROOT, TEST_INDEX

ALL_PAGES = ["app.py", "pages/search.py", "pages/principles.py", "pages/timeline.py", "pages/add.py", "pages/notebook.py",
             "pages/about.py"]


def _write(path, text):
    path.write_text(text, encoding="utf-8")


FAULTS = {  # name: (damage(corpus, index), pages that read the damaged file)
    "factchecks not JSON": (lambda c, i: _write(c / "factchecks.json", '{"claims": ['), ["app.py", "pages/principles.py"]),
    # A story without fact-checks is a story like any collection's: the principles page then offers no
    # claims view (and the changed corpus is rebuilt); the home page, whose finding reads them, names the file.
    "factchecks missing": (lambda c, i: (c / "factchecks.json").unlink(), ["app.py"]),
    "factchecks a list": (lambda c, i: _write(c / "factchecks.json", "[1, 2]"), ["app.py", "pages/principles.py"]),
    "review not a review": (lambda c, i: _write(c / "reviews" / "coverage_review.json", "[]"),
                            ["app.py", "pages/principles.py"]),
    "second review not a review": (lambda c, i: _write(c / "reviews" / "second" / "coverage_review.json", "[]"),
                                   ["pages/principles.py"]),
    "timeline header": (lambda c, i: _write(c / "timeline.csv", "a,b\n1,2\n"), ["app.py", "pages/timeline.py"]),
    "manifest only format": (lambda c, i: _write(i / "manifest.json", json.dumps({"format": FORMAT})), ["pages/about.py"]),
}
CASES = [(fault, page) for fault, (_, pages) in FAULTS.items() for page in pages]


@pytest.fixture
def fresh_caches():
    """The loaders cache the settings and the corpus per process: start and end each case clean."""
    st.cache_resource.clear()
    st.cache_data.clear()
    yield
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.fixture
def damaged(tmp_path, monkeypatch, fresh_caches):
    corpus, index = tmp_path / "srv" / "corpus", tmp_path / "srv" / "index"
    shutil.copytree(ROOT / "corpus", corpus)
    shutil.copytree(TEST_INDEX, index)
    monkeypatch.setenv("EXPLORER_CORPUS_DIR", str(corpus))
    monkeypatch.setenv("EXPLORER_INDEX_DIR", str(index))
    return corpus, index


def messages(at) -> str:
    return " ".join(str(e.value) for e in [*at.error, *at.info, *at.warning])


@pytest.mark.parametrize("fault,page", CASES, ids=[f"{f}-{p}" for f, p in CASES])
def test_a_data_fault_ends_in_a_clear_message_naming_the_file_relative_to_the_project(damaged, tmp_path, fault, page):
    corpus, index = damaged
    FAULTS[fault][0](corpus, index)
    at = open_page(page)
    assert not at.exception, at.exception[0].value if at.exception else ""
    shown = messages(at)
    assert at.error or "incomplete" in shown, shown
    assert str(tmp_path) not in shown and "/srv/" not in shown, shown
    assert "corpus/" in shown.replace("\\", "") or "index" in shown, shown


@pytest.mark.parametrize("page", ALL_PAGES)
@pytest.mark.parametrize("variable,value", [("EXPLORER_MAX_QUERY_CHARS", "-5"), ("EXPLORER_WORKSPACE_TTL_DAYS", "soon")])
def test_a_bad_setting_is_named_with_its_valid_range_on_every_page(monkeypatch, fresh_caches, page, variable, value):
    monkeypatch.setenv(variable, value)
    at = open_page(page)
    assert not at.exception
    problem = " ".join(str(e.value) for e in at.error).replace("\\", "")
    assert variable in problem and "whole number from 1 to" in problem, problem
