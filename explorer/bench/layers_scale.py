"""What the derived layers cost at scale (part of `bench --scale N`): entities, dated events and
check-worthy sentences of the N-passage collection, beside what embedding it cost.

Issue 22 asks that a 100k-passage collection's extraction cost no more than its embedding. The
per-passage extraction runs once per passage (cached by content hash like the embeddings), but
what a page then does with the records runs over the whole collection each time the cache is
read: merging name variants into entities, and merging the same event reported by several
documents. Both are timed here on the full collection, since a sample would hide anything that
grows faster than the passage count.

The layer cache lives in the scale run's work folder, so a rerun measures reading the cache
(the table says how many passages were computed).
"""

import time
from pathlib import Path

from explorer.settings import Config


def layers_table(config: Config, corpus: Path, work: Path, model_seconds: float, model_texts: int,
                 raw_rate: float) -> str:
    """`model_seconds` / `model_texts`: time inside the model during the build and how many texts
    it embedded there (fewer than the passages when the cache held the rest: the raw rate then
    stands in); `raw_rate`: texts/s encoded bare."""
    from explorer.analysis.entities.index import build_index
    from explorer.analysis.entities.layer import LAYER as ENTITIES
    from explorer.analysis.entities.extract import VERSION as ENTITIES_VERSION
    from explorer.analysis.entities.extract import extract as extract_entities
    from explorer.analysis.events.layer import events_of
    from explorer.analysis.precompute import precompute
    from explorer.story.collections import Collection
    from explorer.story.model import open_story
    from explorer.story.passages import split_corpus

    collection = Collection(name="scale", title="Benchmark text", corpus_dir=corpus, index_dir=work / "index",
                            read_only=True)
    story = open_story(config, collection)
    started = time.perf_counter()
    lines = precompute(story)
    extraction_s = time.perf_counter() - started
    passages = split_corpus(story.documents)
    started = time.perf_counter()
    records = story.layer_cache.records(ENTITIES, ENTITIES_VERSION, passages, extract_entities)
    read_s = time.perf_counter() - started
    started = time.perf_counter()
    entities = build_index(passages, records)
    merge_s = time.perf_counter() - started
    started = time.perf_counter()
    events = events_of(story)
    events_s = time.perf_counter() - started
    embedded_all = model_texts >= len(passages)
    embed_s = model_seconds if embedded_all else len(passages) / raw_rate
    embed_how = ("time inside the model during this build" if embedded_all
                 else f"estimated: {len(passages):,} passages at the raw rate of {raw_rate:.0f}/s (this build read "
                      f"{'every vector' if not model_texts else 'most vectors'} from the cache)")
    rows = [f"\n#### Derived layers over the {len(passages):,} passages\n",
            "Per-passage extraction, cached by content hash: " + "; ".join(lines) + ".\n",
            "| what | seconds | against embedding the collection |", "|---|---|---|",
            f"| embedding the collection ({embed_how}) | {embed_s:.1f} | 1.00 |",
            f"| per-passage extraction, all layers (above) | {extraction_s:.1f} | {extraction_s / embed_s:.2f} |",
            f"| reading the entity records back from the cache | {read_s:.1f} | {read_s / embed_s:.2f} |",
            f"| merging name variants into {len(entities.entities):,} entit{'ies' if len(entities.entities) != 1 else 'y'} (each /entities view) | {merge_s:.1f} | {merge_s / embed_s:.2f} |",
            f"| reading the event records and merging them into {len(events):,} dated event{'s' if len(events) != 1 else ''} (each /timeline view) | {events_s:.1f} | {events_s / embed_s:.2f} |"]
    return "\n".join(rows)
