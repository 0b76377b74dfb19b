"""Shared fixtures. Tests never build into the real index/: the whole session (core tests,
AppTest pages, CLI subprocesses and the browser tests' servers) uses its own index folder,
set through EXPLORER_INDEX_DIR before anything reads the settings.

That folder lives in pytest's cache (.pytest_cache/explorer-index) so a second run reuses it
when the corpus and model are unchanged (the manifest says so); `pytest --cache-clear` or a
corpus change rebuilds it.
"""

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TEST_INDEX = ROOT / ".pytest_cache" / "explorer-index"
os.environ["EXPLORER_INDEX_DIR"] = str(TEST_INDEX)


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives a real Chromium against a live server (slow)")


def pytest_sessionstart(session):
    """Build (or confirm) the test index once, before any test or test server can race to build it."""
    from explorer import settings
    from explorer.store.index import ensure_index
    from explorer.embedding.model import load_encoder

    config = settings.load()
    ensure_index(config, lambda: load_encoder(config))


@pytest.fixture(scope="session")
def config():
    """The settings as the app and the CLI resolve them, pointing at the test index."""
    from explorer import settings

    return settings.load()


@pytest.fixture(scope="session")
def engine(config):
    """The real engine over the real corpus and model: shared, read-only."""
    from explorer.search.engine import Engine

    return Engine.open(config, build=True)

