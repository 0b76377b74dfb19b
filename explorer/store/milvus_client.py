"""Connections to Milvus: a server by its http(s) URI, or a Milvus Lite file that pymilvus serves
from inside this process (any path ending in .db). A Lite file's server runs as long as some
store uses the file; the last `release` stops it, so the file is free for another process.
"""

import os
import re
import threading

from explorer.errors import ExplorerError


def is_lite(uri: str) -> bool:
    """A Milvus Lite file (pymilvus serves any path ending in .db from this process)."""
    return not re.match(r"^https?://", uri)


_lite_users: dict[str, int] = {}
_lite_lock = threading.Lock()


def connect(uri: str):
    """A MilvusClient for `uri`; ExplorerError (credentials left out) when it cannot be had."""
    from pymilvus import MilvusClient

    if is_lite(uri):
        if not uri.endswith(".db"):
            raise ExplorerError(f"Milvus Lite needs a file name ending in .db, not {uri!r}.",
                                "Name a file like /data/explorer.db.")
        if not os.path.isdir(os.path.dirname(os.path.abspath(uri))):
            raise ExplorerError(f"The folder of the Milvus Lite file {uri!r} does not exist.", "Create it first.")
    try:
        client = MilvusClient(uri)
    except Exception as error:
        raise store_error(error, uri, "connect") from error
    if is_lite(uri):
        with _lite_lock:
            key = os.path.abspath(uri)
            _lite_users[key] = _lite_users.get(key, 0) + 1
    return client


def release(client, uri: str) -> None:
    """Close the client; stop the Milvus Lite server of this file when no store uses it."""
    client.close()
    if not is_lite(uri):
        return
    key = os.path.abspath(uri)
    with _lite_lock:
        _lite_users[key] = _lite_users.get(key, 1) - 1
        last = _lite_users[key] <= 0
        if last:
            del _lite_users[key]
    if last:
        from milvus_lite.server_manager import server_manager_instance

        server_manager_instance.release_server(key)


def shown(uri: str) -> str:
    """The URI without credentials, for messages."""
    return re.sub(r"//[^/@]*@", "//", uri)


def store_error(error: Exception, uri: str, doing: str) -> ExplorerError:
    """Milvus' own message, with the URI (no credentials) and what to check."""
    message = getattr(error, "message", None) or str(error)
    return ExplorerError(f"Milvus at {shown(uri)} could not {doing}: {message.strip().rstrip('.')}.",
                         "Check EXPLORER_STORE and that the Milvus server is running.")
