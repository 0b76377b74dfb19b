"""The base URL every link is written with: never what a request's Host header says unchecked.

A permalink, a citation, og:url and the canonical link are read and cached by others (a link
unfurler, a shared cache in front of the app, a journalist's draft), so a request with
`Host: evil.example` must not make them point there. The base is, in order: the configured
public URL (EXPLORER_PUBLIC_URL), the address the request names when its host is allowed
(EXPLORER_ALLOWED_HOSTS), else http://localhost:8501, each with the app's path prefix."""

from urllib.parse import urlsplit

LOCAL = "http://localhost:8501"


def host_name(netloc: str) -> str | None:
    """The host of a Host header or netloc ("Example.org:8501" -> "example.org"), None if malformed."""
    try:
        parts = urlsplit(f"//{netloc}")
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        return None
    if not parts.hostname or parts.username is not None or parts.password is not None:
        return None
    return parts.hostname.lower()


def public_base(config, scheme: str, netloc: str, prefix: str = "") -> str:
    """scheme://host[:port][/prefix] for links (see the module docstring); `prefix` is the
    app's path under its host ("" or "/desk")."""
    if config.public_url:
        return config.public_url.rstrip("/")
    if scheme in ("http", "https") and host_name(netloc) in config.allowed_hosts:
        return f"{scheme}://{netloc}{prefix}".rstrip("/")
    return f"{LOCAL}{prefix}".rstrip("/")
