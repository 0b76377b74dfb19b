"""EXPLORER_STORE: which search store serves, parsed once into Config (store, store_uri)."""

import pytest

from explorer import settings
from explorer.errors import ExplorerError


def store_of(value):
    config = settings.load({"EXPLORER_STORE": value})
    return config.store, config.store_uri


def test_faiss_is_the_default():
    config = settings.load({})
    assert (config.store, config.store_uri) == ("faiss", None)
    assert store_of(" FAISS ") == ("faiss", None)


@pytest.mark.parametrize("value, uri", [
    ("milvus:/data/explorer.db", "/data/explorer.db"),
    ("milvus:explorer.db", "explorer.db"),
    ("Milvus: /srv/a b/desk.db ", "/srv/a b/desk.db"),
    ("milvus:http://milvus.newsroom.internal:19530", "http://milvus.newsroom.internal:19530"),
    ("milvus:https://user:secret@milvus.example.org", "https://user:secret@milvus.example.org"),
])
def test_milvus_takes_a_lite_file_or_a_server(value, uri):
    assert store_of(value) == ("milvus", uri)


@pytest.mark.parametrize("value, says", [
    ("elastic", "is not a store"),
    ("milvus", "is not a store"),
    ("milvus:", "is not a store"),
    ("milvus:/data/explorer.sqlite", "must end in .db"),
    ("milvus:/data/.db", "must end in .db"),
    ("milvus:/data/", "must end in .db"),
    ("milvus:grpc://host:19530", "http:// or https://"),
    ("milvus:http://", "a host"),
    ("milvus:http://host:port", "numeric port"),
    ("faiss:/x", "is not a store"),
])
def test_anything_else_is_a_clear_error(value, says):
    with pytest.raises(ExplorerError, match=says) as error:
        settings.load({"EXPLORER_STORE": value})
    assert "EXPLORER_STORE" in str(error.value) and "milvus:" in error.value.fix


def test_a_bad_uri_never_repeats_its_password():
    with pytest.raises(ExplorerError) as error:
        settings.load({"EXPLORER_STORE": "milvus:ftp://user:secret@host"})
    assert "secret" not in str(error.value)
