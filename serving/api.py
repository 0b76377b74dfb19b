"""The JSON twin of every view: GET /api/<page>?<the page's own parameters>.

`/api/search?q=egress+fees&k=3` returns what /search?q=egress+fees&k=3 shows (see
explorer.share.twin for each payload). Read-only (GET and HEAD; OPTIONS answers a CORS
preflight; anything else is 405), open to any origin for GET (without credentials: a browser's workspace cookie counts only on the
app's own origin, so another site cannot read a reader's private collections through it), with the page's limits (k from 1
to 50, the query at most EXPLORER_MAX_QUERY_CHARS characters: a longer one is dropped with the
page's notice) and a cap on the whole query string. Errors are JSON too:
{"error": <sentence>, "fix": <sentence or null>, "status": <code>}, with the same messages the
pages and the CLI give.
"""

import json
import logging

from starlette.responses import Response
from starlette.routing import Route

from explorer.errors import ExplorerError
from explorer.links import PAGES
from explorer.share import views
from serving import paths

LOG = logging.getLogger(__name__)
PREFIX = "/api"
CORS = {"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
        "Access-Control-Allow-Headers": "Accept, Content-Type", "Access-Control-Max-Age": "86400"}
READ = ("GET", "HEAD")
ALL_METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"]
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
    return JSON({"error": message, "fix": fix, "status": status}, status, headers)


def twin(request):
    """One view as JSON (a sync endpoint: Starlette runs it in a worker thread, searches block)."""
    if request.method == "OPTIONS":
        return Response(status_code=204, headers=CORS)
    if request.method not in READ:
        return error(405, f"{request.method} is not allowed: the API is read-only.", "Use GET.",
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
    except views.ViewError as problem:
        return error(problem.status, problem.message)
    except ExplorerError as problem:
        return error(503, problem.problem, problem.fix)
    except Exception:  # the client gets a sentence, the log gets the traceback
        LOG.exception("JSON twin failed for %s", request.url)
        return error(500, "The server could not build this view.", "Try again; if it persists, tell the operator.")
    return JSON(payload)


def api_routes() -> list:
    return [Route(PREFIX, twin, methods=ALL_METHODS),
            Route(PREFIX + "/{page:path}", twin, methods=ALL_METHODS)]
