"""`python -m explorer timeline [--format json|csv|timelinejs] [--collection NAME]`: a collection's
events (extracted, reviewed and curated) with their sources and citations."""

import json
import sys

FORMATS = ("json", "csv", "timelinejs")


def register(sub) -> None:
    from explorer.story import collections

    parser = sub.add_parser("timeline", help="the collection's dated events with sources: JSON, CSV or TimelineJS")
    parser.add_argument("--format", choices=FORMATS, default="json",
                        help="json (every event with its review state), csv, or timelinejs (TimelineJS's JSON format)")
    parser.add_argument("--collection", dest="timeline_collection", default=collections.DEFAULT,
                        help=f"which collection (default: {collections.DEFAULT}, the bundled story)")
    parser.set_defaults(run=run)


def run(args, config) -> int:
    from explorer.analysis.events import timeline_of
    from explorer.analysis.events.export import rows, to_csv, to_timelinejs
    from explorer.story import collections
    from explorer.story.model import open_story

    collection = collections.resolve(config, args.timeline_collection)
    story = open_story(config, collection)
    timeline = timeline_of(story, None)
    if args.format == "csv":
        sys.stdout.write(to_csv(timeline.events))
    elif args.format == "timelinejs":
        print(json.dumps(to_timelinejs(timeline.events, story.info.label("timeline_title", story.info.title)),
                         ensure_ascii=False, indent=2))
    else:
        print(json.dumps({"collection": collection.name, "summary": timeline.counts_sentence(),
                          "events": [{**row, "sources_detail": event.get("sources") or []}
                                     for row, event in zip(rows(timeline.events), timeline.events)],
                          "rejected": [e["id"] for e in timeline.rejected]}, ensure_ascii=False, indent=2, default=str))
    print(timeline.counts_sentence() + ".", file=sys.stderr)
    return 0
