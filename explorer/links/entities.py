"""URL state of the entities page: e (an entity id: that entity's view), type (only entities of
one type in the list).

    /entities?type=person            the people of the story, by frequency
    /entities?e=halvard-systems-inc  one entity: its mentions in context, neighbours, mentions over time
"""

from dataclasses import dataclass

from explorer.analysis.entities import TYPES
from explorer.links import first, notice, page_url, parse_choice


@dataclass(frozen=True)
class EntitiesState:
    e: str = ""  # "" lists every entity
    type: str = ""  # "" means every type

    def to_params(self) -> dict:
        return {k: v for k, v in {"e": self.e, "type": self.type}.items() if v}


def parse_entities(params, entity_exists=None) -> tuple[EntitiesState, list[str]]:
    """State from query parameters; `entity_exists(id)` (None accepts any) checks `e`."""
    notices = []
    kind, problem = parse_choice(params, "type", TYPES, "", "every type")
    if problem:
        notices.append(problem)
    e = str(first(params, "e") or "")
    if e and entity_exists is not None and not entity_exists(e):
        notices.append(notice("e", e, "no entity of this collection has that id (it may have been merged, hidden "
                                      "or renamed)", "the list of entities"))
        e = ""
    return EntitiesState(e=e, type=kind), notices


def entities_url(base: str, state: EntitiesState, extra: dict | None = None) -> str:
    return page_url(base, "entities", {**state.to_params(), **(extra or {})})
