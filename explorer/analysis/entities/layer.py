"""`entities_of(story)`: the story's entities, derived (cached per passage by content hash, so an
added document extracts only its own passages) and then reviewed (merges, renames, hides)."""
from __future__ import annotations

from explorer.analysis.entities.extract import VERSION, extract
from explorer.analysis.entities.index import EntityIndex, build_index
from explorer.analysis.entities.review import apply_reviews

LAYER = "entities"


def story_passages(story) -> list:
    from explorer.story.passages import split_corpus

    return split_corpus(story.documents)


def derived_entities(story, passages=None, progress=None) -> EntityIndex:
    """The derived layer only: what extraction and merging found, before any decision."""
    passages = story_passages(story) if passages is None else passages
    records = story.layer_cache.records(LAYER, VERSION, passages, extract, progress=progress)
    return build_index(passages, records)


def entities_of(story, passages=None, progress=None) -> EntityIndex:
    """The story's entities with its reviewed decisions applied."""
    return apply_reviews(derived_entities(story, passages, progress), story.reviews.history(LAYER))
