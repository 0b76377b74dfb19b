"""The workspace cookie: issued, refreshed and redeemed here, in the ASGI middleware, because
Streamlit has no public API for a page to write a cookie. Pages read it (st.context.cookies).

On every page request (the HTML of /, /search, ...):
- a cookie that opens a live workspace is refreshed (its Max-Age starts again);
- a cookie issued here that no browser session has used yet is kept as it is;
- anything else (no cookie, a malformed one, an expired or deleted workspace's one) gets a new
  secret: never someone else's. No workspace row is written here: the page's session makes it
  when it first runs (ui.workspace.current, explorer.workspace.workspaces.adopt), so a crawler
  or a link-preview bot, which fetches the HTML and runs no script, leaves nothing behind;
- `?workspace=SECRET` (the secret link of explorer.workspace.workspaces) gives this browser a cookie
  of that workspace, then redirects to the same address without the secret, so it stays in neither
  the address bar nor the history. A revoked or unknown link redirects with `workspace=refused`,
  which the page explains.

The cookie is HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site subrequests or
posts) and Secure when the request came over HTTPS. Writes go through Streamlit's WebSocket, which
keeps its own XSRF protection. Idle workspaces are swept now and then from here too.
"""

import logging
import threading
import time
from http.cookies import SimpleCookie
from urllib.parse import parse_qsl, urlencode

import anyio

from serving import paths

LOG = logging.getLogger(__name__)
REFUSED = "refused"
SWEEP_EVERY_SECONDS = 3600
_last_sweep = [0.0]
_sweep_lock = threading.Lock()


def cookies_of(scope) -> dict[str, str]:
    jar = SimpleCookie()
    for name, value in scope.get("headers") or []:
        if name.lower() == b"cookie":
            try:
                jar.load(value.decode("latin-1"))
            except Exception:  # a malformed Cookie header is no cookie
                continue
    return {key: morsel.value for key, morsel in jar.items()}


def workspace_of(scope):
    """The live workspace a request's cookie opens, or None (the API and previews call this)."""
    from explorer.workspace import workspaces

    secret = cookies_of(scope).get(workspaces.COOKIE)
    if not secret:
        return None
    config, database = _config_and_database()
    return workspaces.find(database, secret, config.workspace_ttl_days)


def _config_and_database():
    from explorer.story.database import open_database
    from ui import loaders

    config = loaders.config()
    return config, open_database(config.database)


def set_cookie_header(secret: str, scope, ttl_days: int) -> tuple[bytes, bytes]:
    from explorer.workspace.workspaces import COOKIE

    secure = scope.get("scheme") == "https" or _header(scope, b"x-forwarded-proto") == "https"
    value = (f"{COOKIE}={secret}; Path={paths.prefix() or '/'}; Max-Age={ttl_days * 86400}; HttpOnly; SameSite=Lax"
             + ("; Secure" if secure else ""))
    return b"set-cookie", value.encode("latin-1")


def _header(scope, name: bytes) -> str:
    return next((v.decode("latin-1").strip().lower() for k, v in scope.get("headers") or [] if k.lower() == name), "")


def _decide(scope) -> tuple[str | None, str | None]:
    """(cookie secret to set or None, redirect location or None) for one page request (a worker thread)."""
    from explorer.workspace import workspaces

    config, database = _config_and_database()
    query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
    link = next((v for k, v in query if k == workspaces.LINK_PARAM), None)
    if link is not None and link != REFUSED:
        rest = [(k, v) for k, v in query if k != workspaces.LINK_PARAM]
        redeemed = workspaces.redeem_link(database, link, config.workspace_ttl_days)
        if redeemed is None:
            rest.append((workspaces.LINK_PARAM, REFUSED))
        page = paths.page_of(scope.get("path", "/")) or ""
        location = f"{scope.get('root_path', '')}{paths.prefix()}/{page}" + (f"?{urlencode(rest)}" if rest else "")
        return (redeemed[1] if redeemed else None), location
    secret = cookies_of(scope).get(workspaces.COOKIE)
    if secret and workspaces.find(database, secret, config.workspace_ttl_days) is not None:
        return secret, None
    if workspaces.well_formed(secret) and not workspaces.known(database, secret):
        return secret, None  # issued earlier, not used by a browser session yet: kept, still no row
    _maybe_sweep(config, database)
    return workspaces.new_secret(), None  # the row is made when a browser session first uses it


def _maybe_sweep(config, database) -> None:
    from explorer.workspace import workspaces

    with _sweep_lock:
        if time.monotonic() - _last_sweep[0] < SWEEP_EVERY_SECONDS and _last_sweep[0]:
            return
        _last_sweep[0] = time.monotonic()
    try:
        gone = workspaces.sweep(database, config.collections_dir, config.workspace_ttl_days)
        if gone:
            LOG.info("swept %d idle workspaces", len(gone))
    except Exception:  # a failed sweep must not keep a reader out; the next one retries
        LOG.exception("workspace sweep failed")


class WorkspaceMiddleware:
    """Pure ASGI: only page requests are touched (a Set-Cookie header, or a redirect)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope.get("method") not in ("GET", "HEAD") or \
                paths.page_of(scope.get("path", "")) is None:
            await self.app(scope, receive, send)
            return
        try:
            secret, location = await anyio.to_thread.run_sync(_decide, scope)
        except Exception:  # no database: the page still opens (and says why it cannot keep work)
            LOG.exception("workspace cookie could not be issued")
            await self.app(scope, receive, send)
            return
        from ui import loaders

        cookie = set_cookie_header(secret, scope, loaders.config().workspace_ttl_days) if secret else None
        if location is not None:
            headers = [(b"location", location.encode("latin-1")), (b"cache-control", b"no-store"),
                       (b"referrer-policy", b"no-referrer")] + ([cookie] if cookie else [])
            await send({"type": "http.response.start", "status": 303, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return

        async def with_cookie(message):
            if message["type"] == "http.response.start" and cookie:
                message = {**message, "headers": [*(message.get("headers") or []), cookie]}
            await send(message)

        await self.app(scope, receive, with_cookie)
