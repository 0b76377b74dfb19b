"""The JSON twin of every view: GET /api/<page>?<the page's own parameters>.

`/api/search?q=egress+fees&k=3` returns what /search?q=egress+fees&k=3 shows (see
explorer.share.twin for each payload). Read-only (GET and HEAD; OPTIONS answers a CORS
preflight; any other method, TRACE and CONNECT included, is a JSON 405), open to any origin for
GET (without credentials: a browser's workspace cookie counts only on the app's own origin, so another
site cannot read a reader's private collections through it), with the page's limits (k from 1 to 50, the query at most EXPLORER_MAX_QUERY_CHARS
characters: a longer one is cut with the page's notice) and a cap on the whole query string.

Errors go through the one error boundary the pages use (explorer.share.problems):
{"error": <sentence>, "fix": <sentence or null>, "status": <code>}, files named relative to the
project. An index that is missing, stale or damaged starts the one background build the pages
start (explorer.store.build_job) and answers 503 with the loader's sentence and Retry-After.
"""

import json
import logging

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from explorer.errors import ExplorerError, IndexNotReady
from explorer.links import PAGES
from explorer.share import problems, views
from serving import paths

LOG = logging.getLogger(__name__)
PREFIX = "/api"
CORS = {"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
        "Access-Control-Allow-Headers": "Accept, Content-Type", "Access-Control-Max-Age": "86400"}
READ = ("GET", "HEAD")
# A query string longer than this cannot be a view (the query itself is at most a few thousand
# characters once encoded); it is refused before any parsing.
MAX_QUERY_STRING = 16_384


class JSON(Response):
    """JSON as the CLI prints it (UTF-8, not ASCII-escaped), with CORS headers for GET."""

    media_type = "application/json"

    def __init__(self, content, status_code: int = 200, headers: dict | None = None):
        super().__init__(content, status_code, {**CORS, **(headers or {})})

    def render(self, content) -> bytes:
        return json.dumps(content, ensure_ascii=False, default=str).encode("utf-8")


def error(status: int, message: str, fix: str | None = None, headers: dict | None = None) -> JSON:
    return answer(problems.Problem(status, message, fix or ""), headers)


def answer(problem: problems.Problem, headers: dict | None = None) -> JSON:
    retry = {"Retry-After": str(problem.retry_after)} if problem.retry_after else {}
    return JSON(problem.to_dict(), problem.status, {**retry, **(headers or {})})


def twin(request):
    """One view as JSON (run in a worker thread: searches block)."""
    if request.method == "OPTIONS":
        return Response(status_code=204, headers=CORS)
    if request.method not in READ:
        return error(405, f"{request.method[:20]} is not allowed: the API is read-only.", "Use GET.",
                     {"Allow": "GET, HEAD, OPTIONS"})
    page = request.path_params.get("page", "").strip("/")
    if page not in PAGES:
        listed = ", ".join(f"{PREFIX}/{p}" for p in PAGES)
        return error(404, f"There is no view named '{page[:40]}'.", f"The views are: {listed}.")
    if len(request.url.query) > MAX_QUERY_STRING:
        return error(414, f"The query string is {len(request.url.query):,} characters long; the limit is "
                          f"{MAX_QUERY_STRING:,}.", "Shorten the query (q) or drop repeated parameters.")
    from serving.source import SOURCE
    from serving.workspace import workspace_of

    try:
        payload = views.twin(page, paths.query_params(request), SOURCE, paths.base_url(request),
                             workspace_of(request.scope))
    except Exception as failure:  # noqa: BLE001 - the one error boundary: every failure gets its sentence
        return answer(problem_of(failure, request))
    return JSON(payload)


def problem_of(failure: Exception, request) -> problems.Problem:
    """What the client is told (explorer.share.problems), after starting the index build when the
    failure is an index not ready; an untyped failure's traceback goes to the log."""
    if isinstance(failure, IndexNotReady):
        failure = building(failure)
    elif not isinstance(failure, (ExplorerError, views.ViewError)):
        LOG.exception("JSON twin failed for %s", request.url.path)
    return problems.problem_of(failure, _config())


def building(problem: IndexNotReady) -> ExplorerError:
    """Start (or join) the one background build, as a page would (ui.building): the IndexNotReady
    itself while the build runs, or why it cannot run (a read-only folder, the build's own error)."""
    from explorer.store import build_job

    try:
        job = build_job.start(problem.config)
    except ExplorerError as cannot:
        return cannot
    return job.error if job.failed else problem


def _config():
    from serving.source import SOURCE

    try:
        return SOURCE.config()
    except ExplorerError:  # a bad setting: no folder is known
        return None


class TwinEndpoint:
    """The twin as a plain ASGI app, so that its Route takes every method (Starlette answers a
    method a function route does not list with a plain-text 405, not the API's JSON)."""

    async def __call__(self, scope, receive, send):
        request = Request(scope, receive)
        response = await run_in_threadpool(twin, request)
        await response(scope, receive, send)


def api_routes() -> list:
    endpoint = TwinEndpoint()
    return [Route(PREFIX, endpoint), Route(PREFIX + "/{page:path}", endpoint)]
