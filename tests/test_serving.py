"""The served app (`streamlit run app.py`, an st.App): raw HTML previews and the JSON twin, fetched
with a plain HTTP client from a real server, compared with the CLI's output and the page's rows.

Pinned to the bundled story's ids (article:8, events cma-no-merger-probe, msft-mistral-investment):
the test index every run builds holds the bundled story, and these tests need a passage or event
known to be in it; what they check does not depend on which one.
"""

import json
import subprocess
import sys
import urllib.error
import urllib.request
from urllib.parse import urlencode

import pytest

from explorer.citation import locator_of
from tests.apptest import open_page
from tests.browser.streamlit_server import ROOT, streamlit_server
from tests.test_share import HOSTILE, Tags


@pytest.fixture(scope="module")
def base():
    with streamlit_server() as (url, _process):
        yield url


def fetch(url: str, method: str = "GET", headers: dict | None = None):
    """(status, headers, body text) without raising on an error status."""
    request = urllib.request.Request(url, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=300) as response:
            return response.status, response.headers, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode("utf-8")


def head_tags(base: str, path: str, **params) -> Tags:
    status, headers, body = fetch(f"{base}{path}" + (f"?{urlencode(params)}" if params else ""))
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert '<div id="root"></div>' in body  # still Streamlit's page, with only the head changed
    return Tags(body[: body.index("</head>")])


@pytest.mark.parametrize("path", ["/", "/search", "/principles", "/timeline", "/add", "/about"])
def test_every_page_has_its_own_title_and_card(base, path):
    tags = head_tags(base, path)
    for key in ("og:title", "og:description", "twitter:card", "description"):
        assert tags.meta(key), key
    assert tags.meta("og:url") == base + path
    assert tags.title.startswith(tags.meta("og:title")) and tags.title != "Streamlit"


def test_search_with_an_opened_passage_quotes_it(base, engine):
    passage = engine.passage("article:8")
    tags = head_tags(base, "/search", q="investment", p="article:8")
    assert tags.meta("og:description").startswith(f"{locator_of(passage)}: “{' '.join(passage.text.split())[:40]}")
    assert tags.meta("og:url") == f"{base}/search?q=investment&p=article:8"


def test_a_principle_an_event_and_a_framework_comparison_describe_themselves(base, engine):
    from explorer.story.timeline import load_timeline

    assert "Person's reading:" in head_tags(base, "/principles", principle="7").meta("og:description")
    events = load_timeline(engine.config.timeline_path)
    event = events[events["id"] == "msft-mistral-investment"].iloc[0]
    tags = head_tags(base, "/timeline", event=event["id"])
    assert event["title"] in tags.meta("og:title")
    assert f"Amount as reported: {event['amount_as_reported'][:20]}" in tags.meta("og:description")
    tags = head_tags(base, "/principles", view="frameworks", framework="windows-principles")
    assert "Windows Principles" in tags.meta("og:title")


@pytest.mark.parametrize("text", HOSTILE)
def test_user_text_in_the_url_is_text_in_the_served_html(base, text):
    status, _, body = fetch(f"{base}/search?{urlencode({'q': text})}")
    assert status == 200 and text not in body and "<img" not in body
    tags = Tags(body[: body.index("</head>")])
    assert text in tags.title


def test_a_compressed_request_still_gets_the_tags(base):
    status, headers, body = fetch(f"{base}/timeline?type=regulatory", headers={"Accept-Encoding": "gzip"})
    assert status == 200 and "og:description" in body and headers.get("content-encoding") is None
    assert int(headers["content-length"]) == len(body.encode("utf-8"))


def api(base: str, path: str, **params):
    status, headers, body = fetch(f"{base}/api{path}?{urlencode(params, doseq=True)}")
    return status, headers, json.loads(body)


