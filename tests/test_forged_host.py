"""A request's Host header never writes the links: og:url, the canonical link, and every
permalink and citation of /api/search use the configured public URL (EXPLORER_PUBLIC_URL), or
the request's own address only when its host is allowed (EXPLORER_ALLOWED_HOSTS).

Pinned to the bundled story's ids (article:8): the test index every run builds holds the bundled
story, and these tests need a passage or event known to be in it; what they check does not depend on
which one.
"""

import json

import pytest
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.responses import HTMLResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from explorer import settings
from explorer.links.base import LOCAL, host_name, public_base
from serving import api, source as serving_source
from serving.previews import PreviewMiddleware
from tests.share_source import DirectSource
from tests.test_share import Tags

DEFAULT = settings.load({})
PUBLIC = settings.load({"EXPLORER_PUBLIC_URL": "https://explorer.example.org/desk/"})


@pytest.mark.parametrize("config, scheme, netloc, expected", [
    (DEFAULT, "http", "localhost:8501", "http://localhost:8501"),
    (DEFAULT, "http", "127.0.0.1:8777", "http://127.0.0.1:8777"),
    (DEFAULT, "http", "LOCALHOST:8501", "http://LOCALHOST:8501"),
    (DEFAULT, "http", "evil.example", LOCAL),
    (DEFAULT, "https", "evil.example:443", LOCAL),
    (DEFAULT, "http", "localhost@evil.example", LOCAL),
    (DEFAULT, "http", "localhost:notaport", LOCAL),
    (DEFAULT, "javascript", "localhost", LOCAL),
    (PUBLIC, "http", "evil.example", "https://explorer.example.org/desk"),
    (PUBLIC, "http", "localhost:8501", "https://explorer.example.org/desk"),
    (settings.load({"EXPLORER_ALLOWED_HOSTS": "news.example, Desk.Example"}), "https", "desk.example",
     "https://desk.example"),
    (settings.load({"EXPLORER_ALLOWED_HOSTS": "news.example"}), "http", "localhost:8501", LOCAL),
])
def test_links_use_the_public_url_or_an_allowed_host_only(config, scheme, netloc, expected):
    assert public_base(config, scheme, netloc) == expected


def test_a_prefix_follows_the_base():
    assert public_base(DEFAULT, "http", "evil.example", "/desk") == LOCAL + "/desk"


@pytest.mark.parametrize("value", ["explorer.example.org", "ftp://x.example", "https://", "https://x.example/?a=1",
                                   "https://x.example/a b"])
def test_a_public_url_that_is_not_an_http_address_is_refused_when_read(value):
    with pytest.raises(settings.ExplorerError, match="EXPLORER_PUBLIC_URL"):
        settings.load({"EXPLORER_PUBLIC_URL": value})


def test_host_names_are_read_without_port_or_case():
    assert host_name("Example.ORG:8501") == "example.org" and host_name("[::1]:80") == "::1"
    assert host_name("a@b.example") is None and host_name("x:99999999") is None


class Configured(DirectSource):
    def __init__(self, engine, config):
        super().__init__(engine)
        self._config = config

    def config(self):
        return self._config


def streamlit_index(request):
    return HTMLResponse("<html><head><title>Streamlit</title></head><body><div id=\"root\"></div></body></html>")


@pytest.fixture(params=[DEFAULT, PUBLIC], ids=["default", "public-url"])
def served(request, engine, monkeypatch):
    """A client of the API routes and the preview middleware (over a stand-in for Streamlit's
    index.html) configured as the parameter says, and the base its links must use."""
    config = request.param.__class__(**{**request.param.__dict__, "index_dir": engine.config.index_dir,
                                        "corpus_dir": engine.config.corpus_dir})
    monkeypatch.setattr(serving_source, "SOURCE", Configured(engine, config))
    app = Starlette(routes=[*api.api_routes(), Route("/search", streamlit_index)],
                    middleware=[Middleware(PreviewMiddleware)])
    return TestClient(app, base_url="http://evil.example"), public_base(config, "http", "evil.example")


def test_a_forged_host_writes_no_link_in_the_search_twin(served):
    client, base = served
    body = json.loads(client.get("/api/search?q=egress+fees&k=3&p=article:8").text)
    assert body["hits"] and "evil.example" not in json.dumps(body)
    assert body["url"].startswith(base + "/search?")
    assert all(h["permalink"].startswith(base + "/search?p=") and base + "/search?p=" in h["citation"]
               for h in body["hits"])
    assert "evil.example" not in body["passage"]["citation"]


def test_a_forged_host_writes_no_link_in_the_preview(served):
    client, base = served
    page = client.get("/search?q=egress", headers={"Host": "evil.example"}).text
    tags = Tags(page[: page.index("</head>")])
    canonical = next(a["href"] for t, a in tags.elements if t == "link" and a.get("rel") == "canonical")
    assert tags.meta("og:url") == canonical == base + "/search?q=egress"
    assert "evil.example" not in page


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "TRACE", "OPTIONS", "PROPFIND"])
def test_a_page_answers_any_method_but_get_and_head_with_the_json_error_shape(served, method):
    client, _ = served
    response = client.request(method, "/search?q=x")
    body = json.loads(response.text)
    assert response.status_code == 405 and response.headers["allow"] == "GET, HEAD"
    assert body["status"] == 405 and body["error"].startswith(f"{method} is not allowed") and body["fix"]
    assert client.get("/search?q=x").status_code == 200
