"""The content-hash embedding cache: unchanged text is never embedded twice, and a killed build
keeps every batch it finished."""

import numpy as np
import pytest

from explorer.ingest.embed_cache import CachedEncoder, EmbeddingCache
from tests.fakes import HashEncoder


class CountingEncoder(HashEncoder):
    def __init__(self, fail_after: int | None = None):
        self.calls = []
        self.fail_after = fail_after

    def encode(self, texts, batch_size=32):
        if self.fail_after is not None and sum(len(c) for c in self.calls) + len(texts) > self.fail_after:
            raise KeyboardInterrupt("killed mid-build")
        self.calls.append(list(texts))
        return super().encode(texts, batch_size)


def test_second_encode_of_the_same_texts_embeds_nothing(tmp_path):
    texts = [f"passage number {i} about cloud egress" for i in range(40)] + ["a repeated text", "a repeated text"]
    cache = EmbeddingCache(tmp_path / "cache.sqlite")
    first = CountingEncoder()
    vectors = CachedEncoder(first, cache).encode(texts)
    assert sum(len(c) for c in first.calls) == 41  # the repeated text once
    second = CountingEncoder()
    again = CachedEncoder(second, EmbeddingCache(tmp_path / "cache.sqlite")).encode(texts)
    assert second.calls == [] and np.allclose(vectors, again)
    assert np.allclose(vectors, HashEncoder().encode(texts))


def test_only_new_texts_are_embedded(tmp_path):
    cache = EmbeddingCache(tmp_path / "cache.sqlite")
    CachedEncoder(CountingEncoder(), cache).encode(["old one", "old two"])
    counting = CountingEncoder()
    wrapped = CachedEncoder(counting, cache)
    wrapped.encode(["old one", "brand new", "old two"])
    assert counting.calls == [["brand new"]] and (wrapped.encoded, wrapped.reused) == (1, 2)


def test_a_killed_build_resumes_from_the_batches_it_finished(tmp_path, monkeypatch):
    monkeypatch.setattr("explorer.ingest.embed_cache.BATCH", 10)
    texts = [f"text {i}" for i in range(35)]
    cache = EmbeddingCache(tmp_path / "cache.sqlite")
    with pytest.raises(KeyboardInterrupt):
        CachedEncoder(CountingEncoder(fail_after=25), cache).encode(texts)
    assert len(EmbeddingCache(tmp_path / "cache.sqlite")) == 20  # two whole batches survived
    resumed = CountingEncoder()
    CachedEncoder(resumed, EmbeddingCache(tmp_path / "cache.sqlite")).encode(texts)
    assert sum(len(c) for c in resumed.calls) == 15


def test_the_model_id_is_part_of_the_key(tmp_path):
    cache = EmbeddingCache(tmp_path / "cache.sqlite")
    CachedEncoder(CountingEncoder(), cache).encode(["same text"])
    other = CountingEncoder()
    other.name = "another-model"
    CachedEncoder(other, cache).encode(["same text"])
    assert other.calls == [["same text"]]


def test_progress_reports_done_out_of_total(tmp_path, monkeypatch):
    monkeypatch.setattr("explorer.ingest.embed_cache.BATCH", 4)
    seen = []
    CachedEncoder(CountingEncoder(), EmbeddingCache(tmp_path / "c.sqlite"), progress=lambda d, t: seen.append((d, t))).encode(
        [f"t{i}" for i in range(10)])
    assert seen[0] == (0, 10) and seen[-1] == (10, 10) and [d for d, _ in seen] == sorted(d for d, _ in seen)
