"""Fill a story's derived-layer caches ahead of the first page view: entities, dated events and
check-worthy sentences (claims), each per passage by content hash (explorer.story.layers).

`python -m explorer build` and `collection add` call this after the index, so a reader's first
visit to /entities, /timeline or /claims reads the cache instead of running spaCy and the event
rules inside the request. Only passages not seen before are computed, so a rebuild with nothing
new, or an added document, costs only what changed. Coverage is computed with the comparison on
the principles page and is not filled here.
"""

import time

from explorer.story.passages import split_corpus


def _layers():
    """(name, layer, version, extract, which passages) of every layer filled here; imported when
    used, so that a build with nothing to compute never loads spaCy."""
    from explorer.analysis.claims import checkworthy
    from explorer.analysis.entities.extract import VERSION as ENTITIES_VERSION
    from explorer.analysis.entities.extract import extract as extract_entities
    from explorer.analysis.entities.layer import LAYER as ENTITIES
    from explorer.analysis.events import layer as events

    return [("entities", ENTITIES, ENTITIES_VERSION, extract_entities, lambda p: True),
            ("events", events.LAYER, events.rules_version(), events.extract, lambda p: p.kind in events.TEXT_KINDS),
            ("claims", checkworthy.LAYER, checkworthy.VERSION, checkworthy.extract, lambda p: p.kind in events.TEXT_KINDS)]


def precompute(story) -> list[str]:
    """Compute every derived record the story's caches lack; one line per layer saying what was
    computed and what was already cached ("entities: 12 passages extracted in 3.1 s, 140 cached")."""
    passages = split_corpus(story.documents)
    lines = []
    for name, layer, version, extract, wanted in _layers():
        chosen = [p for p in passages if wanted(p)]
        computed = [0]

        def count(done, total, computed=computed):
            computed[0] = max(computed[0], total)

        started = time.perf_counter()
        story.layer_cache.records(layer, version, chosen, extract, progress=count)
        seconds = time.perf_counter() - started
        cached = len(chosen) - computed[0]
        if computed[0]:
            lines.append(f"{name}: {computed[0]} passages extracted in {seconds:.1f} s, {cached} already cached")
        else:
            lines.append(f"{name}: all {len(chosen)} passages already cached")
    return lines
