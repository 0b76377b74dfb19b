"""The search view's data: the one search it runs for its URL state, its "did you mean", and
what it says about the query itself (only very common words; not English).

The page (ui.search_view) and the JSON twin (explorer.share.twin) both call these, so a link shows
the same hits, the same suggestion, the same notices and the same opened passage wherever it is
opened."""

from dataclasses import dataclass

from explorer.links.search import SearchState
from explorer.search.language import Detection, detect, english_hints
from explorer.search.query import parse_query
from explorer.search.spelling import suggest
from explorer.search.why import common_words_hint

EVIDENCE_HITS = 5  # the keyword hits read to compare a query with its correction


def run(engine, state: SearchState, passages=None):
    """(result, hits by passage id): exactly the k rows the view shows, under its filters
    (`passages`: the ids the entity filter `ent` keeps, None for every passage)."""
    result = engine.search(state.q, mode=state.mode, k=state.k, doc=state.doc or None, kind=state.kind or None,
                           dates=(state.since, state.until), passages=passages)
    return result, {hit.passage.id: hit for hit in result.hits}


def language_of(state: SearchState, vocabulary) -> Detection:
    """The query's language, from the words the sources do not use (see explorer.search.language)."""
    return detect(state.q, known=vocabulary or ())


def did_you_mean(state: SearchState, vocabulary, engine=None) -> str | None:
    """The same query with misspelt words replaced by the nearest words the sources use, or None.

    Never for a correct word (explorer.search.spelling), nor for a word of the other language the
    query is clearly in. With the index at hand (`engine`), offered only when the corrected query
    finds clearly better hits: its best keyword hits hold more of its words than the typed
    query's best hits hold of the typed words."""
    if not state.q or vocabulary is None:
        return None
    language = language_of(state, vocabulary)
    keep = () if language.is_english else _words_of(language.language)
    found = suggest(state.q, vocabulary, keep=keep)
    if found is None:
        return None
    if engine is not None and keyword_evidence(engine, state, found.query) <= keyword_evidence(engine, state, state.q):
        return None
    return found.query


def _words_of(language: str):
    from explorer.search import wordlists

    return wordlists.words(language)


def keyword_evidence(engine, state: SearchState, query: str) -> int:
    """How many of the query's keyword terms the best of its keyword hits holds (under the view's filters)."""
    result = engine.search(query, mode="keyword", k=EVIDENCE_HITS, doc=state.doc or None, kind=state.kind or None,
                           dates=(state.since, state.until))
    return max((len(h.why["matched_terms"]) for h in result.hits), default=0)


@dataclass(frozen=True)
class QueryNotice:
    kind: str  # "common-words" or "language"
    text: str  # the sentence the page shows
    query: str = ""  # a query to try instead ("" when there is none)

    def to_dict(self) -> dict:
        return {"kind": self.kind, "text": self.text, "query": self.query}


def query_notices(state: SearchState, vocabulary) -> list[QueryNotice]:
    """What the view says about the query itself, before its hits."""
    if not state.q:
        return []
    notices = []
    common = common_words_notice(state.q, state.mode)
    if common:
        notices.append(common)
    language = language_of(state, vocabulary)
    if not language.is_english:
        notices.append(language_notice(state.q, vocabulary or {}, language))
    return notices


def common_words_notice(q: str, mode: str) -> QueryNotice | None:
    """A query of only very common words ("said") in the meaning modes; in keyword mode the
    result's own hint says it (explorer.search.why.no_hits_hint), so it is not said twice."""
    if mode == "keyword":
        return None
    text = common_words_hint(parse_query(q), mode)
    return QueryNotice("common-words", text) if text else None


def language_notice(q: str, vocabulary, language: Detection) -> QueryNotice:
    """The query looks like another language: the model and the sources are English."""
    shown = [w for w in language.evidence if w not in vocabulary][:4]
    why = f" (“{'”, “'.join(shown)}”)" if shown else ""
    text = (f"This query looks {language.name}{why}. The model that searches by meaning reads English only, and "
            f"the sources are in English, so a query in another language finds little beyond names.")
    hints = english_hints(q, vocabulary, language)
    if hints.words:
        text += " English words the sources use: " + "; ".join(
            f"“{typed}” → {', '.join(found)}" for typed, found in hints.words) + "."
    if hints.names:
        text += " Names are kept as they are: " + ", ".join(hints.names) + "."
    if not hints.words:
        text += " Try the question in English."
    return QueryNotice("language", text, hints.query)
