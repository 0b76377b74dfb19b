"""explorer.share.source.Source backed by the pages' cached loaders (ui.loaders).

st.cache_resource is process-wide and thread-safe, so a route running outside any script run
gets the very engine, model, timeline and comparison the pages use, loaded once per process.
"""

from ui import loaders


class LoaderSource:
    def config(self):
        return loaders.config()

    def engine(self, collection=None):
        return loaders.engine(collection)

    def story(self, collection=None):
        return loaders.story(collection)

    def documents_by_id(self, collection=None) -> dict:
        return loaders.documents_by_id(collection)

    def entity_index(self, collection=None):
        return loaders.entity_index(collection)

    def vocabulary(self, collection=None):
        return loaders.vocabulary(collection)

    def timeline(self):
        return loaders.timeline()

    def story_timeline(self, collection=None):
        return loaders.story_timeline(collection)

    def principles(self):
        return loaders.principles()

    def sources(self, collection=None) -> list[dict]:
        return loaders.sources(collection)

    def manifest(self, collection=None) -> dict:
        return loaders.manifest(collection)

    def reference_choices(self, collection=None):
        return loaders.reference_choices(collection if collection is not None else _bundled())


def _bundled():
    from explorer.story import collections

    return collections.bundled(loaders.config())


SOURCE = LoaderSource()
