"""The workspace cookie as the served app sets it (a real `streamlit run app.py`, a plain HTTP
client): HttpOnly, SameSite=Lax, 256 random bits, Secure over HTTPS; a live cookie is kept, a
forged one is replaced by a new workspace's; a secret link gives a device its own cookie of the
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


def test_a_live_cookie_is_kept_and_a_forged_one_gets_a_new_empty_workspace(served):
    base, _ = served
    mine = secret_of(issued(get(base, "/")[1]))
    assert secret_of(issued(get(base, "/about", cookie=mine)[1])) == mine
    forged = "A" * 43
    replaced = secret_of(issued(get(base, "/about", cookie=forged)[1]))
    assert replaced not in (forged, mine)


def test_the_secret_link_gives_a_device_the_workspace_and_drops_the_secret(served):
    from explorer.story.database import open_database
    from explorer.workspace import workspaces

    base, collections_dir = served
    database = open_database(f"sqlite:///{collections_dir / 'explorer.sqlite'}")
    owner_cookie = secret_of(issued(get(base, "/")[1]))
    owner = workspaces.find(database, owner_cookie, 30)
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
    workspaces.find(database, owner_cookie, 30).store(collections_dir).create("desk", "Harbour desk (fiction)")
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
    owner = workspaces.find(database, secret_of(issued(get(base, "/")[1])), 30)
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
