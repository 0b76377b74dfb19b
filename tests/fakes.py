"""A tiny deterministic stand-in for the embedding model, for index tests that need no torch, and
a planted two-document corpus searched with it."""

import hashlib
import json

import numpy as np


class HashEncoder:
    """Bag-of-words vectors hashed into 64 dimensions: same text, same vector; shared words, closer."""

    name = "hash-encoder"
    dimension = 64
    max_tokens = 256

    def encode(self, texts, batch_size=32):
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in text.lower().split():
                out[i, int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dimension] += 1
        out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)
        return out

    encode_queries = encode

    def count_tokens(self, text):
        return len(text.split())


def planted_engine(root, article: str, records, list_id: str, list_title: str, record_label: str,
                   source_note: str = "Planted for tests."):
    """An Engine over a planted corpus in `root` (with the hash encoder, no model): an article
    (its first line the title) and a numbered list of (title, text) records."""
    from explorer.search.engine import Engine
    from explorer.settings import Config
    from explorer.store.index import build_index, load_index

    corpus, index = root / "corpus", root / "index"
    corpus.mkdir()
    (corpus / "article.txt").write_text(article, encoding="utf-8")
    (corpus / "article.json").write_text(json.dumps({
        "id": "article", "title": "Planted article", "kind": "news article", "source_note": source_note,
        "text_file": "article.txt"}), encoding="utf-8")
    (corpus / "principles.json").write_text(json.dumps({
        "id": list_id, "title": list_title, "kind": "principles", "source_url": "https://example.org",
        "record_label": record_label,
        "records": [{"number": n, "title": title, "text": text, "source_url": f"https://example.org/{n}"}
                    for n, (title, text) in enumerate(records, 1)]}), encoding="utf-8")
    build_index(corpus, index, HashEncoder(), exact_limit=50_000)
    config = Config(model="hash-encoder", quantize=False, corpus_dir=corpus, index_dir=index)
    return Engine(load_index(index, "hash-encoder", corpus), config, HashEncoder())
