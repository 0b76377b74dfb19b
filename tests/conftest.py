"""Shared fixtures. Core tests use the project's real index (built by `make test`), read-only."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


@pytest.fixture(scope="session")
def engine():
    """The real engine over the real corpus and model: shared, read-only."""
    from explorer.engine import Engine

    return Engine.open(ROOT / "corpus", ROOT / "index", build=True)
