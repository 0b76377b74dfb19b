"""A tiny deterministic stand-in for the embedding model, for index tests that need no torch."""

import hashlib

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
