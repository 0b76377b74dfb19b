"""The workspace cookie as the served app sets it (a real `streamlit run app.py`, a plain HTTP
client): HttpOnly, SameSite=Lax, 256 random bits, Secure over HTTPS; a live cookie is kept, a
malformed one is replaced, and none makes a workspace until a browser session uses it (a crawler
leaves nothing behind); a secret link gives a device its own cookie of the
workspace and leaves the address without the secret; a revoked link is refused; /api/ with c=
reads a collection for its own workspace's cookie only."""

import http.client
from urllib.parse import urlsplit

import pytest

from tests.browser.streamlit_server import streamlit_server


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    collections_dir = tmp_path_factory.mktemp("workspace-serving") / "collections"
    with streamlit_server({"EXPLORER_COLLECTIONS_DIR": str(collections_dir)}) as (base, _process):
        yield base, collections_dir


def get(base: str, path: str, cookie: str | None = None, headers: dict | None = None):
    """(status, headers as a list of (name, value), body) without following redirects."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
    connection.request("GET", path, headers={**({"Cookie": f"explorer_workspace={cookie}"} if cookie else {}),
                                             **(headers or {})})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, response.getheaders(), body


def issued(headers) -> str | None:
    """The workspace cookie a response sets (its whole Set-Cookie line), or None."""
    return next((v for k, v in headers if k.lower() == "set-cookie" and v.startswith("explorer_workspace=")), None)


def secret_of(line: str) -> str:
    return line.split(";", 1)[0].split("=", 1)[1]


def test_a_page_sets_an_httponly_lax_cookie_of_256_random_bits(served):
    base, _ = served
    status, headers, _ = get(base, "/search")
    line = issued(headers)
    assert status == 200 and line is not None
    attributes = {a.strip().split("=")[0].lower() for a in line.split(";")[1:]}
    assert {"httponly", "samesite", "path", "max-age"} <= attributes and "secure" not in attributes
    assert "SameSite=Lax" in line and len(secret_of(line)) >= 43  # 32 bytes, base64url
    _, again, _ = get(base, "/search")
    assert secret_of(issued(again)) != secret_of(line)
    _, https, _ = get(base, "/", headers={"X-Forwarded-Proto": "https"})
    assert "; Secure" in issued(https)


def database_of(collections_dir):
    from explorer.story.database import open_database

    return open_database(f"sqlite:///{collections_dir / 'explorer.sqlite'}")


def workspace_count(collections_dir) -> int:
    from explorer.workspace import workspaces

    return len(workspaces.list_all(database_of(collections_dir)))


def test_a_live_cookie_is_kept_and_a_forged_one_opens_only_a_new_empty_workspace(served):
    from explorer.workspace import workspaces

    base, collections_dir = served
    database = database_of(collections_dir)
    mine = secret_of(issued(get(base, "/")[1]))
    owner = workspaces.adopt(database, mine, 30)  # what the browser's session does on its first run
    assert secret_of(issued(get(base, "/about", cookie=mine)[1])) == mine
    owner.store(collections_dir).create("desk", "Harbour desk (fiction)")
    for malformed in ("x", "A" * 44, "forged;" + "A" * 36):
        assert secret_of(issued(get(base, "/about", cookie=malformed)[1])) not in (malformed, mine)
    forged = "A" * 43  # the shape of an issued secret: kept, and it opens nobody's work
    assert secret_of(issued(get(base, "/about", cookie=forged)[1])) == forged
    assert workspaces.find(database, forged, 30) is None
    adopted = workspaces.adopt(database, forged, 30)
    assert adopted.id != owner.id and adopted.store(collections_dir).names() == []


def test_pages_and_previews_fetched_without_a_cookie_leave_no_workspace_behind(served):
    """A link-preview bot or a crawler fetches the HTML (and the twins) and runs no script."""
    from explorer.workspace import workspaces

    base, collections_dir = served
    before = workspace_count(collections_dir)
    lines = []
    for path in ("/", "/search?q=egress+fees", "/read?p=article:3", "/timeline", "/about", "/api/search?q=fees"):
        status, headers, _ = get(base, path, headers={"User-Agent": "Slackbot-LinkExpanding 1.0"})
        assert status == 200
        lines.append(issued(headers))
    assert workspace_count(collections_dir) == before
    # The cookie a page issued is kept on the next request and becomes a workspace only when used.
    secret = secret_of(lines[0])
    assert secret_of(issued(get(base, "/search", cookie=secret)[1])) == secret
    assert workspace_count(collections_dir) == before
    assert workspaces.adopt(database_of(collections_dir), secret, 30) is not None
    assert workspace_count(collections_dir) == before + 1


def test_the_secret_link_gives_a_device_the_workspace_and_drops_the_secret(served):
    from explorer.story.database import open_database
    from explorer.workspace import workspaces

    base, collections_dir = served
    database = open_database(f"sqlite:///{collections_dir / 'explorer.sqlite'}")
    owner_cookie = secret_of(issued(get(base, "/")[1]))
    owner = workspaces.adopt(database, owner_cookie, 30)
    link = workspaces.new_link(database, owner)
    status, headers, _ = get(base, f"/search?q=fees&workspace={link}")
    location = dict((k.lower(), v) for k, v in headers)["location"]
    assert status == 303 and location == "/search?q=fees" and link not in location
    device_cookie = secret_of(issued(headers))
    assert device_cookie != owner_cookie and workspaces.find(database, device_cookie, 30).id == owner.id
    workspaces.revoke_link(database, owner)
    status, headers, _ = get(base, f"/?workspace={link}")
    location = dict((k.lower(), v) for k, v in headers)["location"]
    assert status == 303 and location == "/?workspace=refused" and issued(headers) is None


def test_the_api_reads_a_collection_for_its_own_workspaces_cookie_only(served):
    import json

    from explorer.story.database import open_database
    from explorer.workspace import workspaces

    base, collections_dir = served
    database = open_database(f"sqlite:///{collections_dir / 'explorer.sqlite'}")
    owner_cookie = secret_of(issued(get(base, "/")[1]))
    other_cookie = secret_of(issued(get(base, "/")[1]))
    workspaces.adopt(database, owner_cookie, 30).store(collections_dir).create("desk", "Harbour desk (fiction)")
    _, _, body = get(base, "/api/?c=desk", cookie=owner_cookie)
    mine = json.loads(body)
    assert mine["collection"] == "desk" and mine["title"] == "Harbour desk (fiction)" and not mine["notices"]
    for cookie in (other_cookie, None, "forged-" + "x" * 40):
        _, _, body = get(base, "/api/?c=desk", cookie=cookie)
        theirs = json.loads(body)
        assert theirs["collection"] == "mistral" and "Harbour desk" not in body.decode()
        assert "no collection of that name" in theirs["notices"][0]


def test_a_published_link_previews_and_twins_as_itself_and_a_private_name_does_not(served):
    import json

    from explorer.story.database import open_database
    from explorer.workspace import publish, workspaces
    from tests.test_share import Tags

    base, collections_dir = served
    database = open_database(f"sqlite:///{collections_dir / 'explorer.sqlite'}")
    owner = workspaces.adopt(database, secret_of(issued(get(base, "/")[1])), 30)
    owner.store(collections_dir).create("quay", "Quay desk (fiction)")
    token = publish.publish(database, owner.id, "quay").token
    _, _, body = get(base, f"/?c={token}")
    html = body.decode()
    assert f"c={token}" in Tags(html[: html.index("</head>")]).meta("og:url")
    twin = json.loads(get(base, f"/api/?c={token}")[2])
    assert twin["title"] == "Quay desk (fiction)" and not twin["notices"]
    _, _, body = get(base, "/?c=quay")  # the name alone, from a browser without the owner's cookie
    html = body.decode()
    assert "c=quay" not in Tags(html[: html.index("</head>")]).meta("og:url")
    publish.unpublish(database, owner.id, "quay")
    twin = json.loads(get(base, f"/api/?c={token}")[2])
    assert twin["collection"] == "mistral" and "withdrawn" in twin["notices"][0]
