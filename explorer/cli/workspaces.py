"""`python -m explorer workspace list|delete ID|sweep` (the operator's view of the browsers'
workspaces) and `collection publish|unpublish NAME` (a read-only link to an operator collection).

A workspace is named by its public id (its folder's name), which opens nothing by itself: the
operator can list and delete workspaces but never sees their secrets.
"""

import sys

from explorer.errors import ExplorerError


def register(sub) -> None:
    parser = sub.add_parser("workspace", help="the browsers' workspaces: list, delete one, sweep the idle ones")
    actions = parser.add_subparsers(dest="action", required=True)
    actions.add_parser("list", help="every workspace: id, last seen, collections, notes")
    delete = actions.add_parser("delete", help="delete one workspace with its collections, notes and links")
    delete.add_argument("id")
    actions.add_parser("sweep", help="delete the workspaces idle for longer than EXPLORER_WORKSPACE_TTL_DAYS")
    parser.set_defaults(run=run)


def register_publishing(actions) -> None:
    """The `collection publish|unpublish` actions (added to the collection command's parser)."""
    publish = actions.add_parser("publish", help="a read-only link to a collection (a token, not its name)")
    publish.add_argument("name")
    publish.add_argument("--base", default="http://localhost:8501", help="the app's public address, for the link")
    unpublish = actions.add_parser("unpublish", help="revoke a collection's read-only link at once")
    unpublish.add_argument("name")


def run(args, config) -> int:
    from explorer.story.database import open_database
    from explorer.workspace import workspaces

    database = open_database(config.database)
    if args.action == "list":
        found = workspaces.list_all(database)
        print(f"{len(found)} workspaces (deleted after {config.workspace_ttl_days} days unused)")
        for workspace in found:
            names = workspace.store(config.collections_dir).names()
            print(f"{workspace.id}  last seen {workspace.last_seen[:19]}Z  created {workspace.created_at[:10]}  "
                  f"{len(names)} collections" + (f": {', '.join(names)}" if names else ""))
    elif args.action == "delete":
        if not workspaces.delete(database, config.collections_dir, args.id.strip().lower()):
            raise ExplorerError(f"There is no workspace '{args.id[:40]}'.", "List them with `python -m explorer workspace list`.")
        print(f"Deleted workspace {args.id.strip().lower()} with its collections, notes and links.")
    elif args.action == "sweep":
        gone = workspaces.sweep(database, config.collections_dir, config.workspace_ttl_days)
        print(f"Deleted {len(gone)} idle workspaces (unused for over {config.workspace_ttl_days} days).")
    return 0


def publishing(args, config) -> int:
    from explorer.links import page_url
    from explorer.story import collections
    from explorer.story.database import open_database
    from explorer.workspace import publish

    database = open_database(config.database)
    collections.persistent(config).get(args.name)  # a clear error for a collection that is not there
    if args.action == "publish":
        made = publish.publish(database, None, args.name)
        print(page_url(args.base, "", {"c": made.token}))
        print(f"Anyone with this link can read '{args.name}'; `collection unpublish {args.name}` revokes it.",
              file=sys.stderr)
    else:
        gone = publish.unpublish(database, None, args.name)
        print(f"Unpublished '{args.name}'." if gone else f"'{args.name}' was not published.")
    return 0
