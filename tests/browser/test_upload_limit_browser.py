"""The server itself refuses a file over EXPLORER_MAX_FILE_MB, not only the browser's widget: a
real session's upload request, replayed with a body over the limit, is refused by the server
(before, `server.maxUploadSize = 200` let three 120 MB files in with a session's own ids)."""

import pytest

from explorer.settings import Config
from tests.browser.conftest import open_app

UPLOADER = '[data-testid="stFileUploaderDropzoneInput"]'


def _status(page, url: str, headers: dict, megabytes: float) -> str:
    body = {"file": {"name": "big.txt", "mimeType": "text/plain", "buffer": b"x" * int(megabytes * 2**20)}}
    try:
        return str(page.request.put(url, headers=headers, multipart=body, timeout=120_000).status)
    except Exception as error:  # noqa: BLE001 - the server may close the connection mid-body
        return f"refused ({type(error).__name__})"


def test_a_file_over_the_limit_is_refused_by_the_server_with_a_real_sessions_ids(server, page, tmp_path):
    open_app(page, f"{server}/add")
    uploads = []
    page.on("request", lambda request: uploads.append(request) if "/upload_file/" in request.url else None)
    small = tmp_path / "small.txt"
    small.write_text("An invented note about the harbour board.")
    page.set_input_files(UPLOADER, str(small))
    page.wait_for_timeout(3000)
    assert uploads, "the page sent no upload request"
    request = uploads[0]
    headers = {k: v for k, v in request.headers.items() if k.lower() in ("x-xsrftoken", "cookie")}
    limit = Config().max_file_mb
    assert _status(page, request.url, headers, 1).startswith("2"), "a small file with the session's ids was refused"
    over = _status(page, request.url, headers, limit + 1)
    assert not over.startswith("2"), f"the server accepted a {limit + 1} MB file"
