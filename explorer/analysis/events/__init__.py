"""Dated events from any collection's documents.

A sentence stating that something happened on a date becomes an event: its date at its real
precision (absolute, or relative to its document's date), kind, parties, amounts and source
passage. The same event reported by several documents is one event with several sources. The
derived layer (`events_of`) is cached per passage; the reviewed layer on it (`timeline_of`) holds
what people confirmed, corrected, rejected or added, and the curated events a story ships.

Modules: dates (the date grammar), sentences (sentences, page furniture), kinds (kind, parties,
amounts), extract (per passage and per document), merge (one event per happening), layer (the
story's events and timeline), review (recording decisions), export (CSV and TimelineJS).
"""

from explorer.analysis.events.dates import compatible, find_dates
from explorer.analysis.events.extract import extract, resolve_document
from explorer.analysis.events.kinds import KINDS
from explorer.analysis.events.layer import LAYER, VERSION, Timeline, events_of, timeline_of
from explorer.analysis.events.merge import SAME_EVENT_SIMILARITY, merge, merged_event

__all__ = ["KINDS", "LAYER", "SAME_EVENT_SIMILARITY", "VERSION", "Timeline", "compatible", "events_of", "extract",
           "find_dates", "merge", "merged_event", "resolve_document", "timeline_of"]
