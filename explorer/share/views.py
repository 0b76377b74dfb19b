"""One entry point per use: `preview(page, params, ...)` for the HTML tags, `twin(...)` for the
JSON. Both parse the URL as the page does (states.parse_view), in the collection it names.

`c` (the collection) is resolved as the pages resolve it, except that a browser session's
private collections are not reachable here (a link or an API call has no session): such a link
gets the page's notice and the bundled story.
"""

from explorer.story import collections
from explorer.links import notice, page_url
from explorer.share import preview as previews
from explorer.share import twin as twins
from explorer.share.states import parse_view

COLLECTION = "c"
CURATED = ("timeline",)


class ViewError(Exception):
    """A view that has no preview or twin for these parameters; `status` is the HTTP status."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message, self.status = message, status


def resolve_collection(config, params: dict):
    """(collection, notice or None) for the `c` parameter (first value)."""
    values = params.get(COLLECTION) or [""]
    name = values[0] if isinstance(values, (list, tuple)) else values
    try:
        return collections.resolve(config, name, None), None
    except collections.CollectionError:
        return collections.bundled(config), notice(
            COLLECTION, name, "no collection of that name is here (private collections are visible only in "
            "the browser session that uploaded them)", "the bundled story")


def _prepare(page: str, params: dict, source, base: str):
    params = {k: v for k, v in params.items()}
    collection, problem = resolve_collection(source.config(), params)
    params.pop(COLLECTION, None)
    extra = {} if collection.read_only else {COLLECTION: collection.name}
    target = None if collection.read_only else collection
    if page in CURATED and not collection.read_only:
        raise ViewError(f"The {page} view is curated for the bundled story; the collection “{collection.title}” "
                        f"has no {page} view here. Search it instead: /api/search?c={collection.name}&q=…", 404)
    state, notices = parse_view(page, params, source, target)
    url = page_url(base, page, {**state.to_params(), **extra})
    return state, ([problem] if problem else []) + notices, url, target, extra


def _comparison(source, target, state):
    """One document against one reference list, in the collection's story (explorer.analysis.coverage.study)."""
    from explorer.analysis.coverage.study import compare_in_story
    from explorer.story.model import open_story

    collection = target or collections.bundled(source.config())
    story = open_story(source.config(), collection)
    return compare_in_story(story, source.engine(), source.engine(target), state.doc, state.ref)


def preview(page: str, params: dict, source, base: str) -> previews.Preview:
    """The link preview of the view at `page` with `params` (every value a list, as in a query string)."""
    try:
        state, _, url, target, _ = _prepare(page, params, source, base)
    except ViewError:
        return previews.page_preview(page, page_url(base, page, {}))
    if page == "search":
        return previews.search_preview(state, source.engine(target), source.documents_by_id(target), url)
    if page == "principles":
        if state.view == "compare":
            return previews.Preview("Compare any document · AI Access Principles",
                                    previews.PAGE_TEXT["principles"][1], url)
        return previews.principles_preview(state, source.principles(), url)
    if page == "timeline":
        return previews.timeline_preview(state, source.timeline(), url)
    return previews.page_preview(page, url)


def twin(page: str, params: dict, source, base: str) -> dict:
    """The JSON twin of the view; raises ViewError for a view without one."""
    state, notices, url, target, extra = _prepare(page, params, source, base)
    if page == "search":
        return twins.search_twin(state, source.engine(target), source.documents_by_id(target), base, url, notices,
                                 extra)
    if page == "principles":
        if state.view == "compare" or target is not None or state.doc or "ref" in params:
            return twins.comparison_twin(state, _comparison(source, target, state), url, notices)
        return twins.principles_twin(state, source.principles(), url, notices)
    if page == "timeline":
        return twins.timeline_twin(state, source.timeline(), url, notices)
    if page == "":
        collection = target or collections.bundled(source.config())
        bundled = collection.read_only
        documents = list(source.documents_by_id().values()) if bundled else []
        return twins.home_twin(url, state, notices, collection, documents, source.timeline() if bundled else [],
                               source.principles().coverage if bundled else None)
    if page == "about":
        from explorer.errors import ExplorerError

        try:
            manifest = source.manifest()
        except ExplorerError as problem:
            manifest = problem
        return twins.about_twin(url, state, notices, source.sources(), manifest)
    title, description = previews.PAGE_TEXT[page]
    return twins.page_twin(page, url, state, notices, title, description)
