"""One entry point per use: `preview(page, params, ...)` for the HTML tags, `twin(...)` for the
JSON. Both parse the URL as the page does (states.parse_view), in the collection it names.

`c` (the collection) is resolved by the pages' own resolver (explorer.workspace.access), with the
requesting browser's workspace (from its cookie; None for a crawler or a script): its own
collections, a published token, or the bundled story with the page's notice.
"""

from explorer.links import page_url
from explorer.links.pages import BY_PATH
from explorer.share import preview as previews
from explorer.share import twin as twins
from explorer.share.states import parse_view

COLLECTION = "c"


class ViewError(Exception):
    """A view that has no preview or twin for these parameters; `status` is the HTTP status."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message, self.status = message, status


def resolve_collection(config, params: dict, workspace=None):
    """(collection, notice or None) for the `c` parameter (first value), for a reader with `workspace`."""
    from explorer.workspace.access import resolve

    values = params.get(COLLECTION) or [""]
    name = values[0] if isinstance(values, (list, tuple)) else values
    found, problem = resolve(config, name, workspace)
    return found.collection, problem


def _prepare(page: str, params: dict, source, base: str, workspace=None):
    params = {k: v for k, v in params.items()}
    collection, problem = resolve_collection(source.config(), params, workspace)
    params.pop(COLLECTION, None)
    extra = {COLLECTION: collection.param} if collection.param else {}
    target = None if collection.read_only else collection
    state, notices = parse_view(page, params, source, target)
    url = page_url(base, page, {**state.to_params(), **extra})
    return state, ([problem] if problem else []) + notices, url, target, extra


def _comparison(source, target, state):
    """One document against one reference list, in the collection's story (explorer.analysis.coverage.study)."""
    from explorer.analysis.coverage.study import compare_in_story

    return compare_in_story(source.story(target), source.engine(), source.engine(target), state.doc, state.ref)


def preview(page: str, params: dict, source, base: str, workspace=None) -> previews.Preview:
    """The link preview of the view at `page` with `params` (every value a list, as in a query string)."""
    try:
        state, _, url, target, _ = _prepare(page, params, source, base, workspace)
    except ViewError:
        return previews.page_preview(page, page_url(base, page, {}))
    if page == "search":
        return previews.search_preview(state, source.engine(target), source.documents_by_id(target), url)
    if page == "read":
        return _read_preview(state, source.engine(target), source.documents_by_id(target), url)
    if page == "principles":
        if state.view == "compare":
            return previews.Preview("Compare any document", BY_PATH["principles"].description, url)
        return previews.principles_preview(state, source.principles(), url)
    if page == "timeline":
        story, _, events = source.story_timeline(target)
        return previews.timeline_preview(state, events, url, story.info)
    if page == "claims":
        from explorer.share.claims import claims_preview

        return claims_preview(state, source.story(target), source.engine(target), url)
    return previews.page_preview(page, url, source.story(target).info if page == "" else None)


def _read_preview(state, engine, documents: dict, url: str) -> previews.Preview:
    """A paragraph link unfurls as an opened passage does (its citation's quote, or the labelled
    paraphrase, and its source); a document link as its title and length."""
    from explorer.links.search import SearchState
    from explorer.views.read import document_of, paragraphs

    if state.p:
        return previews.search_preview(SearchState(p=state.p), engine, documents, url)
    rows = paragraphs(engine, document_of(state, engine))
    if not rows:
        return previews.page_preview("read", url)
    return previews.Preview(previews.clip(rows[0].title, previews.TITLE_CHARS),
                            f"Read it whole: {len(rows)} paragraphs, each with a link of its own.", url)


def twin(page: str, params: dict, source, base: str, workspace=None) -> dict:
    """The JSON twin of the view; raises ViewError for a view without one."""
    state, notices, url, target, extra = _prepare(page, params, source, base, workspace)
    if page == "search":
        only = source.entity_index(target).passages_of(state.ent) if state.ent else None
        return twins.search_twin(state, source.engine(target), source.documents_by_id(target), base, url, notices,
                                 extra, vocabulary=source.vocabulary(target), passages=only)
    if page == "read":
        from explorer.views.read import read_data

        return {**twins.envelope(page, url, state, notices), **read_data(state, source.engine(target), base, extra)}
    if page == "entities":
        from explorer.share.entities_twin import entities_twin

        return entities_twin(state, source.entity_index(target), source.engine(target),
                             source.documents_by_id(target), base, url, notices, extra)
    if page == "principles":
        if state.view == "compare" or target is not None or state.doc or "ref" in params:
            return twins.comparison_twin(state, _comparison(source, target, state), url, notices)
        return twins.principles_twin(state, source.principles(), url, notices)
    if page == "timeline":
        story, timeline, events = source.story_timeline(target)
        return twins.timeline_twin(state, events, url, notices, timeline, story)
    if page == "claims":
        from explorer.share.claims import claims_twin

        return claims_twin(state, source.story(target), source.engine(target), base, url, notices, extra)
    if page == "":
        from explorer.views.home import home_data

        story = source.story(target)
        coverage = (lambda: source.principles().comparison.summary()) if any(
            f.get("kind") == "coverage" for f in story.info.findings) else None
        return twins.home_twin(url, state, notices, story, home_data(story, coverage))
    if page == "about":
        from explorer.errors import ExplorerError

        try:
            manifest = source.manifest(target)
        except ExplorerError as problem:
            manifest = problem
        return twins.about_twin(url, state, notices, source.sources(target), manifest)
    return twins.page_twin(page, url, state, notices, BY_PATH[page].title, BY_PATH[page].description)
