"""The coverage fit kept beside the index: read back equal, keyed by content, never stale.
No model needed (planted examples and a stand-in encoder)."""

import numpy as np

from explorer.analysis.coverage import facets, fit_cache, fitting


def test_stored_examples_read_back_equal(tmp_path):
    examples = [fitting.Example("list", 1, np.array([0.5, 0.1]), np.array([1, 0])),
                fitting.Example("list", 2, np.array([0.2, 0.3]), np.array([0, -1]))]
    fit_cache.write_examples(tmp_path, "k1", examples, np.array([0.25, -0.5]))
    back, mean = fit_cache.read_examples(tmp_path, "k1")
    assert [(e.reference, e.number, e.scores.tolist(), e.labels.tolist()) for e in back] == \
        [(e.reference, e.number, e.scores.tolist(), e.labels.tolist()) for e in examples]
    assert mean.tolist() == [0.25, -0.5]
    assert fit_cache.read_examples(tmp_path, "another key") is None


class CountingEncoder:
    def __init__(self):
        self.calls = 0

    def encode(self, texts):
        self.calls += len(texts)
        return np.array([[len(t), 1.0] for t in texts], dtype=np.float32)


def test_facet_vectors_are_embedded_once_per_index_folder(tmp_path):
    first = CountingEncoder()
    a = facets.FacetVectors().of(first, ["one facet", "another"], "m", tmp_path)
    second = CountingEncoder()
    b = facets.FacetVectors().of(lambda: second, ["one facet", "another"], "m", tmp_path)  # a new process
    assert first.calls == 2 and second.calls == 0
    np.testing.assert_array_equal(a, b)
    facets.FacetVectors().of(second, ["a third"], "m", tmp_path)
    assert second.calls == 1


def test_a_read_only_index_folder_only_costs_the_refit(tmp_path):
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    fit_cache.write_examples(blocked, "k", [], np.zeros(2))  # no exception
    assert fit_cache.read_examples(blocked, "k") is None
