"""The command line: `python -m explorer build|passages|search|compare|bench|timeline|entities|claims|collection|workspace`.

Output goes to stdout in the format asked for; errors go to stderr as one actionable sentence,
with exit code 1 (2 for bad usage, as argparse does).
"""

import argparse
import csv
import json
import sys
from pathlib import Path

from explorer import settings
from explorer.cli import collections as cli_collections
from explorer.cli.output import printable
from explorer.errors import ExplorerError

FORMATS_PASSAGES = ("jsonl", "csv")
PASSAGE_COLUMNS = ("id", "doc", "title", "kind", "section", "locator", "principle", "source_url", "text")


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    try:
        config = settings.load()
        if hasattr(args, "collection"):
            config = cli_collections.config_for(config, args)
        return args.run(args, config) or 0
    except ExplorerError as error:
        print(f"error: {printable(error, one_line=False)}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0


def _parser() -> argparse.ArgumentParser:
    epilog = "settings (environment variables):\n" + "\n".join(
        f"  {s.env:<26} {s.help} (default: {s.default})" for s in settings.SETTINGS)
    parser = argparse.ArgumentParser(prog="python -m explorer", description="Explore a news story and the primary sources behind it.",
                                     epilog=epilog, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command")

    build = sub.add_parser("build", help="build or refresh the index; says what it did")
    build.add_argument("--force", action="store_true", help="rebuild even if the index is fresh")
    build.add_argument("--progress-file", type=Path, default=None,
                       help="also write 'done total' (texts embedded) to this file as the build goes: "
                            "the app's progress view reads it")
    cli_collections.add_collection_option(build)
    build.set_defaults(run=_build)

    passages = sub.add_parser("passages", help="every passage with its id and metadata")
    passages.add_argument("--format", choices=FORMATS_PASSAGES, default="jsonl")
    cli_collections.add_collection_option(passages)
    passages.set_defaults(run=_passages)

    from explorer.search.engine import DEFAULT_K, DEFAULT_MODE, MAX_K, MODES  # light: no torch
    from explorer.story.passages import KINDS

    search = sub.add_parser("search", help="search passages (one query, or --batch FILE)")
    search.add_argument("query", nargs="?", help="the query; quote an exact phrase with \"...\"")
    search.add_argument("--batch", type=Path, help="a file with one query per line; prints one JSON line per query")
    search.add_argument("--mode", choices=MODES, default=DEFAULT_MODE)
    search.add_argument("--k", type=int, default=DEFAULT_K, help=f"number of results (1 to {MAX_K})")
    search.add_argument("--doc", help="only passages of this document id")
    search.add_argument("--kind", action="append",
                        help=f"only passages of this kind: {', '.join(KINDS)} (repeat it or separate kinds with commas)")
    search.add_argument("--from", dest="since", type=_since,
                        help="only passages dated on or after YYYY-MM-DD (a month YYYY-MM or a year YYYY: from its first day)")
    search.add_argument("--to", dest="until", type=_until,
                        help="only passages dated on or before YYYY-MM-DD (a month YYYY-MM or a year YYYY: to its last day)")
    search.add_argument("--entity", help="only passages mentioning this entity (a name, an alias or an id; "
                                         "see `python -m explorer entities`)")
    search.add_argument("--format", choices=("text", "json", "jsonl"), default=None,
                        help="text or json for one query (default text); --batch writes jsonl only")
    cli_collections.add_collection_option(search)
    search.set_defaults(run=_search)

    compare = sub.add_parser("compare", help="per principle: coverage verdict and best article passages")
    compare.add_argument("--format", choices=("text", "json", "csv"), default="text")
    compare.add_argument("--doc", default=None, help="the document to study (a document id; see `collection show`)")
    compare.add_argument("--ref", default=None, help="the reference list (principles, a framework id, or a list document)")
    cli_collections.add_collection_option(compare)
    compare.set_defaults(run=_compare)

    from explorer.cli import claims as cli_claims

    cli_claims.add_parser(sub, cli_collections.add_collection_option)

    bench = sub.add_parser("bench", help="benchmark table: latency, build rate, memory, scale")
    bench.add_argument("--quick", action="store_true", help="fewer repetitions and no 100k scale run")
    bench.add_argument("--scale", type=int, metavar="N",
                       help="instead: build a collection of N passages of real text and print what it costs "
                            "(build rate, query latency, cold open, memory, size, ANN recall)")
    bench.add_argument("--text-dir", type=Path, metavar="DIR",
                       help="with --scale: a folder of .html/.txt/.md files (default: Debian's Python, kernel, PostgreSQL and Django docs)")
    bench.add_argument("--work-dir", type=Path, metavar="DIR",
                       help="with --scale: where text, corpus, index and embedding cache go (default .bench/scale-N); "
                            "a rerun resumes from it")
    cli_collections.add_collection_option(bench)
    bench.set_defaults(run=_bench)
    cli_collections.register(sub)
    from explorer.cli import timeline as cli_timeline
    from explorer.cli import workspaces as cli_workspaces

    cli_timeline.register(sub)
    cli_workspaces.register(sub)
    from explorer.cli import entities as cli_entities

    cli_entities.register(sub)
    return parser


def _since(text: str):
    return _limit(text, end=False)


def _until(text: str):
    return _limit(text, end=True)


def _limit(text: str, end: bool):
    """A --from/--to value in the one grammar the links use too (explorer.dates)."""
    from explorer import dates

    parsed = dates.limit(text, end=end)
    if parsed is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not {dates.FORMS}")
    return parsed


def _build(args, config) -> int:
    from explorer.store import build_progress
    from explorer.store.index import ensure_index, read_manifest
    from explorer.embedding.model import load_encoder

    index_dir = config.index_dir
    progress = cli_collections.progress_bar()
    if args.progress_file:
        progress = build_progress.tee(progress, build_progress.FileReport(args.progress_file))
    action, reason = ensure_index(config, lambda: load_encoder(config), force=args.force, progress=progress)
    manifest = read_manifest(index_dir)
    if config.store != "faiss":
        print(_copy_to_store(config))
    if action == "fresh":
        print(f"Index is up to date: {manifest['passage_count']} passages, model {manifest['model']} ({index_dir}).")
    else:
        print(f"Built the index ({reason}): {manifest['passage_count']} passages in "
              f"{manifest['build_seconds']:.1f}s with {manifest['model']} -> {index_dir}.")
    from explorer.analysis.coverage.study import prepare_fit

    seconds = prepare_fit(config)
    if seconds is not None:
        print(f"Coverage method fitted on the reviewed readings in {seconds:.1f}s "
              f"(kept in {config.index_dir / 'coverage'}).")
    _precompute(config, args.collection)
    return 0


def _precompute(config, name) -> None:
    """Fill the derived layers' caches (entities, events, claims), saying what was computed."""
    from explorer.analysis.precompute import precompute
    from explorer.story import collections
    from explorer.story.model import open_story

    story = open_story(config, collections.resolve(config, name))
    print("Derived layers: " + "; ".join(precompute(story)) + ".")


def _copy_to_store(config) -> str:
    """With EXPLORER_STORE=milvus:..., make (or confirm) the store's copy of the built index here,
    once, so that serving processes only open it (explorer.store.select)."""
    from explorer.store.index import load_index
    from explorer.store import select

    loaded = load_index(config.index_dir, config.model_id, config.corpus_dir, config.exact_limit)
    store = select.search_store(config, loaded)
    try:
        return f"Search store: {store.kind} collection {store.name} holds {len(store):,} passages."
    finally:
        store.close()


def _passages(args, config) -> int:
    from explorer.story.corpus import load_corpus
    from explorer.story.passages import split_corpus

    passages = split_corpus(load_corpus(config.corpus_dir))
    if args.format == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=PASSAGE_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(p.to_dict() for p in passages)
    else:
        for p in passages:
            print(json.dumps(p.to_dict(), ensure_ascii=False))
    return 0


def _search(args, config) -> int:
    from explorer.cli.input import from_argument, read_batch, replaced_note
    from explorer.search.engine import MAX_K, Engine, check_kinds

    if (args.query is None) == (args.batch is None):
        raise ExplorerError("Give either a QUERY or --batch FILE.", "For example: python -m explorer search \"egress fees\".")
    if args.batch is not None and args.format not in (None, "jsonl"):
        raise ExplorerError(f"--batch writes one JSON line per query; --format {args.format} is for one query.",
                            "Use --format jsonl (the default with --batch), or search one query at a time.")
    if args.batch is not None:
        queries, replaced = read_batch(args.batch)
        source = str(args.batch)
    else:
        query, replaced = from_argument(args.query)
        source = "the query"
    if replaced:
        print(replaced_note(source, replaced), file=sys.stderr)
    if not 1 <= args.k <= MAX_K:
        raise ExplorerError(f"--k must be between 1 and {MAX_K} (got {args.k}).", f"Choose a number of results from 1 to {MAX_K}.")
    kind = check_kinds(",".join(args.kind)) if args.kind else None  # before the slow model load
    only = None
    if args.entity:
        from explorer.cli.entities import entity_passages

        only = entity_passages(args.collection, args.entity)
    engine = Engine.open(config)
    engine.check_doc(args.doc)
    if args.batch is not None:
        for result in engine.search_batch(queries, mode=args.mode, k=args.k, doc=args.doc, kind=kind,
                                          dates=(args.since, args.until), passages=only):
            print(json.dumps(result.to_dict(), ensure_ascii=False))
        return 0
    result = engine.search(query, mode=args.mode, k=args.k, doc=args.doc, kind=kind, dates=(args.since, args.until),
                           passages=only)
    if args.format in ("json", "jsonl"):
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=None if args.format == "jsonl" else 2))
        return 0
    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)
    if result.hint:
        print(result.hint)
    for hit in result.hits:
        p = hit.passage
        print(f"{hit.rank:>2}. {hit.score:.3f}  {p.id}  {p.locator} · {p.title}")
        print(f"    why: {hit.why['summary']}")
        print(f"    {p.text[:240]}{'…' if len(p.text) > 240 else ''}")
    return 0


def _compare(args, config) -> int:
    import sys

    from explorer.analysis.coverage.study import command

    return command(config, args.collection, args.doc, args.ref, args.format, sys.stdout)


def _bench(args, config) -> int:
    if args.scale is not None:
        from explorer.bench.scale import run_scale

        return run_scale(config, args.scale, args.text_dir, args.work_dir)
    if args.text_dir or args.work_dir:
        raise ExplorerError("--text-dir and --work-dir go with --scale N.", "For example: python -m explorer bench --scale 10000.")
    from explorer.bench.run import run_bench

    return run_bench(config, quick=args.quick)
