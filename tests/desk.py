"""Shared fixtures of the tests that add documents to a collection without the real model: a
store holding one empty collection, "desk", and settings whose model is the hash encoder
(tests/fakes.HashEncoder), both in the test's own tmp_path.

A test module takes them with `from tests.desk import config, store`; they replace the
session's `config` (the real model's) inside that module only."""

import pytest

from explorer.settings import Config
from explorer.story.collections import Store


@pytest.fixture
def store(tmp_path):
    store = Store(tmp_path / "collections")
    store.create("desk")
    return store


@pytest.fixture
def config(tmp_path):
    return Config(model="hash-encoder", quantize=False, collections_dir=tmp_path / "collections")
