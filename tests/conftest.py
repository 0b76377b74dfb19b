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
    config.addinivalue_line("markers", "slow: needs the real model or index, a page run, a PostgreSQL server, "
                                       "spaCy or a child process; `make test-fast` leaves these out")


# What makes a test slow, read from the test itself so that a new test is marked without anyone
# remembering to: the real engine (model and index) among its fixtures, a PostgreSQL database, or
# a page run through AppTest (in its module or inside the test). Modules slow for other reasons
# (spaCy, child processes) say so with `pytestmark = pytest.mark.slow`.
SLOW_FIXTURES = {"engine", "postgres"}
SLOW_MODULE_NAMES = ("AppTest", "open_page")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.get_closest_marker("browser") or item.get_closest_marker("slow"):
            continue
        params = getattr(getattr(item, "callspec", None), "params", {})
        module = vars(item.module) if getattr(item, "module", None) else {}
        code = getattr(getattr(item, "function", None), "__code__", None)
        local = set(code.co_names) | set(code.co_varnames) if code else set()  # a page run imported inside the test
        if (SLOW_FIXTURES & set(item.fixturenames) or params.get("database_url") == "postgresql"
                or any(name in module or name in local for name in SLOW_MODULE_NAMES)):
            item.add_marker(pytest.mark.slow)


def pytest_sessionstart(session):
    """Build (or confirm) the test index once, before any test or test server can race to build it."""
    from explorer import settings
    from explorer.store.index import ensure_index
    from explorer.embedding.model import load_encoder

    config = settings.load()
    ensure_index(config, lambda: load_encoder(config))
    from explorer.analysis.coverage.study import prepare_fit

    prepare_fit(config)  # as `build` does: the coverage fit kept beside the index (no page view refits)


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


@pytest.fixture(scope="session")
def postgres():
    """A real PostgreSQL server for the whole session (tests/postgres_server.py). In CI it must start;
    elsewhere a machine without Debian's postgresql package skips the PostgreSQL half of the tests."""
    from tests.postgres_server import PostgresServer, PostgresUnavailable

    try:
        server = PostgresServer().start()
    except PostgresUnavailable as problem:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI needs PostgreSQL for the storage contract tests: {problem}")
        pytest.skip(str(problem))
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """A fresh, empty database of each kind the explorer supports: the storage contract runs on both."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'explorer.sqlite'}"
        return
    server = request.getfixturevalue("postgres")
    import sqlalchemy as sa

    name = f"t{os.getpid()}_{abs(hash(request.node.nodeid)) % 10**9}"
    admin = sa.create_engine(server.url.replace("postgresql://", "postgresql+psycopg://"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    admin.dispose()
    yield server.url.rsplit("/", 1)[0] + f"/{name}"
    from explorer.story.database import close_all

    close_all()
