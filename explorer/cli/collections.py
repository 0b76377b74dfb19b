"""`python -m explorer collection create|add|remove|list|show|publish|unpublish`, and `--collection` for the others.

Separate from cli.py so the command line stays readable; cli.py registers these subcommands.
"""

import glob
import json
import sys
from pathlib import Path

from explorer.cli.output import printable
from explorer.errors import ExplorerError
from explorer.story import collections


def register(sub) -> None:
    parser = sub.add_parser("collection", help="your own documents: create, add, remove, list, show, publish, unpublish")
    actions = parser.add_subparsers(dest="action", required=True)
    create = actions.add_parser("create", help="a new, empty collection")
    create.add_argument("name")
    create.add_argument("--title", default="")
    add = actions.add_parser("add", help="add files, folders or globs (PDF, DOCX, HTML, Markdown, text, CSV)")
    add.add_argument("name")
    add.add_argument("paths", nargs="+")
    add.add_argument("--title", help="the document's title (instead of the one read from the file)")
    add.add_argument("--url", help="where the document was published (http or https)")
    add.add_argument("--date", help="the document's date, YYYY-MM-DD (instead of the one read from it)")
    edit = actions.add_parser("edit", help="correct a document's title, source URL or date")
    edit.add_argument("name")
    edit.add_argument("document", help="its id or file name (see `collection show`)")
    edit.add_argument("--title")
    edit.add_argument("--url", help="an http(s) address; an empty string removes it")
    edit.add_argument("--date", help="YYYY-MM-DD; an empty string removes it")
    remove = actions.add_parser("remove", help="remove one document, by its id or its file name")
    remove.add_argument("name")
    remove.add_argument("document")
    listing = actions.add_parser("list", help="every collection")
    listing.add_argument("--format", choices=("text", "json"), default="text")
    show = actions.add_parser("show", help="a collection's documents, with their ids")
    show.add_argument("name")
    show.add_argument("--format", choices=("text", "json"), default="text")
    from explorer.cli.workspaces import register_publishing

    register_publishing(actions)
    parser.set_defaults(run=run)


def add_collection_option(parser) -> None:
    parser.add_argument("--collection", default=collections.DEFAULT,
                        help=f"which collection (default: {collections.DEFAULT}, the bundled story)")


def config_for(config, args):
    """The settings for the collection named by --collection (the bundled story by default)."""
    return collections.resolve(config, getattr(args, "collection", None)).config(config)


def run(args, config) -> int:
    if args.action in ("publish", "unpublish"):
        from explorer.cli.workspaces import publishing

        return publishing(args, config)
    store = collections.persistent(config)
    if args.action == "create":
        made = store.create(collections.check_name(args.name), args.title)
        print(f"Created collection '{made.name}' in {printable(store.root / made.name)}.")
    elif args.action == "list":
        found = [collections.bundled(config)]
        for name in store.names():
            try:
                found.append(store.get(name))
            except ExplorerError as error:  # a damaged collection is listed with its sentence
                found.append((name, error))
        if args.format == "json":
            print(json.dumps([{"name": c[0], "error": c[1].problem} if isinstance(c, tuple) else
                              {"name": c.name, "title": c.title, "read_only": c.read_only, "documents": len(c.documents)}
                              for c in found], ensure_ascii=False, indent=2))
            return 0
        for c in found:
            if isinstance(c, tuple):
                print(f"{c[0]:<24} {printable(c[1].problem)}")
            else:
                print(f"{c.name:<24} {printable(c.title)} "
                      + ("(bundled, read-only)" if c.read_only else f"({len(c.documents)} documents)"))
    elif args.action == "show" and args.format == "json":
        print(json.dumps(_shown(config, collections.resolve(config, args.name)), ensure_ascii=False, indent=2))
    elif args.action == "show":
        found = collections.resolve(config, args.name)
        print(f"{found.name}: {printable(found.title)}{' (read-only)' if found.read_only else ''}")
        for d in found.documents:
            print(f"  {d.id:<40} {d.format:<8} {d.date or 'no date':<10}  {printable(d.title)}  "
                  f"[from {printable(d.source_name)}]" + (f"  <{printable(d.url)}>" if d.url else ""))
            for warning in d.warnings:
                print(f"  {'':<40} warning: {printable(warning)}")
    elif args.action == "edit":
        from explorer.ingest.changes import correct
        from explorer.embedding.model import load_encoder

        entry = correct(store, args.name, args.document, config, lambda: load_encoder(config),
                        title=args.title, url=args.url, date=args.date)
        print(f"Corrected '{entry.id}': {printable(entry.title)}, {entry.date or 'no date'}, "
              f"{printable(entry.url) if entry.url else 'no source URL'}.")
    elif args.action == "add":
        return _add(store, args, config)
    elif args.action == "remove":
        from explorer.ingest.changes import remove
        from explorer.embedding.model import load_encoder

        removed = remove(store, args.name, args.document, config, lambda: load_encoder(config))
        print(f"Removed '{removed.id}' ({printable(removed.title)}) from '{args.name}'.")
    return 0


