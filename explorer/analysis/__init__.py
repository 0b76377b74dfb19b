"""Layers derived from a story's documents: coverage of a document against a reference list
(and, as they are built, entities, dated events and claims). Each reads passages and the index;
none writes the documents."""
