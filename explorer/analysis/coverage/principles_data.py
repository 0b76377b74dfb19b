"""Everything the principles page shows, computed once per index: coverage, claims, frameworks.

Pure (no streamlit): the app caches one `PrinciplesData` per index build (ui.loaders).
"""

from dataclasses import dataclass

from explorer.analysis.coverage.alignment import align_aspects, claim_checks, frameworks, load_factchecks
from explorer.analysis.coverage.compare import Coverage, Similarity, compute_coverage, principles_document
from explorer.story.corpus import load_corpus


@dataclass(frozen=True)
class PrinciplesData:
    principles_doc: object
    similarity: Similarity
    coverage: Coverage
    aspects: list
    claims: list
    frameworks: list

    @property
    def framework_ids(self) -> list[str]:
        return [d.id for d in self.frameworks]

    def framework(self, doc_id: str):
        return next(d for d in self.frameworks if d.id == doc_id)


def load_principles_data(engine) -> PrinciplesData:
    """Coverage of the 11 principles, the article's aspects and claims, and the other frameworks."""
    corpus_dir = engine.config.corpus_dir
    documents = load_corpus(corpus_dir)
    similarity = Similarity(engine)
    principles_doc = principles_document(documents)
    factchecks = load_factchecks(corpus_dir)
    return PrinciplesData(
        principles_doc=principles_doc, similarity=similarity,
        coverage=compute_coverage(engine, documents, similarity=similarity),
        aspects=align_aspects(engine, principles_doc, factchecks, similarity),
        claims=claim_checks(engine, factchecks), frameworks=frameworks(documents))
