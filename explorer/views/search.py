"""The search view's data: the one search it runs for its URL state, and its "did you mean".

The page (ui.search_view) and the JSON twin (explorer.share.twin) both call these, so a link shows
the same hits, the same suggestion and the same opened passage wherever it is opened."""

from explorer.links.search import SearchState
from explorer.search.spelling import suggest


def run(engine, state: SearchState):
    """(result, hits by passage id): exactly the k rows the view shows, under its filters."""
    result = engine.search(state.q, mode=state.mode, k=state.k, doc=state.doc or None, kind=state.kind or None,
                           dates=(state.since, state.until))
    return result, {hit.passage.id: hit for hit in result.hits}


def did_you_mean(state: SearchState, vocabulary) -> str | None:
    """The same query with misspelt words replaced by the nearest words the sources use, or None."""
    if not state.q or vocabulary is None:
        return None
    found = suggest(state.q, vocabulary)
    return found.query if found else None
