"""A story's comparisons: the documents it can study, the reference lists on offer, the fit it
uses, and one (document, reference list) comparison. What the CLI (`compare --doc --ref`), the
JSON twin and the page share; no streamlit.

The fit: a story with enough reviewed items of its own (report.enough) is fitted on them; any
other uses the bundled story's fit (its shipped complete readings), computed once per process.
"""

import dataclasses
import threading

from explorer.analysis.coverage import agreement, fit_cache, method, readings, report
from explorer.analysis.coverage import reference_sets as rc
from explorer.errors import ExplorerError

_BUNDLED: dict = {}
_LOCK = threading.Lock()


class ComparisonError(ExplorerError):
    """A document or reference list that is not in the story."""


def bundled_calibration(bundled_engine) -> report.Calibration:
    """The fit on the bundled story's shipped readings: once per process, and its slow part (every
    reviewed item's pair scores) once per content of its inputs, on disk (fit_cache)."""
    key = (str(bundled_engine.config.index_dir), bundled_engine.manifest.get("built_at"))
    with _LOCK:
        if key in _BUNDLED:
            return _BUNDLED[key]
    corpus = bundled_engine.config.corpus_dir
    index_dir = bundled_engine.config.index_dir
    files = [corpus / path for path, _ in readings.READING_FILES] + sorted((corpus / readings.READING_DIR).glob("*.json"))
    content = fit_cache.content_key(bundled_engine, corpus, [f for f in files if f.is_file()])
    stored = fit_cache.read_examples(index_dir, content)
    if stored is None:
        sets = {s.id: s for s in rc.reference_sets(bundled_engine)}
        shipped = readings.shipped_readings(corpus)
        mean = method.fitted_topic(bundled_engine, {d for r in shipped for d in (r.reference, r.document)})
        examples = report.examples_of(bundled_engine, sets, corpus, {}, lambda: bundled_engine.encoder, mean=mean)
        fit_cache.write_examples(index_dir, content, examples, mean)
    else:
        examples, mean = stored
    result = report.calibration(examples, "the bundled story's reviewed readings", mean)
    with _LOCK:
        _BUNDLED[key] = result
    return result


def prepare_fit(config) -> float | None:
    """Fit the coverage method on the story's shipped readings now, after a build, and keep it beside
    the index (fit_cache), so that no page view pays for it (nor loads the model for the facets).
    Returns the seconds it took; None when the story ships no reading."""
    import time

    from explorer.search.engine import Engine

    if not readings.shipped_readings(config.corpus_dir):
        return None
    started = time.perf_counter()
    bundled_calibration(Engine.open(config))
    return time.perf_counter() - started


def story_calibration(story, bundled_engine, engine, sets: dict) -> report.Calibration:
    """The story's own fit when it has enough reviewed items, else the bundled story's."""
    decisions = story.reviews.current(readings.LAYER) if story is not None else {}
    made_here = {k: d for k, d in decisions.items() if getattr(d, "origin", "database") != "shipped"}
    if engine is bundled_engine and not made_here:  # the shipped decisions are the shipped readings
        return bundled_calibration(bundled_engine)
    corpus = story.config.corpus_dir if story is not None else engine.config.corpus_dir
    bundled = bundled_calibration(bundled_engine)
    own = report.examples_of(engine, sets, corpus, decisions, lambda: engine.encoder, bundled_engine.config.corpus_dir,
                             mean=bundled.mean)
    if report.enough(own):
        return report.calibration(own, "this story's own reviews", bundled.mean)
    return bundled


def compare_in_story(story, bundled_engine, engine, doc_id: str | None, ref_id: str | None) -> report.Comparison:
    """One document of the story against one reference list (defaults: the pair of the story's first
    shipped complete reading, else the first document that can be studied and the first list)."""
    documents = rc.study_documents(engine, story.documents if story is not None else None)
    sets = {s.id: s for s in rc.reference_sets(bundled_engine, None if engine is bundled_engine else engine)}
    if not documents:
        raise ComparisonError("This collection has no document to study.", "Add a document with paragraphs of text.")
    by_id = {d.id: d for d in documents}
    corpus = story.config.corpus_dir if story is not None else engine.config.corpus_dir
    read = next((r for r in readings.shipped_readings(corpus) if r.document in by_id and r.reference in sets), None)
    if not doc_id and not ref_id and read is not None:
        doc_id, ref_id = read.document, read.reference
    doc_id = doc_id or documents[0].id
    if doc_id not in by_id:
        raise ComparisonError(f"No document {doc_id!r} to study here.", f"Choose one of: {', '.join(by_id)}.")
    ref_id = ref_id or next(iter(sets))
    if ref_id not in sets:
        raise ComparisonError(f"No reference list {ref_id!r} here.", f"Choose one of: {', '.join(sets)}.")
    cal = story_calibration(story, bundled_engine, engine, sets)
    decisions = story.reviews.current(readings.LAYER) if story is not None else {}
    facets_dir = bundled_engine.config.corpus_dir if sets[ref_id].origin == "bundled" else corpus
    comparison = report.compare(engine, doc_id, sets[ref_id], facets_dir, lambda: engine.encoder, cal,
                                readings.shipped_readings(corpus), decisions, by_id[doc_id].title)
    readers = agreement.agreement_for(corpus, comparison.reading, comparison.scored.passage_ids)
    return dataclasses.replace(comparison, readers=readers) if readers is not None else comparison


def offered_views(story) -> list[str]:
    """The principles page's views this story has what they need for: the reviewed comparison and
    its matrix need a principles document with a complete reading shipped for it; the claims view
    needs fact-checks; the frameworks view a principles document and frameworks; "compare" needs a
    document and a reference list, and says so itself when there is none."""
    from explorer.story.corpus import FACTCHECKS_FILE

    kinds = {d.kind for d in story.documents}
    principles = {d.id for d in story.documents if d.kind == "principles"}
    read = {r.reference for r in readings.shipped_readings(story.config.corpus_dir)}
    views = []
    if principles & read:
        views += ["coverage", "matrix"]
    if (story.config.corpus_dir / FACTCHECKS_FILE).is_file():
        views.append("claims")
    if principles and "framework" in kinds:
        views.append("frameworks")
    return views + ["compare"]


def command(config, collection_name: str, doc: str | None, ref: str | None, fmt: str, out) -> int:
    """`python -m explorer compare --doc DOC --ref REF [--collection NAME] --format text|json|csv`."""
    import csv
    import json

    from explorer.search.engine import Engine
    from explorer.story import collections
    from explorer.story.model import open_story

    collection = collections.resolve(config, collection_name)
    story = open_story(config, collection)
    bundled_engine = Engine.open(config)
    engine = bundled_engine if collection.read_only and story.config.index_dir == config.index_dir \
        else Engine.open(story.config)
    result = compare_in_story(story, bundled_engine, engine, doc, ref)
    if fmt == "json":
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2, default=float), file=out)
    elif fmt == "csv":
        rows = result.table_rows()
        writer = csv.DictWriter(out, fieldnames=list(rows[0]) if rows else ["item"])
        writer.writeheader()
        writer.writerows(rows)
    else:
        print(result.summary(), file=out)
        for row in result.table_rows():
            reviewed = f" (reviewed: {row['reviewed']})" if row["reviewed"] else ""
            print(f"{row['item']:<8} {row['model']:<14}{reviewed} {row['title'][:50]} · {row['evidence'] or '-'}",
                  file=out)
        print(f"\nHow this works. {result.method_text()}", file=out)
    return 0