def _shown(config, found) -> dict:
    """`collection show --format json`: the collection and its documents with their ids (for the
    bundled story, its corpus documents; for a collection, what was added, from where)."""
    from explorer.story.model import open_story

    story = open_story(config, found)
    added = {d.id: d for d in found.documents}
    return {"name": found.name, "title": story.info.title, "read_only": found.read_only,
            "documents": [{"id": d.id, "title": d.title, "kind": d.kind, "date": d.date, "source_url": d.source_url,
                           **({"source_name": added[d.id].source_name, "format": added[d.id].format,
                               "added_at": added[d.id].added_at} if d.id in added else {})}
                          for d in story.documents]}


def _add(store, args, config) -> int:
    from explorer.ingest.extract import Limits
    from explorer.ingest.changes import Upload, add_files
    from explorer.ingest.metadata import check_user_metadata
    from explorer.embedding.model import load_encoder

    store.get(args.name)  # a clear error before reading any file
    uploads, missing = [], []
    for pattern in args.paths:
        matches = sorted(glob.glob(pattern, recursive=True)) or [pattern]
        for match in matches:
            path = Path(match)
            files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
            for file in files:
                if not file.is_file():
                    missing.append(str(file))
                    continue
                uploads.append(Upload(file.name, file.read_bytes(), title=args.title, url=args.url, date=args.date))
    for name in missing:
        print(f"failed   {printable(name)}: no such file", file=sys.stderr)
    if not uploads:
        raise ExplorerError("No files to add.", "Give files, folders or globs that exist.")
    if len(uploads) > 1 and (args.title or args.url or args.date):
        raise ExplorerError(f"--title, --url and --date describe one document, and {len(uploads)} files were given.",
                            "Add that file on its own with them, or correct each document afterwards with "
                            "`python -m explorer collection edit`.")
    problems = check_user_metadata(args.title, args.url, args.date)
    if problems:
        raise ExplorerError(" ".join(problems), "Correct the option and run the command again.")
    bar = progress_bar()
    limits = Limits(max_bytes=config.max_file_mb * 2**20, max_pdf_pages=config.max_pdf_pages)
    results = add_files(store, args.name, uploads, config, lambda: load_encoder(config), limits=limits, progress=bar)
    bar(None, None)
    for result in results:
        print(f"{result.status:<8} {printable(result.name)}: {printable(result.message)}")
    if any(r.status == "added" for r in results):
        from explorer.analysis.precompute import precompute
        from explorer.story.model import open_story

        story = open_story(config, collections.resolve(config, args.name))
        print("Derived layers: " + "; ".join(precompute(story)) + ".")
    return 1 if missing or any(r.status == "failed" for r in results) else 0


def progress_bar():
    """A tqdm bar of texts embedded (rate and time left): `update(done, total)`, then
    `update(None, total)` when finished. Fed by the embedding cache (`collection add`) or by
    build_index (`build`, `bench --scale`)."""
    from tqdm import tqdm

    state = {}

    def update(done, total):
        if done is None:
            if "bar" in state:
                state["bar"].close()
            return
        bar = state.get("bar")
        if bar is None or bar.total != total:
            if bar is not None:
                bar.close()
            bar = state["bar"] = tqdm(total=total, unit="text", desc="embedding", file=sys.stderr)
        bar.update(done - bar.n)

    return update
