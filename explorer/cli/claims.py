"""`python -m explorer claims --doc DOC [--collection NAME] [--format json|csv|markdown|claimreview]`:
a document's claims with their evidence, differences and verdicts, as the /claims page shows them."""

import json

from explorer.errors import ExplorerError

FORMATS = ("json", "csv", "markdown", "claimreview")
BASE = "http://localhost:8501"  # the permalinks' host when the command runs outside the app


def add_parser(sub, add_collection_option) -> None:
    claims = sub.add_parser("claims", help="a document's claims: evidence, differences, verdicts")
    claims.add_argument("--doc", default="", help="the document under check (default: the article, else the document restating "
                        "the others most; the JSON's default_document says why)")
    claims.add_argument("--format", choices=FORMATS, default="json")
    claims.add_argument("--base-url", default=BASE, help=f"host of the permalinks (default: {BASE})")
    add_collection_option(claims)
    claims.set_defaults(run=run)


def run(args, config) -> int:
    from explorer import settings
    from explorer.analysis.claims import claims_report, default_document
    from explorer.analysis.claims.export import claim_reviews, to_csv, to_markdown
    from explorer.analysis.entities import entities_of
    from explorer.search.engine import Engine
    from explorer.share.claims import checkable_documents, helpers
    from explorer.story import collections
    from explorer.story.model import open_story

    base_config = settings.load()
    collection = collections.resolve(base_config, args.collection)
    story = open_story(base_config, collection)
    engine = Engine.open(story.config)
    entities = entities_of(story)
    doc = args.doc or default_document(story, engine, entities)
    allowed = checkable_documents(story, engine)
    if doc not in allowed:
        raise ExplorerError(f"No document {doc!r} to check in this collection.",
                            "Pass --doc with one of: " + ", ".join(allowed) + ".")
    report = claims_report(story, engine, doc, entities=entities)
    extra = {} if collection.read_only else {"c": collection.name}
    permalink_of, citation_of = helpers(story, engine, args.base_url, extra, doc)
    if args.format == "csv":
        print(to_csv(report, permalink_of, citation_of), end="")
    elif args.format == "markdown":
        print(to_markdown(report, story.document(doc).title, permalink_of, citation_of))
    elif args.format == "claimreview":
        print(json.dumps(claim_reviews(report, story.document(doc), permalink_of, args.base_url),
                         ensure_ascii=False, indent=2))
    else:
        data = report.to_dict()
        for row, claim in zip(data["claims"], report.claims):
            row["permalink"] = permalink_of(claim.key)
            row["citation"] = citation_of(claim) if claim.evidence else None
        print(json.dumps(data, ensure_ascii=False, indent=2))
    return 0
