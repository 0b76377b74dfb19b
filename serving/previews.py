"""Link previews: the HTML Streamlit serves for a page's URL, with tags describing that view.

Streamlit answers every page URL (/, /search, /principles, ...) with the same index.html, whose
title is "Streamlit", and draws the page with JavaScript; crawlers (Slack, X, Mastodon, CMSs)
read only that HTML. This middleware asks Streamlit for the page uncompressed and
unconditionally (it removes Accept-Encoding and the validators from the request), then replaces
the <title> with explorer.share.preview.meta_tags for the view. Everything else passes through
untouched. If the view cannot be described (a missing index, say), the page's plain description
is used: a preview never breaks the app.
"""

import logging

import anyio
from starlette.requests import Request

from explorer.share import preview as previews
from explorer.share import views
from serving import paths

LOG = logging.getLogger(__name__)
DROPPED_REQUEST_HEADERS = {b"accept-encoding", b"if-none-match", b"if-modified-since", b"range", b"if-range"}
DROPPED_RESPONSE_HEADERS = {b"content-length", b"etag", b"last-modified", b"content-encoding", b"accept-ranges"}
TITLE = b"<title>Streamlit</title>"
# A preview that takes longer (the first request of a fresh process may have to load or even
# build the index) falls back to the page's plain description, so neither a link unfurler nor
# the reader waits for it; the load goes on in its worker thread and serves the next request.
PREVIEW_SECONDS = 8.0


def tags_for(page: str, request: Request) -> str:
    """The tags for the view a request asks for (run in a worker thread: it may load the index)."""
    from serving.source import SOURCE
    from serving.workspace import workspace_of

    base = paths.base_url(request)
    try:
        preview = views.preview(page, paths.query_params(request), SOURCE, base, workspace_of(request.scope))
    except Exception:  # a preview must never break the page: fall back to the page's own description
        LOG.exception("link preview failed for %s", request.url.path)
        preview = previews.page_preview(page, f"{base}/{page}")
    return previews.meta_tags(preview)


async def describe(page: str, request: Request) -> str:
    """tags_for in a worker thread, or the page's plain tags after PREVIEW_SECONDS."""
    with anyio.move_on_after(PREVIEW_SECONDS):
        return await anyio.to_thread.run_sync(tags_for, page, request, abandon_on_cancel=True)
    LOG.warning("link preview for %s took over %ss; served the page's plain description", request.url.path,
                PREVIEW_SECONDS)
    return previews.meta_tags(previews.page_preview(page, f"{paths.base_url(request)}/{page}"))


def inject(document: bytes, tags: str) -> bytes:
    """index.html with its title replaced by the tags (or the tags first in <head>)."""
    encoded = tags.encode("utf-8")
    if TITLE in document:
        return document.replace(TITLE, encoded, 1)
    return document.replace(b"<head>", b"<head>\n    " + encoded, 1)


def not_allowed(method: str):
    """A page is only read: any other method (TRACE, DELETE, ...) gets the API's JSON error shape,
    not Streamlit's plain-text 405."""
    from serving.api import error

    return error(405, f"{method[:20]} is not allowed on a page: pages are only read.",
                 "Open the page with GET (a browser does), or ask /api/ for its JSON twin.", {"Allow": "GET, HEAD"})


class PreviewMiddleware:
    """Pure ASGI middleware (so WebSockets and streaming responses are never buffered)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        page = paths.page_of(scope.get("path", "")) if scope["type"] == "http" else None
        if page is not None and scope.get("method") not in ("GET", "HEAD"):
            await not_allowed(scope.get("method", ""))(scope, receive, send)
            return
        if page is None:
            await self.app(scope, receive, send)
            return
        scope = {**scope, "headers": [(k, v) for k, v in scope["headers"] if k.lower() not in DROPPED_REQUEST_HEADERS]}
        start, body = {}, []

        async def capture(message):
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                body.append(message.get("body", b""))
                if not message.get("more_body"):
                    await self._finish(page, scope, start, b"".join(body), send)

        await self.app(scope, receive, capture)

    async def _finish(self, page, scope, start, document, send):
        """Send the response; a page's HTML gets its tags, a fresh length and no validators."""
        headers = start.get("headers") or []
        content_type = dict(headers).get(b"content-type", b"")
        if start.get("status") == 200 and content_type.startswith(b"text/html") and scope["method"] == "GET":
            document = inject(document, await describe(page, Request(scope)))
            headers = [(k, v) for k, v in headers if k.lower() not in DROPPED_RESPONSE_HEADERS]
            headers.append((b"content-length", str(len(document)).encode()))
        await send({**start, "headers": headers})
        await send({"type": "http.response.body", "body": document})
