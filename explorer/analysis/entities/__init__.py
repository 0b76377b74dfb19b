"""Entities of a story: the people, organisations and places its documents name, and the amounts
of money, percentages and dates they state, each mention pointing to its passage and span.

    entities_of(story) -> EntityIndex      the derived layer (cached per passage) with the reviews applied
    EntityIndex.of_type(t) / .top(passage_ids) / .neighbours(id) / .over_time(id) / .find(name)

Modules, one job each: names (what a name is once titles and suffixes are set aside, and what is
never a name), extract (mentions in passages: spaCy's small model, our rules, explorer.analysis.figures),
merge (spellings of one name into one entity), index (the entities and the questions views ask),
review (merges, renames and hides a journalist decided), layer (the story's entities).
spaCy is imported only when passages are extracted.
"""
from explorer.analysis.entities.extract import NAME_TYPES, TYPES, VERSION, extract
from explorer.analysis.entities.index import Entity, EntityIndex, Mention, build_index
from explorer.analysis.entities.layer import LAYER, derived_entities, entities_of
from explorer.analysis.entities.review import ACTIONS, apply_reviews

TYPE_LABELS = {"person": "People", "organisation": "Organisations", "place": "Places", "money": "Amounts",
               "percent": "Percentages", "date": "Dates"}

__all__ = ["ACTIONS", "LAYER", "NAME_TYPES", "TYPES", "TYPE_LABELS", "VERSION", "Entity", "EntityIndex",
           "Mention", "apply_reviews", "build_index", "derived_entities", "entities_of", "extract"]
