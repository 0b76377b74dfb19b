"""One embedding model per process: every collection's engine and every build share it."""

import dataclasses

import pytest

from explorer.embedding import model

pytestmark = pytest.mark.slow  # it loads the real model


def test_engines_of_two_collections_share_one_model(config, monkeypatch, tmp_path):
    made = []

    class Counting:
        def __init__(self, name, cache_size):
            made.append(name)

    monkeypatch.setattr(model, "Encoder", Counting)
    monkeypatch.setattr(model, "_SHARED", {})
    other = dataclasses.replace(config, corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index")
    first, second = model.load_encoder(config), model.load_encoder(other)
    assert first is second and made == [config.model_id]


def test_another_model_gets_its_own_encoder(config, monkeypatch):
    monkeypatch.setattr(model, "Encoder", lambda name, cache_size: object())
    monkeypatch.setattr(model, "_SHARED", {})
    assert model.load_encoder(config) is not model.load_encoder(config, "some-other-model")
