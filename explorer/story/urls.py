"""How a source URL is named to a reader."""

from urllib.parse import urlsplit


def domain(url: str) -> str:
    """The web domain a reader recognises: host without "www." (the URL itself if it has none)."""
    host = urlsplit(str(url).strip()).hostname or ""
    return host.rstrip(".").removeprefix("www.") or str(url)
