"""Each page's URL parsed exactly as the page parses it: (state, notices) for a page path.

The page and this module call the same parsers (explorer.links) with the same inputs (the
engine's documents and passages, the timeline's ids and date range, the principles page's
frameworks, documents and reference sets), so a link means the same view everywhere.
"""

from explorer.links import PAGES
from explorer.links.principles import parse_principles, story_choices
from explorer.links.search import parse_search
from explorer.links.timeline import parse_timeline

FRAMEWORK_KIND = "framework"


class EmptyState:
    """The state of a page without parameters (home, add, about): a stray parameter is dropped."""

    def to_params(self) -> dict:
        return {}


def parse_view(page: str, params: dict, source, collection=None):
    """(state, notices) for `page` ("" is home) from its query parameters (lists of values)."""
    if page not in PAGES:
        raise ValueError(f"unknown page {page!r}")
    if page == "search":
        engine = source.engine(collection)
        return parse_search(params, engine.document_ids, engine.has_passage, source.config().max_query_chars,
                            lambda e: source.entity_index(collection).get(e) is not None)
    if page == "read":
        from explorer.views.read import parse as parse_read

        return parse_read(params, source.engine(collection))
    if page == "entities":
        from explorer.links.entities import parse_entities

        return parse_entities(params, source.entity_index(collection).get)
    if page == "principles":
        framework_ids = [d.id for d in source.documents_by_id().values() if d.kind == FRAMEWORK_KIND]
        documents, sets = source.reference_choices(collection)
        return parse_principles(params, framework_ids, [d for d, _ in documents], [s.id for s in sets],
                                **story_choices(source.story(collection)))
    if page == "timeline":
        from explorer.analysis.events.frame import ALL_TYPES, bounds

        _, timeline, events = source.story_timeline(collection)
        low, high = bounds(events)
        ids = set(events["id"]) | {e["id"] for e in timeline.events + timeline.rejected}
        return parse_timeline(params, types=ALL_TYPES, event_ids=ids, low=low, high=high)
    if page == "claims":
        from explorer.share.claims import parse_view as parse_claims_view

        return parse_claims_view(params, source.story(collection), source.engine(collection))
    return EmptyState(), []
