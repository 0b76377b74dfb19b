"""Which page a request path names, and the app's public base URL, under server.baseUrlPath."""

import streamlit as st

from explorer.links import PAGES


def prefix() -> str:
    """The configured base URL path ("" or "/prefix")."""
    path = (st.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{path}" if path else ""


def relative(path: str) -> str | None:
    """The path without the base URL path, or None when the path is outside it."""
    base = prefix()
    if base and not (path == base or path.startswith(base + "/")):
        return None
    return path[len(base):] or "/"


def page_of(path: str) -> str | None:
    """"" for home, "search" for /search (a trailing slash allowed), None for anything else."""
    rest = relative(path)
    if rest is None:
        return None
    name = rest.strip("/")
    return name if name in PAGES else None


def base_url(request) -> str:
    """scheme://host[:port][/prefix] that links are written with: the configured public URL, or
    the address the client used when its host is allowed, never a forged Host header
    (explorer.links.base)."""
    from explorer.errors import ExplorerError
    from explorer.links.base import public_base
    from explorer.settings import Config
    from serving.source import SOURCE

    try:
        config = SOURCE.config()
    except ExplorerError:  # a bad setting: the page says so; its links fall back to the defaults
        config = Config()
    return public_base(config, request.url.scheme, request.url.netloc,
                       f"{request.scope.get('root_path', '')}{prefix()}")


def query_params(request) -> dict[str, list[str]]:
    """Every value of every parameter, as the pages read them (a repeated one keeps all)."""
    return {name: request.query_params.getlist(name) for name in request.query_params}
