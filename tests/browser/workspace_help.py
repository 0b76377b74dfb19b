"""For browser tests: the workspace a browser's cookie opens, and documents put into one of its
collections as /add would put them there (so a test can start from a collection of its own)."""

from tests.browser.streamlit_server import wait_until_idle


def browsers_workspace(page, base, folder):
    """(database, workspace) the server's cookie gave this browser, read from the database it writes."""
    from explorer.story.database import open_database
    from explorer.workspace import workspaces

    page.goto(base + "/")
    wait_until_idle(page)
    secret = next(c["value"] for c in page.context.cookies() if c["name"] == workspaces.COOKIE)
    database = open_database(f"sqlite:///{folder / 'explorer.sqlite'}")
    return database, workspaces.find(database, secret, 30)


def add_to_workspace(owner, folder, name: str, files) -> None:
    """`files` (paths) in a new collection `name` of that workspace, embedded with the real model."""
    from explorer import settings
    from explorer.embedding.model import load_encoder
    from explorer.ingest.changes import Upload, add_files

    config = settings.load()
    store = owner.store(folder)
    store.create(name)
    add_files(store, name, [Upload(p.name, p.read_bytes()) for p in files], config, lambda: load_encoder(config))
