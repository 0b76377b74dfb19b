"""One document against one reference list, by the coverage method: facets, pair scores, tiers.

`score(engine, doc_id, reference_set, corpus_dir, encoder)` gives every (item, paragraph) pair
its score (explorer.analysis.coverage.scoring); `decide` turns scores into the two tiers with a
fitted threshold and evidence floor (explorer.analysis.coverage.fitting). The paragraphs' sentence
vectors come from the index (stored for the article and the reference lists; embedded on first
use for other documents); the facets are embedded once per index (facets.SHARED).
"""

from dataclasses import dataclass

import numpy as np

from explorer.analysis.coverage import facets as facet_texts
from explorer.analysis.coverage.scoring import pair_scores, topic_mean

STUDY_KINDS = ("article", "document")


@dataclass
class Scored:
    reference_id: str
    document_id: str
    passages: list  # the studied document's paragraphs (Passages), in order
    items: list  # the reference set's Items
    facets: list[list[str]]  # per item
    written: list[bool]  # per item: facets written for it (False: its own sentences)
    scores: np.ndarray  # items × paragraphs
    sentences: list  # [j]: sentence spans of paragraph j
    best_sentence: np.ndarray  # items × paragraphs: index into sentences[j]

    @property
    def passage_ids(self) -> list[str]:
        return [p.id for p in self.passages]

    @property
    def numbers(self) -> list[int]:
        return [i.number for i in self.items]

    def sentence_span(self, i: int, j: int) -> tuple[int, int] | None:
        spans = self.sentences[j]
        return tuple(spans[int(self.best_sentence[i, j])]) if len(spans) > 1 else None


def study_passages(engine, doc_id: str) -> list:
    return [p for p in engine.passages if p.doc == doc_id and p.kind in STUDY_KINDS]


def item_facets(reference_set, corpus_dir) -> tuple[list[list[str]], list[bool]]:
    written = facet_texts.written_facets(corpus_dir, reference_set.id) if corpus_dir is not None else {}
    out, flags = [], []
    for item in reference_set.items:
        mine = written.get(item.number)
        out.append(mine or facet_texts.own_sentences(item.text))
        flags.append(bool(mine))
    return out, flags


def fitted_topic(engine, documents) -> np.ndarray:
    """The topic every score is centred on: the mean embedding of the documents the fit was made on
    (the reviewed readings' documents and reference lists), so that a score means the same thing
    in every comparison. Centring on the two documents compared instead moved a short document's
    scores far below the fitted threshold."""
    rows = [i for i, p in enumerate(engine.passages) if p.doc in set(documents)]
    vectors = np.asarray(engine.vectors, dtype=np.float32)
    return vectors[rows].mean(axis=0) if rows else np.zeros(vectors.shape[1], np.float32)


def score(engine, doc_id: str, reference_set, corpus_dir, encoder, vectors=facet_texts.SHARED,
          model_id: str = "", mean=None) -> Scored:
    """Every (item, paragraph) score of `doc_id` (a document of `engine`) against the set.

    corpus_dir: where the set's written facets live (the bundled story's corpus for its
    frameworks); encoder: embeds the facets (anything with `encode(list[str])`, or a function
    returning one: called only for a facet not embedded before); mean: the topic
    (fitted_topic), else the mean of the two documents compared."""
    passages = study_passages(engine, doc_id)
    texts, written = item_facets(reference_set, corpus_dir)
    model_id = model_id or engine.manifest.get("model", "")
    index_dir = getattr(getattr(engine, "config", None), "index_dir", None)
    facet_vectors = [vectors.of(encoder, t, model_id, index_dir) for t in texts]
    sentence_data = [engine.sentences_of(p.id) for p in passages]
    rows = {p.id: k for k, p in enumerate(engine.passages)}
    all_vectors = np.asarray(engine.vectors, dtype=np.float32)
    paragraph_vectors = all_vectors[[rows[p.id] for p in passages]] if passages else np.zeros((0, 0), np.float32)
    item_vectors = [i.vector if i.vector is not None else f.mean(axis=0) for i, f in zip(reference_set.items, facet_vectors)]
    if mean is None:  # no fitted topic given: the two documents compared
        mean = topic_mean(paragraph_vectors, np.vstack(item_vectors) if item_vectors else [])
    scores, best = pair_scores(facet_vectors, [np.asarray(v, np.float32) for _, v in sentence_data], mean)
    return Scored(reference_set.id, doc_id, passages, list(reference_set.items), texts, written, scores,
                  [list(s) for s, _ in sentence_data], best)
