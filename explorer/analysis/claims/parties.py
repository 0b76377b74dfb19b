"""The people and organisations a sentence names, read from the story's entities.

Names are not matched here by their spelling: the entities layer (explorer.analysis.entities) has
already decided which spellings are one party ("Aalders-Voss" is "Henrik Aalders-Voss", "Vireo" is
"Vireo Analytics GmbH", "Hartwell & Price" is "Hartwell & Price Advisory LLP"), and the journalist's
reviewed merges and renames are applied on top. Two mentions are the same party when they belong to
the same entity; a party is shown by the entity's name, so a rename shows everywhere.
"""

from dataclasses import dataclass

PARTY_TYPES = ("person", "organisation")


@dataclass(frozen=True)
class Party:
    entity: str  # the entity's id: the same id is the same party, however it is written
    name: str  # the entity's name (a reviewer's rename included)
    text: str  # as the sentence writes it
    start: int  # span in the passage text
    end: int
    person: bool


class Parties:
    """The parties named in any span of a passage, from one EntityIndex (reviews applied)."""

    def __init__(self, index=None):
        self.index = index

    def within(self, passage_id: str, start: int, end: int) -> list[Party]:
        """The people and organisations mentioned inside [start, end) of the passage, in order."""
        if self.index is None:
            return []
        out = []
        for mention in self.index.by_passage.get(passage_id, []):
            entity = self.index.entities.get(mention.entity)
            if entity is None or entity.type not in PARTY_TYPES:
                continue
            if start <= mention.start and mention.end <= end:
                out.append(Party(entity.id, entity.name, mention.text, mention.start, mention.end,
                                 entity.type == "person"))
        return out

    def of(self, sentence) -> list[Party]:
        """The parties of a sentence (anything with passage_id, start and end)."""
        return self.within(sentence.passage_id, sentence.start, sentence.end)


def parties_of(story, entities=None) -> Parties:
    """The story's parties: `entities` (an EntityIndex the caller already holds, e.g. a page's
    cached one) or the story's entities with its reviewed decisions applied."""
    if entities is None:
        from explorer.analysis.entities import entities_of

        entities = entities_of(story)
    return Parties(entities)