def cli_search(*args) -> dict:
    result = subprocess.run([sys.executable, "-m", "explorer", "search", *args, "--format", "json"], cwd=ROOT,
                            capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


CONTRACT = ("rank", "id", "doc", "kind", "title", "locator", "text", "score", "principle", "source_url", "why",
            "highlights")


def test_the_search_twin_is_the_clis_json_for_the_same_parameters(base):
    status, headers, twin = api(base, "/search", q="Will Microsoft use developers' data to compete?", k="5",
                                kind="principle,article")
    cli = cli_search("Will Microsoft use developers' data to compete?", "--k", "5", "--kind", "principle,article")
    assert status == 200 and headers["access-control-allow-origin"] == "*"
    for field in ("query", "mode", "k", "doc", "notes", "hint", "key_terms", "index"):
        assert twin[field] == cli[field], field
    assert sorted(twin["kind"]) == sorted(cli["kind"])  # the URL keeps kinds in one canonical order; the CLI as typed
    assert [{f: h[f] for f in CONTRACT} for h in twin["hits"]] == [{f: h[f] for f in CONTRACT} for h in cli["hits"]]
    assert all(h["citation"] and h["permalink"].startswith(base + "/search?p=") for h in twin["hits"])


@pytest.mark.parametrize("params", [{"q": "egress fees", "mode": "keyword", "k": "4"},
                                    {"q": "OpenAI", "mode": "keyword", "kind": "event,bogus", "k": "abc"},
                                    {"q": "data", "mode": "keyword", "from": "2024-03-01", "to": "2024-01-01"}])
def test_the_search_twin_has_the_pages_rows_and_notices(base, params):
    at = open_page("pages/search.py", params)
    assert not at.exception
    page_rows = [b.key.removeprefix("open-") for b in at.button if b.key and b.key.startswith("open-")]
    page_notices = [w.value for w in at.warning]
    _, _, twin = api(base, "/search", **params)
    assert [h["id"] for h in twin["hits"]] == page_rows
    # the page escapes its notices for markdown; the twin's are plain text
    assert [n.replace("\\", "") for n in page_notices] == [n.replace("\\", "") for n in twin["notices"]]


def test_the_timeline_and_principles_twins(base):
    status, _, timeline = api(base, "/timeline", type="regulatory", event="cma-no-merger-probe")
    assert status == 200 and timeline["event"]["id"] == "cma-no-merger-probe"
    assert {e["type"] for e in timeline["events"]} == {"regulatory"} and timeline["count"] == len(timeline["events"])
    status, _, principles = api(base, "/principles", principle="12")
    assert status == 200 and principles["principle"] is None and "from 1 to 11" in principles["notices"][0]


def test_errors_are_json_with_a_status(base):
    status, _, body = api(base, "/nowhere")
    assert status == 404 and body["status"] == 404 and "/api/search" in body["fix"]
    status, _, body = fetch(f"{base}/api/search?q=x", method="POST")
    assert status == 405 and json.loads(body)["error"].startswith("POST is not allowed")
    status, _, body = fetch(f"{base}/api/search?q=" + "x" * 20_000)
    assert status == 414 and "limit" in json.loads(body)["error"]
    status, _, body = api(base, "/timeline", c="nobody-has-this")
    assert status == 200 and "no collection of that name" in body["notices"][0]


def test_a_cors_preflight_is_answered_for_get_only(base):
    status, headers, _ = fetch(f"{base}/api/search", method="OPTIONS",
                               headers={"Origin": "https://desk.example", "Access-Control-Request-Method": "GET"})
    assert status == 204 and headers["access-control-allow-origin"] == "*"
    assert headers["access-control-allow-methods"] == "GET, HEAD, OPTIONS"


def test_the_home_and_about_twins(base):
    status, _, home = api(base, "/")
    passages = {m["label"]: m["value"] for m in home["at_a_glance"]}["Passages"]
    assert status == 200 and home["view"] == "home" and passages > 0
    status, _, about = api(base, "/about")
    assert status == 200 and about["index"]["passage_count"] == passages


def test_a_slow_preview_falls_back_to_the_pages_description(monkeypatch):
    import threading
    import time

    import anyio
    from starlette.requests import Request

    from serving import previews

    monkeypatch.setattr(previews, "PREVIEW_SECONDS", 0.2)
    monkeypatch.setattr(previews, "tags_for", lambda page, request: time.sleep(3) or "never")
    request = Request({"type": "http", "method": "GET", "scheme": "http", "server": ("h", 80), "path": "/timeline",
                       "root_path": "", "query_string": b"event=x", "headers": [(b"host", b"h")]})
    started = time.monotonic()
    found = {}  # in a thread of its own: the browser tests' Playwright keeps an event loop in this one
    worker = threading.Thread(target=lambda: found.update(tags=anyio.run(previews.describe, "timeline", request)))
    worker.start()
    worker.join()
    tags = found["tags"]
    assert time.monotonic() - started < 2
    from explorer.links.pages import BY_PATH

    assert Tags(tags).meta("og:title") == BY_PATH["timeline"].title  # the page's own title, not the event's
