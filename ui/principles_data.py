"""Data and URL state for the principles page: computed once per index, shared read-only."""

from dataclasses import dataclass

import streamlit as st

from explorer.alignment import align_aspects, claim_checks, frameworks, load_factchecks
from explorer.compare import Coverage, Similarity, compute_coverage, principles_document
from explorer.links.principles import PrinciplesState, parse_principles

K_VIEW, K_PRINCIPLE, K_FRAMEWORK = "principles_view", "principles_principle", "principles_framework"
_APPLIED = "_principles_applied"


@dataclass
class PrinciplesData:
    documents: list
    principles_doc: object
    similarity: Similarity
    coverage: Coverage
    factchecks: dict
    aspects: list
    claims: list
    frameworks: list

    @property
    def framework_ids(self) -> list[str]:
        return [d.id for d in self.frameworks]

    def framework(self, doc_id: str):
        return next(d for d in self.frameworks if d.id == doc_id)


@st.cache_resource(show_spinner="Comparing the principles with the article…")
def _load(_engine, fingerprint: str) -> PrinciplesData:
    from explorer import settings
    from explorer.corpus import load_corpus

    corpus_dir = settings.path("corpus_dir")
    documents = load_corpus(corpus_dir)
    sim = Similarity(_engine)
    principles_doc = principles_document(documents)
    factchecks = load_factchecks(corpus_dir)
    return PrinciplesData(
        documents=documents, principles_doc=principles_doc, similarity=sim,
        coverage=compute_coverage(_engine, documents, similarity=sim), factchecks=factchecks,
        aspects=align_aspects(_engine, principles_doc, factchecks, sim), claims=claim_checks(_engine, factchecks),
        frameworks=frameworks(documents))


def principles_data(engine) -> PrinciplesData:
    """Coverage and alignments, computed once per process for this index (manifest fingerprint)."""
    m = engine.manifest
    return _load(engine, f"{m.get('model')}|{m.get('corpus_fingerprint')}|{m.get('built_at')}")


def state_from_url(framework_ids: list[str]) -> tuple[PrinciplesState, list[str]]:
    """Parse the URL; seed the widgets from it when it is new to this session (a shared link)."""
    state, notices = parse_principles(st.query_params.to_dict(), framework_ids)
    fresh = any(k not in st.session_state for k in (K_VIEW, K_PRINCIPLE, K_FRAMEWORK))
    if fresh or st.session_state.get(_APPLIED) != state.to_params():
        st.session_state[K_VIEW] = state.view
        st.session_state[K_PRINCIPLE] = state.principle
        st.session_state[K_FRAMEWORK] = state.framework
        st.session_state[_APPLIED] = state.to_params()
    return state, notices


def state_to_url() -> PrinciplesState:
    """The widgets' state, written back to the URL so the address always reopens this view."""
    state = PrinciplesState(st.session_state[K_PRINCIPLE], st.session_state[K_VIEW], st.session_state[K_FRAMEWORK])
    params = state.to_params()
    if st.query_params.to_dict() != params:
        st.query_params.from_dict(params)
    st.session_state[_APPLIED] = params
    return state
