"""Sixth pass of the coverage study (BENCHMARKS.md, "how much of a facet's own wording a paragraph
covers"): a pair scored by how much of a facet's particular wording the paragraph covers, word
piece by word piece, with the model's token vectors. Kept so that its figures can be re-run; the
plan and the adoption rule were written before them. Product code does not import this module.

TC: f(k, j) = sum over facet k's content word pieces t of w_t * max_s cos(t, s), divided by the
sum of w_t, s over every word piece of paragraph j; w_t is the IDF of t's word over the
paragraphs of the fitted documents. The pair's score is the best f(k, j) over the item's facets.
Sentences, facets, both tiers and their fits are the method's.

Run: `.venv/bin/python -m explorer.bench.coverage_tokens`, on the index of EXPLORER_INDEX_DIR.
"""

import dataclasses

import numpy as np

from explorer.search.fusion import idf
from explorer.text import STOPWORDS, normalise, tokens


@dataclasses.dataclass(frozen=True)
class Pieces:
    """One text's word pieces: unit vectors (pieces × dimension) and each piece's term (None: a
    stopword, punctuation, or a piece outside any word)."""
    vectors: np.ndarray
    terms: list


class TokenVectors:
    """The model's last-layer vector of each word piece of a text, one forward pass per text, kept
    for the run."""

    def __init__(self, encoder):
        self._model = encoder.model  # the SentenceTransformer
        self._cache: dict[str, Pieces] = {}

    def of(self, text: str) -> Pieces:
        if text not in self._cache:
            self._cache[text] = self._embed(text)
        return self._cache[text]

    def _embed(self, text: str) -> Pieces:
        import torch

        tokenizer = self._model.tokenizer
        batch = tokenizer(text, return_offsets_mapping=True, truncation=True,
                          max_length=self._model.max_seq_length, return_tensors="pt")
        offsets = batch.pop("offset_mapping")[0].tolist()
        with torch.no_grad():
            hidden = self._model[0].auto_model(**batch).last_hidden_state[0].numpy()
        words = tokens(text)
        keep, terms = [], []
        for row, (start, end) in enumerate(offsets):
            if end <= start:  # [CLS], [SEP]
                continue
            word = next((w for w in words if w[1] <= start < w[2]), None)
            term = None
            if word is not None and word[0].lower() not in STOPWORDS:
                term = next((t for t in normalise(word[0]) if t not in STOPWORDS), None)
            keep.append(row)
            terms.append(term)
        vectors = hidden[keep].astype(np.float32)
        vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
        return Pieces(vectors, terms)


def document_frequencies(texts) -> tuple[int, dict[str, int]]:
    """(N, {term: how many of the texts hold it})."""
    from explorer.text import terms_of

    df: dict[str, int] = {}
    texts = list(texts)
    for text in texts:
        for term in set(terms_of(text)):
            df[term] = df.get(term, 0) + 1
    return len(texts), df


def covered(facet: Pieces, paragraph: Pieces, size: int, df: dict[str, int]) -> float:
    """f(k, j): the IDF-weighted mean, over the facet's content word pieces, of each one's best
    cosine with any word piece of the paragraph."""
    rows = [i for i, t in enumerate(facet.terms) if t is not None]
    if not rows or not len(paragraph.vectors):
        return -1.0
    weights = np.array([idf(size, df.get(facet.terms[i], 0)) for i in rows])
    best = (facet.vectors[rows] @ paragraph.vectors.T).max(axis=1)
    return float((weights * best).sum() / weights.sum())


def token_examples(engine) -> list:
    """The bundled story's reviewed examples with every pair scored by TC."""
    from explorer.analysis.coverage import method
    from explorer.bench.coverage_variants import examples_swapping, reviewed_inputs

    inputs = reviewed_inputs(engine)
    fitted_docs = inputs[2]
    size, df = document_frequencies(p.text for p in engine.passages if p.doc in fitted_docs)
    pieces = TokenVectors(engine.encoder)
    original = method.score

    def scored_by_tokens(*args, **kwargs):
        scored = original(*args, **kwargs)
        paragraphs = [pieces.of(p.text) for p in scored.passages]
        scores = np.array([[max(covered(pieces.of(f), par, size, df) for f in facets) for par in paragraphs]
                           for facets in scored.facets]).reshape(len(scored.facets), len(paragraphs))
        return dataclasses.replace(scored, scores=scores)

    return examples_swapping(engine, "score", scored_by_tokens, inputs)


def main() -> None:
    from explorer import settings
    from explorer.bench.coverage_variants import _print_variant, combined_examples
    from explorer.search.engine import Engine

    engine = Engine.open(settings.load())
    _print_variant("in use (best facet × sentence)", combined_examples(engine, "in use"))
    _print_variant("TC (facet words covered)", token_examples(engine))


if __name__ == "__main__":
    main()
