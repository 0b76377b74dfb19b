"""One error boundary (explorer.share.problems) for the pages and the JSON twin: every way a view
can fail ends in the same JSON shape, {"error", "fix", "status"}, with a sentence, the right
status, and no absolute server path.

The twin's routes run in a Starlette app of their own (the served app mounts the same routes),
over a source whose failures are planted: the cases are what the real loaders raise."""

import json
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from explorer.errors import CorpusError, CorruptIndexError, IndexMissingError, IndexNotReady, IndexNotWritableError, \
    StaleIndexError
from explorer.settings import Config
from serving import api, source as serving_source
from tests.share_source import DirectSource

SECRET = "/srv/private-server-folder"


class Failing(DirectSource):
    """A source whose engine and timeline raise `failure` (the way ui.loaders raises)."""

    def __init__(self, engine, config, failure):
        super().__init__(engine)
        self._config, self._failure = config, failure

    def config(self):
        return self._config

    def engine(self, collection=None):
        if self._failure is None:
            return super().engine(collection)
        raise self._failure

    def timeline(self):
        raise self._failure

    def story_timeline(self, collection=None):
        if self._failure is None:
            return super().story_timeline(collection)
        raise self._failure


@pytest.fixture
def api_config(tmp_path):
    return Config(corpus_dir=Path(SECRET) / "corpus", index_dir=tmp_path / "index", collections_dir=tmp_path / "c")


@pytest.fixture
def client_with(engine, monkeypatch, api_config):
    """client_with(failure) -> (TestClient, builds started, config): the API over a failing source."""
    config = api_config
    started = []

    class Job:
        failed, error = False, None

    def start(cfg):
        started.append(cfg)
        return Job()

    from explorer.store import build_job

    monkeypatch.setattr(build_job, "start", start)

    def make(failure):
        monkeypatch.setattr(serving_source, "SOURCE", Failing(engine, config, failure))
        return TestClient(Starlette(routes=api.api_routes()), raise_server_exceptions=False), started, config

    return make


def shape(response) -> dict:
    body = json.loads(response.text)
    assert response.headers["content-type"].startswith("application/json")
    assert set(body) == {"error", "fix", "status"} and body["status"] == response.status_code
    assert body["error"].endswith((".", "?")) and SECRET not in response.text and "Traceback" not in response.text
    return body


def index_fault(kind, config):
    return IndexNotReady(config, kind(f"No usable index in {config.index_dir}/manifest.json.", "Rebuild it."))


@pytest.mark.parametrize("fault", [IndexMissingError, StaleIndexError, CorruptIndexError])
def test_an_index_not_ready_starts_the_build_and_answers_503_with_retry_after(client_with, api_config, fault):
    client, started, config = client_with(index_fault(fault, api_config))
    response = client.get("/api/search?q=egress")
    body = shape(response)
    assert response.status_code == 503 and response.headers["retry-after"].isdigit()
    assert body["error"].startswith("No usable index in index/manifest.json") and "building" in body["fix"]
    assert started == [config]


def test_an_index_that_cannot_be_built_says_why_without_a_retry(client_with, api_config, monkeypatch):
    from explorer.store import build_job

    client, _, config = client_with(index_fault(IndexMissingError, api_config))
    monkeypatch.setattr(build_job, "start", lambda cfg: (_ for _ in ()).throw(
        IndexNotWritableError(f"{cfg.index_dir} is read-only.", "Set EXPLORER_INDEX_DIR to a writable folder.")))
    response = client.get("/api/search?q=egress")
    body = shape(response)
    assert response.status_code == 503 and "retry-after" not in response.headers
    assert body["error"] == "index is read-only." and "EXPLORER_INDEX_DIR" in body["fix"]


def test_a_corpus_fault_names_its_file_relative_to_the_project(client_with):
    client, _, _ = client_with(CorpusError(Path(SECRET) / "corpus" / "timeline.csv", "line 2", "missing date"))
    body = shape(client.get("/api/timeline"))
    assert body["status"] == 503 and body["error"].startswith("corpus/timeline.csv, line 2: missing date")


def test_an_unexpected_failure_is_a_500_sentence_with_no_detail(client_with):
    client, _, _ = client_with(RuntimeError(f"boom in {SECRET}/explorer/engine.py"))
    body = shape(client.get("/api/search?q=x"))
    assert body["status"] == 500 and "boom" not in body["error"]


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE", "TRACE", "CONNECT", "PROPFIND"])
def test_every_method_but_get_head_and_options_is_a_json_405(client_with, method):
    client, _, _ = client_with(None)
    response = client.request(method, "/api/search?q=x")
    assert response.status_code == 405 and response.headers["allow"] == "GET, HEAD, OPTIONS"
    assert shape(response)["error"].startswith(f"{method} is not allowed")


def test_an_unknown_view_and_an_over_long_link(client_with, monkeypatch, tmp_path):
    client, _, _ = client_with(None)
    body = shape(client.get("/api/nowhere"))
    assert body["status"] == 404 and "/api/search" in body["fix"]
    body = shape(client.get("/api/search?q=" + "x" * 20_000))
    assert body["status"] == 414


def test_a_collection_that_cannot_be_read_is_a_sentence(client_with, api_config):
    from explorer.story.collections import CollectionError

    client, _, _ = client_with(CollectionError(f"The collection file {api_config.collections_dir}/desk/collection.json "
                                               "is damaged.", "Remove the folder or restore it."))
    body = shape(client.get("/api/search?q=x"))
    assert body["status"] == 503 and "collections/desk/collection.json" in body["error"]
