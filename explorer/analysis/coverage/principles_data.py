"""Everything the principles page shows beside "compare a document", computed once per index:
the comparison of the document a story's reviewer read against its principles (by the coverage
method, the same call as `compare --doc --ref` and the compare view), the aspects and claims of
its fact-checks, and its frameworks.

Pure (no streamlit): the app caches one `PrinciplesData` per index build (ui.loaders).
"""

from dataclasses import dataclass

from explorer.analysis.coverage import readings, study
from explorer.analysis.coverage.alignment import (
    PRINCIPLES,
    Similarity,
    align_aspects,
    claim_checks,
    frameworks,
    load_factchecks,
)
from explorer.story.corpus import load_corpus


@dataclass(frozen=True)
class PrinciplesData:
    principles_doc: object
    comparison: object  # report.Comparison of the reviewed document against the principles
    similarity: Similarity
    aspects: list
    claims: list
    frameworks: list

    @property
    def framework_ids(self) -> list[str]:
        return [d.id for d in self.frameworks]

    def framework(self, doc_id: str):
        return next(d for d in self.frameworks if d.id == doc_id)


def principles_document(documents):
    return next(d for d in documents if d.id == PRINCIPLES)


def reviewed_document(corpus_dir) -> str | None:
    """The document a shipped complete reading read against the principles (None: there is none)."""
    return next((r.document for r in readings.shipped_readings(corpus_dir) if r.reference == PRINCIPLES), None)


def load_principles_data(engine, story=None) -> PrinciplesData:
    corpus_dir = engine.config.corpus_dir
    documents = load_corpus(corpus_dir)
    document = reviewed_document(corpus_dir)
    comparison = study.compare_in_story(story, engine, engine, document, PRINCIPLES)
    factchecks = load_factchecks(corpus_dir)
    return PrinciplesData(
        principles_doc=principles_document(documents), comparison=comparison,
        similarity=Similarity(engine, (document, PRINCIPLES)),
        aspects=align_aspects(engine, factchecks, comparison),
        claims=claim_checks(engine, factchecks), frameworks=frameworks(documents))
