"""A deployment where the reviewed layer's database cannot be written (no writable collections
folder, no writable cache folder): the story still opens on every page, and the page that would
keep work says why it cannot, in a sentence naming the setting to change."""

import pytest
import streamlit as st

from explorer.settings import default_database_file
from tests.apptest import open_page

UNWRITABLE = "/proc/explorer-collections"  # not even root can create a folder under /proc


@pytest.fixture
def no_database(monkeypatch):
    monkeypatch.setenv("EXPLORER_COLLECTIONS_DIR", UNWRITABLE)
    monkeypatch.setenv("HOME", "/proc/no-home")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()


@pytest.mark.parametrize("page", ["app.py", "pages/search.py", "pages/timeline.py", "pages/about.py"])
def test_the_story_opens_without_a_database(no_database, page):
    at = open_page(page)
    assert not at.exception, at.exception[0].value if at.exception else ""
    assert at.title


def test_the_add_page_says_that_no_database_can_be_written(no_database):
    at = open_page("pages/add.py")
    assert not at.exception
    shown = " ".join(e.value for e in [*at.error, *at.info]).replace("\\", "")
    assert "cannot be created" in shown and "EXPLORER_DATABASE_URL" in shown


def test_a_read_only_collections_folder_keeps_the_database_in_the_cache_folder(tmp_path):
    cache = tmp_path / "cache"
    found = default_database_file(__import__("pathlib").Path(UNWRITABLE), {"XDG_CACHE_HOME": str(cache)})
    assert found == cache / "story-explorer" / "explorer.sqlite"
