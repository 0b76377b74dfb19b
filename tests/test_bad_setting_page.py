"""A bad setting (here EXPLORER_STORE) ends in the sentence that names it, on every page, not in
Streamlit's redacted exception box: the settings are read while the navigation is drawn."""

import pytest

from tests.apptest import open_page


@pytest.fixture
def bad_store(monkeypatch):
    from ui import loaders

    monkeypatch.setenv("EXPLORER_STORE", "elastic")
    loaders.config.clear()
    yield
    monkeypatch.delenv("EXPLORER_STORE")
    loaders.config.clear()  # the next test reads the real settings again


@pytest.mark.parametrize("page", ["app.py", "pages/about.py"])
def test_a_bad_store_setting_is_explained(bad_store, page):
    at = open_page(page)
    assert not at.exception, at.exception
    shown = at.error[0].value.replace("\\", "")  # the markdown source: md_escape adds backslashes
    assert "EXPLORER_STORE='elastic' is not a store." in shown
    # md_escape also puts a word joiner (U+2060) into "://", so the URL cannot become a live link
    assert "milvus:http://host:19530" in at.info[0].value.replace("\\", "").replace("\u2060", "")
