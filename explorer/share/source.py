"""What a preview or a JSON twin needs loaded, behind one small interface.

The server implements it with the app's own cached loaders (so the pages and the API share one
engine per process); tests implement it with a directly opened engine.
"""

from typing import Protocol


class Source(Protocol):
    def config(self):
        """The process's Config (explorer.settings)."""

    def engine(self, collection=None):
        """The shared Engine of a collection (None: the bundled story)."""

    def documents_by_id(self, collection=None) -> dict:
        """{doc id: Document} of a collection."""

    def entity_index(self, collection=None):
        """The story's entities with its reviews applied (explorer.analysis.entities.EntityIndex)."""

    def timeline(self):
        """The timeline events (explorer.story.timeline.load_timeline)."""

    def story_timeline(self, collection=None):
        """(story, Timeline, table) of a collection's events (explorer.analysis.events)."""

    def principles(self):
        """The principles page's data (explorer.analysis.coverage.principles_data.PrinciplesData)."""

    def reference_choices(self, collection=None):
        """(documents that can be studied as (id, title), reference sets) for the principles page."""

    def sources(self) -> list[dict]:
        """Every public source URL with the records that cite it (explorer.story.sources.all_sources)."""

    def manifest(self) -> dict:
        """The bundled index's manifest as on disk (explorer.store.index.read_manifest)."""
