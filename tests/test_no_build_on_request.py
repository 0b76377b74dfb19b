"""No page builds the index inside a reader's request: with no index, pages show the progress of
one background build (a stand-in child process here) and every page joins that same build."""

import sys

import pytest
import streamlit as st

from explorer.store import build_job
from tests.apptest import open_page


@pytest.fixture
def no_index(tmp_path, monkeypatch):
    monkeypatch.setenv("EXPLORER_INDEX_DIR", str(tmp_path / "index"))
    monkeypatch.setattr(build_job, "BUILD_COMMAND", (sys.executable, "-c", "import time; time.sleep(60)"))
    monkeypatch.setattr(build_job, "_jobs", {})
    st.cache_resource.clear()  # the app's cached config points at the test index
    yield tmp_path / "index"
    for job in build_job._jobs.values():
        job.process.kill()
        job.wait(10)
    st.cache_resource.clear()


def _texts(at) -> str:
    return " ".join(e.value for e in [*at.info, *at.error, *at.markdown]).replace("\\", "")  # markdown-escaped


def test_pages_without_an_index_show_one_background_build_and_build_nothing_themselves(no_index):
    home = open_page("app.py")
    assert not home.exception, [e.value for e in home.exception]
    assert "Building the search index" in _texts(home)
    assert "The corpus at a glance" in " ".join(s.value for s in home.subheader)  # the rest of home is served
    (job,) = build_job._jobs.values()
    assert job.running
    search = open_page("pages/search.py", {"q": "egress fees"})
    assert not search.exception and "Building the search index" in _texts(search)
    assert list(build_job._jobs.values()) == [job], "a second request started another build"
    assert not (no_index / "manifest.json").exists()


def test_a_failed_build_is_shown_as_its_sentence(no_index, monkeypatch):
    monkeypatch.setattr(build_job, "BUILD_COMMAND", (sys.executable, "-c",
                        "import sys; print('error: timeline.csv, line 3: missing date. Fix that record.', file=sys.stderr); sys.exit(1)"))
    at = open_page("pages/search.py", {"q": "egress"})
    (job,) = build_job._jobs.values()
    job.wait(30)
    at.run()
    assert not at.exception
    assert "timeline.csv, line 3: missing date" in _texts(at)


def test_an_index_path_that_is_a_file_is_one_sentence_on_the_page(tmp_path, monkeypatch):
    path = tmp_path / "index"
    path.write_text("not a folder")
    monkeypatch.setenv("EXPLORER_INDEX_DIR", str(path))
    monkeypatch.setattr(build_job, "_jobs", {})
    st.cache_resource.clear()
    try:
        at = open_page("pages/search.py", {"q": "egress"})
    finally:
        st.cache_resource.clear()
    assert not at.exception and not build_job._jobs
    assert "is a file, not a folder; set EXPLORER_INDEX_DIR" in _texts(at)
    assert str(tmp_path) not in _texts(at), "a server path reached the page"
