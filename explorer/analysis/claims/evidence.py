"""Evidence for claims from the other documents of a collection.

For each claim, the engine's hybrid search runs once per other document (its `doc` filter), so the
document under check never answers itself and no engine change is needed; hybrid scores are on
an absolute 0-1 scale, so the per-document hits can be merged by score. The sentences of the best
passages are then scored by their meaning's closeness to the claim (cosine of the sentence
embeddings the engine keeps or makes), and these are the candidates explorer.analysis.claims.
differences compares the claim with.

Documents of the reviewed kind (the bundled story's fact-checks) are never evidence: they are
what people concluded about the claims, not a source for them.
"""

import numpy as np

from explorer.analysis.claims.differences import Candidate

PASSAGES_PER_CLAIM = 5  # the best passages over all other documents whose sentences are candidates
HITS_PER_DOCUMENT = 3
NOT_EVIDENCE_KINDS = ("factcheck",)


def evidence_documents(engine, doc_id: str) -> list[str]:
    """The documents that can be evidence for a claim of `doc_id`."""
    kinds = {p.doc: p.kind for p in engine.passages}
    return [d for d in engine.document_ids if d != doc_id and kinds.get(d) not in NOT_EVIDENCE_KINDS]


def candidates_for(engine, claims: list[str], doc_id: str) -> list[list[Candidate]]:
    """For each claim text, the sentences of its best evidence passages, closest in meaning first."""
    if not claims:
        return []
    merged: list[dict[str, float]] = [{} for _ in claims]
    for other in evidence_documents(engine, doc_id):
        for i, result in enumerate(engine.search_batch(claims, k=HITS_PER_DOCUMENT, doc=other)):
            for hit in result.hits:
                merged[i][hit.passage.id] = hit.score
    best = [sorted(m, key=lambda pid: -m[pid])[:PASSAGES_PER_CLAIM] for m in merged]
    # one forward pass per claim, as a search query is embedded: batched, a claim's vector (and so
    # its evidence) would depend on the other claims of the batch; these are the search's own
    # vectors, from the encoder's query cache
    claim_vectors = engine.encoder.encode_queries(list(claims))
    out = []
    for vector, passage_ids in zip(claim_vectors, best):
        found = []
        for pid in passage_ids:
            spans, vectors = engine.sentences_of(pid)
            text = engine.passage(pid).text
            scores = np.asarray(vectors, dtype=np.float32) @ np.asarray(vector, dtype=np.float32)
            for (start, end), score in zip(spans, scores.tolist()):
                raw = text[start:end]
                lead = len(raw) - len(raw.lstrip())
                found.append(Candidate(pid, start + lead, start + lead + len(raw.strip()), raw.strip(),
                                       round(float(score), 4)))
        out.append(sorted(found, key=lambda c: -c.similarity))
    return out
