"""What the first view of a derived layer costs, with the caches cold (an index built before
`build` filled them) and after `build` has filled them (explorer.analysis.precompute).

Runs on the bundled story with a layer cache of its own in a temporary folder, so the served
index's cache is never touched. The views' own calls are timed: entities (/entities and the
search facets), events (/timeline) and the claims report of the document /claims opens on."""

import tempfile
import time
from pathlib import Path


def _views(story, engine) -> dict[str, float]:
    """Each view's own call: the entity index, the events, and the claims report of the document
    the claims page opens on (its check-worthy sentences and their evidence)."""
    from explorer.analysis.claims.report import claims_report, default_document
    from explorer.analysis.entities.layer import entities_of
    from explorer.analysis.events.layer import events_of

    calls = {"entities": lambda: entities_of(story), "events": lambda: events_of(story)}
    studied = default_document(story, engine)
    if studied:
        calls["claims"] = lambda: claims_report(story, engine, studied)
    out = {}
    for name, call in calls.items():
        started = time.perf_counter()
        call()
        out[name] = time.perf_counter() - started
    return out


def first_view_table(config, engine) -> str:
    from explorer.analysis.precompute import precompute
    from explorer.story import collections
    from explorer.story.layers import LayerCache
    from explorer.story.model import open_story

    def story(cache: str):
        found = open_story(config, collections.bundled(config))
        found.layer_cache = LayerCache(folder / cache)
        return found

    folder = Path(tempfile.mkdtemp(prefix="first-view-"))
    started = time.perf_counter()
    precompute(story("built.sqlite"))  # first, so that it pays spaCy's model load as a build does
    build = time.perf_counter() - started
    warm = _views(story("built.sqlite"), engine)
    cold = _views(story("cold.sqlite"), engine)  # an empty cache, with the model already loaded
    rows = "\n".join(f"| {name} | {cold[name]:.2f} | {warm[name]:.2f} |" for name in cold)
    return ("\n### First view of the derived layers (bundled story)\n\n"
            "| layer | cold cache, s | after build, s |\n|---|---|---|\n" + rows
            + f"\n\n`build` spent {build:.1f} s filling them, spaCy's model load included; the cold column "
              "does not include that load (a fresh server pays it on top).\n")
