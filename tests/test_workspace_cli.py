"""The operator's commands: `workspace list|delete ID|sweep` and `collection publish|unpublish`,
with their exit codes; a published operator collection opens by its token only."""

from explorer.settings import Config
from explorer.story.database import open_database
from explorer.workspace import access, workspaces
from tests.test_cli import cli


def test_publish_prints_a_token_link_and_unpublish_revokes_it(tmp_path):
    env = {"EXPLORER_COLLECTIONS_DIR": str(tmp_path)}
    assert cli("collection", "create", "desk", env=env).returncode == 0
    published = cli("collection", "publish", "desk", "--base", "https://explorer.example", env=env)
    assert published.returncode == 0, published.stderr
    link = published.stdout.strip()
    assert link.startswith("https://explorer.example/?c=pub_") and "desk" not in link
    token = link.split("c=", 1)[1]
    config = Config(collections_dir=tmp_path)
    database = open_database(config.database)
    assert access.resolve(config, token, None, database)[0].collection.name == "desk"
    assert access.resolve(config, "desk", None, database)[1] is not None  # never by its name
    assert cli("collection", "unpublish", "desk", env=env).returncode == 0
    assert access.resolve(config, token, None, database)[1] is not None
    missing = cli("collection", "publish", "nowhere", env=env)
    assert missing.returncode == 1 and "no collection named 'nowhere'" in missing.stderr


def test_workspace_list_delete_and_sweep(tmp_path):
    env = {"EXPLORER_COLLECTIONS_DIR": str(tmp_path)}
    database = open_database(Config(collections_dir=tmp_path).database)
    made, secret = workspaces.create(database)
    made.store(tmp_path).create("desk")
    listed = cli("workspace", "list", env=env)
    assert listed.returncode == 0 and made.id in listed.stdout and "desk" in listed.stdout
    assert secret not in listed.stdout  # the operator never sees a secret
    assert cli("workspace", "sweep", env=env).returncode == 0 and workspaces.get(database, made.id) is not None
    assert cli("workspace", "delete", made.id, env=env).returncode == 0
    assert workspaces.get(database, made.id) is None and not workspaces.folder(tmp_path, made.id).exists()
    again = cli("workspace", "delete", made.id, env=env)
    assert again.returncode == 1 and "no workspace" in again.stderr
