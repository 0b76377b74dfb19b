"""`python -m explorer entities [--type T] [--format json|csv] [--entity NAME]`: a story's entities
by type and frequency (or one entity's mentions), and the `--entity` filter of `search`."""
from __future__ import annotations

import csv
import json
import sys

from explorer.errors import ExplorerError

COLUMNS = ("id", "type", "name", "mentions", "passages", "aliases", "value", "unit")


def open_cli_story(collection: str | None):
    from explorer import settings
    from explorer.story.collections import resolve
    from explorer.story.model import open_story

    base = settings.load()
    return open_story(base, resolve(base, collection))


def story_entities(collection: str | None):
    from explorer.analysis.entities import entities_of

    return entities_of(open_cli_story(collection))


def check_type(kind: str | None) -> str | None:
    from explorer.analysis.entities import TYPES

    if kind and kind not in TYPES:
        raise ExplorerError(f"Unknown entity type {kind!r}.", f"Use one of: {', '.join(TYPES)}.")
    return kind or None


def find_entity(index, name: str):
    entity = index.find(name)
    if entity is None:
        raise ExplorerError(f"No entity named {name[:60]!r} in this collection.",
                            "`python -m explorer entities` lists them; give a name, an alias or an id.")
    return entity


def entity_passages(collection: str | None, name: str) -> set[str]:
    """The passage ids that mention one entity (for `search --entity`)."""
    index = story_entities(collection)
    return index.passages_of(find_entity(index, name).id)


def register(sub) -> None:
    from explorer.analysis.entities import TYPES
    from explorer.cli.collections import add_collection_option

    parser = sub.add_parser("entities", help="people, organisations, places, amounts, percentages and dates, "
                                              "by type and frequency")
    parser.add_argument("--type", choices=TYPES, help="only entities of this type")
    parser.add_argument("--entity", help="instead: one entity (name, alias or id) with every mention")
    parser.add_argument("--format", choices=("text", "json", "csv"), default="text")
    add_collection_option(parser)
    parser.set_defaults(run=run)


def run(args, config) -> int:
    index = story_entities(args.collection)
    if args.entity:
        entity = find_entity(index, args.entity)
        rows = [{"passage": m.passage, "doc": m.doc, "start": m.start, "end": m.end, "text": m.text}
                for m in entity.mentions]
        if args.format == "json":
            print(json.dumps({"entity": entity.to_dict(), "mentions": rows}, ensure_ascii=False, indent=2))
        elif args.format == "csv":
            writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else ["passage"])
            writer.writeheader()
            writer.writerows(rows)
        else:
            print(f"{entity.name} ({entity.type}, {entity.count} mentions; aliases: {', '.join(entity.aliases)})")
            for r in rows:
                print(f"  {r['passage']}  {r['text']}")
        return 0
    entities = index.of_type(check_type(args.type))
    if args.format == "json":
        print(json.dumps([e.to_dict() for e in entities], ensure_ascii=False, indent=2))
    elif args.format == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for e in entities:
            writer.writerow({**e.to_dict(), "aliases": " | ".join(e.aliases)})
    else:
        for e in entities:
            print(f"{e.count:>4}  {e.type:<12}  {e.name}")
    return 0
